package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.testsupport.MemoryArchive;

/**
 * Seeded random mutations of every fixture (bit flips, cut, duplicated and deleted spans, inserted
 * markup characters): importing them never throws, every problem names its file, and the archive
 * holds exactly what the reports say was added. Each mutant is imported alone within a time bound:
 * read by an importer or refused with a reason, never left unhandled, never hanging.
 */
class FuzzTest {

    private static final byte[] SPICE = "<>\"'&;:[]{},\\/-\n\r\u0000#=\u00e9".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    static byte[] mutate(byte[] in, Random rnd) {
        byte[] b = in.clone();
        int ops = 1 + rnd.nextInt(8);
        for (int k = 0; k < ops && b.length > 0; k++) {
            int pos = rnd.nextInt(b.length);
            switch (rnd.nextInt(6)) {
            case 0 -> b[pos] ^= (byte) (1 << rnd.nextInt(8));
            case 1 -> b = java.util.Arrays.copyOf(b, pos);
            case 2 -> {
                int len = Math.min(b.length - pos, 1 + rnd.nextInt(64));
                byte[] n = new byte[b.length + len];
                System.arraycopy(b, 0, n, 0, pos + len);
                System.arraycopy(b, pos, n, pos + len, b.length - pos);
                b = n;
            }
            case 3 -> {
                int len = Math.min(b.length - pos, 1 + rnd.nextInt(64));
                byte[] n = new byte[b.length - len];
                System.arraycopy(b, 0, n, 0, pos);
                System.arraycopy(b, pos + len, n, pos, b.length - pos - len);
                b = n;
            }
            case 4 -> b[pos] = SPICE[rnd.nextInt(SPICE.length)];
            default -> b[pos] = (byte) rnd.nextInt(256);
            }
        }
        return b;
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void thousandsOfMutantsNeverEscapeOrCorrupt(@TempDir Path tmp) throws Exception {
        Random rnd = new Random(20260328L);
        List<Path> fixtures = new ArrayList<>();
        for (Path f : Fixtures.all()) {
            if (!f.getFileName().toString().endsWith(".md")) {
                fixtures.add(f);
            }
        }
        ImportService service = TestImports.service();
        long added = 0;
        int handled = 0;
        int rounds = 40;
        try (Archive a = new MemoryArchive(tmp.resolve("archive"))) {
            for (int round = 0; round < rounds; round++) {
                Path dir = tmp.resolve("round" + round);
                for (Path f : fixtures) {
                    Path target = dir.resolve(f.getParent().getFileName().toString()).resolve(f.getFileName());
                    Files.createDirectories(target.getParent());
                    Files.write(target, mutate(Files.readAllBytes(f), rnd));
                    // one mutant at a time, so that each one is seen handled and none can hang the others
                    String what = "round " + round + ", mutant of " + f.getFileName();
                    ImportReport r = assertTimeoutPreemptively(Duration.ofSeconds(60),
                            () -> service.importPaths(a, List.of(target), ImportOptions.defaults(), null), () -> what + " hung");
                    assertFalse(r.cancelled(), what);
                    for (ImportProblem p : r.errors()) {
                        assertTrue(p.file().startsWith(target.toString()), what + ": " + p);
                        assertFalse(p.reason().isBlank(), what + ": " + p);
                    }
                    assertTrue(r.files() == 1 || !r.errors().isEmpty(),
                            what + ": neither read by an importer nor refused with a reason");
                    added += r.messagesAdded();
                    handled++;
                }
            }
            assertEquals(rounds * fixtures.size(), handled, "every mutant handled");
            assertEquals(added, a.stats().messages(), "archive holds exactly what was reported");
            assertTrue(added > 0);
        }
    }
}

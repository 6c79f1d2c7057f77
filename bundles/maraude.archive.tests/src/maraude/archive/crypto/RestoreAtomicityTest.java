package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.T0;
import static maraude.archive.crypto.ProtectionTestData.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.crypto.ProtectionTestData.Thread;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Platform;

/**
 * Restore is all or nothing: a process that dies at any step of it (halted right after each step in
 * a child JVM, or killed with -9 in the middle of restores in a loop) leaves the old archive or the
 * new one, openable, never a mix of both.
 */
class RestoreAtomicityTest {

    @TempDir
    Path tmp;

    private static final String PASS = new String(ProtectionTestData.PASS);
    private static final int OLD = 50;
    private static final int NEW = 80;

    private Path archive(String name, int messages, String word) throws IOException {
        Path root = tmp.resolve(name);
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = new ProtectedArchiveFactory(new Keyring(x -> null)).open(root, AccessMode.READ_WRITE, pass())) {
            Thread t = ProtectionTestData.thread(a, Platform.SMS, "+3247066" + messages, "Personne");
            ProtectionTestData.filler(a, t, messages - 1, T0);
            a.addMessage(ProtectionTestData.msg(t, 99_999, T0.minusDays(1), "mot " + word, List.of()));
            a.commit();
        }
        return root;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    /** Opens as the workbench or the CLI would (with a fresh keyring): the number of messages. */
    private static long open(Path root) {
        try (Archive a = new ProtectedArchiveFactory(new Keyring(x -> null)).open(root, AccessMode.READ_WRITE, pass())) {
            long n = a.stats().messages();
            // never a mix: the words of one archive only
            long oldHits = a.search(SearchQuery.of("ancienmot")).totalHits();
            long newHits = a.search(SearchQuery.of("nouveaumot")).totalHits();
            assertTrue(n == OLD && oldHits == 1 && newHits == 0 || n == NEW && oldHits == 0 && newHits == 1,
                    n + " messages, old word " + oldHits + ", new word " + newHits);
            return n;
        }
    }

    @Test
    void haltedAfterEveryStepLeavesTheOldOrTheNewArchive() throws Exception {
        Path pristine = archive("pristine", OLD, "ancienmot");
        Path other = archive("other", NEW, "nouveaumot");
        Path backup = tmp.resolve("backup");
        ArchiveBackup.backup(other, backup, new Keyring(x -> pass()), null, CheapKdf.PARAMS);

        List<Integer> steps = new ArrayList<>(List.of(0, 1));
        for (int s = 10; s < 30; s++) {
            steps.add(s);
        }
        int halted = 0;
        for (int step : steps) {
            Path root = tmp.resolve("run" + step);
            copy(pristine, root);
            int exit;
            try (ProtectionChildJvm child = ProtectionChildJvm.start("restore", root.toString(), PASS, backup.toString(),
                    Integer.toString(step))) {
                exit = child.process.waitFor();
            }
            long n = open(root);
            if (exit == 9) {
                halted++;
                assertEquals(step == 0 ? OLD : NEW, n, "halted after step " + step
                        + ": before the journal the old archive, after it the new one");
            } else {
                assertEquals(0, exit, "the child restores to the end when the step is past the last one");
                assertEquals(NEW, n);
            }
            assertFalse(Files.exists(root.resolve(RestoreJournal.JOURNAL)), "the journal is done with at open");
            assertFalse(Files.exists(root.resolve(RestoreJournal.STAGING)));
            // the archive opens again, and a new restore works on it
            assertEquals(n, open(root));
            if (exit != 9) {
                break;
            }
        }
        assertTrue(halted >= 2 + 3 + 3, "a halt after every move (3 out, 3 in) and both journal steps: " + halted);
    }

    @Test
    void killNineDuringRestoresLeavesOneOfTheTwo() throws Exception {
        Path root = archive("loop", OLD, "ancienmot");
        Path other = archive("other", NEW, "nouveaumot");
        Path backupNew = tmp.resolve("backup-new");
        Path backupOld = tmp.resolve("backup-old");
        ArchiveBackup.backup(other, backupNew, new Keyring(x -> pass()), null, CheapKdf.PARAMS);
        ArchiveBackup.backup(root, backupOld, new Keyring(x -> pass()), null, CheapKdf.PARAMS);
        for (int round = 0; round < 3; round++) {
            try (ProtectionChildJvm child = ProtectionChildJvm.start("restoreloop", root.toString(), PASS,
                    backupNew.toString(), backupOld.toString())) {
                child.await("RESTORED", 2);
                java.lang.Thread.sleep(5L + 17L * round);
                child.kill();
            }
            open(root);
            assertFalse(Files.exists(root.resolve(RestoreJournal.JOURNAL)));
        }
    }
}

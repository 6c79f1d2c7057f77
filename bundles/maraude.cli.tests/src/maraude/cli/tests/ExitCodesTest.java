package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.cli.CliApplication;
import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;
import maraude.cli.Main;
import maraude.cli.tests.CliHarness.Run;
import maraude.core.archive.ArchiveFactory;

/**
 * Exit codes where they used to be wrong: an idempotent re-import with only warnings exits 0, an
 * internal failure (stack overflow, out of memory) exits 1 with a message on stderr instead of 0 and
 * silence, a query nested 20,000 parentheses deep is an answer, not a crash. And the plain class-path
 * launcher wires exactly the commands Declarative Services registers.
 */
class ExitCodesTest {

    private static Map<String, CliCommand> commands;
    private static ArchiveFactory factory;

    @BeforeAll
    static void services() throws Exception {
        factory = CliHarness.factory();
        commands = CliHarness.commands("info", "search", "import"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    /** A WhatsApp Android export zipped without its picture: a missing-attachment warning. */
    private static Path zipWithoutItsPicture(Path dir) throws Exception {
        Path zip = dir.resolve("WhatsApp Chat with Luna.zip"); //$NON-NLS-1$
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("WhatsApp Chat with Luna.txt")); //$NON-NLS-1$
            z.write(("01/03/2024, 10:00 - Luna: bonjour, c'est pour le test\n" //$NON-NLS-1$
                    + "01/03/2024, 10:01 - Luna: IMG-20240301-WA0001.jpg (file attached)\n" //$NON-NLS-1$
                    + "01/03/2024, 10:02 - Luna: vous avez recu la photo ?\n").getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
            z.closeEntry();
        }
        return zip;
    }

    @Test
    void reimportWithOnlyWarningsExitsZero(@TempDir Path tmp) throws Exception {
        Path zip = zipWithoutItsPicture(tmp);
        List<String> argv = List.of("--archive", tmp.resolve("archive").toString(), "import", zip.toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Run first = CliHarness.run(argv);
        assertEquals(0, first.code(), first.err());
        JsonNode j = first.json();
        assertEquals(3, j.get("messages_added").asLong(), first.out()); //$NON-NLS-1$
        assertEquals(0, j.get("errors").size(), first.out()); //$NON-NLS-1$
        assertEquals("missing-attachment", j.get("warnings").get(0).get("code").asText(), first.out()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Run again = CliHarness.run(argv);
        assertEquals(0, again.code(), "nothing new, a warning: a cron job's re-import succeeds; " + again.out()); //$NON-NLS-1$
        assertEquals(0, again.json().get("messages_added").asLong()); //$NON-NLS-1$
        assertEquals(3, again.json().get("duplicates_skipped").asLong()); //$NON-NLS-1$
        assertEquals(1, again.json().get("warnings").size()); //$NON-NLS-1$
        Run text = CliHarness.run(List.of("--archive", tmp.resolve("archive").toString(), "import", zip.toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, text.code());
        assertTrue(text.out().contains("warning "), text.out()); //$NON-NLS-1$
    }

    @Test
    void importOfNothingReadableExitsTwoWithTheErrorListed(@TempDir Path tmp) throws Exception {
        Path notes = tmp.resolve("notes.md"); //$NON-NLS-1$
        Files.writeString(notes, "# pas un export\n"); //$NON-NLS-1$
        Run r = CliHarness.run(List.of("--archive", tmp.resolve("archive").toString(), "--json", "import", notes.toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, r.code(), r.out());
        assertEquals("not-recognised", r.json().get("errors").get(0).get("code").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, r.json().get("warnings").size()); //$NON-NLS-1$
    }

    /** A command that fails inside the JVM as a real bug would. */
    private static CliCommand failing(String name, Runnable failure) {
        return new CliCommand() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String summary() {
                return name;
            }

            @Override
            public String usage() {
                return name;
            }

            @Override
            public int run(CliInvocation inv) {
                inv.out().print("partial output "); //$NON-NLS-1$
                failure.run();
                return 0;
            }
        };
    }

    static long[] sink;

    private static int depth(int n) {
        return n == Integer.MIN_VALUE ? 0 : 1 + depth(n + 1);
    }

    @Test
    void internalFailuresExitOneWithAMessage(@TempDir Path tmp) {
        Map<String, CliCommand> cmds = new TreeMap<>(commands);
        cmds.put("recurse", failing("recurse", () -> depth(0))); //$NON-NLS-1$ //$NON-NLS-2$
        // The VM refuses an array past its limit at once: a real OutOfMemoryError without filling a
        // shared machine's memory.
        cmds.put("allocate", failing("allocate", () -> sink = new long[Integer.MAX_VALUE])); //$NON-NLS-1$ //$NON-NLS-2$
        for (String c : List.of("recurse", "allocate")) { //$NON-NLS-1$ //$NON-NLS-2$
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int code = CliApplication.run(List.of("--archive", tmp.toString(), c), new PrintStream(OutputStream.nullOutputStream()), //$NON-NLS-1$
                    new PrintStream(err, true, StandardCharsets.UTF_8), () -> factory, cmds);
            String e = err.toString(StandardCharsets.UTF_8);
            assertEquals(1, code, c + ": " + e);
            String expected = c.equals("recurse") ? "StackOverflowError" : "OutOfMemoryError"; //$NON-NLS-1$ //$NON-NLS-2$
            assertTrue(e.startsWith("maraude: internal error (java.lang." + expected + ")"), e); //$NON-NLS-1$ //$NON-NLS-2$
            assertTrue(e.lines().count() < 40, "a short report, not the whole recursion: " + e.lines().count()); //$NON-NLS-1$
        }
    }

    @Test
    void queryNestedTwentyThousandDeepIsAnAnswer(@TempDir Path tmp) throws Exception {
        Path zip = zipWithoutItsPicture(tmp);
        Path archive = tmp.resolve("archive"); //$NON-NLS-1$
        assertEquals(0, CliHarness.run(archive, "import", zip.toString()).code()); //$NON-NLS-1$
        String q = "(".repeat(20_000) + "test" + ")".repeat(20_000); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Run r = CliHarness.run(archive, "--json", "search", q); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.json().get("total").asLong(), r.out().substring(0, 200)); //$NON-NLS-1$
    }

    @Test
    void plainLauncherWiresTheCommandsDeclarativeServicesRegisters() throws Exception {
        Map<String, CliCommand> plain = Main.commands();
        Map<String, CliCommand> ds = CliHarness.commands(plain.keySet().toArray(String[]::new));
        assertEquals(ds.keySet(), plain.keySet());
        assertTrue(plain.size() >= 20, plain.keySet().toString());
        for (CliCommand c : plain.values()) {
            assertEquals(ds.get(c.name()).getClass(), c.getClass());
        }
    }
}

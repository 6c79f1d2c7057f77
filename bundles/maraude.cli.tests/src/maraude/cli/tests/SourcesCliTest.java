package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.cli.CliApplication;
import maraude.cli.CliCommand;
import maraude.core.archive.ArchiveFactory;

/** {@code sources} and {@code pull}: a watched folder configured, pulled and reported from the command line. */
class SourcesCliTest {

    @TempDir
    static Path tmp;
    private static ArchiveFactory factory;
    private static Map<String, CliCommand> commands;

    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    @BeforeAll
    static void services() throws Exception {
        var bc = FrameworkUtil.getBundle(CliApplication.class).getBundleContext();
        ServiceTracker<ArchiveFactory, ArchiveFactory> t = new ServiceTracker<>(bc, ArchiveFactory.class, null);
        t.open();
        factory = t.waitForService(20_000);
        ServiceTracker<CliCommand, CliCommand> c = new ServiceTracker<>(bc, CliCommand.class, null);
        c.open();
        c.waitForService(20_000);
        commands = new TreeMap<>();
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline && !(commands.containsKey("pull") && commands.containsKey("sources"))) { //$NON-NLS-1$ //$NON-NLS-2$
            for (CliCommand cmd : c.getTracked().values()) {
                commands.put(cmd.name(), cmd);
            }
            Thread.sleep(50);
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new ArrayList<>(List.of("--archive", tmp.resolve("archive").toString())); //$NON-NLS-1$ //$NON-NLS-2$
        argv.addAll(List.of(args));
        int code = CliApplication.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> factory, commands);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Path fixture(String relative) {
        for (Path d = Paths.get(System.getProperty("user.dir")).toAbsolutePath(); d != null; d = d.getParent()) { //$NON-NLS-1$
            Path f = d.resolve("shared").resolve("fixtures").resolve(relative); //$NON-NLS-1$ //$NON-NLS-2$
            if (Files.isRegularFile(f)) {
                return f;
            }
        }
        throw new IllegalStateException("fixture not found: " + relative); //$NON-NLS-1$
    }

    @Test
    void watchedFolderAddedPulledAndListedAsJson() throws Exception {
        Path drop = Files.createDirectories(tmp.resolve("drop")); //$NON-NLS-1$
        Run add = run("sources", "add", "watched_folder", drop.toString(), "--id", "drop", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals(0, add.code(), add.err());
        assertEquals("drop", add.json().get("id").asText()); //$NON-NLS-1$ //$NON-NLS-2$

        Run before = run("sources", "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, before.code(), before.err());
        JsonNode s0 = before.json().get("sources").get(0); //$NON-NLS-1$
        assertEquals("new", s0.get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(s0.get("due").asBoolean()); //$NON-NLS-1$
        assertTrue(s0.get("last_pull").isNull()); //$NON-NLS-1$

        Files.copy(fixture("whatsapp/pustur_short_chat_android_en_2017.txt"), drop.resolve("WhatsApp Chat with Sam.txt")); //$NON-NLS-1$ //$NON-NLS-2$
        Run pull = run("pull", "drop", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, pull.code(), pull.err());
        assertEquals("ok", pull.json().get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(pull.json().get("messages_added").asLong() > 0); //$NON-NLS-1$
        assertTrue(Files.exists(drop.resolve("done").resolve("WhatsApp Chat with Sam.txt"))); //$NON-NLS-1$ //$NON-NLS-2$

        Run after = run("sources", "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode s1 = after.json().get("sources").get(0); //$NON-NLS-1$
        assertEquals("ok", s1.get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(s1.get("overdue").asBoolean()); //$NON-NLS-1$
        Instant last = Instant.parse(s1.get("last_pull").asText()); //$NON-NLS-1$
        assertEquals(last.plusSeconds(300), Instant.parse(s1.get("next_pull").asText())); //$NON-NLS-1$
        assertEquals(0, after.json().get("overdue").asInt()); //$NON-NLS-1$

        Run later = run("sources", "--json", "--now", last.plusSeconds(3 * 3600).toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(later.json().get("sources").get(0).get("overdue").asBoolean(), "three hours late is overdue"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(1, later.json().get("overdue").asInt()); //$NON-NLS-1$

        Run again = run("pull", "drop", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, again.json().get("messages_added").asLong(), "the export was imported once"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void badInputExitsWithTwo() {
        assertEquals(2, run("pull", "no-such-source").code()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, run("pull").code()); //$NON-NLS-1$
        assertEquals(2, run("sources", "add", "web_inbox", "not-a-url", "--profile", "x").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals(2, run("sources", "add", "web_inbox", "https://example.org/").code(), "--profile is required"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, run("sources", "add", "telepathy", "x").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, run("sources", "add", "watched_folder", tmp.resolve("nope").toString()).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, run("sources", "add", "watched_folder", tmp.toString(), "--id", "../x").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, run("sources", "remove", "ghost").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, run("sources", "frobnicate").code()); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

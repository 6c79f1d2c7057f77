package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.cli.tests.CliHarness.Run;

/** {@code sources} and {@code pull}: a watched folder configured, pulled and reported from the command line. */
class SourcesCliTest {

    @TempDir
    static Path tmp;
    @BeforeAll
    static void services() throws Exception {
        CliHarness.factory();
        CliHarness.commands("pull", "sources"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static Run run(String... args) {
        return CliHarness.run(tmp.resolve("archive"), args); //$NON-NLS-1$
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

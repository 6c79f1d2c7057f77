package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.cli.tests.CliHarness.Run;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.demo.DemoShowcase;
import maraude.core.demo.GeneratedConversation;

/** {@code classify}, and {@code backlog} / {@code suggest} reading the messages (issue 14's contract). */
class ClassifyCliTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 4, 14, 16, 30, 0, 0, ZoneId.of("Europe/Brussels"));

    @TempDir
    static Path folder;

    @BeforeAll
    static void showcaseArchive() throws Exception {
        CliHarness.factory();
        CliHarness.commands("classify", "backlog", "suggest"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        try (Archive archive = CliHarness.factory().open(folder, AccessMode.READ_WRITE)) {
            DemoShowcase.populate(archive, NOW);
        }
    }

    private static Run run(String... args) {
        return CliHarness.run(folder, args);
    }

    @Test
    void classifyPrintsTheContractAsOneJsonDocument() throws Exception {
        Run r = run("classify", "--text", "la capote a craqué cette nuit", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(0, r.code(), r.err());
        JsonNode d = r.json();
        assertEquals(List.of("language", "language_confidence", "intent", "urgent", "urgency", "matched"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                iterable(d.fieldNames()));
        assertEquals("fr", d.get("language").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        double conf = d.get("language_confidence").asDouble(); //$NON-NLS-1$
        assertTrue(conf > 0 && conf <= 1, "confidence " + conf);
        assertEquals("reply", d.get("intent").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(d.get("urgent").asBoolean()); //$NON-NLS-1$
        JsonNode u = d.get("urgency").get(0); //$NON-NLS-1$
        assertEquals("pep", u.get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(72, u.get("hours_left").asInt(), "written now: the whole window is left"); //$NON-NLS-1$
        assertTrue(u.get("matched").asText().contains("capote"), u.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(d.get("matched").size() > 0); //$NON-NLS-1$

        JsonNode ok = run("classify", "--text", "ok", "--json").json(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertTrue(ok.get("language").isNull(), "one word cannot tell"); //$NON-NLS-1$
        assertEquals("closing", ok.get("intent").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(ok.get("urgent").asBoolean()); //$NON-NLS-1$
        assertEquals(0, ok.get("urgency").size()); //$NON-NLS-1$
        JsonNode stop = run("classify", "--text", "stop met me te sturen", "--json").json(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals("opt_out", stop.get("intent").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("nl", stop.get("language").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode violence = run("classify", "--text", "un client m'a frappée", "--json").json(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertTrue(violence.get("urgency").get(0).get("hours_left").isNull(), "hours only for PEP"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void classifyRefusesBadInputWithExitCodeTwo() {
        assertEquals(2, run("classify").code()); //$NON-NLS-1$
        assertEquals(2, run("classify", "--text", "a", "extra").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, run("classify", "--text", "x".repeat(100_001)).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Run text = run("classify", "--text", "merciii"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, text.code());
        assertTrue(text.out().contains("closing"), text.out()); //$NON-NLS-1$
    }

    @Test
    void aTeamsRuleLinesAreUsedAndABrokenFileIsReported(@TempDir Path archive) throws Exception {
        Files.createDirectories(archive.resolve("classify")); //$NON-NLS-1$
        Files.writeString(archive.resolve("classify/fr.txt"), "[closing]\ncimer\n", StandardCharsets.UTF_8); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("closing", CliHarness.run(archive, "classify", "--text", "cimer", "--json").json().get("intent").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        Files.writeString(archive.resolve("classify/fr.txt"), "[nope]\ncimer\n", StandardCharsets.UTF_8); //$NON-NLS-1$ //$NON-NLS-2$
        Run broken = CliHarness.run(archive, "classify", "--text", "cimer"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, broken.code());
        assertTrue(broken.err().contains("fr.txt:1"), broken.err()); //$NON-NLS-1$
    }

    @Test
    void backlogRowsCarryLanguageIntentAndUrgencyInTheQueuesOrder() throws Exception {
        Run r = run("backlog", "--now", NOW.toInstant().toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, r.code(), r.err());
        JsonNode d = r.json();
        JsonNode items = d.get("items"); //$NON-NLS-1$
        assertEquals(DemoShowcase.threads(NOW).size(), items.size(), "closings and opt-outs are listed");
        JsonNode first = items.get(0);
        assertTrue(first.get("urgent").asBoolean()); //$NON-NLS-1$
        assertEquals("pep", first.get("urgency").get(0).get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(66, first.get("urgency").get(0).get("hours_left").asInt()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("fr", first.get("language").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        int lastGroup = 0;
        int closings = 0;
        int optOuts = 0;
        for (JsonNode row : items) {
            String intent = row.get("intent").asText(); //$NON-NLS-1$
            int group = row.get("urgent").asBoolean() ? 0 : switch (intent) { //$NON-NLS-1$
            case "reply" -> 1; //$NON-NLS-1$
            case "opt_out" -> 2; //$NON-NLS-1$
            default -> 3;
            };
            assertTrue(group >= lastGroup, "queue order: urgent, reply, opt-out, closing: " + row);
            lastGroup = group;
            closings += intent.equals("closing") ? 1 : 0; //$NON-NLS-1$
            optOuts += intent.equals("opt_out") ? 1 : 0; //$NON-NLS-1$
        }
        assertEquals(d.get("closings").asInt(), closings); //$NON-NLS-1$
        assertEquals(d.get("opt_outs").asInt(), optOuts); //$NON-NLS-1$
        assertEquals(3, d.get("urgent").asInt()); //$NON-NLS-1$
    }

    @Test
    void suggestAnswersEachThreadInItsLanguageWhateverItsShortLastWord() throws Exception {
        int right = 0;
        int threads = 0;
        for (GeneratedConversation g : DemoShowcase.threads(NOW)) {
            Run r = run("suggest", g.conversation().id(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals(0, r.code(), r.err());
            threads++;
            JsonNode s = r.json();
            if (s.size() > 0 && s.get(0).get("language").asText().equals(g.language())) { //$NON-NLS-1$
                right++;
            }
        }
        assertEquals(threads, right, "every showcase thread gets suggestions in its own language");
        JsonNode nl = run("suggest", "--text", "ok", "--language", "nl", "--json").json(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals("nl", nl.get(0).get("language").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode pt = run("suggest", "--text", "preciso de camisinha, vcs mandam?", "--json").json(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals("pt", pt.get(0).get("language").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, run("suggest", "--text", "ok", "--language", "de").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
    }

    /** Readings kept on disk give the backlog the direct reading gives (#16): same rows, same order. */
    @Test
    void backlogIsTheSameWithKeptReadingsAndWithout() throws Exception {
        Path kept = folder.resolve(maraude.core.triage.ReadingCache.FILE_NAME);
        Files.deleteIfExists(kept);
        String now = NOW.toInstant().toString();
        Run cold = run("backlog", "--now", now, "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, cold.code(), cold.err());
        assertTrue(Files.exists(kept), "the first backlog keeps what it read");
        Run warm = run("backlog", "--now", now, "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(cold.out(), warm.out(), "a backlog from the kept readings prints the same document");

        List<String> direct = new java.util.ArrayList<>();
        try (Archive a = CliHarness.factory().open(folder, AccessMode.READ_ONLY)) {
            var queue = new maraude.core.triage.TriageService(a, maraude.core.triage.TriageStateStore.open(a.files()),
                    maraude.core.triage.TriagePolicy.defaults(), maraude.core.archive.TeamZone.of(a.files()),
                    maraude.core.triage.ReadingSettings.load(a.files()), false).queue(NOW.toInstant());
            for (var q : queue.items()) {
                direct.add(q.conversationId() + " " + q.intent().key() + " " + q.language() + " " + q.urgent() + " " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                        + (q.reading() == null ? null : q.reading().pepHoursLeft()));
            }
        }
        List<String> printed = new java.util.ArrayList<>();
        for (JsonNode row : warm.json().get("items")) { //$NON-NLS-1$
            Integer pep = null;
            for (JsonNode u : row.get("urgency")) { //$NON-NLS-1$
                if (u.get("kind").asText().equals("pep") && !u.get("hours_left").isNull()) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                    int h = u.get("hours_left").asInt(); //$NON-NLS-1$
                    pep = pep == null ? h : Math.min(pep, h);
                }
            }
            printed.add(row.get("id").asText() + " " + row.get("intent").asText() + " " + row.get("language").asText() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                    + " " + row.get("urgent").asBoolean() + " " + pep); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        assertTrue(printed.size() > 5);
        assertEquals(direct, printed);
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }
}

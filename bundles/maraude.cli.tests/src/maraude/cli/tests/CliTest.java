package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.cli.CliCommand;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;
import maraude.core.archive.ArchiveStats;
import maraude.core.demo.DemoGenerator;
import maraude.images.DemoImages;
import maraude.core.model.Message;

import maraude.cli.tests.CliHarness.Run;

/** The command-line contract: one JSON document on stdout, exit codes 0/2/1, commands found as services. */
class CliTest {

    @TempDir
    static Path folder;
    private static ArchiveFactory factory;
    private static Map<String, CliCommand> commands;
    private static ArchiveStats stats;

    @BeforeAll
    static void demoArchive() throws Exception {
        factory = CliHarness.factory();
        commands = CliHarness.commands("info", "demo", "search", "show", "import", "backlog", "report"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        try (Archive archive = factory.open(folder, AccessMode.READ_WRITE)) {
            new DemoGenerator(7L, ZonedDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneId.of("Europe/Brussels"))) //$NON-NLS-1$
                    .withPictures(new DemoImages()).populate(archive, 1_500, (done, total) -> true);
            stats = archive.stats();
        }
    }

    private static Run run(String... args) {
        return CliHarness.run(folder, args);
    }

    @Test
    void helpListsTheCommandsFoundAsServices() {
        Run r = run("--help"); //$NON-NLS-1$
        assertEquals(0, r.code());
        for (String name : List.of("info", "demo", "search", "show")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertTrue(r.out().contains("  " + name + " "), name); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    @Test
    void infoPrintsTheCountsAsOneJsonDocument() throws Exception {
        Run r = run("info", "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, r.code(), r.err());
        JsonNode doc = r.json();
        assertEquals(stats.messages(), doc.get("messages").asLong()); //$NON-NLS-1$
        assertEquals(stats.conversations(), doc.get("conversations").asLong()); //$NON-NLS-1$
        assertEquals(stats.contacts(), doc.get("contacts").asLong()); //$NON-NLS-1$
        assertTrue(stats.messages() >= 1_500);
    }

    @Test
    void searchFindsAMessageAndShowPrintsItsThread() throws Exception {
        Message sample;
        try (Archive a = factory.open(folder, AccessMode.READ_ONLY)) {
            sample = a.summaries().stream().flatMap(s -> a.messages(s.conversationId()).stream())
                    .filter(m -> m.isInbound() && m.text().matches("(?s).*\\b[a-z]{9,}\\b.*")).findFirst().orElseThrow(); //$NON-NLS-1$
        }
        String word = sample.text().replaceAll("(?s).*?\\b([a-z]{9,})\\b.*", "$1"); //$NON-NLS-1$ //$NON-NLS-2$
        Run r = run("search", word, "--limit", "500", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(0, r.code(), r.err());
        JsonNode doc = r.json();
        assertTrue(doc.get("total").asLong() >= 1); //$NON-NLS-1$
        boolean found = false;
        for (JsonNode hit : doc.get("hits")) { //$NON-NLS-1$
            found |= hit.get("message_id").asText().equals(sample.id()); //$NON-NLS-1$
            assertTrue(hit.get("snippet").asText().contains("[["), "snippets mark the hit"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        assertTrue(found, "the message the word was taken from is among the hits"); //$NON-NLS-1$

        Run show = run("show", sample.conversationId(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, show.code(), show.err());
        boolean inThread = false;
        for (JsonNode m : show.json().get("messages")) { //$NON-NLS-1$
            inThread |= m.get("message_id").asText().equals(sample.id()) && m.get("text").asText().equals(sample.text()); //$NON-NLS-1$ //$NON-NLS-2$
        }
        assertTrue(inThread);
    }

    @Test
    void badInputExitsWithTwoAndAMessageOnStderr() {
        Run unknown = run("frobnicate"); //$NON-NLS-1$
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown command")); //$NON-NLS-1$
        assertTrue(unknown.out().isEmpty());

        assertEquals(2, run("search").code()); //$NON-NLS-1$
        assertEquals(2, run("search", "x", "--platform", "myspace").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, run("search", "x", "--from", "yesterday").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, run("show", "t-nothing").code()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, run("info", "extra").code()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, run("--bogus").code()); //$NON-NLS-1$
    }

    @Test
    void demoLeavesAnArchiveWithMessagesAlone() throws Exception {
        Run r = run("demo", "--no-ui", "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, r.code(), r.err());
        assertFalse(r.json().get("generated").asBoolean()); //$NON-NLS-1$
        assertEquals(stats.messages(), r.json().get("messages").asLong()); //$NON-NLS-1$
    }

    @Test
    void suggestRanksTheKitTemplateForAKitRequestInItsLanguage() throws Exception {
        Run r = run("suggest", "--text", "hallo, kan ik een gratis pakket met condooms en glijmiddel krijgen?", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(0, r.code(), r.err());
        JsonNode doc = r.json();
        assertTrue(doc.size() > 0 && doc.size() <= 3);
        boolean kit = false;
        for (JsonNode s : doc) {
            kit |= s.get("category").asText().equals("kit") && s.get("language").asText().equals("nl"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertFalse(s.get("text").asText().isBlank()); //$NON-NLS-1$
        }
        assertTrue(kit, "a Dutch kit template is among the suggestions: " + doc); //$NON-NLS-1$
        assertEquals(2, run("suggest").code(), "no conversation and no text is a usage error"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void suggestForAnArchivedConversation() throws Exception {
        String id;
        try (Archive a = factory.open(folder, AccessMode.READ_ONLY)) {
            id = a.summaries().get(0).conversationId();
        }
        Run r = run("suggest", id, "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().isArray() && r.json().size() >= 1);
    }

    @Test
    void templatesCheckFlagsARevealingFirstLine() throws Exception {
        Run r = run("templates", "check", "Bonjour, ici le service de prevention pour travailleuses du sexe", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(0, r.code(), r.err());
        assertTrue(r.json().size() >= 1, r.out());
        assertEquals("revealing_word", r.json().get(0).get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        Run clean = run("templates", "check", "Bonjour, comment allez-vous ?", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, clean.json().size(), clean.out());
    }

    /** ../shared/fixtures beside the repository: real exports written by others. */
    static Path fixtures() {
        return CliHarness.fixtures();
    }

    @Test
    void importAFixtureTwiceAddsItOnce(@TempDir Path other) throws Exception {
        Path chat = fixtures().resolve("whatsapp/pustur_short_chat_android_en_2017.txt"); //$NON-NLS-1$
        List<String> base = List.of("--archive", other.toString(), "import", chat.toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Run first = runRaw(base);
        assertEquals(0, first.code(), first.err());
        long added = first.json().get("messages_added").asLong(); //$NON-NLS-1$
        assertTrue(added > 0, first.out());
        Run again = runRaw(base);
        assertEquals(0, again.code(), again.err());
        assertEquals(0, again.json().get("messages_added").asLong()); //$NON-NLS-1$
        assertEquals(added, again.json().get("duplicates_skipped").asLong()); //$NON-NLS-1$
        // the archive remembers the file it read whole: skipped without parsing, its messages counted as there
        assertEquals(1, again.json().get("unchanged_files").asLong()); //$NON-NLS-1$
        Run info = runRaw(List.of("--archive", other.toString(), "info", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(info.json().get("messages").asLong() >= added); //$NON-NLS-1$
        assertEquals(2, runRaw(List.of("--archive", other.toString(), "import", other.resolve("missing.txt").toString())).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    private static Run runRaw(List<String> argv) {
        return CliHarness.run(argv);
    }

    @Test
    void backlogListsTheQueueReproduciblyWithNow() throws Exception {
        String now = "2026-11-28T09:00:00Z"; //$NON-NLS-1$
        int expected;
        try (Archive a = factory.open(folder, AccessMode.READ_ONLY)) {
            expected = new maraude.core.triage.TriageService(a, maraude.core.triage.TriageStateStore.open(a.location()),
                    maraude.core.triage.TriagePolicy.defaults(), ZoneId.of("Europe/Brussels")) //$NON-NLS-1$
                    .queue(java.time.Instant.parse(now)).size();
        }
        Run r = run("backlog", "--now", now, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, r.code(), r.err());
        JsonNode doc = r.json();
        assertTrue(expected > 0);
        assertEquals(expected, doc.get("count").asInt()); //$NON-NLS-1$
        assertEquals(expected, doc.get("items").size()); //$NON-NLS-1$
        JsonNode first = doc.get("items").get(0); //$NON-NLS-1$
        for (String field : List.of("id", "platform", "contact", "waiting_since", "age_hours", "band", "expires_at")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
            assertTrue(first.has(field), field);
        }
        assertEquals(r.out(), run("backlog", "--now", now, "--json").out(), "the same --now gives the same answer"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, run("backlog", "--now", "tomorrow").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    @Test
    void reportAndFollowUpsDue() throws Exception {
        Run json = run("report", "--from", "2026-09-01", "--to", "2026-11-28", "--format", "json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        assertEquals(0, json.code(), json.err());
        assertFalse(json.json().isMissingNode());
        Run csv = run("report", "--from", "2026-09-01", "--to", "2026-11-28"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, csv.code(), csv.err());
        assertTrue(csv.out().lines().count() >= 2, csv.out());
        Path xlsx = folder.resolveSibling(folder.getFileName() + "-report.xlsx"); //$NON-NLS-1$
        Run x = run("report", "--from", "2026-09-01", "--to", "2026-11-28", "--format", "xlsx", "--output", xlsx.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
        assertEquals(0, x.code(), x.err());
        byte[] head = java.util.Arrays.copyOf(java.nio.file.Files.readAllBytes(xlsx), 2);
        assertEquals("PK", new String(head, StandardCharsets.US_ASCII), "an xlsx is a zip"); //$NON-NLS-1$ //$NON-NLS-2$
        java.nio.file.Files.delete(xlsx);
        assertEquals(2, run("report", "--from", "2026-11-28", "--to", "2026-09-01").code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        Run due = run("contacts", "--due", "--now", "2026-11-28T09:00:00Z", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, due.code(), due.err());
        assertTrue(due.json().isArray());
        Run all = run("contacts", "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(stats.contacts(), all.json().size(), "every contact is in the register"); //$NON-NLS-1$
    }

    @Test
    void recordACampaignAndSeeItsResponseRate(@TempDir Path other) throws Exception {
        try (Archive a = factory.open(other, AccessMode.READ_WRITE)) {
            new DemoGenerator(11L, ZonedDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneId.of("Europe/Brussels"))) //$NON-NLS-1$
                    .withPictures(new DemoImages()).populate(a, 600, (done, total) -> true);
        }
        List<String> add = List.of("--archive", other.toString(), "campaigns", "add", "--date", "2026-11-01", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                "--recipients", "2000", "--platform", "sms", "--name", "SMS novembre", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        Run added = runRaw(add);
        assertEquals(0, added.code(), added.err());
        Run list = runRaw(List.of("--archive", other.toString(), "campaigns", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, list.code(), list.err());
        assertEquals(1, list.json().size());
        JsonNode c = list.json().get(0);
        assertEquals("SMS novembre", c.get("name").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2000, c.get("recipients").asInt()); //$NON-NLS-1$
        assertTrue(c.get("replied").asInt() >= 0);
        assertEquals(2, runRaw(List.of("--archive", other.toString(), "campaigns", "add", "--date", "2026-11-01")).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
    }
}

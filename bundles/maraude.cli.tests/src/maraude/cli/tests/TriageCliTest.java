package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.osgi.util.NLS;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.cli.commands.TriageCommand;
import maraude.cli.tests.CliHarness.Run;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/**
 * {@code ./maraude triage}: each change a worker makes in the queue, made from the command line on a
 * local archive holding the shared fixtures (WhatsApp and Telegram exports), seen by {@code backlog},
 * {@code show} and {@code audit}; each refusal exits 2 with nothing written, an internal failure 1;
 * every {@code --json} run prints exactly one JSON document.
 */
class TriageCliTest {

    private static final String NOW = "2026-12-06T12:00:00Z"; //$NON-NLS-1$
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;
    private Path archive;
    private List<String> waiting;
    private String id;

    @BeforeAll
    static void services() throws Exception {
        CliHarness.factory();
        CliHarness.commands("triage", "import", "backlog", "show", "audit"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
    }

    @BeforeEach
    void importTheFixtures() throws Exception {
        archive = dir.resolve("archive"); //$NON-NLS-1$
        Files.createDirectories(archive);
        // days start at midnight in the team's zone, whatever the machine's
        Files.writeString(archive.resolve("team.properties"), "time_zone=Europe/Brussels\n"); //$NON-NLS-1$ //$NON-NLS-2$
        for (String kind : List.of("whatsapp", "telegram")) { //$NON-NLS-1$ //$NON-NLS-2$
            Run r = CliHarness.run(archive, "import", CliHarness.fixtures().resolve(kind).toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals(0, r.code(), r.err());
        }
        waiting = backlog(NOW);
        assertTrue(waiting.size() > 1, waiting.toString());
        id = waiting.get(0);
    }

    // ---------------------------------------------------------------------------- helpers

    /** The run's stdout, which must be exactly one JSON document. */
    private static JsonNode json(Run r) throws Exception {
        return STRICT.readTree(r.out());
    }

    private JsonNode ok(String... args) throws Exception {
        Run r = CliHarness.run(archive, args);
        assertEquals(0, r.code(), r.err());
        return json(r);
    }

    private JsonNode triage(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of("triage", id)); //$NON-NLS-1$
        all.addAll(List.of(args));
        all.addAll(List.of("--now", NOW, "--worker", "camille", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        return ok(all.toArray(String[]::new));
    }

    /** A refused run: exit 2, a message and no trace on stderr, one JSON document saying what went wrong. */
    private JsonNode refused(String kind, String... args) throws Exception {
        Run r = CliHarness.run(archive, args);
        assertEquals(2, r.code(), r.out() + r.err());
        assertTrue(r.err().startsWith("maraude: "), r.err()); //$NON-NLS-1$
        assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), r.err()); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode doc = json(r);
        assertEquals(kind, doc.get("error").get("kind").asText(), r.out()); //$NON-NLS-1$ //$NON-NLS-2$
        return doc;
    }

    private List<String> backlog(String now) throws Exception {
        JsonNode doc = ok("backlog", "--now", now, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        List<String> ids = new ArrayList<>();
        doc.get("items").forEach(n -> ids.add(n.get("id").asText())); //$NON-NLS-1$ //$NON-NLS-2$
        return ids;
    }

    private JsonNode backlogItem(String conversation) throws Exception {
        for (JsonNode n : ok("backlog", "--now", NOW, "--json").get("items")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            if (n.get("id").asText().equals(conversation)) { //$NON-NLS-1$
                return n;
            }
        }
        throw new AssertionError(conversation + " not in the backlog"); //$NON-NLS-1$
    }

    /** What {@code show --json} says the team recorded about the conversation. */
    private JsonNode shown() throws Exception {
        return ok("show", id, "--json").get("triage"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    private JsonNode lastAudit() throws Exception {
        JsonNode entries = ok("audit", "--json").get("entries"); //$NON-NLS-1$ //$NON-NLS-2$
        return entries.get(entries.size() - 1);
    }

    private List<String> without(List<String> ids, String gone) {
        List<String> l = new ArrayList<>(ids);
        l.remove(gone);
        return l;
    }

    // ---------------------------------------------------------------------------- states

    @Test
    void handledLeavesTheBacklogAndReopenPutsItBack() throws Exception {
        JsonNode before = shown();
        assertTrue(before.get("state").isNull(), before.toString()); //$NON-NLS-1$
        JsonNode view = ok("triage", id, "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(before.get("version"), view.get("version"), "triage without a change prints the version show prints"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, view.get("changed").size()); //$NON-NLS-1$

        JsonNode handled = triage("--handled"); //$NON-NLS-1$
        assertEquals(id, handled.get("conversation_id").asText()); //$NON-NLS-1$
        assertEquals("handled", handled.get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(handled.get("handled").asBoolean()); //$NON-NLS-1$
        assertEquals("camille", handled.get("set_by").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(NOW, handled.get("set_at").asText()); //$NON-NLS-1$
        assertEquals(List.of("handled"), STRICT.convertValue(handled.get("changed"), List.class)); //$NON-NLS-1$ //$NON-NLS-2$
        assertNotEquals(before.get("version"), handled.get("version")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(handled.get("version"), shown().get("version"), "show prints the new version"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(without(waiting, id), backlog(NOW), "the backlog no longer lists it"); //$NON-NLS-1$

        JsonNode audit = lastAudit();
        assertEquals("triage", audit.get("event").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Map.of("conversations", 1, "handled", 1), STRICT.convertValue(audit.get("counts"), Map.class)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(audit.get("chained").asBoolean()); //$NON-NLS-1$

        JsonNode reopened = triage("--reopen"); //$NON-NLS-1$
        assertTrue(reopened.get("state").isNull(), reopened.toString()); //$NON-NLS-1$
        assertFalse(reopened.get("handled").asBoolean()); //$NON-NLS-1$
        assertEquals(waiting, backlog(NOW), "back in the backlog, in its place"); //$NON-NLS-1$
        assertEquals(Map.of("conversations", 1, "reopened", 1), STRICT.convertValue(lastAudit().get("counts"), Map.class)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    @Test
    void noReplyNeededAndWaitingForThePersonLeaveTheBacklog() throws Exception {
        assertEquals("no_reply_needed", triage("--no-reply-needed").get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(without(waiting, id), backlog(NOW));
        JsonNode w = triage("--waiting-for-person"); //$NON-NLS-1$
        assertEquals("waiting_for_person", w.get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(w.get("handled").asBoolean()); //$NON-NLS-1$
        assertEquals(without(waiting, id), backlog(NOW));
        triage("--reopen"); //$NON-NLS-1$
        assertEquals(waiting, backlog(NOW));
    }

    @Test
    void aSnoozeKeepsItOutUntilItsEndAndReopenWakesIt() throws Exception {
        JsonNode day = triage("--snooze-until", "2026-12-08"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("snoozed", day.get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("2026-12-07T23:00:00Z", day.get("snoozed_until").asText(), "midnight in the team's zone"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(without(waiting, id), backlog(NOW));
        assertTrue(backlog("2026-12-08T01:00:00Z").contains(id), "back once the snooze is over"); //$NON-NLS-1$ //$NON-NLS-2$

        JsonNode at = triage("--snooze-until", "2026-12-06T18:30:00Z"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("2026-12-06T18:30:00Z", at.get("snoozed_until").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(backlog(NOW).contains(id));
        JsonNode woken = triage("--reopen"); //$NON-NLS-1$
        assertTrue(woken.get("snoozed_until").isNull()); //$NON-NLS-1$
        assertEquals(waiting, backlog(NOW));

        String version = shown().get("version").asText(); //$NON-NLS-1$
        for (String bad : List.of("tomorrow", "2026-13-01", "06/12/2026")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            refused("bad_input", "triage", id, "--snooze-until", bad, "--now", NOW, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        }
        refused("bad_input", "triage", id, "--snooze-until", "2026-12-01", "--now", NOW, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        assertEquals(version, shown().get("version").asText(), "nothing written by the refused runs"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void oneStateChangeAtATime() throws Exception {
        refused("bad_input", "triage", id, "--handled", "--reopen", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        refused("bad_input", "triage", id, "--handled", "--snooze-until", "2027-01-01", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        refused("bad_input", "triage", id, "--do-not-contact", "--contact-again", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        refused("bad_input", "triage", "--handled", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        refused("bad_input", "triage", id, "--handeld", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertTrue(shown().get("state").isNull()); //$NON-NLS-1$
        assertFalse(Files.exists(archive.resolve("triage-state.json")), "nothing written"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    // ---------------------------------------------------------------------------- services, language, contact

    @Test
    void servicesAreOfferedAndWithdrawn() throws Exception {
        JsonNode two = triage("--service", "kit", "--service", "screening"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(List.of("kit", "screening"), STRICT.convertValue(two.get("services"), List.class)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(Map.of("conversations", 1, "service", 2), STRICT.convertValue(lastAudit().get("counts"), Map.class)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(two.get("state").isNull(), "a service offered leaves the state alone"); //$NON-NLS-1$ //$NON-NLS-2$
        refused("bad_input", "triage", id, "--withdraw-service", "kit", "--withdraw-service", "kit", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        assertEquals(two.get("version"), shown().get("version"), "one kit recorded, two withdrawals asked: nothing withdrawn"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        JsonNode one = triage("--withdraw-service", "kit"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of("screening"), STRICT.convertValue(one.get("services"), List.class)); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode no = refused("bad_input", "triage", id, "--withdraw-service", "kit", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(one.get("version"), no.get("version"), "the failure prints the state, unchanged"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        refused("bad_input", "triage", id, "--service", "teleport", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(one.get("version"), shown().get("version")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void theLanguageChosenShowsInTheBacklogUntilAuto() throws Exception {
        String read = backlogItem(id).get("language").asText(); //$NON-NLS-1$
        String other = read.equals("nl") ? "pt" : "nl"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(other, triage("--language", other.toUpperCase(java.util.Locale.ROOT)).get("language").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(other, backlogItem(id).get("language").asText(), "the worker's choice wins"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Map.of("conversations", 1, "language", 1), STRICT.convertValue(lastAudit().get("counts"), Map.class)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(triage("--language", "auto").get("language").isNull()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(read, backlogItem(id).get("language").asText(), "back to the language read"); //$NON-NLS-1$ //$NON-NLS-2$
        refused("bad_input", "triage", id, "--language", "klingon", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
    }

    @Test
    void doNotContactCanBeLifted() throws Exception {
        JsonNode dnc = triage("--do-not-contact"); //$NON-NLS-1$
        assertTrue(dnc.get("do_not_contact").asBoolean()); //$NON-NLS-1$
        assertTrue(shown().get("do_not_contact").asBoolean()); //$NON-NLS-1$
        assertEquals(Map.of("conversations", 1, "do_not_contact", 1), STRICT.convertValue(lastAudit().get("counts"), Map.class)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        JsonNode again = triage("--contact-again"); //$NON-NLS-1$
        assertFalse(again.get("do_not_contact").asBoolean()); //$NON-NLS-1$
        assertEquals(List.of("contact_again"), STRICT.convertValue(again.get("changed"), List.class)); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of(), STRICT.convertValue(triage("--contact-again").get("changed"), List.class), //$NON-NLS-1$ //$NON-NLS-2$
                "nothing to lift: nothing written"); //$NON-NLS-1$
    }

    @Test
    void severalChangesAtOnceAreOneAuditEntry() throws Exception {
        Run r = CliHarness.runWithInput(archive, "rappelle jeudi pour le kit".getBytes(StandardCharsets.UTF_8), //$NON-NLS-1$
                "triage", id, "--handled", "--service", "kit", "--language", "en", "--do-not-contact", "--note-stdin", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
                "--now", NOW, "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, r.code(), r.err());
        JsonNode doc = json(r);
        assertEquals("handled", doc.get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of("kit"), STRICT.convertValue(doc.get("services"), List.class)); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("en", doc.get("language").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(doc.get("do_not_contact").asBoolean()); //$NON-NLS-1$
        assertEquals(1, doc.get("notes").asInt()); //$NON-NLS-1$
        assertEquals(Map.of("conversations", 1, "handled", 1, "service", 1, "language", 1, "do_not_contact", 1, "note", 1), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                STRICT.convertValue(lastAudit().get("counts"), Map.class)); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(doc.get("version"), shown().get("version")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    // ---------------------------------------------------------------------------- notes

    @Test
    void aNoteIsReadFromTheStandardInputAndGoesNowhereElse() throws Exception {
        String note = "Elle rappelle jeudi 😊 pr le kit, pas de num au tel svp"; //$NON-NLS-1$
        Run r = CliHarness.runWithInput(archive, (note + "\n").getBytes(StandardCharsets.UTF_8), "triage", id, //$NON-NLS-1$ //$NON-NLS-2$
                "--note-stdin", "--now", NOW, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, r.code(), r.err());
        assertEquals(1, json(r).get("notes").asInt()); //$NON-NLS-1$
        assertFalse(r.out().contains("rappelle") || r.err().contains("rappelle"), "the note is not printed back"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertFalse(Files.readString(archive.resolve("audit.log")).contains("rappelle"), "counts only in the audit"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(Map.of("conversations", 1, "note", 1), STRICT.convertValue(lastAudit().get("counts"), Map.class)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(shown().get("state").isNull(), "a note leaves the state alone"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(waiting, backlog(NOW));
        try (Archive a = CliHarness.factory().open(archive, AccessMode.READ_ONLY)) {
            var notes = maraude.core.triage.TriageStateStore.open(a.files()).snapshot().conversation(id).notes();
            assertEquals(note, notes.get(0).text(), "stored as typed (accents, emoji), without the final newline"); //$NON-NLS-1$
        }

        Run typed = CliHarness.run(archive, "triage", id, "--note", "secret words", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, typed.code());
        assertFalse(typed.err().contains("secret") || typed.out().contains("secret"), "a note typed as an argument is not repeated"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("bad_input", json(typed).get("error").get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        for (byte[] bad : List.of(new byte[0], "  \n\t ".getBytes(StandardCharsets.UTF_8), //$NON-NLS-1$
                new byte[] { 'o', 'k', (byte) 0xC3, (byte) 0x28, (byte) 0xFF },
                "é".repeat(TriageCommand.MAX_NOTE + 1).getBytes(StandardCharsets.UTF_8))) { //$NON-NLS-1$
            Run b = CliHarness.runWithInput(archive, bad, "triage", id, "--note-stdin", "--handled", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertEquals(2, b.code(), b.err());
            assertEquals("bad_input", json(b).get("error").get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        JsonNode after = shown();
        assertEquals(1, after.get("notes").asInt(), "the refused notes were not written"); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(after.get("state").isNull(), "nor the state change that came with them"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    // ---------------------------------------------------------------------------- versions and refusals

    @Test
    void aStaleVersionIsRefusedAndNothingIsOverwritten() throws Exception {
        String v0 = shown().get("version").asText(); //$NON-NLS-1$
        JsonNode handled = triage("--handled", "--expect-version", v0); //$NON-NLS-1$ //$NON-NLS-2$
        String v1 = handled.get("version").asText(); //$NON-NLS-1$

        Run stale = CliHarness.run(archive, "triage", id, "--reopen", "--expect-version", v0, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, stale.code(), stale.err());
        assertTrue(stale.err().contains(v0) && stale.err().contains(v1), stale.err());
        assertTrue(stale.err().contains("rien n'a été écrasé") || stale.err().contains("nothing was overwritten") //$NON-NLS-1$ //$NON-NLS-2$
                || stale.err().contains("niets overschreven"), stale.err()); //$NON-NLS-1$
        assertFalse(stale.err().contains("\tat "), stale.err()); //$NON-NLS-1$
        JsonNode doc = json(stale);
        assertEquals("conflict", doc.get("error").get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(v1, doc.get("version").asText(), "the failure prints the stored state"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("handled", doc.get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(v1, shown().get("version").asText(), "nothing was overwritten"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(without(waiting, id), backlog(NOW));

        assertEquals("handled", triage("--service", "kit", "--expect-version", v1).get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        refused("bad_input", "triage", id, "--reopen", "--expect-version", "12", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
    }

    @Test
    void anUnknownConversationIsRefused() throws Exception {
        JsonNode doc = refused("unknown_conversation", "triage", "whatsapp-no-such-thread", "--handled", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals("whatsapp-no-such-thread", doc.get("conversation_id").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(Files.exists(archive.resolve("triage-state.json")), "nothing written"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void aChangeWaitsForTheWorkbenchToCloseTheArchive() throws Exception {
        try (Archive held = CliHarness.factory().open(archive, AccessMode.READ_WRITE)) {
            JsonNode doc = refused("locked", "triage", id, "--handled", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertFalse(doc.get("error").get("message").asText().isBlank()); //$NON-NLS-1$ //$NON-NLS-2$
            JsonNode view = ok("triage", id, "--json"); //$NON-NLS-1$ //$NON-NLS-2$
            assertTrue(view.get("state").isNull(), "reading the state needs no lock"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        assertTrue(shown().get("state").isNull(), "nothing written while it was held"); //$NON-NLS-1$
        assertEquals("handled", triage("--handled").get("state").asText(), "once closed, the change goes through"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    @Test
    void aDamagedStateFileIsAnInternalFailureThatKeepsTheFile() throws Exception {
        Path file = archive.resolve("triage-state.json"); //$NON-NLS-1$
        Files.writeString(file, "{\"version\": 1, \"conversations\": [ {\"conversationId\": "); //$NON-NLS-1$
        byte[] before = Files.readAllBytes(file);
        Run r = CliHarness.run(archive, "triage", id, "--handled", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("internal error"), r.err()); //$NON-NLS-1$
        assertEquals("internal", json(r).get("error").get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the file is left for repair"); //$NON-NLS-1$
    }

    /** The conflict message in the three languages, French the default; each says nothing was overwritten. */
    @Test
    void theConflictMessageSaysNothingWasOverwrittenInEachLanguage() throws Exception {
        Map<String, String> phrase = Map.of("", "rien n'a été écrasé", "_nl", "er is niets overschreven", "_en", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                "nothing was overwritten"); //$NON-NLS-1$
        Properties fr = properties(""); //$NON-NLS-1$
        for (Map.Entry<String, String> e : phrase.entrySet()) {
            Properties p = properties(e.getKey());
            assertEquals(fr.keySet(), p.keySet(), "the same messages in each language" + e.getKey()); //$NON-NLS-1$
            String bound = NLS.bind(p.getProperty("Triage_conflict"), "0123456789abcdef", "fedcba9876543210"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            assertTrue(bound.contains(e.getValue()) && bound.contains("0123456789abcdef"), bound); //$NON-NLS-1$
        }
    }

    private static Properties properties(String suffix) throws Exception {
        Properties p = new Properties();
        try (InputStream in = TriageCommand.class.getResourceAsStream("triage" + suffix + ".properties")) { //$NON-NLS-1$ //$NON-NLS-2$
            assertTrue(in != null, "triage" + suffix + ".properties"); //$NON-NLS-1$ //$NON-NLS-2$
            p.load(in);
        }
        return p;
    }
}

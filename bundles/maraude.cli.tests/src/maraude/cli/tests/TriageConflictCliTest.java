package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.triage.TriageConflictException;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.WorkerState;

/**
 * A change to the triage state refused because someone changed it meanwhile is the user's to redo, not
 * a crash: {@code ./maraude triage … --expect-version V} after another change (here the workbench's,
 * written to the state file between the script's read and its change) exits 2 with the message of a
 * {@link TriageConflictException} (in the user's language: nothing was overwritten), no stack trace,
 * and the other change stands. Any other failure of the triage store stays an internal error (exit 1).
 * The same refusal by a team archive's shared state is {@code TeamTriageCliTest}'s (Solr module).
 */
class TriageConflictCliTest {

    @TempDir
    Path dir;

    @BeforeAll
    static void services() throws Exception {
        CliHarness.factory();
        CliHarness.commands("triage", "import", "show"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    /** The shared WhatsApp fixtures in a new archive; the id of one of their conversations. */
    private String imported() throws Exception {
        CliHarness.Run r = CliHarness.run(dir, "import", CliHarness.fixtures().resolve("whatsapp").toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, r.code(), r.err());
        try (Archive a = CliHarness.factory().open(dir, AccessMode.READ_ONLY)) {
            return a.summaries().get(0).conversationId();
        }
    }

    @Test
    void aConflictExitsTwoWithItsMessageAndNoTraceAndTheOtherChangeStands() throws Exception {
        String id = imported();
        CliHarness.Run read = CliHarness.run(dir, "show", id, "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        String version = read.json().get("triage").get("version").asText(); //$NON-NLS-1$ //$NON-NLS-2$
        // meanwhile, in the workbench (the archive closed again): the conversation is snoozed
        TriageStateStore.open(dir).setState(id, WorkerState.SNOOZED, Instant.parse("2026-12-06T10:00:00Z"), "lea", //$NON-NLS-1$ //$NON-NLS-2$
                Instant.parse("2026-12-09T08:00:00Z")); //$NON-NLS-1$

        CliHarness.Run r = CliHarness.run(dir, "triage", id, "--handled", "--expect-version", version); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().startsWith("maraude: "), r.err()); //$NON-NLS-1$
        assertTrue(r.err().contains("rien n'a été écrasé") || r.err().contains("nothing was overwritten") //$NON-NLS-1$ //$NON-NLS-2$
                || r.err().contains("niets overschreven"), r.err()); //$NON-NLS-1$
        assertFalse(r.err().contains("\tat ") || r.err().contains("internal error"), r.err()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("", r.out(), "nothing on stdout without --json"); //$NON-NLS-1$ //$NON-NLS-2$

        JsonNode stored = CliHarness.run(dir, "show", id, "--json").json().get("triage"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("snoozed", stored.get("state").asText(), "the other change stands"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("lea", stored.get("set_by").asText()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void anotherStoreFailureStaysAnInternalError() throws Exception {
        String id = imported();
        Files.writeString(dir.resolve(TriageStateStore.FILE_NAME), "{\"version\": 99}"); //$NON-NLS-1$
        CliHarness.Run r = CliHarness.run(dir, "triage", id, "--handled"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("internal error"), r.err()); //$NON-NLS-1$
        assertEquals("{\"version\": 99}", Files.readString(dir.resolve(TriageStateStore.FILE_NAME)), "left as it was"); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

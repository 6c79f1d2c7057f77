package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;
import maraude.core.triage.TriageConflictException;
import maraude.core.triage.TriageStoreException;

/**
 * A change to the shared triage state refused because another worker changed it meanwhile
 * ({@link TriageConflictException}, thrown by a team archive's triage state) is the user's to redo, not
 * a crash: exit 2 with the message it carries (already in the user's language), no stack trace. Any
 * other failure of the triage store stays an internal error (exit 1).
 */
class TriageConflictCliTest {

    @TempDir
    Path dir;

    /** A command whose change meets {@code failure}, as a triage command on a team archive would. */
    private static CliCommand failingWith(RuntimeException failure) {
        return new CliCommand() {
            @Override
            public String name() {
                return "change"; //$NON-NLS-1$
            }

            @Override
            public String summary() {
                return "changes the triage state"; //$NON-NLS-1$
            }

            @Override
            public String usage() {
                return "maraude change"; //$NON-NLS-1$
            }

            @Override
            public int run(CliInvocation invocation) {
                throw failure;
            }
        };
    }

    @Test
    void aConflictExitsTwoWithItsMessageAndNoTrace() {
        String message = "Quelqu'un d'autre de l'équipe a modifié ceci entre-temps ; rien n'a été écrasé"; //$NON-NLS-1$
        CliHarness.Run r = CliHarness.run(Map.of("change", failingWith(new TriageConflictException(message, null))), //$NON-NLS-1$
                dir, "change"); //$NON-NLS-1$
        assertEquals(2, r.code(), r.err());
        assertEquals("maraude: " + message, r.err().strip()); //$NON-NLS-1$
        assertFalse(r.err().contains("\tat "), r.err()); //$NON-NLS-1$
    }

    @Test
    void anotherStoreFailureStaysAnInternalError() {
        CliHarness.Run r = CliHarness.run(Map.of("change", failingWith(new TriageStoreException("disk", null))), //$NON-NLS-1$ //$NON-NLS-2$
                dir, "change"); //$NON-NLS-1$
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("internal error"), r.err()); //$NON-NLS-1$
    }
}

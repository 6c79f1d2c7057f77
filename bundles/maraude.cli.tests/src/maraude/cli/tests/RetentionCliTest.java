package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchiveFactory;
import maraude.cli.CliCommand;
import maraude.cli.commands.PurgeCommand;
import maraude.cli.commands.RetentionCommand;
import maraude.cli.tests.CliHarness.Run;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/**
 * {@code retention} on a local archive: it shows the policy of {@code team.properties} that
 * {@code purge --retention} applies; {@code --set} and {@code --clear} are for a team archive (its policy on
 * the servers, tested in the Solr module's {@code TeamCliTest}) and change nothing here.
 */
class RetentionCliTest {

    @TempDir
    Path tmp;

    private final Map<String, CliCommand> commands = new TreeMap<>();

    RetentionCliTest() {
        for (CliCommand c : List.of(new RetentionCommand(), new PurgeCommand())) {
            commands.put(c.name(), c);
        }
    }

    @Test
    void aLocalArchiveShowsTheTeamPropertiesPolicyAndRefusesToSetIt() throws Exception {
        Path archive = tmp.resolve("archive"); //$NON-NLS-1$
        try (Archive a = new LuceneArchiveFactory().open(archive, AccessMode.READ_WRITE)) {
            a.commit();
        }
        Run none = CliHarness.run(commands, archive, "retention", "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, none.code(), none.err());
        assertEquals(0, none.json().get("periods").size(), none.out()); //$NON-NLS-1$
        assertEquals(false, none.json().get("team").asBoolean()); //$NON-NLS-1$

        Files.writeString(archive.resolve("team.properties"), "service_address=rue X\nretention_whatsapp=24m\n"); //$NON-NLS-1$ //$NON-NLS-2$
        Run shown = CliHarness.run(commands, archive, "retention", "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, shown.code(), shown.err());
        assertEquals("P24M", shown.json().get("periods").get("whatsapp").asText(), shown.out()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(1, shown.json().get("periods").size()); //$NON-NLS-1$
        Run text = CliHarness.run(commands, archive, "retention"); //$NON-NLS-1$
        assertEquals(0, text.code(), text.err());
        assertTrue(text.out().contains("whatsapp  P24M"), text.out()); //$NON-NLS-1$

        for (List<String> refused : List.of(List.of("retention", "--set", "default=2y"), List.of("retention", "--clear"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                List.of("retention", "--set", "whatsapp"), List.of("retention", "extra"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            Run r = CliHarness.run(commands, archive, refused.toArray(String[]::new));
            assertEquals(2, r.code(), refused + ": " + r.err()); //$NON-NLS-1$
            assertEquals("", r.out()); //$NON-NLS-1$
        }
        assertEquals("service_address=rue X\nretention_whatsapp=24m\n", Files.readString(archive.resolve("team.properties")), //$NON-NLS-1$ //$NON-NLS-2$
                "the local policy is edited in team.properties only"); //$NON-NLS-1$

        Files.writeString(archive.resolve("team.properties"), "retention_sms=deux ans\n"); //$NON-NLS-1$ //$NON-NLS-2$
        Run bad = CliHarness.run(commands, archive, "retention", "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, bad.code(), bad.err());
        assertTrue(bad.err().contains("retention_sms"), bad.err()); //$NON-NLS-1$
    }
}

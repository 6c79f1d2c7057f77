package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.cli.tests.CliHarness.Run;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;

/**
 * {@code import} reads the local times of an export written without a zone (WhatsApp) in the team's
 * time zone ({@code time_zone} in {@code team.properties}), as the workbench does, instead of a zone
 * written in the code.
 */
class TeamZoneImportTest {

    private static ArchiveFactory factory;

    @BeforeAll
    static void services() throws Exception {
        factory = CliHarness.factory();
        CliHarness.commands("import"); //$NON-NLS-1$
    }

    private static Instant importedIn(Path archive, String zone, Path export) throws Exception {
        Files.createDirectories(archive);
        Files.writeString(archive.resolve("team.properties"), "time_zone=" + zone + "\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Run r = CliHarness.run(archive, "import", export.toString(), "--json"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, r.code(), r.err());
        try (Archive a = factory.open(archive, AccessMode.READ_ONLY)) {
            List<Instant> at = a.summaries().stream().flatMap(s -> a.messages(s.conversationId()).stream())
                    .map(m -> m.instant().toInstant()).toList();
            assertEquals(1, at.size(), at.toString());
            return at.get(0);
        }
    }

    @Test
    void wallClockTimesAreReadInTheTeamsZone(@TempDir Path tmp) throws Exception {
        Path export = tmp.resolve("WhatsApp Chat with Luna.txt"); //$NON-NLS-1$
        Files.writeString(export, "01/07/2024, 10:00 - Luna: bonjour, vous passez quand ?\n", StandardCharsets.UTF_8); //$NON-NLS-1$
        assertEquals(Instant.parse("2024-07-01T14:00:00Z"), importedIn(tmp.resolve("ny"), "America/New_York", export)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(Instant.parse("2024-07-01T01:00:00Z"), importedIn(tmp.resolve("tokyo"), "Asia/Tokyo", export)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }
}

package maraude.core.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The team's time zone as the workbench and the CLI read it from team.properties: the setting when
 * it names a zone, the system zone otherwise; written back without losing the other keys.
 */
class TeamZoneTest {

    @AfterEach
    void noOverride() {
        System.clearProperty(TeamZone.PROPERTY);
    }

    private static Path archive(String teamProperties) throws Exception {
        Path dir = Files.createTempDirectory("maraude-team-zone");
        if (teamProperties != null) {
            Files.writeString(dir.resolve(TeamZone.SETTINGS_FILE), teamProperties, StandardCharsets.UTF_8);
        }
        return dir;
    }

    @Test
    void theSettingWhenItNamesAZoneTheSystemZoneOtherwise() throws Exception {
        assertEquals(ZoneId.of("America/Montreal"), TeamZone.of(archive("time_zone = America/Montreal\nretention_sms=P6M\n")));
        assertEquals(ZoneId.systemDefault(), TeamZone.of(archive(null)), "no team.properties");
        assertEquals(ZoneId.systemDefault(), TeamZone.of(archive("retention_sms=P6M\n")), "no key");
        assertEquals(ZoneId.systemDefault(), TeamZone.of(archive("time_zone=Europe/Atlantis\n")), "not a zone");
        assertEquals(ZoneId.systemDefault(), TeamZone.of(archive("time_zone=\\uZZZZ\n")), "a broken file");
    }

    @Test
    void eachArchiveHasItsTeamsZoneAndTheDiagnosticPropertyWins() throws Exception {
        Path kolkata = archive("time_zone=Asia/Kolkata\n");
        Path auckland = archive("time_zone=Pacific/Auckland\n");
        assertEquals(ZoneId.of("Asia/Kolkata"), TeamZone.of(kolkata));
        assertEquals(ZoneId.of("Pacific/Auckland"), TeamZone.of(auckland), "no zone kept from the first archive");
        System.setProperty(TeamZone.PROPERTY, "Europe/Brussels");
        assertEquals(ZoneId.of("Europe/Brussels"), TeamZone.of(kolkata));
    }

    @Test
    void writingKeepsTheOtherKeysAndRemovingFallsBackToTheSystemZone() throws Exception {
        Path dir = archive("# team\nretention_sms=P6M\nservice_address=Rue Haute 1\n");
        PlainArchiveFiles files = new PlainArchiveFiles(dir);
        TeamZone.write(files, TeamZone.KEY, "Pacific/Auckland");
        TeamZone.write(files, "auto_close_closings_hours", "48");
        assertEquals(ZoneId.of("Pacific/Auckland"), TeamZone.of(files));
        assertEquals("Pacific/Auckland", TeamZone.setting(files));
        assertEquals("P6M", TeamZone.read(files).getProperty("retention_sms"));
        assertEquals("Rue Haute 1", TeamZone.read(files).getProperty("service_address"));
        assertEquals("48", TeamZone.read(files).getProperty("auto_close_closings_hours"));
        TeamZone.write(files, TeamZone.KEY, null);
        assertNull(TeamZone.setting(files));
        assertEquals(ZoneId.systemDefault(), TeamZone.of(files));
        assertTrue(TeamZone.isValid("Europe/Bucharest"));
        assertFalse(TeamZone.isValid("Brussels"));
        assertFalse(TeamZone.isValid(" "));
    }
}

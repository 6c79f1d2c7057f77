package maraude.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import maraude.core.model.Platform;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.RegisterEntry;

class RegisterCsvTest {

    @Test
    void writesOneLinePerContactWithFlagsAndDefusesFormulas() throws Exception {
        Instant first = Instant.parse("2026-03-28T23:30:00Z"); // 29 March in Brussels
        RegisterEntry luna = new RegisterEntry("c-1", Platform.AD_INBOX, "=HYPERLINK(\"x\")", "t-1", first, true, 0, 2,
                null, first, 1, true, Instant.parse("2026-06-29T08:00:00Z"),
                new ContactFlags("c-1", false, true, "se dit \"client\"", first, "an"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RegisterCsv.write(List.of(luna), ZoneId.of("Europe/Brussels"), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        String[] lines = csv.substring(1).split("\r\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("\"'=HYPERLINK(\"\"x\"\")\";\"ad_inbox\";\"2026-03-29\""), lines[1]);
        assertTrue(lines[1].endsWith("\"true\";\"se dit \"\"client\"\"\""), lines[1]);
        assertEquals('\uFEFF', csv.charAt(0));
    }
}

package maraude.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.core.model.Platform;
import maraude.core.report.FundersReport;
import maraude.core.report.Messages;
import maraude.core.report.ReportBuilder;
import maraude.core.report.ReportRow;
import maraude.core.triage.Campaign;
import maraude.core.triage.ServiceKind;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.ThreadFacts;
import maraude.core.triage.TriagePolicy;

class FundersReportTest {

    private static final ZoneId BXL = ZoneId.of("Europe/Brussels");

    private static long ms(String local) {
        return LocalDateTime.parse(local.replace(' ', 'T')).atZone(BXL).toInstant().toEpochMilli();
    }

    private static Instant at(String local) {
        return Instant.ofEpochMilli(ms(local));
    }

    private static ThreadFacts f(String id, Platform p, long[] in, long[] out) {
        return new ThreadFacts("t-" + id, p, "c-" + id, in, out, "an");
    }

    /** March 2026: 7 ad contacts initiated, 2 replied; one SMS thread started by the person. */
    private static List<ThreadFacts> march() {
        List<ThreadFacts> l = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long out = ms("2026-03-0" + (i + 2) + " 10:00");
            long[] in = i < 2 ? new long[] { out + 3_600_000L * (i + 1) } : new long[0];
            l.add(f("ad" + i, Platform.AD_INBOX, in, new long[] { out }));
        }
        // The person wrote first, twice answered: 2 h and 4 h; a follow-up sent in February (outside).
        l.add(f("sms", Platform.SMS, new long[] { ms("2026-03-10 08:00"), ms("2026-03-12 08:00") },
                new long[] { ms("2026-03-10 10:00"), ms("2026-03-12 12:00") }));
        // Written to in November, follow-up on 29 March (after daylight-saving), never answered.
        l.add(f("old", Platform.SMS, new long[0], new long[] { ms("2025-11-20 10:00"), ms("2026-03-29 10:00") }));
        // Outside the period entirely.
        l.add(f("april", Platform.SMS, new long[] { ms("2026-04-02 10:00") }, new long[0]));
        return l;
    }

    private static FundersReport report(int small) {
        return ReportBuilder.build(march(),
                List.of(new Campaign("k", "Bus, mars", at("2026-03-02 10:00"), Platform.AD_INBOX, 0),
                        new Campaign("k0", "février", at("2026-02-02 10:00"), Platform.SMS, 0)),
                TriagePolicy.defaults().withSmallCount(small), at("2026-03-01 00:00"), at("2026-04-01 00:00"), BXL);
    }

    @Test
    void figuresPerPlatformAndTotal() {
        FundersReport r = report(5);
        assertEquals(3, r.rows().size(), "ad, sms, total");
        ReportRow ad = r.rows().get(1);
        assertEquals(Platform.AD_INBOX, ad.platform(), "rows follow the platform order");
        assertEquals(7, ad.contactsInitiated());
        assertEquals(7, ad.conversations());
        assertEquals(2, ad.inboundMessages());
        assertEquals(7, ad.outboundMessages());
        assertEquals(2, ad.peopleReplied());
        assertEquals(2 / 7.0, ad.responseRate(), 1e-9);
        assertEquals(5, ad.unknownPublic());
        ReportRow sms = r.rows().get(0);
        assertEquals(0, sms.contactsInitiated(), "the person wrote first; 'old' was initiated in November");
        assertEquals(2, sms.conversations());
        assertEquals(1, sms.followUpsSent());
        assertEquals(1, sms.unknownPublic());
        assertEquals(2, sms.replySamples());
        assertEquals(Duration.ofHours(2), sms.medianReply(), "nearest rank of {2 h, 4 h}");
        ReportRow total = r.total();
        assertNull(total.platform());
        assertEquals(9, total.conversations());
        assertEquals(6, total.unknownPublic());
        assertEquals(1, r.campaigns().size(), "only campaigns sent in the period");
        assertEquals(1, r.campaigns().get(0).recipientsSeen(), "only ad0 was written to on the campaign's day");
        assertEquals(1, r.campaigns().get(0).replied());
    }

    @Test
    void smallCountsAreHiddenInCsv() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWriters.writeCsv(report(5), out);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\r\n");
        String[] ad = lines[2].split(",", -1);
        assertEquals("ad_inbox", ad[2]);
        assertEquals("7", ad[3]);
        assertEquals("<5", ad[5], "2 inbound messages");
        assertEquals("28.6", ad[8]);
        assertEquals("", ad[9], "no reply-time sample");
        assertEquals("5", ad[11]);
        String[] sms = lines[1].split(",", -1);
        assertEquals("0", sms[3], "zero singles nobody out");
        assertEquals("", sms[8], "no rate over zero contacts");
        assertEquals("", sms[9], "a median over 2 samples is hidden");
        assertTrue(lines[6].startsWith("\"Bus, mars\""), lines[6]);
        // Without the threshold everything is shown.
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        ReportWriters.writeCsv(report(0), all);
        String[] sms0 = all.toString(StandardCharsets.UTF_8).split("\r\n")[1].split(",", -1);
        assertEquals("2.0", sms0[9]);
    }

    @Test
    void jsonKeepsNumbersAndMarksHiddenCounts() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWriters.writeJson(report(5), out);
        JsonNode root = new ObjectMapper().readTree(out.toByteArray());
        JsonNode ad = root.get("rows").get(1);
        assertEquals(7, ad.get("contacts_initiated").asInt());
        assertEquals("<5", ad.get("inbound_messages").asText());
        assertEquals(28.6, ad.get("response_rate_percent").asDouble(), 1e-9);
        assertTrue(ad.get("median_reply_hours").isNull());
        assertEquals("all", root.get("rows").get(2).get("platform").asText());
        assertEquals("Bus, mars", root.get("campaigns").get(0).get("name").asText());
    }

    @Test
    void servicesOfferedAreCountedPerPlatformInThePeriodAndSmallCountsHidden() throws IOException {
        List<ServiceOffer> offers = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // six kits on the ad inbox in March
            offers.add(new ServiceOffer("k" + i, "t-ad" + i, ServiceKind.KIT, at("2026-03-1" + i + " 15:00"), "an"));
        }
        offers.add(new ServiceOffer("s1", "t-sms", ServiceKind.SCREENING, at("2026-03-31 23:30"), "an")); // last evening
        offers.add(new ServiceOffer("s2", "t-sms", ServiceKind.SCREENING, at("2026-04-01 00:00"), "an")); // next period
        offers.add(new ServiceOffer("g1", "t-purged", ServiceKind.HOUSING, at("2026-03-05 12:00"), "an")); // thread gone
        FundersReport r = ReportBuilder.build(march(), List.of(), offers, TriagePolicy.defaults(),
                at("2026-03-01 00:00"), at("2026-04-01 00:00"), BXL);
        ReportRow sms = r.rows().get(0);
        ReportRow ad = r.rows().get(1);
        assertEquals(6, ad.servicesOffered().get(ServiceKind.KIT));
        assertEquals(0, ad.servicesOffered().get(ServiceKind.SCREENING));
        assertEquals(1, sms.servicesOffered().get(ServiceKind.SCREENING), "the tag of 1 April belongs to April");
        assertEquals(6, r.total().servicesOffered().get(ServiceKind.KIT));
        assertEquals(1, r.total().servicesOffered().get(ServiceKind.HOUSING), "a purged thread still counts in the total");

        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        ReportWriters.writeCsv(r, csv);
        String[] lines = csv.toString(StandardCharsets.UTF_8).split("\r\n");
        List<String> head = List.of(lines[0].split(",", -1));
        int kit = head.indexOf(org.eclipse.osgi.util.NLS.bind(Messages.Report_services_offered, ServiceKind.KIT.label()));
        int screening = head.indexOf(org.eclipse.osgi.util.NLS.bind(Messages.Report_services_offered, ServiceKind.SCREENING.label()));
        assertTrue(kit > 0 && screening > 0, lines[0]);
        assertEquals("6", lines[2].split(",", -1)[kit]);
        assertEquals("<5", lines[1].split(",", -1)[screening], "one screening singles a person out");
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        ReportWriters.writeJson(r, json);
        JsonNode offered = new ObjectMapper().readTree(json.toByteArray()).get("rows").get(1).get("services_offered");
        assertEquals(6, offered.get("kit").asInt());
        assertEquals(0, offered.get("housing").asInt());
    }

    @Test
    void csvCellsAreQuotedAndFormulasDefused() {
        assertEquals("\"a,b\"", ReportWriters.csv("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", ReportWriters.csv("say \"hi\""));
        assertEquals("'=HYPERLINK(\"x\")", ReportWriters.csv("=HYPERLINK(\"x\")").replace("\"\"", "\"").replaceAll("^\"|\"$", ""));
        assertEquals("-12", ReportWriters.csv("-12"));
        assertEquals("'@cmd", ReportWriters.csv("@cmd"));
        for (String formula : List.of("=1+1", "+33 cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1")) {
            String cell = ReportWriters.csv(formula);
            assertEquals('\'', (cell.startsWith("\"") ? cell.substring(1) : cell).charAt(0), formula);
        }
        assertEquals("<5", ReportWriters.count(4, 5));
        assertEquals("5", ReportWriters.count(5, 5));
    }

    @Test
    void anEmptyPeriodIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ReportBuilder.build(march(), List.of(),
                TriagePolicy.defaults(), at("2026-03-01 00:00"), at("2026-03-01 00:00"), BXL));
    }

    @Test
    void xlsxHoldsTheSameTableWithSmallCountsHidden() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ReportWriters.writeXlsx(report(5), out);
        java.util.Map<String, String> parts = new java.util.HashMap<>();
        // Read through the central directory, as spreadsheet programs do.
        java.nio.file.Path file = java.nio.file.Files.createTempFile("report", ".xlsx"); //$NON-NLS-1$ //$NON-NLS-2$
        java.nio.file.Files.write(file, out.toByteArray());
        try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(file.toFile())) {
            for (java.util.zip.ZipEntry e : java.util.Collections.list(zip.entries())) {
                parts.put(e.getName(), new String(zip.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } finally {
            java.nio.file.Files.deleteIfExists(file);
        }
        assertTrue(parts.containsKey("xl/worksheets/sheet1.xml") && parts.containsKey("xl/worksheets/sheet2.xml"), //$NON-NLS-1$ //$NON-NLS-2$
                parts.keySet().toString());
        String all = String.join("\n", parts.values()); //$NON-NLS-1$
        assertTrue(all.contains(Messages.Report_contacts_initiated), "the header row"); //$NON-NLS-1$
        assertTrue(all.contains("ad_inbox") && all.contains("&lt;5"), "platform rows, and small counts as <5"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(all.contains("Bus, mars"), "the campaign sheet"); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(parts.get("xl/worksheets/sheet1.xml").contains("<v>7</v>"), "counts of 5 and more are numbers"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }
}

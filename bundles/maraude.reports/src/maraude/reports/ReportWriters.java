package maraude.reports;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.eclipse.osgi.util.NLS;

import maraude.core.report.Csv;
import maraude.core.report.FundersReport;
import maraude.core.report.Messages;
import maraude.core.report.ReportRow;
import maraude.core.triage.CampaignResult;
import maraude.core.triage.ServiceKind;

/**
 * Writes a {@link FundersReport} as CSV (RFC 4180, UTF-8, headings in the user's language) or JSON
 * (stable snake_case keys). Counts under the report's small-count threshold become "&lt;n"; rates and
 * medians computed from fewer than n cases are left empty (JSON: null) so that no person can be
 * singled out.
 */
public final class ReportWriters {

    private static final Csv CSV = new Csv(',', false);

    private ReportWriters() {
    }

    /** A count as shown: "&lt;5" for 1..4 with the default threshold, the number otherwise. */
    public static String count(int n, int small) {
        return n > 0 && n < small ? "<" + small : Integer.toString(n); //$NON-NLS-1$
    }

    /** A rate in percent with one decimal, or "" when the denominator is under the threshold or zero. */
    public static String rate(int num, int den, int small) {
        if (den == 0 || den < small) {
            return ""; //$NON-NLS-1$
        }
        return String.format(Locale.ROOT, "%.1f", 100.0 * num / den); //$NON-NLS-1$
    }

    /** Hours with one decimal, or "" without enough samples. */
    public static String hours(Duration d, int samples, int small) {
        if (d == null || samples == 0 || samples < small) {
            return ""; //$NON-NLS-1$
        }
        return String.format(Locale.ROOT, "%.1f", d.toMillis() / 3_600_000.0); //$NON-NLS-1$
    }

    /** The activity table, header first: one row per platform plus the total. */
    static List<List<String>> activityTable(FundersReport r) {
        int s = r.smallCount();
        String from = LocalDate.ofInstant(r.from(), r.zone()).toString();
        String to = LocalDate.ofInstant(r.to(), r.zone()).toString();
        List<List<String>> t = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of(Messages.Report_period_from, Messages.Report_period_to,
                Messages.Report_platform, Messages.Report_contacts_initiated, Messages.Report_conversations,
                Messages.Report_inbound, Messages.Report_outbound, Messages.Report_people_replied,
                Messages.Report_response_rate, Messages.Report_median_reply_hours, Messages.Report_followups_sent,
                Messages.Report_unknown_public));
        for (ServiceKind k : ServiceKind.values()) {
            head.add(NLS.bind(Messages.Report_services_offered, k.label()));
        }
        head.add(Messages.Report_opt_outs);
        t.add(head);
        for (ReportRow row : r.rows()) {
            List<String> cells = new ArrayList<>(List.of(from, to,
                    row.platform() == null ? Messages.Report_all_platforms : row.platform().key(),
                    count(row.contactsInitiated(), s), count(row.conversations(), s), count(row.inboundMessages(), s),
                    count(row.outboundMessages(), s), count(row.peopleReplied(), s),
                    rate(row.initiatedReplied(), row.contactsInitiated(), s),
                    hours(row.medianReply(), row.replySamples(), s), count(row.followUpsSent(), s),
                    count(row.unknownPublic(), s)));
            for (ServiceKind k : ServiceKind.values()) {
                cells.add(count(row.servicesOffered().get(k), s));
            }
            cells.add(count(row.optOuts(), s));
            t.add(cells);
        }
        return t;
    }

    /** The campaigns table, header first (only the header when there were none). */
    static List<List<String>> campaignTable(FundersReport r) {
        int s = r.smallCount();
        List<List<String>> t = new ArrayList<>();
        t.add(List.of(Messages.Report_campaign, Messages.Report_campaign_date, Messages.Report_platform,
                Messages.Report_campaign_recipients, Messages.Report_campaign_replies, Messages.Report_response_rate));
        for (CampaignResult c : r.campaigns()) {
            t.add(List.of(c.campaign().name(), LocalDate.ofInstant(c.campaign().sentAt(), r.zone()).toString(),
                    c.campaign().platform() == null ? Messages.Report_all_platforms : c.campaign().platform().key(),
                    count(c.denominator(), s), count(c.replied(), s), rate(c.replied(), c.denominator(), s)));
        }
        return t;
    }

    public static void writeCsv(FundersReport r, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        for (List<String> row : activityTable(r)) {
            line(w, row);
        }
        List<List<String>> campaigns = campaignTable(r);
        if (campaigns.size() > 1) {
            w.write("\r\n"); //$NON-NLS-1$
            for (List<String> row : campaigns) {
                line(w, row);
            }
        }
        w.flush();
    }

    /**
     * The same report as a spreadsheet (fastexcel): an activity sheet and a campaigns sheet. Counts are
     * numbers where they are numbers; "&lt;5" and empty rates stay text, as in the CSV.
     */
    public static void writeXlsx(FundersReport r, OutputStream out) throws IOException {
        org.dhatim.fastexcel.Workbook wb = new org.dhatim.fastexcel.Workbook(out, "Maraude", "0.1"); //$NON-NLS-1$ //$NON-NLS-2$
        sheet(wb.newWorksheet(Messages.Report_sheet_activity), activityTable(r));
        sheet(wb.newWorksheet(Messages.Report_sheet_campaigns), campaignTable(r));
        wb.finish();
    }

    private static void sheet(org.dhatim.fastexcel.Worksheet ws, List<List<String>> table) {
        for (int row = 0; row < table.size(); row++) {
            List<String> cells = table.get(row);
            for (int col = 0; col < cells.size(); col++) {
                String v = cells.get(col);
                if (row > 0 && v.matches("-?\\d+(\\.\\d+)?")) { //$NON-NLS-1$
                    ws.value(row, col, Double.parseDouble(v));
                } else {
                    ws.value(row, col, v);
                }
            }
        }
        ws.style(0, 0).bold().set();
        for (int col = 0; col < table.get(0).size(); col++) {
            ws.style(0, col).bold().set();
        }
    }

    private static void line(Writer w, List<String> cells) throws IOException {
        CSV.line(w, cells);
    }

    /** A cell quoted when needed, with a formula defused ({@link Csv}): campaign names are typed by users. */
    static String csv(String c) {
        return CSV.cell(c);
    }

    public static void writeJson(FundersReport r, OutputStream out) throws IOException {
        ObjectMapper m = new ObjectMapper();
        int s = r.smallCount();
        ObjectNode root = m.createObjectNode();
        root.put("from", r.from().toString()); //$NON-NLS-1$
        root.put("to", r.to().toString()); //$NON-NLS-1$
        root.put("zone", r.zone().getId()); //$NON-NLS-1$
        root.put("small_count_threshold", s); //$NON-NLS-1$
        ArrayNode rows = root.putArray("rows"); //$NON-NLS-1$
        for (ReportRow row : r.rows()) {
            ObjectNode n = rows.addObject();
            n.put("platform", row.platform() == null ? "all" : row.platform().key()); //$NON-NLS-1$ //$NON-NLS-2$
            putCount(n, "contacts_initiated", row.contactsInitiated(), s); //$NON-NLS-1$
            putCount(n, "conversations", row.conversations(), s); //$NON-NLS-1$
            putCount(n, "inbound_messages", row.inboundMessages(), s); //$NON-NLS-1$
            putCount(n, "outbound_messages", row.outboundMessages(), s); //$NON-NLS-1$
            putCount(n, "people_replied", row.peopleReplied(), s); //$NON-NLS-1$
            putNumber(n, "response_rate_percent", rate(row.initiatedReplied(), row.contactsInitiated(), s)); //$NON-NLS-1$
            putNumber(n, "median_reply_hours", hours(row.medianReply(), row.replySamples(), s)); //$NON-NLS-1$
            putCount(n, "followups_sent", row.followUpsSent(), s); //$NON-NLS-1$
            putCount(n, "unknown_public", row.unknownPublic(), s); //$NON-NLS-1$
            putCount(n, "opt_outs", row.optOuts(), s); //$NON-NLS-1$
            ObjectNode offered = n.putObject("services_offered"); //$NON-NLS-1$
            for (ServiceKind k : ServiceKind.values()) {
                putCount(offered, k.key(), row.servicesOffered().get(k), s);
            }
        }
        ArrayNode camps = root.putArray("campaigns"); //$NON-NLS-1$
        for (CampaignResult c : r.campaigns()) {
            ObjectNode n = camps.addObject();
            n.put("id", c.campaign().id()); //$NON-NLS-1$
            n.put("name", c.campaign().name()); //$NON-NLS-1$
            n.put("sent_at", c.campaign().sentAt().toString()); //$NON-NLS-1$
            n.put("platform", c.campaign().platform() == null ? "all" : c.campaign().platform().key()); //$NON-NLS-1$ //$NON-NLS-2$
            putCount(n, "recipients", c.denominator(), s); //$NON-NLS-1$
            putCount(n, "replies", c.replied(), s); //$NON-NLS-1$
            putNumber(n, "response_rate_percent", rate(c.replied(), c.denominator(), s)); //$NON-NLS-1$
        }
        m.writerWithDefaultPrettyPrinter().writeValue(new NonClosing(out), root);
    }

    /** Counts stay numbers in JSON unless suppressed, then the string "&lt;n". */
    private static void putCount(ObjectNode n, String key, int v, int small) {
        String c = count(v, small);
        if (c.startsWith("<")) { //$NON-NLS-1$
            n.put(key, c);
        } else {
            n.put(key, v);
        }
    }

    private static void putNumber(ObjectNode n, String key, String v) {
        if (v.isEmpty()) {
            n.putNull(key);
        } else {
            n.put(key, Double.parseDouble(v));
        }
    }

    /** Jackson closes the stream it writes to; the caller owns it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}

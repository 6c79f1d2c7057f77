package maraude.core.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import maraude.core.triage.RegisterEntry;

/**
 * The contact register as a spreadsheet-friendly CSV (UTF-8 with BOM, semicolons: what French and
 * Belgian spreadsheet settings expect). Cells that a spreadsheet would run as a formula are defused.
 */
public final class RegisterCsv {

    private static final Csv CSV = new Csv(';', true);

    private RegisterCsv() {
    }

    public static void write(List<RegisterEntry> entries, ZoneId zone, OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        w.write('\uFEFF');
        line(w, "contact", "platform", "first_contact", "initiated_by_service", "replies", "messages_sent", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                "follow_ups_sent", "never_answered", "next_follow_up", "do_not_contact", "caution", "caution_note"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        for (RegisterEntry e : entries) {
            boolean dnc = e.flags() != null && e.flags().doNotContact();
            boolean caution = e.flags() != null && e.flags().caution();
            line(w, e.contactName(), e.platform().key(), day(e.firstContact(), zone), Boolean.toString(e.initiatedByService()),
                    Integer.toString(e.replies()), Integer.toString(e.messagesSent()), Integer.toString(e.followUpsSent()),
                    Boolean.toString(e.neverAnswered()), day(e.nextFollowUp(), zone), Boolean.toString(dnc),
                    Boolean.toString(caution), caution ? e.flags().cautionNote() : ""); //$NON-NLS-1$
        }
        w.flush();
    }

    private static String day(Instant i, ZoneId zone) {
        return i == null ? "" : i.atZone(zone).toLocalDate().toString(); //$NON-NLS-1$
    }

    private static void line(Writer w, String... cells) throws IOException {
        CSV.line(w, List.of(cells));
    }

    /** Quoted, with a formula defused ({@link Csv}). */
    static String cell(String value) {
        return CSV.cell(value);
    }
}

package maraude.core.report;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import maraude.core.triage.CampaignResult;

/**
 * The report for funders over [from, to): one row per platform with activity, then the total row
 * ({@code platform == null}), and the campaigns sent in the period. {@code smallCount}: counts under it
 * are written "&lt;n" by the writers (0 writes everything as is).
 */
public record FundersReport(Instant from, Instant to, ZoneId zone, List<ReportRow> rows,
        List<CampaignResult> campaigns, int smallCount) {

    public ReportRow total() {
        return rows.get(rows.size() - 1);
    }
}

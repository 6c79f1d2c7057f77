package maraude.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import maraude.core.model.Platform;
import maraude.core.report.FundersReport;
import maraude.core.report.Messages;
import maraude.core.report.ReportBuilder;
import maraude.core.triage.ThreadFacts;
import maraude.core.triage.TriagePolicy;

/** The funders' report counts the people who asked not to be contacted again, with the <5 rule. */
class OptOutReportTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-02-01T00:00:00Z");

    private static List<ThreadFacts> facts(int optOutsInPeriod, int optOutsBefore) {
        List<ThreadFacts> l = new ArrayList<>();
        long in = Instant.parse("2026-01-10T10:00:00Z").toEpochMilli();
        long before = Instant.parse("2025-12-10T10:00:00Z").toEpochMilli();
        for (int i = 0; i < optOutsInPeriod; i++) {
            l.add(new ThreadFacts("c" + i, Platform.SMS, "p" + i, new long[] { in }, new long[] { in - 3_600_000 }, "camille",
                    Instant.ofEpochMilli(in)));
        }
        for (int i = 0; i < optOutsBefore; i++) {
            l.add(new ThreadFacts("b" + i, Platform.SMS, "q" + i, new long[] { before }, new long[] { before - 1, in },
                    "camille", Instant.ofEpochMilli(before)));
        }
        l.add(new ThreadFacts("x", Platform.SMS, "x", new long[] { in }, new long[] { in + 1 }, "camille"));
        return l;
    }

    @Test
    void optOutsOfThePeriodAreCountedAndSmallCountsHidden() {
        FundersReport small = ReportBuilder.build(facts(3, 4), List.of(), TriagePolicy.defaults(), FROM, TO, ZONE);
        assertEquals(3, small.total().optOuts(), "the four opt-outs of December are not January's");
        List<List<String>> table = ReportWriters.activityTable(small);
        int col = table.get(0).indexOf(Messages.Report_opt_outs);
        assertEquals("<5", table.get(table.size() - 1).get(col));

        FundersReport big = ReportBuilder.build(facts(7, 0), List.of(), TriagePolicy.defaults(), FROM, TO, ZONE);
        assertEquals(7, big.total().optOuts());
        List<List<String>> t2 = ReportWriters.activityTable(big);
        assertEquals("7", t2.get(t2.size() - 1).get(col));
    }
}

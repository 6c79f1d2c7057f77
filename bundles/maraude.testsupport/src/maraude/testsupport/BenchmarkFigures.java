package maraude.testsupport;

import java.util.Locale;

import maraude.core.archive.SearchQuery;

/**
 * What the archive benchmarks print alike ({@code ./bench archive}, {@code ./bench team}): a search's
 * label in their tables and the percentiles of their timings. Not shipped: the benchmarks live in
 * test code.
 */
public final class BenchmarkFigures {

    private BenchmarkFigures() {
    }

    /** The query's text (or "(all)") and what else it sets: platforms, dates, worker, sort, offset. */
    public static String label(SearchQuery q) {
        StringBuilder sb = new StringBuilder(q.text().isEmpty() ? "(all)" : q.text()); //$NON-NLS-1$
        if (!q.platforms().isEmpty()) {
            sb.append(" +platforms"); //$NON-NLS-1$
        }
        if (q.from() != null) {
            sb.append(" +dates"); //$NON-NLS-1$
        }
        if (q.workerId() != null) {
            sb.append(" worker=").append(q.workerId()); //$NON-NLS-1$
        }
        if (q.sort() != SearchQuery.Sort.RELEVANCE) {
            sb.append(' ').append(q.sort().name().toLowerCase(Locale.ROOT));
        }
        if (q.offset() > 0) {
            sb.append(" offset ").append(q.offset()); //$NON-NLS-1$
        }
        return sb.toString();
    }

    /** The {@code p}-th percentile (nearest rank) of timings sorted in ascending order. */
    public static double percentile(double[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }
}

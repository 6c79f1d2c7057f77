package maraude.archive;

import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;

/**
 * Counts every hit per platform and per month from doc values ({@link ArchiveSchema#PLATFORM} sorted,
 * {@link ArchiveSchema#MONTH} numeric), in the same pass as the top hits: no second query, no stored
 * field. Platform counts are kept per segment ordinal (an array increment per hit) and resolved to
 * keys once per segment; months go to an array indexed by months since 1900.
 */
final class FacetCounter extends SimpleCollector {

    private static final int FIRST_YEAR = 1900;
    private static final int YEARS = 300;

    record Result(long total, Map<String, Long> byPlatform, Map<String, Long> byMonth) {
    }

    private final Map<String, Long> platforms = new HashMap<>();
    private final long[] months = new long[YEARS * 12];
    private long total;

    private SortedDocValues platform;
    private NumericDocValues month;
    private long[] ordCounts;

    @Override
    protected void doSetNextReader(LeafReaderContext context) throws IOException {
        flushLeaf();
        platform = context.reader().getSortedDocValues(ArchiveSchema.PLATFORM);
        month = context.reader().getNumericDocValues(ArchiveSchema.MONTH);
        ordCounts = platform == null ? null : new long[platform.getValueCount()];
    }

    private void flushLeaf() throws IOException {
        if (ordCounts != null) {
            for (int o = 0; o < ordCounts.length; o++) {
                if (ordCounts[o] > 0) {
                    platforms.merge(platform.lookupOrd(o).utf8ToString(), ordCounts[o], Long::sum);
                }
            }
            ordCounts = null;
        }
    }

    @Override
    public void collect(int doc) throws IOException {
        total++;
        if (platform != null && platform.advanceExact(doc)) {
            ordCounts[platform.ordValue()]++;
        }
        if (month != null && month.advanceExact(doc)) {
            long yyyymm = month.longValue();
            int index = (int) ((yyyymm / 100 - FIRST_YEAR) * 12 + (yyyymm % 100) - 1);
            if (index >= 0 && index < months.length) {
                months[index]++;
            }
        }
    }

    @Override
    public void setScorer(Scorable scorer) {
        // counts need no score
    }

    @Override
    public ScoreMode scoreMode() {
        return ScoreMode.COMPLETE_NO_SCORES;
    }

    @Override
    public void finish() throws IOException {
        flushLeaf();
    }

    Result result() {
        Map<Long, Long> m = new TreeMap<>();
        for (int i = 0; i < months.length; i++) {
            if (months[i] > 0) {
                m.put((long) (FIRST_YEAR + i / 12) * 100 + i % 12 + 1, months[i]);
            }
        }
        return new Result(total, platforms, LuceneArchive.monthKeys(m));
    }

    /** Merges the counters of all slices (one per slice when searching concurrently). */
    static final class Manager implements CollectorManager<FacetCounter, Result> {
        @Override
        public FacetCounter newCollector() {
            return new FacetCounter();
        }

        @Override
        public Result reduce(Collection<FacetCounter> collectors) {
            long total = 0;
            Map<String, Long> p = new HashMap<>();
            Map<String, Long> months = new TreeMap<>();
            for (FacetCounter c : collectors) {
                Result r = c.result();
                total += r.total();
                r.byPlatform().forEach((k, v) -> p.merge(k, v, Long::sum));
                r.byMonth().forEach((k, v) -> months.merge(k, v, Long::sum));
            }
            return new Result(total, p, months);
        }
    }
}

package maraude.archive;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.StringHelper;

/**
 * A Bloom filter over the {@link ArchiveSchema#ID} terms of one segment, so that the dedup check of a
 * new message (absent from every segment, almost always) costs a few bit tests per segment instead of a
 * terms-dictionary seek, which for random ids loads and scans a terms block per segment: with a
 * million messages in a dozen segments that seek was a large share of the indexing time. About 10
 * bits per id (1.3 MB per million), 3 probes, ~2 % false positives, which fall back to the seek.
 * Built once per segment core (flushed or merged) and dropped when the segment is closed.
 *
 * <p>
 * {@link #ofAll} builds one over every segment of a commit, with more bits and probes (16 bits per id,
 * 5 probes, ~0.2 % false positives at capacity), to which the writer adds the ids it is about to commit: most
 * new messages are then ruled out by one test for the whole index, however many segments it has and
 * however the merges reshaped them, and only the rest go to the per-segment filters and seeks.
 */
final class IdFilter {

    private static final int BITS_PER_ID = 10;
    private static final int PROBES = 3;
    private static final int ALL_BITS_PER_ID = 16;
    private static final int ALL_PROBES = 5;
    private static final int ALL_MIN_CAPACITY = 1 << 16;
    private static final Map<IndexReader.CacheKey, IdFilter> FILTERS = new ConcurrentHashMap<>();

    private final long[] bits;
    private final int mask;
    private final int probes;
    private final long capacity;
    private long count;

    private IdFilter(int ids) {
        this(ids, BITS_PER_ID, PROBES);
    }

    private IdFilter(long ids, int bitsPerId, int probes) {
        this.probes = probes;
        this.capacity = ids;
        long want = Math.max(64L, ids * bitsPerId);
        int size = 64;
        while (size < want && size < (1 << 30)) {
            size <<= 1;
        }
        bits = new long[size >>> 6];
        mask = size - 1;
    }

    /** The filter of a segment, or null when it has no id terms. */
    static IdFilter of(LeafReader r) throws IOException {
        IndexReader.CacheHelper helper = r.getCoreCacheHelper();
        IndexReader.CacheKey key = helper == null ? null : helper.getKey();
        IdFilter f = key == null ? null : FILTERS.get(key);
        if (f != null) {
            return f;
        }
        Terms terms = r.terms(ArchiveSchema.ID);
        if (terms == null) {
            return null;
        }
        long size = terms.size();
        f = new IdFilter((int) Math.min(Integer.MAX_VALUE / BITS_PER_ID, size < 0 ? r.maxDoc() : size));
        TermsEnum te = terms.iterator();
        for (BytesRef t = te.next(); t != null; t = te.next()) {
            f.add(t);
        }
        if (key != null && FILTERS.putIfAbsent(key, f) == null) {
            helper.addClosedListener(FILTERS::remove);
        }
        return f;
    }

    /**
     * A filter of every id in {@code leaves}, sized for twice as many (at least 65,536): ids added
     * later with {@link #add} count against that capacity, {@link #full} says when to build it again.
     */
    static IdFilter ofAll(List<LeafReaderContext> leaves) throws IOException {
        long ids = 0;
        for (LeafReaderContext c : leaves) {
            ids += c.reader().maxDoc();
        }
        long capacity = Math.min(Integer.MAX_VALUE / ALL_BITS_PER_ID, Math.max(ALL_MIN_CAPACITY, 2 * ids));
        IdFilter f = new IdFilter(capacity, ALL_BITS_PER_ID, ALL_PROBES);
        for (LeafReaderContext c : leaves) {
            Terms terms = c.reader().terms(ArchiveSchema.ID);
            if (terms == null) {
                continue;
            }
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
                f.add(t);
            }
        }
        return f;
    }

    /** More ids were added than the filter was sized for: its false positives grow, build a new one. */
    boolean full() {
        return count > capacity;
    }

    void add(BytesRef id) {
        testAndAdd(id);
    }

    /** {@link #mightContain}, then {@link #add}, hashing once. */
    boolean testAndAdd(BytesRef id) {
        int h1 = StringHelper.murmurhash3_x86_32(id, 0x9747b28c);
        int h2 = StringHelper.murmurhash3_x86_32(id, 0x5bd1e995);
        boolean present = true;
        for (int i = 0; i < probes; i++) {
            int b = (h1 + i * h2) & mask;
            long bit = 1L << b;
            if ((bits[b >>> 6] & bit) == 0) {
                present = false;
                bits[b >>> 6] |= bit;
            }
        }
        if (!present) {
            count++;
        }
        return present;
    }

    /** False: the id is certainly not in the segment. True: it may be. */
    boolean mightContain(BytesRef id) {
        int h1 = StringHelper.murmurhash3_x86_32(id, 0x9747b28c);
        int h2 = StringHelper.murmurhash3_x86_32(id, 0x5bd1e995);
        for (int i = 0; i < probes; i++) {
            int b = (h1 + i * h2) & mask;
            if ((bits[b >>> 6] & 1L << b) == 0) {
                return false;
            }
        }
        return true;
    }
}

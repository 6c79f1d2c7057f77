package maraude.archive;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
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
 */
final class IdFilter {

    private static final int BITS_PER_ID = 10;
    private static final Map<IndexReader.CacheKey, IdFilter> FILTERS = new ConcurrentHashMap<>();

    private final long[] bits;
    private final int mask;

    private IdFilter(int ids) {
        long want = Math.max(64L, (long) ids * BITS_PER_ID);
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

    private void add(BytesRef id) {
        int h1 = StringHelper.murmurhash3_x86_32(id, 0x9747b28c);
        int h2 = StringHelper.murmurhash3_x86_32(id, 0x5bd1e995);
        for (int i = 0; i < 3; i++) {
            int b = (h1 + i * h2) & mask;
            bits[b >>> 6] |= 1L << b;
        }
    }

    /** False: the id is certainly not in the segment. True: it may be. */
    boolean mightContain(BytesRef id) {
        int h1 = StringHelper.murmurhash3_x86_32(id, 0x9747b28c);
        int h2 = StringHelper.murmurhash3_x86_32(id, 0x5bd1e995);
        for (int i = 0; i < 3; i++) {
            int b = (h1 + i * h2) & mask;
            if ((bits[b >>> 6] & 1L << b) == 0) {
                return false;
            }
        }
        return true;
    }
}

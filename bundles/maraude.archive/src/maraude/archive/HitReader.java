package maraude.archive;

import java.io.IOException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.BytesRef;

import maraude.core.model.Direction;

/**
 * What a search hit shows of a message, read from doc values ({@link ArchiveSchema#HIT},
 * {@link ArchiveSchema#PREVIEW}, conversation, direction, time) when the message has them and its
 * preview is its whole text, else from stored fields (messages written before schema version 3, and
 * texts longer than a preview). Documents must be read in increasing order: doc values only move
 * forward.
 */
final class HitReader {

    /** The text is the stored one, or the preview (whitespace collapsed) when that is the whole text. */
    record Fields(String messageId, String conversationId, Direction direction, ZonedDateTime instant, String text) {
    }

    static final Set<String> STORED = Set.of(ArchiveSchema.ID, ArchiveSchema.CONVERSATION, ArchiveSchema.DIRECTION,
            ArchiveSchema.WHEN, ArchiveSchema.TEXT);
    private static final Direction[] DIRECTIONS = Direction.values();

    private final IndexSearcher searcher;
    private final List<LeafReaderContext> leaves;
    private StoredFields stored;
    private int leaf = -1;
    private BinaryDocValues hit;
    private BinaryDocValues preview;
    private SortedDocValues conversation;
    private NumericDocValues direction;
    private NumericDocValues time;

    HitReader(IndexSearcher searcher) {
        this.searcher = searcher;
        this.leaves = searcher.getIndexReader().leaves();
    }

    Fields read(int doc) throws IOException {
        int l = ReaderUtil.subIndex(doc, leaves);
        if (l != leaf) {
            leaf = l;
            LeafReader r = leaves.get(l).reader();
            hit = r.getBinaryDocValues(ArchiveSchema.HIT);
            preview = r.getBinaryDocValues(ArchiveSchema.PREVIEW);
            conversation = r.getSortedDocValues(ArchiveSchema.CONVERSATION);
            direction = r.getNumericDocValues(ArchiveSchema.DIRECTION);
            time = r.getNumericDocValues(ArchiveSchema.TIME);
        }
        int d = doc - leaves.get(l).docBase;
        if (hit != null && preview != null && conversation != null && direction != null && time != null
                && hit.advanceExact(d) && preview.advanceExact(d) && conversation.advanceExact(d)
                && direction.advanceExact(d) && time.advanceExact(d)) {
            String text = preview.binaryValue().utf8ToString();
            if (ArchiveSchema.previewIsWhole(text)) {
                BytesRef h = hit.binaryValue();
                String idAndZone = h.utf8ToString();
                int space = idAndZone.indexOf(' ');
                if (space > 0) {
                    long v = direction.longValue();
                    Direction dir = v >= 0 && v < DIRECTIONS.length ? DIRECTIONS[(int) v] : Direction.SYSTEM;
                    ZonedDateTime when = ZonedDateTime.ofInstant(Instant.ofEpochMilli(time.longValue()),
                            WhenCodec.zone(idAndZone.substring(space + 1)));
                    return new Fields(idAndZone.substring(0, space), conversation.lookupOrd(conversation.ordValue())
                            .utf8ToString(), dir, when, text);
                }
            }
        }
        if (stored == null) {
            stored = searcher.storedFields();
        }
        Document s = stored.document(doc, STORED);
        return new Fields(s.get(ArchiveSchema.ID), s.get(ArchiveSchema.CONVERSATION), ArchiveSchema.direction(s),
                WhenCodec.parse(s.get(ArchiveSchema.WHEN)), s.get(ArchiveSchema.TEXT));
    }
}

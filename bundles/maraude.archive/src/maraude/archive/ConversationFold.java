package maraude.archive;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.util.Bits;

import maraude.core.archive.ConversationSummary;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;

/**
 * The figures of one conversation's {@link ConversationSummary} folded from its messages' doc values:
 * the one implementation of the fold, used by the local archive ({@link ConversationSummaries}, over
 * the whole index) and by the team archive (the Solr plugin's summaries component over each shard's
 * index, the client turning the shards' figures into summaries). A conversation's messages are routed to
 * one shard, so a shard's fold is the conversation's whole fold.
 * <p>
 * Positions are (time, seq) pairs: a later position is a later time, or the same time and a higher
 * source order. What a summary says: the count, the first and last times, the preview of the last
 * message, the direction of the last message that is not a system line, the last inbound and outbound
 * times, and the oldest inbound message after the last outbound one.
 */
public final class ConversationFold {

    /**
     * How a segment gives a message's direction ({@link Direction} ordinals) and preview: the local
     * archive's fields are numeric and binary doc values ({@link #LOCAL}); a team collection's are
     * strings (the Solr plugin's view).
     */
    public interface Fields {
        /** Direction ordinals of the segment's messages; null when the segment has none. */
        NumericDocValues directions(LeafReader reader) throws IOException;

        /** Previews of the segment's messages; null when the segment has none. */
        BinaryDocValues previews(LeafReader reader) throws IOException;
    }

    /** The local archive's doc values ({@link ArchiveSchema#DIRECTION} numeric, {@link ArchiveSchema#PREVIEW} binary). */
    public static final Fields LOCAL = new Fields() {
        @Override
        public NumericDocValues directions(LeafReader reader) throws IOException {
            return reader.getNumericDocValues(ArchiveSchema.DIRECTION);
        }

        @Override
        public BinaryDocValues previews(LeafReader reader) throws IOException {
            return reader.getBinaryDocValues(ArchiveSchema.PREVIEW);
        }
    };

    private static final int FIGURES = 11;
    private static final Direction[] DIRECTIONS = Direction.values();

    private long count;
    private long first = Long.MAX_VALUE;
    private long lastTime = Long.MIN_VALUE;
    private long lastSeq;
    private long meaningfulTime = Long.MIN_VALUE;
    private long meaningfulSeq;
    /** Ordinal of the last meaningful direction, -1 while none. */
    private int meaningfulDir = -1;
    private long lastIn = Long.MIN_VALUE;
    private long lastOutTime = Long.MIN_VALUE;
    private long lastOutSeq;
    private long oldestUnanswered = Long.MAX_VALUE;
    private String preview;
    /** Where the last message lies (segment, doc) while folding: its preview is read after the passes. */
    private int lastLeaf;
    private int lastDoc;

    private static boolean after(long t, long s, long refT, long refS) {
        return t > refT || (t == refT && s > refS);
    }

    /** First pass: one message, at (time, seq), of this direction, at (leaf, doc). */
    private void add(long t, long q, int dir, int leaf, int doc) {
        count++;
        first = Math.min(first, t);
        if (after(t, q, lastTime, lastSeq) || count == 1) {
            lastTime = t;
            lastSeq = q;
            lastLeaf = leaf;
            lastDoc = doc;
        }
        if (dir != Direction.SYSTEM.ordinal() && (meaningfulDir < 0 || after(t, q, meaningfulTime, meaningfulSeq))) {
            meaningfulTime = t;
            meaningfulSeq = q;
            meaningfulDir = dir;
        }
        if (dir == Direction.INBOUND.ordinal()) {
            lastIn = Math.max(lastIn, t);
        } else if (dir == Direction.OUTBOUND.ordinal() && (lastOutTime == Long.MIN_VALUE || after(t, q, lastOutTime, lastOutSeq))) {
            lastOutTime = t;
            lastOutSeq = q;
        }
    }

    /** Second pass, after every message went through {@link #add}: one inbound message at (time, seq). */
    private void inbound(long t, long q) {
        if (lastOutTime == Long.MIN_VALUE || after(t, q, lastOutTime, lastOutSeq)) {
            oldestUnanswered = Math.min(oldestUnanswered, t);
        }
    }

    /**
     * The fold of every live message of {@code reader} (the documents with a
     * {@link ArchiveSchema#CONVERSATION} doc value), by conversation id: two passes over doc values
     * (conversation, time, seq, direction), then one preview per conversation, read in doc order per
     * segment. No stored field is read.
     */
    public static Map<String, ConversationFold> fold(IndexReader reader, Fields fields) throws IOException {
        Map<String, ConversationFold> map = new HashMap<>();
        List<LeafReaderContext> leaves = reader.leaves();
        List<ConversationFold[]> perLeaf = new ArrayList<>();
        for (LeafReaderContext ctx : leaves) {
            LeafReader r = ctx.reader();
            SortedDocValues conv = r.getSortedDocValues(ArchiveSchema.CONVERSATION);
            if (conv == null) {
                perLeaf.add(new ConversationFold[0]);
                continue;
            }
            ConversationFold[] byOrd = new ConversationFold[conv.getValueCount()];
            for (int o = 0; o < byOrd.length; o++) {
                byOrd[o] = map.computeIfAbsent(conv.lookupOrd(o).utf8ToString(), k -> new ConversationFold());
            }
            perLeaf.add(byOrd);
            NumericDocValues time = orEmpty(r.getNumericDocValues(ArchiveSchema.TIME));
            NumericDocValues seq = orEmpty(r.getNumericDocValues(ArchiveSchema.SEQ));
            NumericDocValues dir = orEmpty(fields.directions(r));
            Bits live = r.getLiveDocs();
            for (int doc = conv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = conv.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                long t = time.advanceExact(doc) ? time.longValue() : 0;
                long q = seq.advanceExact(doc) ? seq.longValue() : 0;
                int d = dir.advanceExact(doc) ? (int) dir.longValue() : Direction.SYSTEM.ordinal();
                byOrd[conv.ordValue()].add(t, q, d, ctx.ord, doc);
            }
        }
        // Second pass: the oldest inbound message after each conversation's last outbound one.
        for (LeafReaderContext ctx : leaves) {
            LeafReader r = ctx.reader();
            SortedDocValues conv = r.getSortedDocValues(ArchiveSchema.CONVERSATION);
            if (conv == null) {
                continue;
            }
            ConversationFold[] byOrd = perLeaf.get(ctx.ord);
            NumericDocValues time = orEmpty(r.getNumericDocValues(ArchiveSchema.TIME));
            NumericDocValues seq = orEmpty(r.getNumericDocValues(ArchiveSchema.SEQ));
            NumericDocValues dir = orEmpty(fields.directions(r));
            Bits live = r.getLiveDocs();
            for (int doc = dir.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dir.nextDoc()) {
                if (dir.longValue() != Direction.INBOUND.ordinal() || (live != null && !live.get(doc))
                        || !conv.advanceExact(doc)) {
                    continue;
                }
                long t = time.advanceExact(doc) ? time.longValue() : 0;
                long q = seq.advanceExact(doc) ? seq.longValue() : 0;
                byOrd[conv.ordValue()].inbound(t, q);
            }
        }
        // a conversation whose messages were all deleted in the segments that name it has no summary figures
        map.values().removeIf(a -> a.count == 0);
        // Previews in doc order per segment: binary doc values are read forward only.
        List<ConversationFold> byDoc = new ArrayList<>(map.values());
        byDoc.sort(Comparator.comparingInt((ConversationFold a) -> a.lastLeaf).thenComparingInt(a -> a.lastDoc));
        BinaryDocValues preview = null;
        int leaf = -1;
        for (ConversationFold a : byDoc) {
            if (a.lastLeaf != leaf) {
                leaf = a.lastLeaf;
                preview = fields.previews(leaves.get(leaf).reader());
            }
            a.preview = preview != null && preview.advanceExact(a.lastDoc) ? preview.binaryValue().utf8ToString() : ""; //$NON-NLS-1$
        }
        return map;
    }

    private static NumericDocValues orEmpty(NumericDocValues v) {
        return v == null ? DocValues.emptyNumeric() : v;
    }

    /** The figures as numbers (the team's shards send them so): see {@link #of(long[], String)}. */
    public long[] figures() {
        return new long[] { count, first, lastTime, lastSeq, meaningfulDir, meaningfulTime, meaningfulSeq, lastIn,
                lastOutTime, lastOutSeq, oldestUnanswered };
    }

    /** The last message's preview ("" when it has none). */
    public String preview() {
        return preview == null ? "" : preview; //$NON-NLS-1$
    }

    /**
     * The fold that gave these {@link #figures()} and {@link #preview()}.
     *
     * @throws IllegalArgumentException when they are not a fold's figures
     */
    public static ConversationFold of(long[] figures, String preview) {
        if (figures.length != FIGURES || figures[0] < 1 || figures[4] < -1 || figures[4] >= DIRECTIONS.length) {
            throw new IllegalArgumentException("not a conversation's figures"); //$NON-NLS-1$
        }
        ConversationFold a = new ConversationFold();
        a.count = figures[0];
        a.first = figures[1];
        a.lastTime = figures[2];
        a.lastSeq = figures[3];
        a.meaningfulDir = (int) figures[4];
        a.meaningfulTime = figures[5];
        a.meaningfulSeq = figures[6];
        a.lastIn = figures[7];
        a.lastOutTime = figures[8];
        a.lastOutSeq = figures[9];
        a.oldestUnanswered = figures[10];
        a.preview = preview;
        return a;
    }

    /**
     * One summary per conversation of {@code conversations}, its figures from {@code folds} (none:
     * no message), most recent activity first, conversations without messages last.
     */
    public static List<ConversationSummary> summaries(Map<String, ConversationFold> folds,
            Collection<Conversation> conversations, Map<String, Contact> contacts) {
        List<ConversationSummary> out = new ArrayList<>(conversations.size());
        for (Conversation c : conversations) {
            ConversationFold a = folds.get(c.id());
            Contact contact = contacts.get(c.contactId());
            String name = contact == null ? null : contact.displayName();
            if (a == null) {
                out.add(new ConversationSummary(c.id(), c.platform(), c.contactId(), name, c.title(), 0, null, null,
                        null, null, null, null, null));
            } else {
                out.add(new ConversationSummary(c.id(), c.platform(), c.contactId(), name, c.title(), a.count,
                        instant(a.first), instant(a.lastTime), a.meaningfulDir < 0 ? null : DIRECTIONS[a.meaningfulDir],
                        instant(a.lastIn), instant(a.lastOutTime), instant(a.oldestUnanswered), a.preview()));
            }
        }
        out.sort(Comparator.comparing(ConversationSummary::lastMessage, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ConversationSummary::conversationId));
        return out;
    }

    private static Instant instant(long millis) {
        return millis == Long.MIN_VALUE || millis == Long.MAX_VALUE ? null : Instant.ofEpochMilli(millis);
    }
}

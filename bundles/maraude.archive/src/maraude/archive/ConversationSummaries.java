package maraude.archive;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.BinaryDocValues;
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
 * One {@link ConversationSummary} per conversation of the last commit (the queue, the dashboard and
 * the register read them), from doc values only, computed once per commit.
 */
final class ConversationSummaries {

    private final Readers readers;

    ConversationSummaries(Readers readers) {
        this.readers = readers;
    }

    /** Per conversation accumulator of {@link #summaries}: positions are (time, seq) pairs. */
    private static final class Acc {
        long count;
        long first = Long.MAX_VALUE;
        long lastTime = Long.MIN_VALUE;
        long lastSeq;
        int lastLeaf;
        int lastDoc;
        long meaningfulTime = Long.MIN_VALUE;
        long meaningfulSeq;
        Direction meaningfulDir;
        long lastIn = Long.MIN_VALUE;
        long lastOutTime = Long.MIN_VALUE;
        long lastOutSeq;
        long oldestUnanswered = Long.MAX_VALUE;
        String preview;
    }

    private static boolean after(long t, long s, long refT, long refS) {
        return t > refT || (t == refT && s > refS);
    }

    /**
     * Two passes over doc values of all messages (conversation, time, seq, direction), then one
     * binary doc value per conversation for the preview of its last message. No stored field is read.
     */
    List<ConversationSummary> summaries(Map<String, Conversation> convs, Map<String, Contact> cons) {
        Map<String, Acc> accs = readers.with(s -> {
            // The per-conversation figures only change with a new commit: the queue, the dashboard
            // and the register all ask after each import, so compute them once per reader.
            SummaryCache cached = summaryCache;
            if (cached != null && cached.reader() == s.getIndexReader()) {
                return cached.accs();
            }
            Map<String, Acc> map = new HashMap<>();
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            Direction[] dirs = Direction.values();
            List<Acc[]> perLeaf = new ArrayList<>();
            for (LeafReaderContext ctx : leaves) {
                LeafReader r = ctx.reader();
                SortedDocValues conv = r.getSortedDocValues(ArchiveSchema.CONVERSATION);
                if (conv == null) {
                    perLeaf.add(new Acc[0]);
                    continue;
                }
                Acc[] byOrd = new Acc[conv.getValueCount()];
                for (int o = 0; o < byOrd.length; o++) {
                    byOrd[o] = map.computeIfAbsent(conv.lookupOrd(o).utf8ToString(), k -> new Acc());
                }
                perLeaf.add(byOrd);
                NumericDocValues time = r.getNumericDocValues(ArchiveSchema.TIME);
                NumericDocValues seq = r.getNumericDocValues(ArchiveSchema.SEQ);
                NumericDocValues dir = r.getNumericDocValues(ArchiveSchema.DIRECTION);
                Bits live = r.getLiveDocs();
                for (int doc = conv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = conv.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Acc a = byOrd[conv.ordValue()];
                    long t = time.advanceExact(doc) ? time.longValue() : 0;
                    long q = seq.advanceExact(doc) ? seq.longValue() : 0;
                    Direction d = dirs[dir.advanceExact(doc) ? (int) dir.longValue() : Direction.SYSTEM.ordinal()];
                    a.count++;
                    a.first = Math.min(a.first, t);
                    if (after(t, q, a.lastTime, a.lastSeq) || a.count == 1) {
                        a.lastTime = t;
                        a.lastSeq = q;
                        a.lastLeaf = ctx.ord;
                        a.lastDoc = doc;
                    }
                    if (d != Direction.SYSTEM && (a.meaningfulDir == null || after(t, q, a.meaningfulTime, a.meaningfulSeq))) {
                        a.meaningfulTime = t;
                        a.meaningfulSeq = q;
                        a.meaningfulDir = d;
                    }
                    if (d == Direction.INBOUND) {
                        a.lastIn = Math.max(a.lastIn, t);
                    } else if (d == Direction.OUTBOUND && (a.lastOutTime == Long.MIN_VALUE
                            || after(t, q, a.lastOutTime, a.lastOutSeq))) {
                        a.lastOutTime = t;
                        a.lastOutSeq = q;
                    }
                }
            }
            // Second pass: the oldest inbound message after each conversation's last outbound one.
            for (LeafReaderContext ctx : leaves) {
                LeafReader r = ctx.reader();
                SortedDocValues conv = r.getSortedDocValues(ArchiveSchema.CONVERSATION);
                if (conv == null) {
                    continue;
                }
                Acc[] byOrd = perLeaf.get(ctx.ord);
                NumericDocValues time = r.getNumericDocValues(ArchiveSchema.TIME);
                NumericDocValues seq = r.getNumericDocValues(ArchiveSchema.SEQ);
                NumericDocValues dir = r.getNumericDocValues(ArchiveSchema.DIRECTION);
                Bits live = r.getLiveDocs();
                for (int doc = dir.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dir.nextDoc()) {
                    if (dir.longValue() != Direction.INBOUND.ordinal() || (live != null && !live.get(doc))
                            || !conv.advanceExact(doc)) {
                        continue;
                    }
                    Acc a = byOrd[conv.ordValue()];
                    long t = time.advanceExact(doc) ? time.longValue() : 0;
                    long q = seq.advanceExact(doc) ? seq.longValue() : 0;
                    if (a.lastOutTime == Long.MIN_VALUE || after(t, q, a.lastOutTime, a.lastOutSeq)) {
                        a.oldestUnanswered = Math.min(a.oldestUnanswered, t);
                    }
                }
            }
            // Previews from binary doc values, in doc order per segment: no stored field is read.
            List<Acc> byDoc = new ArrayList<>(map.values());
            byDoc.sort(Comparator.comparingInt((Acc a) -> a.lastLeaf).thenComparingInt(a -> a.lastDoc));
            BinaryDocValues preview = null;
            int leaf = -1;
            for (Acc a : byDoc) {
                if (a.lastLeaf != leaf) {
                    leaf = a.lastLeaf;
                    preview = leaves.get(leaf).reader().getBinaryDocValues(ArchiveSchema.PREVIEW);
                }
                a.preview = preview != null && preview.advanceExact(a.lastDoc) ? preview.binaryValue().utf8ToString() : ""; //$NON-NLS-1$
            }
            summaryCache = new SummaryCache(s.getIndexReader(), map);
            return map;
        }, Map.<String, Acc>of());
        List<ConversationSummary> out = new ArrayList<>(convs.size());
        for (Conversation c : convs.values()) {
            Acc a = accs.get(c.id());
            Contact contact = cons.get(c.contactId());
            String name = contact == null ? null : contact.displayName();
            if (a == null) {
                out.add(new ConversationSummary(c.id(), c.platform(), c.contactId(), name, c.title(), 0, null, null,
                        null, null, null, null, null));
            } else {
                out.add(new ConversationSummary(c.id(), c.platform(), c.contactId(), name, c.title(), a.count,
                        instant(a.first), instant(a.lastTime), a.meaningfulDir, instant(a.lastIn), instant(a.lastOutTime),
                        a.oldestUnanswered == Long.MAX_VALUE ? null : Instant.ofEpochMilli(a.oldestUnanswered),
                        a.preview));
            }
        }
        // Most recent activity first; conversations without messages last.
        out.sort(Comparator.comparing(ConversationSummary::lastMessage, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ConversationSummary::conversationId));
        return out;
    }

    /** Figures of the last summaries() call and the reader they were read from (never mutated after). */
    private record SummaryCache(IndexReader reader, Map<String, Acc> accs) {
    }

    private volatile SummaryCache summaryCache;

    private static Instant instant(long millis) {
        return millis == Long.MIN_VALUE || millis == Long.MAX_VALUE ? null : Instant.ofEpochMilli(millis);
    }
}

package maraude.solr.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.util.BytesRef;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.apache.solr.handler.component.ResponseBuilder;
import org.apache.solr.handler.component.SearchComponent;
import org.apache.solr.handler.component.ShardRequest;
import org.apache.solr.handler.component.ShardResponse;
import org.apache.solr.search.SolrIndexSearcher;

import maraude.archive.ConversationFold;
import maraude.core.model.Direction;
import maraude.solr.TeamSchema;

/**
 * The summaries of a team collection computed where the messages are
 * ({@value TeamSchema#SUMMARIES_HANDLER}, a {@code SearchHandler} with this component alone): each
 * shard folds its messages per conversation from doc values with the local archive's fold
 * ({@link ConversationFold}) and sends one line per conversation (its figures and the last message's
 * preview), never the messages; the node that took the request puts the shards' lines together. A
 * conversation's messages are routed to one shard (the collection's {@code router.field} is
 * {@link TeamSchema#ROUTE}, the contact id), so a shard's fold is the conversation's whole fold; a
 * conversation named by two shards (a collection created without that router field) is an error,
 * never a wrong summary.
 * <p>
 * Response: {@value TeamSchema#SUMMARIES} → conversation id → the fold's figures (longs) then the
 * preview. A shard keeps its answer for the searcher it was computed from (a new commit opens a new one).
 */
public final class SummariesComponent extends SearchComponent {

    private static final String MERGED = SummariesComponent.class.getName() + ".merged"; //$NON-NLS-1$

    /** A team collection's doc values: direction and preview are strings (sorted doc values). */
    static final ConversationFold.Fields TEAM_FIELDS = new ConversationFold.Fields() {
        @Override
        public NumericDocValues directions(LeafReader reader) throws IOException {
            SortedDocValues keys = reader.getSortedDocValues(TeamSchema.DIRECTION);
            return keys == null ? null : new DirectionOrdinals(keys);
        }

        @Override
        public BinaryDocValues previews(LeafReader reader) throws IOException {
            SortedDocValues previews = reader.getSortedDocValues(TeamSchema.PREVIEW);
            return previews == null ? null : new SortedAsBinary(previews);
        }
    };

    private record Kept(Object readerKey, NamedList<Object> lines) {
    }

    private volatile Kept kept;

    @Override
    public void prepare(ResponseBuilder rb) {
        // nothing: no query to parse
    }

    /** On a shard (or a collection of one shard): this core's conversations. */
    @Override
    public void process(ResponseBuilder rb) throws IOException {
        rb.rsp.add(TeamSchema.SUMMARIES, lines(rb.req.getSearcher()));
    }

    private NamedList<Object> lines(SolrIndexSearcher searcher) throws IOException {
        IndexReader reader = searcher.getIndexReader();
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        Object key = helper == null ? null : helper.getKey();
        Kept k = kept;
        if (key != null && k != null && k.readerKey() == key) {
            return k.lines();
        }
        Map<String, ConversationFold> folds = ConversationFold.fold(reader, TEAM_FIELDS);
        NamedList<Object> lines = new SimpleOrderedMap<>();
        for (Map.Entry<String, ConversationFold> e : folds.entrySet()) {
            long[] figures = e.getValue().figures();
            List<Object> line = new ArrayList<>(figures.length + 1);
            for (long f : figures) {
                line.add(f);
            }
            line.add(e.getValue().preview());
            lines.add(e.getKey(), line);
        }
        if (key != null) {
            kept = new Kept(key, lines);
        }
        return lines;
    }

    /** The node that took the request: one request to every shard, in the query stage. */
    @Override
    public int distributedProcess(ResponseBuilder rb) {
        if (rb.stage < ResponseBuilder.STAGE_EXECUTE_QUERY) {
            return ResponseBuilder.STAGE_EXECUTE_QUERY;
        }
        if (rb.stage == ResponseBuilder.STAGE_EXECUTE_QUERY) {
            ShardRequest sreq = new ShardRequest();
            sreq.purpose = ShardRequest.PURPOSE_PRIVATE;
            sreq.params = new org.apache.solr.common.params.ModifiableSolrParams(rb.req.getParams());
            rb.addRequest(this, sreq);
        }
        return ResponseBuilder.STAGE_DONE;
    }

    @Override
    public void handleResponses(ResponseBuilder rb, ShardRequest sreq) {
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) rb.req.getContext().computeIfAbsent(MERGED,
                k -> new LinkedHashMap<String, Object>());
        for (ShardResponse srsp : sreq.responses) {
            Object lines = srsp.getSolrResponse().getResponse().get(TeamSchema.SUMMARIES);
            if (!(lines instanceof NamedList<?> nl)) {
                throw new SolrException(SolrException.ErrorCode.SERVER_ERROR, "a shard sent no summaries"); //$NON-NLS-1$
            }
            for (Map.Entry<String, ?> e : nl) {
                if (merged.put(e.getKey(), e.getValue()) != null) {
                    throw new SolrException(SolrException.ErrorCode.SERVER_ERROR,
                            "a conversation's messages lie on two shards: create the collection with router.field=" //$NON-NLS-1$
                                    + TeamSchema.ROUTE);
                }
            }
        }
    }

    @Override
    public void finishStage(ResponseBuilder rb) {
        if (rb.stage != ResponseBuilder.STAGE_EXECUTE_QUERY) {
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> merged = (Map<String, Object>) rb.req.getContext().get(MERGED);
        NamedList<Object> out = new SimpleOrderedMap<>();
        if (merged != null) {
            merged.forEach(out::add);
        }
        rb.rsp.add(TeamSchema.SUMMARIES, out);
    }

    @Override
    public String getDescription() {
        return "Maraude: one summary per conversation, folded on each shard"; //$NON-NLS-1$
    }

    /** A segment's direction keys as {@link Direction} ordinals (an unknown key: a system line). */
    private static final class DirectionOrdinals extends NumericDocValues {
        private final SortedDocValues keys;
        private final int[] ordinals;

        DirectionOrdinals(SortedDocValues keys) throws IOException {
            this.keys = keys;
            ordinals = new int[keys.getValueCount()];
            for (int o = 0; o < ordinals.length; o++) {
                ordinals[o] = ordinal(keys.lookupOrd(o).utf8ToString());
            }
        }

        private static int ordinal(String key) {
            for (Direction d : Direction.values()) {
                if (d.key().equals(key)) {
                    return d.ordinal();
                }
            }
            return Direction.SYSTEM.ordinal();
        }

        @Override
        public long longValue() throws IOException {
            return ordinals[keys.ordValue()];
        }

        @Override
        public boolean advanceExact(int target) throws IOException {
            return keys.advanceExact(target);
        }

        @Override
        public int docID() {
            return keys.docID();
        }

        @Override
        public int nextDoc() throws IOException {
            return keys.nextDoc();
        }

        @Override
        public int advance(int target) throws IOException {
            return keys.advance(target);
        }

        @Override
        public long cost() {
            return keys.cost();
        }
    }

    /** A string field's sorted doc values read as binary ones (the value of each document). */
    private static final class SortedAsBinary extends BinaryDocValues {
        private final SortedDocValues values;

        SortedAsBinary(SortedDocValues values) {
            this.values = values;
        }

        @Override
        public BytesRef binaryValue() throws IOException {
            return values.lookupOrd(values.ordValue());
        }

        @Override
        public boolean advanceExact(int target) throws IOException {
            return values.advanceExact(target);
        }

        @Override
        public int docID() {
            return values.docID();
        }

        @Override
        public int nextDoc() throws IOException {
            return values.nextDoc();
        }

        @Override
        public int advance(int target) throws IOException {
            return values.advance(target);
        }

        @Override
        public long cost() {
            return values.cost();
        }
    }
}

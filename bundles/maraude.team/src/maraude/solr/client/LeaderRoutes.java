package maraude.solr.client;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.CompositeIdRouter;
import org.apache.solr.common.cloud.DocRouter;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;

import maraude.solr.TeamSchema;

/**
 * Where each document of an update goes: the shard whose hash range holds the hash of its
 * {@link TeamSchema#ROUTE} value, hashed by Solr's own {@link CompositeIdRouter}, and that shard's
 * leader, as the collection's {@value TeamSchema#LEADERS_HANDLER} handler last said. An update sent to
 * the leader's core is parsed there once and forwarded to the other replicas only; sent to any node,
 * it is parsed there, forwarded to the leader and parsed again.
 *
 * <p>
 * One JDK HTTP client (its own pool of kept-alive TLS connections) per node, made by the factory
 * {@link TeamArchives} gives, with the archive's credentials and trust. The routes are read once and
 * read again after a send to a leader failed ({@link #stale()}): a node down, a leader changed. Routing
 * is only an optimisation: whatever goes wrong, the caller sends the same request through the node of
 * the archive's address, which forwards as Solr always does. A collection not routed by
 * {@link TeamSchema#ROUTE} with the {@code compositeId} router is not routed here.
 */
final class LeaderRoutes implements AutoCloseable {

    /** One shard: its hash range and its leader (node base URL and core), or no leader known. */
    record Shard(String name, DocRouter.Range range, String node, String core) {
    }

    private final SolrClient main;
    private final String collection;
    private final Function<String, SolrClient> clientFactory;
    private final Map<String, SolrClient> clients = new LinkedHashMap<>();
    private final CompositeIdRouter router = new CompositeIdRouter();
    /** Null until read, or after {@link #stale()}; empty when the collection cannot be routed here. */
    private volatile List<Shard> shards;
    private volatile boolean closed;

    LeaderRoutes(SolrClient main, String collection, Function<String, SolrClient> clientFactory) {
        this.main = main;
        this.collection = collection;
        this.clientFactory = clientFactory;
    }

    /**
     * The documents by the shard leader that takes them; documents of a shard without a known leader
     * (or all, when the collection cannot be routed here) under the key {@code null}.
     */
    Map<Shard, List<SolrInputDocument>> split(List<SolrInputDocument> docs) {
        List<Shard> known = shards();
        Map<Shard, List<SolrInputDocument>> out = new LinkedHashMap<>();
        for (SolrInputDocument d : docs) {
            Shard target = null;
            Object route = d.getFieldValue(TeamSchema.ROUTE);
            if (!known.isEmpty() && route != null) {
                int hash = router.sliceHash(route.toString(), null, null, null);
                for (Shard s : known) {
                    if (s.range().includes(hash)) {
                        target = s.node() == null ? null : s;
                        break;
                    }
                }
            }
            out.computeIfAbsent(target, k -> new ArrayList<>()).add(d);
        }
        return out;
    }

    /** The client of a shard leader's node (made on first use, kept until {@link #close()}). */
    synchronized SolrClient client(Shard shard) {
        if (closed) {
            throw new IllegalStateException("closed"); //$NON-NLS-1$
        }
        return clients.computeIfAbsent(shard.node(), clientFactory);
    }

    /** A send to a leader failed: the routes are read again before the next split. */
    void stale() {
        if (!disabled) {
            shards = null;
        }
    }

    private volatile boolean disabled;

    /**
     * No more routing for this archive: a leader's node presented a certificate the archive does not
     * trust (a pinned certificate that only the address's node has, for one): every batch goes through
     * the address's node.
     */
    void disable() {
        disabled = true;
        shards = List.of();
    }

    /** Whether {@code e} is a TLS handshake refused (an untrusted certificate, a host name that does not match). */
    static boolean refusedByTrust(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof javax.net.ssl.SSLHandshakeException || t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                return true;
            }
        }
        return false;
    }

    /** The routes as last read (reading them if needed); empty when they cannot be used. */
    List<Shard> shards() {
        List<Shard> s = shards;
        if (s == null) {
            s = read();
            if (!disabled) {
                shards = s;
            }
        }
        return s;
    }

    private List<Shard> read() {
        ModifiableSolrParams p = new ModifiableSolrParams();
        QueryRequest r = new QueryRequest(p, SolrRequest.METHOD.GET);
        r.setPath(TeamSchema.LEADERS_HANDLER);
        NamedList<Object> response;
        try {
            response = main.request(r, collection);
        } catch (SolrServerException | IOException | RuntimeException e) {
            return List.of(); // a collection made from an older configset: not routed, still imported
        }
        if (!CompositeIdRouter.NAME.equals(response.get("router")) //$NON-NLS-1$
                || !TeamSchema.ROUTE.equals(response.get("field"))) { //$NON-NLS-1$
            return List.of();
        }
        List<Shard> out = new ArrayList<>();
        Object leaders = response.get(TeamSchema.LEADERS);
        if (!(leaders instanceof List<?> list)) {
            return List.of();
        }
        for (Object o : list) {
            if (!(o instanceof NamedList<?> s) || s.get("range") == null) { //$NON-NLS-1$
                return List.of();
            }
            DocRouter.Range range = router.fromString(s.get("range").toString()); //$NON-NLS-1$
            Object node = s.get("node"); //$NON-NLS-1$
            Object core = s.get("core"); //$NON-NLS-1$
            out.add(new Shard(String.valueOf(s.get("shard")), range, //$NON-NLS-1$
                    node == null || core == null ? null : node.toString(), core == null ? null : core.toString()));
        }
        return List.copyOf(out);
    }

    /**
     * Closes the per-node clients in a daemon thread: a client whose node went down with a request in
     * flight waits for that request's timeout before its pool ends (and then throws), which the archive's
     * close (a worker switching archives, the workbench closing) must neither wait for nor fail on.
     */
    @Override
    public synchronized void close() {
        closed = true;
        List<SolrClient> open = new ArrayList<>(clients.values());
        clients.clear();
        if (open.isEmpty()) {
            return;
        }
        SolrClientCloser.closeInBackground(open, "maraude-team-routes-close"); //$NON-NLS-1$
    }
}

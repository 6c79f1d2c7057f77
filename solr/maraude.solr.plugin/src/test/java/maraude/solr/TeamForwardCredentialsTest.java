package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.cloud.Replica;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append-only audit collection on a cluster whose {@code security.json} sets
 * {@code "forwardCredentials": true} (BasicAuthPlugin then passes the user's own Basic credentials between
 * nodes instead of Solr's PKI header): 3 TLS nodes, authentication on, the audit collection of one shard on
 * two nodes. A worker's entry sent to the node that does not hold the leader (forwarded to the leader, then
 * to the other replica) is recorded once, with the worker's name, on both replicas; the worker's delete and
 * her forged "forwarded" updates are refused and change nothing.
 */
class TeamForwardCredentialsTest {

    private static final String AUDIT = "equipe_audit"; //$NON-NLS-1$
    private static final String ADMIN_PASSWORD = "admin-secret-fwd"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-fwd"; //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static TeamCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        String security = TeamCluster.adminAndWorker(ADMIN_PASSWORD, WORKER_PASSWORD)
                .replace("\"blockUnknown\": true,", "\"blockUnknown\": true, \"forwardCredentials\": true,"); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(security.contains("\"forwardCredentials\": true"), security); //$NON-NLS-1$
        cluster = TeamCluster.startTls(dir, 3, security);
        cluster.createAuditCollection(AUDIT, 2, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void forwardedEntriesAreRecordedOnceAndForgeriesRefused() throws Exception {
        var slice = cluster.cluster().getSolrClient().getClusterState().getCollection(AUDIT).getSlices().iterator().next();
        Replica leader = slice.getLeader();
        Replica other = slice.getReplicas().stream().filter(r -> !r.getName().equals(leader.getName())).findFirst().orElseThrow();
        Instant sent = Instant.now();

        // the other replica's node takes the request: stamped there, forwarded to the leader (TOLEADER), which
        // sends it back to that replica (FROMLEADER); the commit goes to both replicas too. Then the node
        // without a core, which passes the client's request on as it came.
        String noCore = cluster.cluster().getJettySolrRunners().stream().map(j -> j.getBaseUrl().toString())
                .filter(u -> !u.equals(leader.getBaseUrl()) && !u.equals(other.getBaseUrl())).findFirst().orElseThrow();
        List<String> senders = List.of(other.getBaseUrl(), noCore);
        for (int n = 0; n < senders.size(); n++) {
            try (HttpJdkSolrClient raw = client(senders.get(n), "worker", WORKER_PASSWORD)) { //$NON-NLS-1$
                UpdateRequest add = new UpdateRequest().add(AuditProbes.entry("au-forged", "admin", 7 + n)); //$NON-NLS-1$ //$NON-NLS-2$
                add.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
                add.process(raw, AUDIT);
            }
        }
        List<List<String>> before = held();
        for (List<String> docs : before) {
            assertEquals(2, docs.size(), before.toString());
            Set<String> counts = new HashSet<>();
            for (String doc : docs) {
                String[] parts = doc.split(" ", 4); //$NON-NLS-1$
                assertTrue(parts[0].startsWith("au-") && !parts[0].equals("au-forged"), parts[0]); //$NON-NLS-1$ //$NON-NLS-2$
                assertTrue(Long.parseLong(parts[1]) >= sent.toEpochMilli() - 5000, "the server's time"); //$NON-NLS-1$
                assertEquals("worker", parts[2], "the authenticated user"); //$NON-NLS-1$ //$NON-NLS-2$
                assertTrue(parts[3].contains("\"worker\"") && !parts[3].contains("\"admin\""), parts[3]); //$NON-NLS-1$ //$NON-NLS-2$
                counts.add(parts[3].replaceAll("(?s).*\"messages\":\\s*(\\d+).*", "$1")); //$NON-NLS-1$ //$NON-NLS-2$
            }
            assertEquals(Set.of("7", "8"), counts, "each entry once"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        assertEquals(before.get(0), before.get(1), "both replicas hold the same entries, each stamped once"); //$NON-NLS-1$

        // the worker's delete, and her own updates claiming to be a node's, to either replica's node
        String existing = before.get(0).get(0).split(" ", 2)[0]; //$NON-NLS-1$
        for (Replica r : List.of(leader, other)) {
            try (HttpJdkSolrClient raw = client(r.getBaseUrl(), "worker", WORKER_PASSWORD)) { //$NON-NLS-1$
                AuditProbes.refused(raw, AUDIT, new UpdateRequest().deleteByQuery("*:*"), null); //$NON-NLS-1$
                AuditProbes.refused(raw, AUDIT, new UpdateRequest().deleteById(existing), "FROMLEADER"); //$NON-NLS-1$
                AuditProbes.refused(raw, AUDIT, new UpdateRequest().add(AuditProbes.entry(existing, "admin", 1)), "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$
                AuditProbes.refused(raw, AUDIT, new UpdateRequest().add(AuditProbes.entry("au-forged-" + r.getName(), "worker", 2)), "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                AuditProbes.refused(raw, AUDIT, new UpdateRequest().add(AuditProbes.entry("au-forged-to-" + r.getName(), "worker", 3)), "TOLEADER"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
        }
        try (HttpJdkSolrClient raw = client(leader.getBaseUrl(), "admin", ADMIN_PASSWORD)) { //$NON-NLS-1$
            new UpdateRequest().commit(raw, AUDIT);
        }
        assertEquals(before, held(), "nothing changed on either replica"); //$NON-NLS-1$
    }

    /** Each replica's entries, read from its own core ({@code distrib=false}): "id time worker json", by id. */
    private static List<List<String>> held() throws Exception {
        var replicas = cluster.cluster().getSolrClient().getClusterState().getCollection(AUDIT).getReplicas();
        assertEquals(2, replicas.size());
        List<List<String>> held = new ArrayList<>();
        for (Replica r : replicas) {
            try (HttpJdkSolrClient raw = client(r.getBaseUrl(), "admin", ADMIN_PASSWORD)) { //$NON-NLS-1$
                held.add(AuditProbes.held(raw, r));
            }
        }
        return held;
    }

    private static HttpJdkSolrClient client(String baseUrl, String user, String password) throws Exception {
        return new HttpJdkSolrClient.Builder(baseUrl).useHttp1_1(true).withSSLContext(cluster.ssl().buildClientSSLContext())
                .withBasicAuthCredentials(user, password).build();
    }
}

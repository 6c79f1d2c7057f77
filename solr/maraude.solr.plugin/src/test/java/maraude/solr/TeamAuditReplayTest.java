package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.util.TestInjection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The append-only audit collection when a node replays its own update log: one TLS node with
 * authentication on, the audit collection on it. Entries recorded but not hard-committed (only in the
 * node's transaction log) when the node stops uncleanly come back once each, unchanged (id, time, user),
 * when the node restarts and replays its log through the audit chain; a worker's forged "forwarded"
 * update is still refused afterwards and changes nothing.
 */
class TeamAuditReplayTest {

    private static final String AUDIT = "equipe_audit"; //$NON-NLS-1$
    private static final String ADMIN_PASSWORD = "admin-secret-replay"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-replay"; //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static TeamCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = TeamCluster.startTls(dir, 1, TeamCluster.adminAndWorker(ADMIN_PASSWORD, WORKER_PASSWORD));
        cluster.createAuditCollection(AUDIT, 1, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void uncommittedEntriesComeBackOnceFromTheLogAndForgeriesStayRefused() throws Exception {
        JettySolrRunner node = cluster.cluster().getJettySolrRunner(0);
        String url = node.getBaseUrl().toString();
        try (HttpJdkSolrClient worker = client(url, "worker", WORKER_PASSWORD)) { //$NON-NLS-1$
            // one entry hard-committed (in the index files), then three only in the update log: a soft
            // commit makes them visible without writing them to the index files
            UpdateRequest first = new UpdateRequest().add(AuditProbes.entry("au-forged", "admin", 1)); //$NON-NLS-1$ //$NON-NLS-2$
            first.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true);
            first.process(worker, AUDIT);
            for (int n = 2; n <= 4; n++) {
                new UpdateRequest().add(AuditProbes.entry("au-forged", "admin", n)).process(worker, AUDIT); //$NON-NLS-1$ //$NON-NLS-2$
            }
            UpdateRequest soft = new UpdateRequest();
            soft.setAction(AbstractUpdateRequest.ACTION.COMMIT, true, true, true);
            soft.process(worker, AUDIT);
        }
        List<String> before = held();
        assertEquals(4, before.size(), before.toString());
        for (String doc : before) {
            String[] parts = doc.split(" ", 4); //$NON-NLS-1$
            assertTrue(parts[0].startsWith("au-") && !parts[0].equals("au-forged"), parts[0]); //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals("worker", parts[2], "the authenticated user"); //$NON-NLS-1$ //$NON-NLS-2$
        }

        // unclean stop: no commit on close, so the last three entries live in the update log only
        // (Solr 9's form of DirectUpdateHandler2.commitOnClose = false: the index writer is rolled back)
        boolean skip = TestInjection.skipIndexWriterCommitOnClose;
        TestInjection.skipIndexWriterCommitOnClose = true;
        try {
            cluster.cluster().stopJettySolrRunner(node);
            cluster.cluster().waitForJettyToStop(node);
        } finally {
            TestInjection.skipIndexWriterCommitOnClose = skip;
        }
        cluster.cluster().startJettySolrRunner(node, true); // same port
        // the node replays its log before its replica goes active
        cluster.cluster().waitForActiveCollection(AUDIT, 120, TimeUnit.SECONDS, 1, 1);
        assertEquals(before, held(), "every entry back once, with its id, time and user"); //$NON-NLS-1$

        // the replay opened nothing: a worker's update claiming to be a node's is still refused
        url = cluster.cluster().getJettySolrRunner(0).getBaseUrl().toString();
        String existing = before.get(0).split(" ", 2)[0]; //$NON-NLS-1$
        try (HttpJdkSolrClient worker = client(url, "worker", WORKER_PASSWORD)) { //$NON-NLS-1$
            AuditProbes.refused(worker, AUDIT, new UpdateRequest().add(AuditProbes.entry(existing, "admin", 9)), "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$
            AuditProbes.refused(worker, AUDIT, new UpdateRequest().add(AuditProbes.entry("au-forged-replay", "worker", 9)), "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            AuditProbes.refused(worker, AUDIT, new UpdateRequest().deleteById(existing), "FROMLEADER"); //$NON-NLS-1$
            AuditProbes.refused(worker, AUDIT, new UpdateRequest().add(AuditProbes.entry("au-forged-to", "worker", 9)), "TOLEADER"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        try (HttpJdkSolrClient admin = client(url, "admin", ADMIN_PASSWORD)) { //$NON-NLS-1$
            new UpdateRequest().commit(admin, AUDIT);
        }
        assertEquals(before, held(), "nothing changed"); //$NON-NLS-1$
    }

    /** The replica's entries, read from its own core ({@code distrib=false}): "id time worker json", by id. */
    private static List<String> held() throws Exception {
        var replicas = cluster.cluster().getSolrClient().getClusterState().getCollection(AUDIT).getReplicas();
        assertEquals(1, replicas.size());
        Replica r = replicas.get(0);
        try (HttpJdkSolrClient raw = client(r.getBaseUrl(), "admin", ADMIN_PASSWORD)) { //$NON-NLS-1$
            return AuditProbes.held(raw, r);
        }
    }

    private static HttpJdkSolrClient client(String baseUrl, String user, String password) throws Exception {
        return new HttpJdkSolrClient.Builder(baseUrl).useHttp1_1(true).withSSLContext(cluster.ssl().buildClientSSLContext())
                .withBasicAuthCredentials(user, password).build();
    }
}

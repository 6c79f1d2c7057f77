package maraude.solr.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.QueryRequest;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.embedded.JettySolrRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.solr.TeamCluster;
import maraude.solr.TeamSchema;

/**
 * Update batches straight to the shard leaders ({@link LeaderRoutes}) on a team collection (3 nodes,
 * 2 shards × 2 replicas, TLS and authentication as the product runs): each document goes to the
 * leader of the shard Solr's own router gives it, only leaders' cores receive the client's updates, a
 * leader's node stopped mid-import moves the batches to the new leader with nothing lost or doubled,
 * and the restarted replicas catch up with their leaders, with no word in clear on any node.
 */
class LeaderRoutingTest {

    private static final String COLLECTION = "routage"; //$NON-NLS-1$
    private static final String ADMIN_PASSWORD = "admin-secret-routing"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-routing"; //$NON-NLS-1$
    private static final String WORD = "tournesolzyx"; //$NON-NLS-1$
    private static final ZonedDateTime T0 = ZonedDateTime.parse("2026-11-02T10:00+01:00[Europe/Brussels]"); //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static TeamCluster cluster;

    @BeforeAll
    static void start() throws Exception {
        cluster = TeamCluster.startTls(dir, 3, TeamCluster.adminAndWorker(ADMIN_PASSWORD, WORKER_PASSWORD));
        cluster.createCollection(COLLECTION, 2, 2, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A node's client that records which cores the archive sends to. */
    private static final class Counting extends SolrClient {
        private static final long serialVersionUID = 1L;
        private final transient SolrClient delegate;
        private final transient Map<String, AtomicInteger> cores;

        Counting(SolrClient delegate, Map<String, AtomicInteger> cores) {
            this.delegate = delegate;
            this.cores = cores;
        }

        @Override
        public NamedList<Object> request(SolrRequest<?> request, String core) throws SolrServerException, IOException {
            cores.computeIfAbsent(core, k -> new AtomicInteger()).incrementAndGet();
            return delegate.request(request, core);
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }

    /** A worker's archive whose address is node {@code at}'s. */
    private static SolrArchive worker(JettySolrRunner at, Map<String, AtomicInteger> sentTo) throws Exception {
        SolrArchive a = TeamArchives.open("solr+https://localhost:" + at.getLocalPort() + "/" + COLLECTION, "worker", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                WORKER_PASSWORD, //$NON-NLS-1$
                cluster.ssl().buildClientSSLContext(), Files.createTempDirectory(dir, "local"), AccessMode.READ_WRITE); //$NON-NLS-1$
        javax.net.ssl.SSLContext trust = cluster.ssl().buildClientSSLContext();
        a.routeToLeaders(node -> new Counting(TeamArchives.client(node, "worker", WORKER_PASSWORD, trust), sentTo)); //$NON-NLS-1$
        return a;
    }

    private static DocCollection state() {
        return cluster.cluster().getZkStateReader().getClusterState().getCollection(COLLECTION);
    }

    private static Set<String> leaderCores(DocCollection c) {
        Set<String> cores = new HashSet<>();
        for (Slice s : c.getActiveSlices()) {
            cores.add(s.getLeader().getCoreName());
        }
        return cores;
    }

    /** Contacts {@code from} to {@code to}, each with a thread of {@code messages} messages. */
    private static List<Message> importPeople(SolrArchive a, int from, int to, int messages) {
        List<Message> all = new ArrayList<>();
        for (int p = from; p < to; p++) {
            Contact c = Contact.of(Platform.WHATSAPP, "+32 471 00 " + (1000 + p), "Personne" + p); //$NON-NLS-1$ //$NON-NLS-2$
            Conversation v = Conversation.of(Platform.WHATSAPP, "fil" + p, c, "Personne" + p); //$NON-NLS-1$ //$NON-NLS-2$
            a.putContact(c);
            a.putConversation(v);
            for (int i = 0; i < messages; i++) {
                Message m = Message.of(v.id(), i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND, T0.plusMinutes(i), "", //$NON-NLS-1$
                        null, "Message " + i + " " + WORD, List.of(), maraude.core.model.SourceRef.ofLine("r.txt", i + 1)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                assertTrue(a.addMessage(m));
                all.add(m);
            }
        }
        return all;
    }

    /** Messages held by one core itself (no distribution), as an admin on its node. */
    private static long messagesIn(Replica core) throws Exception {
        ModifiableSolrParams p = new ModifiableSolrParams();
        p.set("q", TeamSchema.SEQ + ":[* TO *]"); //$NON-NLS-1$
        p.set("rows", 0); //$NON-NLS-1$
        p.set("distrib", false); //$NON-NLS-1$
        QueryRequest r = new QueryRequest(p, SolrRequest.METHOD.POST);
        try (SolrClient node = TeamArchives.client(core.getBaseUrl(), "admin", ADMIN_PASSWORD, //$NON-NLS-1$
                cluster.ssl().buildClientSSLContext())) {
            return r.process(node, core.getCoreName()).getResults().getNumFound();
        }
    }

    @Test
    void batchesGoToTheLeadersAndSurviveALeaderChange() throws Exception {
        Map<String, AtomicInteger> sentTo = new ConcurrentHashMap<>();
        List<Message> all = new ArrayList<>();
        // the node to stop holds shard1's leader; the archive's address is another node (its client's
        // node is the fallback that must stay)
        DocCollection before = state();
        Replica oldLeader = before.getSlice("shard1").getLeader(); //$NON-NLS-1$
        JettySolrRunner victim = null;
        JettySolrRunner address = null;
        for (JettySolrRunner j : cluster.cluster().getJettySolrRunners()) {
            if (j.getNodeName().equals(oldLeader.getNodeName())) {
                victim = j;
            } else {
                address = j;
            }
        }
        try (SolrArchive a = worker(address, sentTo)) {
            // each document to the shard Solr's own router gives it
            LeaderRoutes routes = a.leaderRoutes();
            List<SolrInputDocument> probe = new ArrayList<>();
            for (int p = 0; p < 50; p++) {
                SolrInputDocument d = new SolrInputDocument();
                d.addField(TeamSchema.ID, "probe" + p); //$NON-NLS-1$
                d.addField(TeamSchema.ROUTE, Contact.of(Platform.WHATSAPP, "+32 471 00 " + (1000 + p), "x").id()); //$NON-NLS-1$ //$NON-NLS-2$
                probe.add(d);
            }
            Set<String> shardsUsed = new HashSet<>();
            routes.split(probe).forEach((shard, docs) -> {
                for (SolrInputDocument d : docs) {
                    Slice solrs = before.getRouter().getTargetSlice((String) d.getFieldValue(TeamSchema.ID), d, null, null, before);
                    assertEquals(solrs.getName(), shard.name());
                    assertEquals(solrs.getLeader().getCoreName(), shard.core());
                }
                shardsUsed.add(shard.name());
            });
            assertEquals(2, shardsUsed.size(), "50 contacts over both shards"); //$NON-NLS-1$

            // more than a batch of documents: only the leaders' cores receive them
            long base = a.stats().messages(); // the other test's, when it ran first
            all.addAll(importPeople(a, 0, 40, 40));
            a.commit();
            assertEquals(leaderCores(before), sentTo.keySet(), "every batch to a leader, every leader used"); //$NON-NLS-1$
            assertEquals(base + all.size(), a.stats().messages());

            // the node of shard1's leader stops: the batches go to the new leader, nothing lost or doubled
            cluster.cluster().stopJettySolrRunner(victim);
            cluster.cluster().waitForJettyToStop(victim);
            String down = oldLeader.getNodeName();
            cluster.cluster().getZkStateReader().waitForState(COLLECTION, 120, TimeUnit.SECONDS, (live, c) -> c != null
                    && c.getActiveSlices().stream().allMatch(s -> s.getLeader() != null && !s.getLeader().getNodeName().equals(down)
                            && s.getLeader().getState() == Replica.State.ACTIVE && live.contains(s.getLeader().getNodeName())));
            sentTo.clear();
            all.addAll(importPeople(a, 40, 80, 30));
            TeamCluster.commitThroughOutage(a);
            DocCollection after = state();
            assertNotEquals(oldLeader.getCoreName(), after.getSlice("shard1").getLeader().getCoreName()); //$NON-NLS-1$
            assertTrue(sentTo.keySet().contains(after.getSlice("shard1").getLeader().getCoreName()), //$NON-NLS-1$
                    "the new leader took shard1's batches: " + sentTo.keySet()); //$NON-NLS-1$
            assertEquals(base + all.size(), a.stats().messages(), "every message once"); //$NON-NLS-1$
            assertEquals(base + all.size(), a.search(new maraude.core.archive.SearchQuery(WORD, null, null, null, null, null, null,
                    null, 0, 1)).totalHits());

            // the stopped node comes back: its replicas recover from the leaders and hold every message
            cluster.cluster().startJettySolrRunner(victim, true);
            cluster.cluster().waitForActiveCollection(COLLECTION, 120, TimeUnit.SECONDS, 2, 4);
            Map<String, Long> perShard = new HashMap<>();
            for (Slice s : state().getActiveSlices()) {
                perShard.put(s.getName(), messagesIn(s.getLeader()));
            }
            assertEquals(base + all.size(), perShard.values().stream().mapToLong(Long::longValue).sum());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (true) {
                boolean caughtUp = true;
                for (Slice s : state().getActiveSlices()) {
                    for (Replica r : s.getReplicas()) {
                        caughtUp &= messagesIn(r) == perShard.get(s.getName());
                    }
                }
                if (caughtUp) {
                    break;
                }
                assertTrue(System.nanoTime() < deadline, "the restarted replicas catch up with their leaders"); //$NON-NLS-1$
                Thread.sleep(500);
            }
        }
        assertEquals(Set.of(WORD), cluster.decryptedIndexWords(List.of(WORD)), "the words are in index files read through the key"); //$NON-NLS-1$
        assertEquals(Set.of(), cluster.rawWords(List.of(WORD)), "nothing in clear on any node"); //$NON-NLS-1$
    }

    @Test
    void aLeaderWhoseCertificateIsNotTrustedEndsTheRoutingNotTheImport() throws Exception {
        cluster.cluster().waitForActiveCollection(COLLECTION, 120, TimeUnit.SECONDS, 2, 4);
        JettySolrRunner address = cluster.cluster().getJettySolrRunner(0);
        try (SolrArchive a = TeamArchives.open("solr+https://localhost:" + address.getLocalPort() + "/" + COLLECTION, //$NON-NLS-1$ //$NON-NLS-2$
                "worker", WORKER_PASSWORD, cluster.ssl().buildClientSSLContext(), Files.createTempDirectory(dir, "local"), //$NON-NLS-1$ //$NON-NLS-2$
                AccessMode.READ_WRITE)) {
            // the other nodes as with a pinned certificate that only the address's node has: the JVM's trust
            Map<String, AtomicInteger> sentTo = new ConcurrentHashMap<>();
            a.routeToLeaders(node -> new Counting(TeamArchives.client(node, "worker", WORKER_PASSWORD, null), sentTo)); //$NON-NLS-1$
            long before = a.stats().messages();
            List<Message> added = importPeople(a, 200, 230, 50);
            a.commit();
            assertEquals(before + added.size(), a.stats().messages(), "every message through the address's node"); //$NON-NLS-1$
            assertEquals(List.of(), a.leaderRoutes().shards(), "no more routing once a leader's certificate was refused"); //$NON-NLS-1$
            int tries = sentTo.values().stream().mapToInt(AtomicInteger::get).sum();
            assertTrue(tries >= 1 && tries <= 3, "refused at most once per sending thread, not per batch: " + tries); //$NON-NLS-1$
        }
    }

    /**
     * The address's node goes away with a request in flight: its client's close then waits for that
     * request (up to a minute, then throws). The archive's close must neither wait for it nor fail on it.
     */
    @Test
    void closingTheArchiveNeitherWaitsForNorFailsOnItsClient() throws Exception {
        java.util.concurrent.CountDownLatch closeStarted = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch releaseClose = new java.util.concurrent.CountDownLatch(1);
        JettySolrRunner at = cluster.cluster().getJettySolrRunner(0);
        SolrClient real = TeamArchives.client("https://localhost:" + at.getLocalPort() + "/solr", "worker", WORKER_PASSWORD, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                cluster.ssl().buildClientSSLContext());
        SolrClient stuck = new SolrClient() {
            private static final long serialVersionUID = 1L;

            @Override
            public NamedList<Object> request(SolrRequest<?> request, String core) throws SolrServerException, IOException {
                return real.request(request, core);
            }

            @Override
            public void close() throws IOException {
                closeStarted.countDown();
                try {
                    releaseClose.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                real.close();
                throw new IllegalStateException("Timeout waiting for pool to shutdown"); // as SolrJ's ExecutorUtil //$NON-NLS-1$
            }
        };
        SolrArchive a = SolrArchive.open(stuck, COLLECTION, Files.createTempDirectory(dir, "local"), AccessMode.READ_WRITE, true); //$NON-NLS-1$
        a.stats(); // the archive works through that client
        org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30), a::close,
                "the archive's close returned while its client's close was still waiting"); //$NON-NLS-1$
        assertTrue(closeStarted.await(30, TimeUnit.SECONDS), "the client is closed all the same"); //$NON-NLS-1$
        releaseClose.countDown();
    }
}

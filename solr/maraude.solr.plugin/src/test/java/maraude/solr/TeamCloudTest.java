package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.util.SSLTestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.maintenance.Retention;
import maraude.core.archive.AccessMode;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.ConversationState;
import maraude.core.triage.TriageConflictException;
import maraude.core.triage.TriageState;
import maraude.core.triage.WorkerState;
import maraude.solr.client.SolrArchive;
import maraude.solr.client.TeamArchives;
import maraude.solr.client.TeamTriageStates;

/**
 * The team archive as a team uses it: a 3-node SolrCloud, every collection replicated twice, TLS
 * between everyone and Solr's authentication and authorisation on; two workers' clients (each its own
 * HTTP client, as on two machines) import and triage at once. One cluster for the whole class.
 */
class TeamCloudTest {

    private static final String COLLECTION = "equipe"; //$NON-NLS-1$
    private static final String ADMIN_PASSWORD = "admin-secret-cloud"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-cloud"; //$NON-NLS-1$
    private static final ZonedDateTime T0 = ZonedDateTime.parse("2026-11-02T10:00+01:00[Europe/Brussels]"); //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static SSLTestConfig ssl;
    private static TeamCluster cluster;
    private static String address;

    @BeforeAll
    static void start() throws Exception {
        cluster = TeamCluster.startTls(dir, 3, TeamCluster.adminAndWorker(ADMIN_PASSWORD, WORKER_PASSWORD));
        ssl = cluster.ssl();
        cluster.createCollection(COLLECTION, 2, 2, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
        address = cluster.address(COLLECTION);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** A worker's client: its own HTTP client, as on its own machine. */
    private static SolrArchive worker() throws Exception {
        return TeamArchives.open(address, "worker", WORKER_PASSWORD, ssl.buildClientSSLContext(), //$NON-NLS-1$
                Files.createTempDirectory(dir, "local"), AccessMode.READ_WRITE); //$NON-NLS-1$
    }

    /** A worker's client talking to node {@code node}. */
    private static SolrArchive worker(int node) throws Exception {
        return TeamArchives.open(cluster.address(COLLECTION, node), "worker", WORKER_PASSWORD, ssl.buildClientSSLContext(), //$NON-NLS-1$
                Files.createTempDirectory(dir, "local"), AccessMode.READ_WRITE); //$NON-NLS-1$
    }

    private static Contact contact(String key, String name) {
        return Contact.of(Platform.WHATSAPP, "+32 470 " + key, name); //$NON-NLS-1$
    }

    private static void importThread(SolrArchive a, Contact c, Conversation v, int from, int to, String words) {
        a.putContact(c);
        a.putConversation(v);
        for (int i = from; i < to; i++) {
            a.addMessage(message(v, i, words));
        }
    }

    private static Message message(Conversation v, int i, String words) {
        return Message.of(v.id(), i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND, T0.plusMinutes(i), "", //$NON-NLS-1$
                i % 2 == 0 ? null : "w1", "Message " + i + " " + words, List.of(), maraude.core.model.SourceRef.ofLine("x.txt", i + 1)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    }

    @Test
    void twoWorkersTriageTheSameConversationAndNothingIsLost() throws Exception {
        Contact c = contact("10 10 10", "Ana"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation v = Conversation.of(Platform.WHATSAPP, "ana", c, "Ana"); //$NON-NLS-1$ //$NON-NLS-2$
        try (SolrArchive a = worker(); SolrArchive b = worker()) {
            importThread(a, c, v, 0, 4, "bonjour"); //$NON-NLS-1$
            a.commit();
            try (TeamTriageStates sa = TeamTriageStates.of(a); TeamTriageStates sb = TeamTriageStates.of(b)) {
                Instant now = Instant.parse("2026-12-06T10:00:00Z"); //$NON-NLS-1$
                sa.setState(v.id(), WorkerState.HANDLED, now, "w1", null); //$NON-NLS-1$
                // B decides from a view without A's change: refused, A's change stands, B's view is up to date
                TriageConflictException e = assertThrows(TriageConflictException.class,
                        () -> sb.setState(v.id(), WorkerState.SNOOZED, now, "w2", now.plusSeconds(3600))); //$NON-NLS-1$
                assertTrue(e.getMessage().length() > 10);
                assertEquals(WorkerState.HANDLED, sb.snapshot().conversation(v.id()).state());
                assertEquals("w1", sb.snapshot().conversation(v.id()).setBy()); //$NON-NLS-1$
                // seen now: B may change it
                sb.setState(v.id(), WorkerState.SNOOZED, now.plusSeconds(60), "w2", now.plusSeconds(3600)); //$NON-NLS-1$
                assertThrows(TriageConflictException.class, () -> sa.clearState(v.id()), "A's view is the stale one now"); //$NON-NLS-1$
                assertEquals(WorkerState.SNOOZED, sa.snapshot().conversation(v.id()).state());

                // contact flags: the same rule (do-not-contact, language)
                sa.setContactFlags(ContactFlags.none(c.id()).withDoNotContact(true, now, "w1")); //$NON-NLS-1$
                assertThrows(TriageConflictException.class,
                        () -> sb.setContactFlags(ContactFlags.none(c.id()).withLanguage("ro", now, "w2"))); //$NON-NLS-1$ //$NON-NLS-2$
                sb.setContactFlags(sb.snapshot().contact(c.id()).withLanguage("ro", now, "w2")); //$NON-NLS-1$ //$NON-NLS-2$
                sa.refresh();
                ContactFlags both = sa.snapshot().contact(c.id());
                assertTrue(both.doNotContact());
                assertEquals("ro", both.language()); //$NON-NLS-1$

                // notes written at once by both: merged, every one kept, the state kept too
                ExecutorService pool = Executors.newFixedThreadPool(2);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (TeamTriageStates s : List.of(sa, sb)) {
                    String who = s == sa ? "w1" : "w2"; //$NON-NLS-1$ //$NON-NLS-2$
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < 8; i++) {
                            s.addNote(v.id(), new ConversationState.Note(now.plusSeconds(i), who, "note " + who + " " + i)); //$NON-NLS-1$ //$NON-NLS-2$
                        }
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : done) {
                    f.get(60, TimeUnit.SECONDS);
                }
                pool.shutdown();
                sa.refresh();
                ConversationState st = sa.snapshot().conversation(v.id());
                assertEquals(16, st.notes().size());
                assertEquals(16, st.notes().stream().map(ConversationState.Note::text).distinct().count());
                assertEquals(WorkerState.SNOOZED, st.state());
                // services and sessions are shared too
                var offer = sb.offerService(v.id(), maraude.core.triage.ServiceKind.values()[0], now, "w2"); //$NON-NLS-1$
                var session = sa.startSession("w1", now); //$NON-NLS-1$
                sa.refresh();
                sb.refresh();
                assertEquals(List.of(offer), sa.snapshot().services(v.id()));
                assertEquals(List.of(session), sb.snapshot().sessions());
                assertTrue(sa.withdrawService(offer.id()));
                sb.endSession(session.id(), now.plusSeconds(7200), "rien de special"); //$NON-NLS-1$
                sa.refresh();
                assertEquals(now.plusSeconds(7200), sa.snapshot().sessions().get(0).end());
                // a second client opened now reads everything
                try (TeamTriageStates fresh = TeamTriageStates.of(b)) {
                    TriageState s = fresh.snapshot();
                    assertEquals(16, s.conversation(v.id()).notes().size());
                    assertTrue(s.contact(c.id()).doNotContact());
                    assertEquals(List.of(), s.services(v.id()));
                }
            }
        }
    }

    @Test
    void aWorkerSeesAnothersHandledWithinSeconds() throws Exception {
        Contact c = contact("20 20 20", "Bea"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation v = Conversation.of(Platform.WHATSAPP, "bea", c, "Bea"); //$NON-NLS-1$ //$NON-NLS-2$
        try (SolrArchive a = worker(); SolrArchive b = worker()) {
            importThread(a, c, v, 0, 2, "salut"); //$NON-NLS-1$
            a.commit();
            try (TeamTriageStates sa = TeamTriageStates.of(a); TeamTriageStates sb = TeamTriageStates.of(b)) {
                BlockingQueue<TriageState> seen = new ArrayBlockingQueue<>(100);
                AutoCloseable sub = sb.subscribe(seen::offer, Duration.ofMillis(500));
                Instant now = Instant.now();
                sa.setState(v.id(), WorkerState.HANDLED, now, "w1", null); //$NON-NLS-1$
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                TriageState got = null;
                while (System.nanoTime() < deadline) {
                    TriageState s = seen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                    if (s != null && s.conversation(v.id()) != null && s.conversation(v.id()).state() == WorkerState.HANDLED) {
                        got = s;
                        break;
                    }
                }
                assertTrue(got != null, "B heard of A's change within 5 s"); //$NON-NLS-1$
                assertEquals(WorkerState.HANDLED, sb.snapshot().conversation(v.id()).state());
                sub.close();
            }
        }
    }

    @Test
    void twoImportsAndANodeDownLoseNothingAndDoubleNothing() throws Exception {
        List<Contact> people = new ArrayList<>();
        List<Conversation> threads = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Contact c = contact("30 30 " + (10 + i), "Import" + i); //$NON-NLS-1$ //$NON-NLS-2$
            people.add(c);
            threads.add(Conversation.of(Platform.WHATSAPP, "paquerettezyx" + i, c, "Import" + i)); //$NON-NLS-1$ //$NON-NLS-2$
        }
        // more updates than a replica's peer sync can replay (100) miss the stopped node: it recovers by
        // copying the leader's (encrypted) index files
        int perThread = 120;
        JettySolrRunner victim = cluster.cluster().getJettySolrRunner(2);
        CountDownLatch halfway = new CountDownLatch(2);
        CountDownLatch restarted = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Future<?>> imports = new ArrayList<>();
        for (int w = 0; w < 2; w++) {
            int worker = w;
            imports.add(pool.submit(() -> {
                // both workers import the same export (overlapping halves: the same dedup ids), in rounds
                try (SolrArchive a = worker()) {
                    for (int round = 0; round < 6; round++) {
                        for (int t = 0; t < threads.size(); t++) {
                            // worker 0 brings lines 0-13 of each twenty, worker 1 lines 6-19: 6-13 by both
                            int from = round * 20 + (worker == 0 ? 0 : 6);
                            importThread(a, people.get(t), threads.get(t), from, from + 14, "paquerettezyx"); //$NON-NLS-1$
                        }
                        TeamCluster.commitThroughOutage(a);
                        if (round == 1) {
                            halfway.countDown();
                        }
                        if (round == 3) {
                            restarted.await(120, TimeUnit.SECONDS);
                        }
                    }
                }
                return null;
            }));
        }
        assertTrue(halfway.await(120, TimeUnit.SECONDS));
        cluster.cluster().stopJettySolrRunner(victim);
        cluster.cluster().waitForJettyToStop(victim);
        Thread.sleep(1500); // rounds 2 and 3 run with a node down
        cluster.cluster().startJettySolrRunner(victim, true);
        restarted.countDown();
        for (Future<?> f : imports) {
            f.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();
        cluster.cluster().waitForActiveCollection(COLLECTION, 120, TimeUnit.SECONDS, 2, 4);
        try (SolrArchive check = worker()) {
            Set<String> expected = new HashSet<>();
            for (Conversation v : threads) {
                for (int i = 0; i < perThread; i++) {
                    expected.add(message(v, i, "paquerettezyx").id()); //$NON-NLS-1$
                }
                List<Message> thread = check.messages(v.id());
                assertEquals(perThread, thread.size(), "every message once"); //$NON-NLS-1$
                assertEquals(perThread, thread.stream().map(Message::id).distinct().count());
            }
            var hits = check.search(new SearchQuery("paquerettezyx", null, null, null, null, null, null, null, 0, 1000)); //$NON-NLS-1$
            assertEquals(expected.size(), hits.totalHits());
            assertEquals(expected, Set.copyOf(hits.hits().stream().map(h -> h.messageId()).toList()));
        }
        // the restarted node's copies (peer sync, or whole files from the leader) are encrypted as the rest
        assertEquals(Set.of(), rawWords(List.of("paquerettezyx"))); //$NON-NLS-1$
    }

    /**
     * An audit collection (append-only configset) of one shard on two of the three nodes: an entry added
     * through each node (the leader's, the other replica's: forwarded to the leader, the third: no core
     * there) is stamped once, by the node that took the request, and both replicas hold the same entries
     * with the worker's name and the server's time; a worker's request claiming to be a node's forwarded
     * update is refused.
     */
    @Test
    void auditEntriesThroughEveryNodeAreStampedOnceAndAlikeOnBothReplicas() throws Exception {
        String audit = "elsewhere_audit"; //$NON-NLS-1$ // not the team's: its forget and purge check the fallback
        cluster.createAuditCollection(audit, 2, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
        Instant sent = Instant.now();
        for (int n = 0; n < 3; n++) {
            try (var raw = node(n, "worker", WORKER_PASSWORD)) { //$NON-NLS-1$
                org.apache.solr.common.SolrInputDocument d = new org.apache.solr.common.SolrInputDocument();
                d.addField("id", "au-forged"); //$NON-NLS-1$ //$NON-NLS-2$
                d.addField("worker", "admin"); //$NON-NLS-1$ //$NON-NLS-2$
                d.addField("triage", "{\"event\":\"import\",\"user\":\"admin\",\"counts\":{\"messages\":" + n + "}}"); //$NON-NLS-1$ //$NON-NLS-2$
                var add = new org.apache.solr.client.solrj.request.UpdateRequest().add(d);
                add.setAction(org.apache.solr.client.solrj.request.AbstractUpdateRequest.ACTION.COMMIT, true, true);
                add.process(raw, audit);
                var forged = new org.apache.solr.client.solrj.request.UpdateRequest().deleteByQuery("*:*"); //$NON-NLS-1$
                forged.setParam("update.distrib", "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$
                org.apache.solr.common.SolrException e = assertThrows(org.apache.solr.common.SolrException.class,
                        () -> forged.process(raw, audit));
                assertEquals(403, e.code(), e.getMessage());
            }
        }
        var replicas = cluster.cluster().getSolrClient().getClusterState().getCollection(audit).getReplicas();
        assertEquals(2, replicas.size());
        List<List<String>> held = new ArrayList<>();
        for (var r : replicas) {
            try (var raw = new org.apache.solr.client.solrj.impl.HttpJdkSolrClient.Builder(r.getBaseUrl()).useHttp1_1(true)
                    .withSSLContext(ssl.buildClientSSLContext()).withBasicAuthCredentials("admin", ADMIN_PASSWORD).build()) { //$NON-NLS-1$
                var q = new org.apache.solr.client.solrj.SolrQuery("*:*").setRows(10).addSort("id", org.apache.solr.client.solrj.SolrQuery.ORDER.asc); //$NON-NLS-1$ //$NON-NLS-2$
                q.set("distrib", false); //$NON-NLS-1$
                List<String> docs = new ArrayList<>();
                for (var d : raw.query(r.getCoreName(), q).getResults()) {
                    String id = (String) d.getFieldValue("id"); //$NON-NLS-1$
                    assertTrue(id.startsWith("au-") && !id.equals("au-forged"), id); //$NON-NLS-1$ //$NON-NLS-2$
                    assertEquals("worker", d.getFieldValue("worker")); //$NON-NLS-1$ //$NON-NLS-2$
                    long time = ((Number) d.getFieldValue("time")).longValue(); //$NON-NLS-1$
                    assertTrue(time >= sent.toEpochMilli() - 5000, "the server's time"); //$NON-NLS-1$
                    String json = (String) d.getFieldValue("triage"); //$NON-NLS-1$
                    assertTrue(json.contains("\"worker\"") && !json.contains("\"admin\""), json); //$NON-NLS-1$ //$NON-NLS-2$
                    docs.add(id + " " + time + " " + json); //$NON-NLS-1$ //$NON-NLS-2$
                }
                held.add(docs);
            }
        }
        assertEquals(3, held.get(0).size(), held.toString());
        assertEquals(held.get(0), held.get(1), "both replicas hold the same entries, stamped once"); //$NON-NLS-1$
    }

    /** A raw client of node {@code n} (its own base URL) as {@code user}. */
    private static org.apache.solr.client.solrj.impl.HttpJdkSolrClient node(int n, String user, String password) throws Exception {
        return new org.apache.solr.client.solrj.impl.HttpJdkSolrClient.Builder(cluster.cluster().getJettySolrRunner(n).getBaseUrl().toString())
                .useHttp1_1(true).withSSLContext(ssl.buildClientSSLContext()).withBasicAuthCredentials(user, password).build();
    }

    @Test
    void forgetAndPurgeTakeTheBytesOutOfEveryReplicasFiles() throws Exception {
        Contact gone = contact("40 40 40", "Oubliee"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation goneThread = Conversation.of(Platform.WHATSAPP, "oubliee", gone, "Oubliee"); //$NON-NLS-1$ //$NON-NLS-2$
        Contact stays = contact("40 40 41", "Restee"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation staysThread = Conversation.of(Platform.WHATSAPP, "restee", stays, "Restee"); //$NON-NLS-1$ //$NON-NLS-2$
        try (SolrArchive a = worker()) {
            Attachment photo = a.storeAttachment(new java.io.ByteArrayInputStream(
                    "photo-de-zorglubophone".getBytes(StandardCharsets.UTF_8)), "image/jpeg", "p.jpg"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            a.putContact(gone);
            a.putConversation(goneThread);
            Message goneMessage = Message.of(goneThread.id(), Direction.INBOUND, T0, "", null, "Le zorglubophone de Oubliee", //$NON-NLS-1$ //$NON-NLS-2$
                    List.of(photo), null);
            a.addMessage(goneMessage);
            a.putContact(stays);
            a.putConversation(staysThread);
            // old: goes with the purge; new: stays
            Message oldMessage = Message.of(staysThread.id(), Direction.INBOUND, T0.minusYears(3), "", null, //$NON-NLS-1$
                    "Un vieux quasimodogeste oublie", List.of(), null); //$NON-NLS-1$
            a.addMessage(oldMessage);
            Message kept = Message.of(staysThread.id(), Direction.INBOUND, T0, "", null, "Un recent palindromiste reste", //$NON-NLS-1$ //$NON-NLS-2$
                    List.of(), null);
            a.addMessage(kept);
            a.commit();
            try (TeamTriageStates s = TeamTriageStates.of(a)) {
                s.addNote(goneThread.id(), new ConversationState.Note(Instant.now(), "w1", "note sur kwyjibonote")); //$NON-NLS-1$ //$NON-NLS-2$
            }
            a.commit();
            List<String> words = List.of("zorglubophone", "quasimodogeste", "kwyjibonote"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            hardCommit();
            assertEquals(Set.copyOf(words), decryptedIndexWords(words), "the decrypting scan sees what is there"); //$NON-NLS-1$
            assertEquals(Set.of(), rawWords(words), "nothing in clear on any node"); //$NON-NLS-1$
            assertEquals(Set.copyOf(words), cluster.decryptedLogWords(words), "the update logs hold them, read with the node key"); //$NON-NLS-1$

            a.markImported("ab".repeat(32), 1); //$NON-NLS-1$
            a.commit();
            assertEquals(1, a.importedMessages("ab".repeat(32))); //$NON-NLS-1$
            Retention.Result forgot = a.forgetContact(gone.id());
            assertEquals(-1, a.importedMessages("ab".repeat(32)), "an erasure has every file read again"); //$NON-NLS-1$
            assertEquals(new Retention.Result(1, 1, 1, 1), forgot);
            Retention.Result purged = a.purgeOlderThan(T0.minusYears(1).toInstant());
            assertEquals(1, purged.messages());
            assertEquals(0, purged.conversations(), "the thread keeps its recent message"); //$NON-NLS-1$
            assertEquals(List.of("erasure", "purge"), maraude.archive.maintenance.AuditTrail.read(a.location()).stream() //$NON-NLS-1$ //$NON-NLS-2$
                    .map(maraude.archive.maintenance.AuditTrail.Entry::event).toList(), "counts recorded where the worker erased"); //$NON-NLS-1$

            assertEquals(0, a.search(SearchQuery.of("zorglubophone")).totalHits()); //$NON-NLS-1$
            assertEquals(0, a.search(SearchQuery.of("quasimodogeste")).totalHits()); //$NON-NLS-1$
            assertEquals(1, a.search(SearchQuery.of("palindromiste")).totalHits()); //$NON-NLS-1$
            assertTrue(a.contact(gone.id()).isEmpty());
            assertThrows(java.nio.file.NoSuchFileException.class, () -> a.openAttachment(photo.sha256()));
            try (TeamTriageStates s = TeamTriageStates.of(a)) {
                assertNull(s.snapshot().conversation(goneThread.id()));
            }
            assertEquals(Set.of(), decryptedIndexWords(words), "the merge rewrote every segment that held them"); //$NON-NLS-1$
            assertFalse(decryptedIndexWords(List.of("palindromiste")).isEmpty(), "what stays is still there"); //$NON-NLS-1$
            assertNoLogHolds(words);

            // a node stopped after the erasure misses an update, then catches up (whole files from the
            // leader: no log before the erasure is left to peer-sync from) with what stays only
            JettySolrRunner victim = cluster.cluster().getJettySolrRunner(2);
            cluster.cluster().stopJettySolrRunner(victim);
            cluster.cluster().waitForJettyToStop(victim);
            Message later = Message.of(staysThread.id(), Direction.INBOUND, T0.plusMinutes(5), "", null, //$NON-NLS-1$
                    "Un nouveau ornithorynquiste", List.of(), null); //$NON-NLS-1$
            a.addMessage(later);
            TeamCluster.commitThroughOutage(a);
            cluster.cluster().startJettySolrRunner(victim, true);
            cluster.cluster().waitForActiveCollection(COLLECTION, 120, TimeUnit.SECONDS, 2, 4);
            Set<String> held = new HashSet<>();
            for (var shard : cluster.cluster().getSolrClient().getClusterState().getCollection(COLLECTION).getSlices()) {
                Set<String> leader = replicaIds(shard.getLeader());
                for (var r : shard.getReplicas()) {
                    assertEquals(leader, replicaIds(r), "each replica holds what its leader holds"); //$NON-NLS-1$
                }
                held.addAll(leader);
            }
            assertTrue(held.containsAll(List.of(kept.id(), later.id())), "what stays, and what came while the node was down"); //$NON-NLS-1$
            assertFalse(held.contains(goneMessage.id()) || held.contains(oldMessage.id()) || held.contains(gone.id()),
                    "nothing erased came back"); //$NON-NLS-1$
            assertEquals(1, a.search(SearchQuery.of("ornithorynquiste")).totalHits()); //$NON-NLS-1$
            assertEquals(0, a.search(SearchQuery.of("zorglubophone")).totalHits()); //$NON-NLS-1$
            assertEquals(Set.of(), decryptedIndexWords(words), "the restarted node's copies hold no erased word"); //$NON-NLS-1$
            assertEquals(Set.of(), cluster.decryptedLogWords(words));
        }
    }

    /**
     * A node down during an erasure never gets the erasure's commit: when it comes back it cannot
     * peer-sync (the leader keeps no log older than the erasure) and copies the leader's index, and its
     * own older logs, which hold the erased text, are dropped then (RecoveryReplicationHandler).
     */
    @Test
    void aReplicaDownDuringAnErasureDropsItsOlderLogsOnceItHasCopiedTheLeadersIndex() throws Exception {
        Contact gone = contact("50 50 50", "Absente"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation goneThread = Conversation.of(Platform.WHATSAPP, "absente", gone, "Absente"); //$NON-NLS-1$ //$NON-NLS-2$
        Contact stays = contact("50 50 51", "Presente"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation staysThread = Conversation.of(Platform.WHATSAPP, "presente", stays, "Presente"); //$NON-NLS-1$ //$NON-NLS-2$
        List<String> words = List.of("xylophonard"); //$NON-NLS-1$
        try (SolrArchive a = worker()) {
            a.putContact(gone);
            a.putConversation(goneThread);
            Message goneMessage = Message.of(goneThread.id(), Direction.INBOUND, T0, "", null, "Le xylophonard de Absente", //$NON-NLS-1$ //$NON-NLS-2$
                    List.of(), null);
            a.addMessage(goneMessage);
            a.putContact(stays);
            a.putConversation(staysThread);
            Message kept = Message.of(staysThread.id(), Direction.INBOUND, T0, "", null, "Un marsupilamiste reste", //$NON-NLS-1$ //$NON-NLS-2$
                    List.of(), null);
            a.addMessage(kept);
            a.commit();
            // the node of a replica (not the leader) of the forgotten person's shard goes down
            org.apache.solr.common.cloud.Replica down = null;
            for (var shard : cluster.cluster().getSolrClient().getClusterState().getCollection(COLLECTION).getSlices()) {
                for (var r : shard.getReplicas()) {
                    if (!r.getName().equals(shard.getLeader().getName()) && replicaIds(r).contains(goneMessage.id())) {
                        down = r;
                    }
                }
            }
            assertTrue(down != null, "a replica holds the message"); //$NON-NLS-1$
            JettySolrRunner victim = null;
            for (JettySolrRunner j : cluster.cluster().getJettySolrRunners()) {
                if (down.getNodeName().equals(j.getNodeName())) {
                    victim = j;
                }
            }
            SolrArchive b = worker(victim == cluster.cluster().getJettySolrRunner(0) ? 1 : 0); // its node stays up
            cluster.cluster().stopJettySolrRunner(victim);
            cluster.cluster().waitForJettyToStop(victim);

            try (b) {
                assertEquals(new Retention.Result(1, 1, 1, 0), b.forgetContact(gone.id()));
            }
            assertEquals(Set.copyOf(words), cluster.decryptedLogWords(words, List.of(victim)), "the stopped node's logs still hold it"); //$NON-NLS-1$

            cluster.cluster().startJettySolrRunner(victim, true);
            cluster.cluster().waitForActiveCollection(COLLECTION, 120, TimeUnit.SECONDS, 2, 4);
            assertNoLogHolds(words, victim); // the restarted node's too
            for (var shard : cluster.cluster().getSolrClient().getClusterState().getCollection(COLLECTION).getSlices()) {
                Set<String> leader = replicaIds(shard.getLeader());
                assertFalse(leader.contains(goneMessage.id()) || leader.contains(gone.id()), "nothing erased came back"); //$NON-NLS-1$
                for (var r : shard.getReplicas()) {
                    assertEquals(leader, replicaIds(r), "each replica holds what its leader holds"); //$NON-NLS-1$
                }
            }
            assertEquals(1, a.search(SearchQuery.of("marsupilamiste")).totalHits()); //$NON-NLS-1$
            assertEquals(0, a.search(SearchQuery.of("xylophonard")).totalHits()); //$NON-NLS-1$
            assertEquals(Set.of(), decryptedIndexWords(words), "the restarted node's copies hold no erased word"); //$NON-NLS-1$
        }
    }

    /**
     * No transaction log of any replica holds {@code words}, read with the node key: the erasure's commit
     * dropped every older log (a log a reader still holds goes when it lets go: waited for, briefly), and
     * a replica that copied its leader's index dropped its own (waited for: it may still be recovering).
     */
    private static void assertNoLogHolds(List<String> words, JettySolrRunner... alsoThese) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        Set<String> found = logWords(words, alsoThese);
        while (!found.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(200);
            found = logWords(words, alsoThese);
        }
        assertEquals(Set.of(), found, "no update log of any node holds an erased word"); //$NON-NLS-1$
    }

    private static Set<String> logWords(List<String> words, JettySolrRunner... alsoThese) throws IOException {
        Set<String> found = new HashSet<>(cluster.decryptedLogWords(words));
        found.addAll(cluster.decryptedLogWords(words, List.of(alsoThese)));
        return found;
    }

    /** The ids one replica holds (its own core only, not the collection's). */
    private static Set<String> replicaIds(org.apache.solr.common.cloud.Replica r) throws Exception {
        try (var raw = new org.apache.solr.client.solrj.impl.HttpJdkSolrClient.Builder(r.getBaseUrl()).useHttp1_1(true)
                .withSSLContext(ssl.buildClientSSLContext()).withBasicAuthCredentials("admin", ADMIN_PASSWORD).build()) { //$NON-NLS-1$
            var q = new org.apache.solr.client.solrj.SolrQuery("*:*").setFields("id").setRows(100_000); //$NON-NLS-1$ //$NON-NLS-2$
            q.set("distrib", false); //$NON-NLS-1$
            Set<String> ids = new HashSet<>();
            for (var d : raw.query(r.getCoreName(), q).getResults()) {
                ids.add((String) d.getFieldValue("id")); //$NON-NLS-1$
            }
            return ids;
        }
    }

    private static void hardCommit() throws Exception {
        var commit = new org.apache.solr.client.solrj.request.UpdateRequest();
        commit.setAction(org.apache.solr.client.solrj.request.AbstractUpdateRequest.ACTION.COMMIT, true, true);
        commit.setBasicAuthCredentials("admin", ADMIN_PASSWORD); //$NON-NLS-1$
        commit.process(cluster.cluster().getSolrClient(), COLLECTION);
    }

    /** The words found in any index file of any replica, read through the node key (what erasure must remove). */
    private static Set<String> decryptedIndexWords(List<String> words) throws IOException {
        return cluster.decryptedIndexWords(words);
    }

    /** The words found in clear in any file under any node's home (index files, update logs). */
    private static Set<String> rawWords(List<String> words) throws IOException {
        return cluster.rawWords(words);
    }
}

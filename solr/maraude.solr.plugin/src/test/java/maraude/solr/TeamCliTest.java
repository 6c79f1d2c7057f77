package maraude.solr;

import static maraude.solr.TeamCliRuns.assertNoTrace;
import static maraude.solr.TeamCliRuns.copy;
import static maraude.solr.TeamCliRuns.field;
import static maraude.solr.TeamCliRuns.firstJar;
import static maraude.solr.TeamCliRuns.json;
import static maraude.solr.TeamCliRuns.product;
import static maraude.solr.TeamCliRuns.serverFingerprint;
import static maraude.solr.TeamCliRuns.sharedFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrException;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.archive.LuceneArchiveFactory;
import maraude.archive.maintenance.AuditTrail;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.TeamArchiveFactory.Login;
import maraude.core.model.Attachment;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.core.triage.ArchiveTriageStates;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.ConversationState;
import maraude.core.triage.ServiceKind;
import maraude.core.triage.TriageState;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.WorkerState;
import maraude.solr.client.SolrArchive;
import maraude.team.PinnedTrust;
import maraude.team.SolrArchiveFactory;

import maraude.solr.TeamCliRuns.Run;
import maraude.solr.client.TeamAudit;

/**
 * {@code ./maraude --archive solr+https://HOST:PORT/COLLECTION ...}: the product's own launcher (the
 * plain class path of the built product, as a person runs it), as separate processes, against one node
 * serving HTTPS only with basic authentication and rule-based authorisation. The credentials and the
 * certificate's fingerprint go through the environment only. Shared fixtures are imported into a local
 * archive and into the team archive by the same command line, and the two must answer alike.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TeamCliTest {

    private static final String COLLECTION = "clients"; //$NON-NLS-1$
    private static final String PUSHED = "pushed"; //$NON-NLS-1$
    /** Target of the push and pull with attachments and triage state (#18); it has an audit collection. */
    private static final String CARRIED = "carried"; //$NON-NLS-1$
    private static final String ADMIN_PASSWORD = "admin-secret-cli"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-cli"; //$NON-NLS-1$
    private static final String LEAD_PASSWORD = "lead-secret-cli"; //$NON-NLS-1$
    private static final String NOW = "2026-12-06T12:00:00Z"; //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static String address;
    private static String fingerprint;
    private static Path fixtures;
    private static Path local;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(product().resolve("plugins").resolve(firstJar("maraude.team_"))), //$NON-NLS-1$
                "the product is built (the module depends on it)"); //$NON-NLS-1$
        // the team's audit trails in their companion collections, readable by the lead and the admin only
        cluster = TeamCluster.startTls(dir.resolve("cluster"), 1, TeamCluster.adminWorkerLead(ADMIN_PASSWORD, //$NON-NLS-1$
                WORKER_PASSWORD, LEAD_PASSWORD, COLLECTION + TeamAudit.SUFFIX, CARRIED + TeamAudit.SUFFIX,
                COLLECTION + maraude.solr.client.TeamRetention.SUFFIX));
        // the team's retention policy (#18): every role reads it, the lead and the admin set it
        for (String c : List.of(COLLECTION, PUSHED, CARRIED, COLLECTION + maraude.solr.client.TeamRetention.SUFFIX)) {
            cluster.createCollection(c, 1, 1, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
        }
        for (String c : List.of(COLLECTION + TeamAudit.SUFFIX, CARRIED + TeamAudit.SUFFIX)) {
            cluster.createAuditCollection(c, 1, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
        }
        int port = cluster.cluster().getJettySolrRunner(0).getLocalPort();
        address = "solr+https://localhost:" + port + "/" + COLLECTION; //$NON-NLS-1$ //$NON-NLS-2$
        fingerprint = serverFingerprint(port);
        // exports without attachments (the team archive does not keep them yet), from ../shared/fixtures
        fixtures = dir.resolve("fixtures"); //$NON-NLS-1$
        for (String kind : List.of("whatsapp", "telegram", "facebook", "signal")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            copy(sharedFixtures().resolve(kind), fixtures.resolve(kind));
        }
        local = dir.resolve("local"); //$NON-NLS-1$
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void importSearchAndBacklogAnswerAsTheLocalArchiveDoes() throws Exception {
        JsonNode localImport = json(maraude(worker(), "--archive", local.toString(), "import", fixtures.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        JsonNode teamImport = json(maraude(worker(), "--archive", address, "import", fixtures.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(localImport.get("messages_added").asInt() > 100, localImport.toString()); //$NON-NLS-1$
        assertEquals(localImport.get("messages_added"), teamImport.get("messages_added")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(localImport.get("conversations"), teamImport.get("conversations")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, teamImport.get("errors").size(), teamImport.toString()); //$NON-NLS-1$

        JsonNode info = json(maraude(worker(), "--archive", address, "info", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(address, info.get("archive").asText()); //$NON-NLS-1$
        assertEquals(localImport.get("messages_added").asInt(), info.get("messages").asInt()); //$NON-NLS-1$ //$NON-NLS-2$

        // the same words, names and operators find the same messages in the same order
        for (String query : List.of("hello", "alice", "dolor OR libero")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            JsonNode l = json(maraude(worker(), "--archive", local.toString(), "search", query, "--limit", "50", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            JsonNode t = json(maraude(worker(), "--archive", address, "search", query, "--limit", "50", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertTrue(l.get("total").asInt() > 0, query); //$NON-NLS-1$
            assertEquals(l.get("total"), t.get("total"), query); //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals(field(l, "message_id"), field(t, "message_id"), query); //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals(field(l, "snippet"), field(t, "snippet"), query); //$NON-NLS-1$ //$NON-NLS-2$
        }

        JsonNode lb = json(maraude(worker(), "--archive", local.toString(), "backlog", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        JsonNode tb = json(maraude(worker(), "--archive", address, "backlog", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertTrue(lb.get("count").asInt() > 0); //$NON-NLS-1$
        assertEquals(lb.get("count"), tb.get("count")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(field(lb.get("items"), "id"), field(tb.get("items"), "id")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        // the other reading commands: the very same documents
        String thread = lb.get("items").get(0).get("id").asText(); //$NON-NLS-1$ //$NON-NLS-2$
        for (List<String> command : List.of(List.of("show", thread, "--json"), //$NON-NLS-1$ //$NON-NLS-2$
                List.of("contacts", "--now", NOW, "--json"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                List.of("report", "--from", "2010-01-01", "--to", "2026-12-31", "--format", "json"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
            List<String> onLocal = new ArrayList<>(List.of("--archive", local.toString())); //$NON-NLS-1$
            onLocal.addAll(command);
            List<String> onTeam = new ArrayList<>(List.of("--archive", address)); //$NON-NLS-1$
            onTeam.addAll(command);
            JsonNode l = json(maraude(worker(), onLocal.toArray(String[]::new)));
            assertTrue(l.size() > 0, command.toString());
            assertEquals(l, json(maraude(worker(), onTeam.toArray(String[]::new))), command.toString());
        }
    }

    @Test
    @Order(2)
    void importingAgainAddsNothing() throws Exception {
        JsonNode again = json(maraude(worker(), "--archive", address, "import", fixtures.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, again.get("messages_added").asInt(), again.toString()); //$NON-NLS-1$
        assertTrue(again.get("duplicates_skipped").asInt() > 0 || again.get("unchanged_files").asInt() > 0, again.toString()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    @Order(3)
    void pushAndPullCopyWithTheSameIdsAndARerunAddsNothing() throws Exception {
        String pushed = address.substring(0, address.lastIndexOf('/') + 1) + PUSHED;
        long messages = json(maraude(worker(), "--archive", local.toString(), "info", "--json")).get("messages").asLong(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        JsonNode push = json(maraude(worker(), "team", "push", "--from", local.toString(), "--to", pushed, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(messages, push.get("messages_added").asLong(), push.toString()); //$NON-NLS-1$
        JsonNode again = json(maraude(worker(), "team", "push", "--from", local.toString(), "--to", pushed, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, again.get("messages_added").asLong(), again.toString()); //$NON-NLS-1$
        assertEquals(messages, again.get("duplicates_skipped").asLong()); //$NON-NLS-1$

        Path pulled = dir.resolve("pulled"); //$NON-NLS-1$
        JsonNode pull = json(maraude(worker(), "team", "pull", "--from", pushed, "--to", pulled.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(messages, pull.get("messages_added").asLong(), pull.toString()); //$NON-NLS-1$
        JsonNode pullAgain = json(maraude(worker(), "team", "pull", "--from", pushed, "--to", pulled.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, pullAgain.get("messages_added").asLong(), pullAgain.toString()); //$NON-NLS-1$

        // the round trip kept every message as it was: the same hits and snippets everywhere
        JsonNode original = json(maraude(worker(), "--archive", local.toString(), "search", "hello", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        for (String archive : List.of(pushed, pulled.toString())) {
            JsonNode copy = json(maraude(worker(), "--archive", archive, "search", "hello", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertEquals(field(original, "message_id"), field(copy, "message_id"), archive); //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals(field(original, "snippet"), field(copy, "snippet"), archive); //$NON-NLS-1$ //$NON-NLS-2$
        }

        Run wrong = maraude(worker(), "team", "push", "--from", pushed, "--to", local.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, wrong.code(), wrong.err());
        assertTrue(wrong.err().contains("--to must be a team archive address"), wrong.err()); //$NON-NLS-1$
    }

    @Test
    @Order(4)
    void theAuditTrailIsOnTheServersWithTheActingUserAndNoTextReadByTheLeadOnly() throws Exception {
        // the imports of the tests above, then an erasure by the worker (the workbench's forget, in this process)
        JsonNode contacts = json(maraude(worker(), "--archive", address, "contacts", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        JsonNode forgotten = contacts.get(0);
        String contactId = forgotten.get("contact_id").asText(); //$NON-NLS-1$
        String contactName = forgotten.get("contact").asText(); //$NON-NLS-1$
        JsonNode thread = json(maraude(worker(), "--archive", address, "show", forgotten.get("conversation_id").asText(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        Path side = Files.createDirectories(dir.resolve("worker-side")); //$NON-NLS-1$
        long erased;
        try (SolrArchive a = (SolrArchive) new SolrArchiveFactory().open(address, new Login("worker", WORKER_PASSWORD, fingerprint), //$NON-NLS-1$
                side, AccessMode.READ_WRITE)) {
            erased = a.forgetContact(contactId).messages();
        }
        assertTrue(erased > 0);
        assertFalse(Files.exists(side.resolve(AuditTrail.FILE_NAME)), "the erasure is recorded on the servers, not here"); //$NON-NLS-1$

        Run read = maraude(lead(), "--archive", address, "audit", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        JsonNode audit = json(read);
        assertTrue(audit.get("intact").asBoolean()); //$NON-NLS-1$
        List<String> events = new ArrayList<>();
        audit.get("entries").forEach(e -> events.add(e.get("event").asText() + " by " + e.get("user").asText())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(List.of("import by worker", "import by worker", "erasure by worker"), events, audit.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        JsonNode first = audit.get("entries").get(0); //$NON-NLS-1$
        assertEquals(json(maraude(worker(), "--archive", local.toString(), "info", "--json")).get("messages").asLong(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                first.get("counts").get("messages").asLong(), "the first import's count"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        JsonNode erasure = audit.get("entries").get(2); //$NON-NLS-1$
        assertEquals(erased, erasure.get("counts").get("messages").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(1, erasure.get("counts").get("contacts").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
        // counts only: not the forgotten person's id, name or number, no word of their messages
        List<String> secrets = new ArrayList<>(List.of(contactId, contactName, forgotten.get("conversation_id").asText())); //$NON-NLS-1$
        thread.get("messages").forEach(m -> { //$NON-NLS-1$
            for (String word : m.get("text").asText().split("[^\\p{L}\\p{N}+]+")) { //$NON-NLS-1$ //$NON-NLS-2$
                if (word.length() >= 5) {
                    secrets.add(word);
                }
            }
        });
        // the trail's own words (keys, events, count names, the user) may also be words of a message
        java.util.Set<String> own = java.util.Set.of("intact", "entries", "time", "event", "user", "counts", "chained", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
                "import", "erasure", "worker", "files", "messages", "attachments", "conversations", "contacts", "true", "false"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$
        java.util.Set<String> tokens = new java.util.HashSet<>(List.of(read.out().toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}+]+"))); //$NON-NLS-1$
        for (String secret : secrets) {
            String s = secret.toLowerCase(java.util.Locale.ROOT);
            assertTrue(s.isBlank() || own.contains(s) || !tokens.contains(s) && !read.out().contains(secret),
                    "the audit trail holds no text, name or number"); //$NON-NLS-1$
        }

        // a worker may add entries but not read them, neither through the CLI nor through Solr itself
        Run refused = maraude(worker(), "--archive", address, "audit", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, refused.code(), refused.err());
        assertEquals("", refused.out()); //$NON-NLS-1$
        assertTrue(refused.err().contains("team lead or the admin"), refused.err()); //$NON-NLS-1$
        assertNoTrace(refused);
        try (HttpJdkSolrClient raw = rawClient("worker", WORKER_PASSWORD)) { //$NON-NLS-1$
            SolrException e = org.junit.jupiter.api.Assertions.assertThrows(SolrException.class,
                    () -> raw.query(COLLECTION + TeamAudit.SUFFIX, new SolrQuery("*:*"))); //$NON-NLS-1$
            assertEquals(403, e.code());
        }
        theAuditCollectionIsAppendOnlyForEveryRole(audit.get("entries")); //$NON-NLS-1$
    }

    /**
     * The audit collection's update chain ({@code AppendOnlyAuditProcessorFactory}): a delete by query or
     * by id is refused with 403 for the worker, the lead and the admin, also when it claims to be a node's
     * forwarded update or asks for another chain; an addition reusing an entry's id and naming another
     * user and time is a new entry of its sender at the server's time, the old one unchanged.
     */
    private static void theAuditCollectionIsAppendOnlyForEveryRole(JsonNode entries) throws Exception {
        String collection = COLLECTION + TeamAudit.SUFFIX;
        List<String> ids = new ArrayList<>();
        try (HttpJdkSolrClient raw = rawClient("lead", LEAD_PASSWORD)) { //$NON-NLS-1$
            raw.query(collection, new SolrQuery("*:*").setFields("id").setRows(100).addSort("time", SolrQuery.ORDER.asc)) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    .getResults().forEach(d -> ids.add((String) d.getFieldValue("id"))); //$NON-NLS-1$
        }
        assertEquals(entries.size(), ids.size());
        for (String[] user : List.of(new String[] { "worker", WORKER_PASSWORD }, new String[] { "lead", LEAD_PASSWORD }, //$NON-NLS-1$ //$NON-NLS-2$
                new String[] { "admin", ADMIN_PASSWORD })) { //$NON-NLS-1$
            try (HttpJdkSolrClient raw = rawClient(user[0], user[1])) {
                List<UpdateRequest> deletes = new ArrayList<>(List.of(new UpdateRequest().deleteByQuery("*:*"), //$NON-NLS-1$
                        new UpdateRequest().deleteById(ids.get(0))));
                UpdateRequest forged = new UpdateRequest().deleteById(ids.get(1));
                forged.setParam("update.distrib", "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$
                deletes.add(forged);
                UpdateRequest otherChain = new UpdateRequest().deleteById(ids.get(1));
                otherChain.setParam("processor", "template"); //$NON-NLS-1$ //$NON-NLS-2$
                deletes.add(otherChain);
                for (UpdateRequest delete : deletes) {
                    SolrException e = org.junit.jupiter.api.Assertions.assertThrows(SolrException.class,
                            () -> delete.process(raw, collection), user[0]);
                    assertEquals(403, e.code(), user[0] + ": " + e.getMessage()); //$NON-NLS-1$
                    assertTrue(e.getMessage().contains("the audit collection is append-only"), e.getMessage()); //$NON-NLS-1$
                }
            }
        }
        // how the trail is kept is the admin's: the lead (who reads it) and the worker change no setting of it
        for (String[] user : List.of(new String[] { "worker", WORKER_PASSWORD }, new String[] { "lead", LEAD_PASSWORD })) { //$NON-NLS-1$ //$NON-NLS-2$
            try (HttpJdkSolrClient raw = rawClient(user[0], user[1])) {
                for (String path : List.of("/config", "/config/params")) { //$NON-NLS-1$ //$NON-NLS-2$
                    org.apache.solr.client.solrj.request.GenericSolrRequest edit = new org.apache.solr.client.solrj.request.GenericSolrRequest(
                            org.apache.solr.client.solrj.SolrRequest.METHOD.POST, path,
                            new org.apache.solr.common.params.ModifiableSolrParams()).withContent(
                                    "{\"set-property\":{\"updateHandler.autoCommit.maxTime\":1}}".getBytes(java.nio.charset.StandardCharsets.UTF_8), //$NON-NLS-1$
                                    "application/json").setRequiresCollection(true); //$NON-NLS-1$
                    SolrException e = org.junit.jupiter.api.Assertions.assertThrows(SolrException.class,
                            () -> edit.process(raw, collection), user[0] + " " + path); //$NON-NLS-1$
                    assertEquals(403, e.code(), user[0] + " " + path + ": " + e.getMessage()); //$NON-NLS-1$ //$NON-NLS-2$
                }
            }
        }
        // an overwrite attempt: an existing id, another user, another time, in the raw document and its JSON
        Instant sent = Instant.now();
        try (HttpJdkSolrClient raw = rawClient("worker", WORKER_PASSWORD)) { //$NON-NLS-1$
            org.apache.solr.common.SolrInputDocument d = new org.apache.solr.common.SolrInputDocument();
            d.addField("id", ids.get(0)); //$NON-NLS-1$
            d.addField("route", "audit"); //$NON-NLS-1$ //$NON-NLS-2$
            d.addField("type", "audit"); //$NON-NLS-1$ //$NON-NLS-2$
            d.addField("time", 0L); //$NON-NLS-1$
            d.addField("worker", "lead"); //$NON-NLS-1$ //$NON-NLS-2$
            d.addField("triage", "{\"time\":\"2001-01-01T00:00:00Z\",\"event\":\"export\",\"user\":\"lead\",\"counts\":{\"messages\":7}}"); //$NON-NLS-1$ //$NON-NLS-2$
            UpdateRequest add = new UpdateRequest();
            add.add(d);
            add.setAction(org.apache.solr.client.solrj.request.AbstractUpdateRequest.ACTION.COMMIT, true, true);
            add.process(raw, collection);
            // text where the counts go: refused, nothing added
            org.apache.solr.common.SolrInputDocument bad = new org.apache.solr.common.SolrInputDocument();
            bad.addField("triage", "{\"event\":\"export\",\"counts\":{\"messages\":\"Zanzibarette 0612\"}}"); //$NON-NLS-1$ //$NON-NLS-2$
            SolrException e = org.junit.jupiter.api.Assertions.assertThrows(SolrException.class,
                    () -> new UpdateRequest().add(bad).process(raw, collection));
            assertEquals(400, e.code(), e.getMessage());
        }
        JsonNode after = json(maraude(lead(), "--archive", address, "audit", "--json")).get("entries"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(entries.size() + 1, after.size(), after.toString());
        for (int i = 0; i < entries.size(); i++) {
            assertEquals(entries.get(i), after.get(i), "an entry is never replaced"); //$NON-NLS-1$
        }
        JsonNode added = after.get(entries.size());
        assertEquals("export", added.get("event").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("worker", added.get("user").asText(), "the server's user, not the one the client named"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(7, added.get("counts").get("messages").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(Instant.parse(added.get("time").asText()).isBefore(sent.minusSeconds(5)), "the server's time"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    @Order(5)
    void pushAndPullCarryAttachmentsAndTriageStateResumeAndReportConflicts() throws Exception {
        Path demo = dir.resolve("demo"); //$NON-NLS-1$
        JsonNode made = json(maraude(worker(), "--archive", demo.toString(), "demo", "--messages", "300", "--no-ui", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        long messages = made.get("messages").asLong(); //$NON-NLS-1$
        List<Conversation> conversations;
        Map<String, byte[]> attachments = new HashMap<>();
        try (Archive a = new LuceneArchiveFactory().open(demo, AccessMode.READ_ONLY)) {
            conversations = a.conversations();
            for (Conversation v : conversations) {
                for (Message m : a.messages(v.id())) {
                    for (Attachment at : m.attachments()) {
                        try (InputStream in = a.openAttachment(at.sha256())) {
                            attachments.put(at.sha256(), in.readAllBytes());
                        }
                    }
                }
            }
        }
        assertTrue(attachments.size() >= 2, "the demo has pictures: " + attachments.size()); //$NON-NLS-1$
        // the local triage state: handled, snoozed, notes, a service, do-not-contact and a language
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z"); //$NON-NLS-1$
        String handled = conversations.get(0).id();
        String snoozed = conversations.get(1).id();
        String flagged = conversations.get(2).contactId();
        TriageStateStore mine = TriageStateStore.open(demo);
        mine.setState(handled, WorkerState.HANDLED, t0, "noor", null); //$NON-NLS-1$
        mine.addNote(handled, new ConversationState.Note(t0, "noor", "rappeler mardi Zanzibarette")); //$NON-NLS-1$ //$NON-NLS-2$
        mine.setState(snoozed, WorkerState.SNOOZED, t0, "sam", t0.plusSeconds(86_400 * 3)); //$NON-NLS-1$
        mine.offerService(snoozed, ServiceKind.values()[0], t0, "sam"); //$NON-NLS-1$
        mine.setContactFlags(ContactFlags.none(flagged).withDoNotContact(true, t0, "noor").withLanguage("nl", t0, "noor")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        TriageState before = mine.snapshot();

        // cut off after 40 new messages, then run again: complete, nothing twice
        String carried = address.substring(0, address.lastIndexOf('/') + 1) + CARRIED;
        JsonNode cut = json(maraude(worker(), "team", "push", "--from", demo.toString(), "--to", carried, "--max-messages", "40", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        assertFalse(cut.get("complete").asBoolean(), cut.toString()); //$NON-NLS-1$
        assertEquals(40, cut.get("messages_added").asLong()); //$NON-NLS-1$
        JsonNode rest = json(maraude(worker(), "team", "push", "--from", demo.toString(), "--to", carried, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertTrue(rest.get("complete").asBoolean(), rest.toString()); //$NON-NLS-1$
        assertEquals(messages - 40, rest.get("messages_added").asLong(), rest.toString()); //$NON-NLS-1$
        assertEquals(attachments.size(), cut.get("attachments_added").asLong() + rest.get("attachments_added").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(5, rest.get("triage_copied").asLong(), "2 states, 1 note, 1 service, 1 contact flags: " + rest); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, rest.get("triage_conflicts").asLong()); //$NON-NLS-1$
        assertEquals(messages, json(maraude(worker(), "--archive", carried, "info", "--json")).get("messages").asLong()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

        // meanwhile a worker changes the handled conversation on the team: newer than the local state
        Instant later = t0.plusSeconds(3600);
        try (Archive team = new SolrArchiveFactory().open(carried, new Login("worker", WORKER_PASSWORD, fingerprint), //$NON-NLS-1$
                Files.createDirectories(dir.resolve("carried-side")), AccessMode.READ_WRITE)) { //$NON-NLS-1$
            ArchiveTriageStates.of(team).setState(handled, WorkerState.WAITING_FOR_PERSON, later, "camille", null); //$NON-NLS-1$
        }
        JsonNode again = json(maraude(worker(), "team", "push", "--from", demo.toString(), "--to", carried, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, again.get("messages_added").asLong(), again.toString()); //$NON-NLS-1$
        assertEquals(0, again.get("attachments_added").asLong()); //$NON-NLS-1$
        assertEquals(attachments.size(), again.get("attachments_present").asLong()); //$NON-NLS-1$
        assertEquals(0, again.get("triage_copied").asLong(), again.toString()); //$NON-NLS-1$
        assertEquals(1, again.get("triage_conflicts").asLong(), again.toString()); //$NON-NLS-1$
        assertEquals(handled, again.get("conflicts").get(0).get("id").asText()); //$NON-NLS-1$ //$NON-NLS-2$

        // back into a new folder: the same bytes, the same states (the team's newer one for the conflict)
        Path pulled = dir.resolve("pulled-with-attachments"); //$NON-NLS-1$
        JsonNode pull = json(maraude(worker(), "team", "pull", "--from", carried, "--to", pulled.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(messages, pull.get("messages_added").asLong(), pull.toString()); //$NON-NLS-1$
        assertEquals(attachments.size(), pull.get("attachments_added").asLong()); //$NON-NLS-1$
        JsonNode pullAgain = json(maraude(worker(), "team", "pull", "--from", carried, "--to", pulled.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, pullAgain.get("messages_added").asLong() + pullAgain.get("attachments_added").asLong() //$NON-NLS-1$ //$NON-NLS-2$
                + pullAgain.get("triage_copied").asLong() + pullAgain.get("triage_conflicts").asLong(), pullAgain.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        try (Archive a = new LuceneArchiveFactory().open(pulled, AccessMode.READ_ONLY)) {
            for (Map.Entry<String, byte[]> e : attachments.entrySet()) {
                try (InputStream in = a.openAttachment(e.getKey())) {
                    org.junit.jupiter.api.Assertions.assertArrayEquals(e.getValue(), in.readAllBytes());
                }
            }
        }
        TriageState back = TriageStateStore.open(pulled).snapshot();
        assertEquals(before.conversation(snoozed), back.conversation(snoozed));
        assertEquals(WorkerState.WAITING_FOR_PERSON, back.conversation(handled).state(), "the team's newer state"); //$NON-NLS-1$
        assertEquals(before.conversation(handled).notes(), back.conversation(handled).notes());
        assertEquals(before.contact(flagged), back.contact(flagged));
        assertEquals(before.services().size(), back.services(snoozed).size());
        assertEquals(before.services().get(0).kind(), back.services(snoozed).get(0).kind());

        // the team's trail: the pushes and the pulls, by the worker, counts only
        Run trail = maraude(lead(), "--archive", carried, "audit", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        List<String> events = new ArrayList<>();
        json(trail).get("entries").forEach(e -> events.add(e.get("event").asText() + " by " + e.get("user").asText())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(List.of("import by worker", "import by worker", "import by worker", "export by worker", "export by worker"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                events);
        assertFalse(trail.out().contains("Zanzibarette") || trail.out().contains(flagged) || trail.out().contains(handled)); //$NON-NLS-1$
        assertEquals(List.of("export", "export", "export"), AuditTrail.read(demo).stream().map(AuditTrail.Entry::event).toList(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "the local archive's own trail records its three pushes"); //$NON-NLS-1$
        assertEquals(List.of("import", "import"), AuditTrail.read(pulled).stream().map(AuditTrail.Entry::event).toList()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void aWrongPasswordIsARefusedLoginNotACrash() throws Exception {
        Map<String, String> env = worker();
        env.put("MARAUDE_TEAM_PASSWORD", "not the password"); //$NON-NLS-1$ //$NON-NLS-2$
        Run r = maraude(env, "--archive", address, "search", "hello", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out(), "nothing on stdout"); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(r.err().contains("MARAUDE_TEAM_PASSWORD"), r.err()); //$NON-NLS-1$ the message names what to fix
        assertNoTrace(r);
        assertFalse(r.err().contains("not the password"), "the password is never shown"); //$NON-NLS-1$ //$NON-NLS-2$

        Map<String, String> anonymous = worker();
        anonymous.remove("MARAUDE_TEAM_USER"); //$NON-NLS-1$
        anonymous.remove("MARAUDE_TEAM_PASSWORD"); //$NON-NLS-1$
        Run a = maraude(anonymous, "--archive", address, "info"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, a.code(), a.err());
        assertTrue(a.err().contains("MARAUDE_TEAM_USER"), a.err()); //$NON-NLS-1$
    }

    @Test
    void anotherCertificateThanThePinnedOneIsRefused() throws Exception {
        Map<String, String> env = worker();
        String other = "ab".repeat(32); //$NON-NLS-1$
        assertNotEquals(fingerprint, other);
        env.put("MARAUDE_TEAM_FINGERPRINT", other); //$NON-NLS-1$
        Run r = maraude(env, "--archive", address, "info", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out()); //$NON-NLS-1$
        assertTrue(r.err().contains(fingerprint), "the message shows the certificate presented: " + r.err()); //$NON-NLS-1$
        assertNoTrace(r);

        // no fingerprint: the JVM's default trust, which does not know the cluster's certificate
        env.remove("MARAUDE_TEAM_FINGERPRINT"); //$NON-NLS-1$
        Run untrusted = maraude(env, "--archive", address, "info"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, untrusted.code(), untrusted.err());
        assertTrue(untrusted.err().contains("MARAUDE_TEAM_FINGERPRINT"), untrusted.err()); //$NON-NLS-1$
        assertNoTrace(untrusted);

        // the fingerprint as team-server prints it or with colons, upper case: the same certificate
        env.put("MARAUDE_TEAM_FINGERPRINT", String.join(":", fingerprint.toUpperCase().split("(?<=\\G..)"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Run ok = maraude(env, "--archive", address, "info", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, ok.code(), ok.err());
        assertEquals(address, json(ok).get("archive").asText()); //$NON-NLS-1$
    }

    @Test
    void aServerThatDoesNotAnswerIsAnInternalFailureWithAMessage() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        Run r = maraude(worker(), "--archive", "solr+https://127.0.0.1:" + closed + "/" + COLLECTION, "info"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("127.0.0.1:" + closed), r.err()); //$NON-NLS-1$
        assertNoTrace(r);
    }

    @Test
    void commandsThatNeedALocalFolderSaySo() throws Exception {
        Run r = maraude(worker(), "--archive", address, "verify"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("verify needs a local archive"), r.err()); //$NON-NLS-1$
        assertTrue(r.err().contains("search"), "it lists what works on a team archive: " + r.err()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    // ---- forget and purge on the team archive (#18) ---------------------------------------------

    /** Words only the forgotten person wrote, and the note a worker wrote about her. */
    private static final List<String> HER_WORDS = List.of("zorglubophone", "quasimodogeste", "palimpsestiade"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    private static final String NOTE_WORD = "kwyjibonote"; //$NON-NLS-1$
    private static final String KEPT_WORD = "palindromiste"; //$NON-NLS-1$

    @Test
    @Order(6)
    void forgetErasesThePersonOnTheServersAndHerSharedStateAndKeepsTheOthers() throws Exception {
        // two more people on the team archive: one to forget, one who stays
        Path extra = dir.resolve("extra"); //$NON-NLS-1$
        Files.createDirectories(extra);
        Files.writeString(extra.resolve("WhatsApp Chat with Zorgluba.txt"), """
                02/11/26, 10:00 - Zorgluba Oubliee: mon zorglubophone est casse
                02/11/26, 10:05 - Zorgluba Oubliee: quasimodogeste demain ?
                03/11/26, 18:30 - Zorgluba Oubliee: palimpsestiade ce soir
                """, java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(extra.resolve("WhatsApp Chat with Restee.txt"), """
                04/11/26, 09:00 - Restee Gardee: un palindromiste passe
                """, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode imported = json(maraude(worker(), "--archive", address, "import", extra.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(4, imported.get("messages_added").asInt(), imported.toString()); //$NON-NLS-1$
        JsonNode hers = json(maraude(worker(), "--archive", address, "search", HER_WORDS.get(0), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(1, hers.get("total").asInt(), hers.toString()); //$NON-NLS-1$
        String contact = hers.get("hits").get(0).get("contact_id").asText(); //$NON-NLS-1$ //$NON-NLS-2$
        String conversation = hers.get("hits").get(0).get("conversation_id").asText(); //$NON-NLS-1$ //$NON-NLS-2$
        String anyHerWord = String.join(" OR ", HER_WORDS); //$NON-NLS-1$
        assertEquals(3, json(maraude(worker(), "--archive", address, "search", anyHerWord, "--json")).get("total").asInt()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

        // the team's shared state about her: handled, do not contact, a note
        JsonNode triaged = json(TeamCliRuns.maraude(dir, worker(), ("on a vu " + NOTE_WORD).getBytes(java.nio.charset.StandardCharsets.UTF_8), //$NON-NLS-1$
                "--archive", address, "triage", conversation, "--handled", "--do-not-contact", "--note-stdin", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals(1, triaged.get("notes").asInt(), triaged.toString()); //$NON-NLS-1$
        assertTrue(triaged.get("do_not_contact").asBoolean(), triaged.toString()); //$NON-NLS-1$
        hardCommit();
        List<String> words = new ArrayList<>(HER_WORDS);
        words.add(NOTE_WORD);
        assertEquals(java.util.Set.copyOf(words), cluster.decryptedIndexWords(words), "the decrypting scan sees her words first"); //$NON-NLS-1$
        assertEquals(java.util.Set.of(), cluster.rawWords(words), "nothing in clear on the node"); //$NON-NLS-1$
        List<String> contactsBefore = field(json(maraude(worker(), "--archive", address, "contacts", "--now", NOW, "--json")), "contact_id"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertTrue(contactsBefore.contains(contact), contactsBefore.toString());
        long messagesBefore = json(maraude(worker(), "--archive", address, "info", "--json")).get("messages").asLong(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

        // refusals first: nothing erased by any of them
        Run noYes = maraude(worker(), "--archive", address, "forget", contact, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, noYes.code(), noYes.err());
        assertTrue(noYes.err().contains("--yes"), noYes.err()); //$NON-NLS-1$
        Map<String, String> wrong = worker();
        wrong.put("MARAUDE_TEAM_PASSWORD", "not the password"); //$NON-NLS-1$ //$NON-NLS-2$
        Run refused = maraude(wrong, "--archive", address, "forget", contact, "--yes", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, refused.code(), refused.err());
        assertNoTrace(refused);
        Run unknown = maraude(worker(), "--archive", address, "forget", "no-such-contact", "--yes", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no such contact"), unknown.err()); //$NON-NLS-1$
        assertEquals(messagesBefore, json(maraude(worker(), "--archive", address, "info", "--json")).get("messages").asLong()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

        JsonNode forgot = json(maraude(worker(), "--archive", address, "forget", contact, "--yes", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(3, forgot.get("messages").asInt(), forgot.toString()); //$NON-NLS-1$
        assertEquals(1, forgot.get("conversations").asInt(), forgot.toString()); //$NON-NLS-1$
        assertEquals(1, forgot.get("contacts").asInt(), forgot.toString()); //$NON-NLS-1$

        // gone from search, backlog, contacts and the thread; the others stay
        assertEquals(0, json(maraude(worker(), "--archive", address, "search", anyHerWord, "--json")).get("total").asInt()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(1, json(maraude(worker(), "--archive", address, "search", KEPT_WORD, "--json")).get("total").asInt()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(messagesBefore - 3, json(maraude(worker(), "--archive", address, "info", "--json")).get("messages").asLong()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        List<String> contactsAfter = field(json(maraude(worker(), "--archive", address, "contacts", "--now", NOW, "--json")), "contact_id"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        List<String> expected = new ArrayList<>(contactsBefore);
        expected.removeIf(contact::equals);
        assertEquals(expected, contactsAfter, "every other contact stays"); //$NON-NLS-1$
        JsonNode backlog = json(maraude(worker(), "--archive", address, "backlog", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertFalse(field(backlog.get("items"), "id").contains(conversation)); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(backlog.get("count").asInt() > 0, "the others' conversations still wait"); //$NON-NLS-1$ //$NON-NLS-2$
        Run show = maraude(worker(), "--archive", address, "show", conversation, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, show.code(), show.err());

        // her shared triage state is gone from the servers, as read by another client
        try (Archive other = new maraude.team.SolrArchiveFactory().open(address,
                new maraude.core.archive.TeamArchiveFactory.Login("worker", WORKER_PASSWORD, fingerprint), //$NON-NLS-1$
                Files.createTempDirectory(dir, "other"), AccessMode.READ_ONLY)) { //$NON-NLS-1$
            var state = maraude.core.triage.ArchiveTriageStates.of(other).snapshot();
            assertEquals(null, state.conversation(conversation));
            assertFalse(state.contacts().containsKey(contact), "no do-not-contact flag left about her"); //$NON-NLS-1$
            assertFalse(state.contact(contact).doNotContact());
        }
        // and so are her words and the note, from every index file (read through the node key)
        assertEquals(java.util.Set.of(), cluster.decryptedIndexWords(words), "the merge rewrote every segment that held them"); //$NON-NLS-1$
        assertEquals(java.util.Set.of(), cluster.rawWords(words));
        // the erasure counted in the team's trail on the servers; this machine's side folder: nothing of her
        assertEquals("erasure", lastAuditEventOnTheServers()); //$NON-NLS-1$
        Path side = dir.resolve("team-side-files"); //$NON-NLS-1$
        try (java.util.stream.Stream<Path> files = Files.walk(side)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                for (String w : words) {
                    assertFalse(text.contains(w) || text.contains(contact), f + " holds something of her"); //$NON-NLS-1$
                }
            }
        }
    }

    @Test
    @Order(7)
    void purgeOnTheTeamArchiveRemovesOnlyTheOlderMessages() throws Exception {
        Map<String, java.time.Instant> before = messageTimes();
        List<java.time.Instant> sorted = before.values().stream().sorted().toList();
        java.time.Instant median = sorted.get(sorted.size() / 2);
        assertTrue(sorted.get(0).isBefore(median), "messages of several times"); //$NON-NLS-1$
        String now = median.plus(java.time.Duration.ofDays(30)).toString();

        // no team policy set yet: --retention keeps everything, as a local archive without retention_* keys
        JsonNode noPolicy = json(maraude(worker(), "--archive", address, "purge", "--retention", "--yes", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, noPolicy.get("messages").asInt(), noPolicy.toString()); //$NON-NLS-1$
        assertEquals(0, noPolicy.get("cutoffs").size(), noPolicy.toString()); //$NON-NLS-1$
        Run badPeriod = maraude(worker(), "--archive", address, "purge", "--older-than", "30x", "--yes"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, badPeriod.code(), badPeriod.err());
        Run noYes = maraude(worker(), "--archive", address, "purge", "--older-than", "30d", "--now", now); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals(2, noYes.code(), noYes.err());
        assertEquals(before, messageTimes(), "nothing erased by a refused purge"); //$NON-NLS-1$

        JsonNode purged = json(maraude(worker(), "--archive", address, "purge", "--older-than", "30d", "--now", now, "--yes", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        java.time.Instant cutoff = java.time.Instant.parse(purged.get("cutoff").asText()); //$NON-NLS-1$
        Map<String, java.time.Instant> expected = new java.util.HashMap<>(before);
        expected.values().removeIf(t -> t.isBefore(cutoff));
        assertTrue(expected.size() > 0 && expected.size() < before.size(), cutoff + " splits the messages"); //$NON-NLS-1$
        assertEquals(before.size() - expected.size(), purged.get("messages").asInt(), purged.toString()); //$NON-NLS-1$
        assertEquals(expected, messageTimes(), "exactly the messages older than the cutoff went"); //$NON-NLS-1$
        assertEquals("purge", lastAuditEventOnTheServers()); //$NON-NLS-1$
    }

    @Test
    @Order(8)
    void theTeamRetentionPolicyIsSetByTheLeadReadByEveryWorkerAndAppliedByPurgeRetention() throws Exception {
        JsonNode none = json(maraude(worker(), "--archive", address, "retention", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(0, none.get("periods").size(), none.toString()); //$NON-NLS-1$
        // refusals: a worker sets nothing, nor does a bad period, an unknown platform or a malformed --set
        Run byWorker = maraude(worker(), "--archive", address, "retention", "--set", "default=30d", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, byWorker.code(), byWorker.err());
        assertEquals("", byWorker.out()); //$NON-NLS-1$
        assertTrue(byWorker.err().contains("team lead or the admin"), byWorker.err()); //$NON-NLS-1$
        assertNoTrace(byWorker);
        for (List<String> bad : List.of(List.of("--set", "default=30x"), List.of("--set", "martian=30d"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                List.of("--set", "whatsapp"), List.of("--set", "default=0d"), List.of("--set", "default=2y", "--clear"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
            List<String> args = new ArrayList<>(List.of("--archive", address, "retention")); //$NON-NLS-1$ //$NON-NLS-2$
            args.addAll(bad);
            Run r = maraude(lead(), args.toArray(String[]::new));
            assertEquals(2, r.code(), bad + ": " + r.err()); //$NON-NLS-1$
            assertNoTrace(r);
        }
        assertEquals(0, json(maraude(worker(), "--archive", address, "retention", "--json")).get("periods").size(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                "nothing set by a refused change"); //$NON-NLS-1$

        // the lead sets a day for one platform and a century for the others; every worker reads the same
        Map<String, Instant> before = messageTimes();
        Map<String, String> platforms = messagePlatforms();
        String shortLived = platforms.values().iterator().next();
        assertTrue(platforms.values().stream().anyMatch(p -> !p.equals(shortLived)), "messages of several platforms: " + platforms.values()); //$NON-NLS-1$
        JsonNode set = json(maraude(lead(), "--archive", address, "retention", "--set", shortLived + "=1d", "--set", "retention_default=100y", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        assertTrue(set.get("changed").asBoolean()); //$NON-NLS-1$
        assertEquals("P1D", set.get("periods").get(shortLived).asText(), set.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode seen = json(maraude(worker(), "--archive", address, "retention", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(set.get("periods"), seen.get("periods")); //$NON-NLS-1$ //$NON-NLS-2$
        for (String p : platforms.values()) {
            assertEquals(p.equals(shortLived) ? "P1D" : "P100Y", seen.get("periods").get(p).asText(), p); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }

        // purge --retention on a worker's machine: exactly that platform's messages older than a day go
        Instant now = before.values().stream().max(Instant::compareTo).orElseThrow().plus(java.time.Duration.ofDays(2));
        Run noYes = maraude(worker(), "--archive", address, "purge", "--retention", "--now", now.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, noYes.code(), noYes.err());
        assertEquals(before, messageTimes(), "nothing erased without --yes"); //$NON-NLS-1$
        JsonNode purged = json(maraude(worker(), "--archive", address, "purge", "--retention", "--now", now.toString(), "--yes", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        Map<String, Instant> expected = new java.util.HashMap<>(before);
        expected.keySet().removeIf(id -> platforms.get(id).equals(shortLived));
        assertTrue(expected.size() > 0 && expected.size() < before.size());
        assertEquals(before.size() - expected.size(), purged.get("messages").asInt(), purged.toString()); //$NON-NLS-1$
        assertEquals(expected, messageTimes(), "that platform's messages went, every other stayed"); //$NON-NLS-1$
        assertEquals(maraude.core.model.Platform.values().length, purged.get("cutoffs").size(), "one per platform: " + purged); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode entries = json(maraude(lead(), "--archive", address, "audit", "--json")).get("entries"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        JsonNode last = entries.get(entries.size() - 1);
        assertEquals("purge by worker", last.get("event").asText() + " by " + last.get("user").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        JsonNode policy = entries.get(entries.size() - 2);
        assertEquals("retention by lead", policy.get("event").asText() + " by " + policy.get("user").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$

        // the lead clears it: everything kept again
        assertEquals(0, json(maraude(lead(), "--archive", address, "retention", "--clear", "--json")).get("periods").size()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        // a team whose servers have no policy collection: exit 2 with the admin's step, nothing erased
        String pushed = address.substring(0, address.lastIndexOf('/') + 1) + PUSHED;
        Run missing = maraude(worker(), "--archive", pushed, "purge", "--retention", "--yes"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().contains(PUSHED + maraude.solr.client.TeamRetention.SUFFIX), missing.err());
        assertNoTrace(missing);
    }

    /**
     * The team's reply templates are on the servers: a worker's {@code templates import} (the team's own
     * kit reply, over the shipped one) is what the lead's {@code templates list} and {@code suggest} read,
     * from another folder; the lead's role, which
     * only reads, saves nothing and is told so; no copy is left in a worker's side folder.
     */
    @Test
    void theTeamTemplatesAreSavedOnTheServersAndReadByEveryone() throws Exception {
        Path set = dir.resolve("team-templates.json"); //$NON-NLS-1$
        Files.writeString(set, """
                {"format": "maraude-templates", "version": 1, "templates": [
                  {"id": "fr.kit", "category": "kit", "language": "fr", "title": "Kit Zanzibar", "bulk": false,
                   "text": "Bonjour, le colis zanzibar part mardi.", "keywords": ["capotes"], "examples": ["tu as des capotes ?"]}]}
                """, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode imported = json(maraude(worker(), "--archive", address, "templates", "import", set.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(1, imported.get("imported").asInt(), imported.toString()); //$NON-NLS-1$
        assertEquals("templates.json", imported.get("file").asText(), "the team's, not a file of this machine"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        Map<String, String> elsewhere = lead();
        elsewhere.put("MARAUDE_TEAM_DIR", dir.resolve("lead-side-files").toString()); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode listed = json(maraude(elsewhere, "--archive", address, "templates", "list", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertTrue(field(listed, "title").contains("Kit Zanzibar"), listed.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode suggested = json(maraude(elsewhere, "--archive", address, "suggest", "--text", "slt tu as des capotes stp ?", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                "--language", "fr", "--limit", "10", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        // the team's copy of the kit template replaces the shipped one in the suggestions
        assertTrue(field(suggested, "text").contains("Bonjour, le colis zanzibar part mardi."), suggested.toString()); //$NON-NLS-1$ //$NON-NLS-2$

        Run byLead = maraude(elsewhere, "--archive", address, "templates", "import", set.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, byLead.code(), byLead.err());
        assertTrue(byLead.err().contains("team lead"), byLead.err()); //$NON-NLS-1$
        assertNoTrace(byLead);
        for (String side : List.of("team-side-files", "lead-side-files")) { //$NON-NLS-1$ //$NON-NLS-2$
            if (!Files.isDirectory(dir.resolve(side))) {
                continue;
            }
            try (java.util.stream.Stream<Path> files = Files.walk(dir.resolve(side))) {
                assertFalse(files.anyMatch(p -> p.getFileName().toString().equals("templates.json")), side); //$NON-NLS-1$
            }
        }
    }

    /** The platform of every message of the team archive, by message id. */
    private static Map<String, String> messagePlatforms() throws Exception {
        Map<String, String> platforms = new java.util.HashMap<>();
        try (Archive a = new maraude.team.SolrArchiveFactory().open(address,
                new maraude.core.archive.TeamArchiveFactory.Login("worker", WORKER_PASSWORD, fingerprint), //$NON-NLS-1$
                Files.createTempDirectory(dir, "reader"), AccessMode.READ_ONLY)) { //$NON-NLS-1$
            for (var c : a.conversations()) {
                for (var m : a.messages(c.id())) {
                    platforms.put(m.id(), c.platform().key());
                }
            }
        }
        return platforms;
    }

    /** The event of the last entry of the team's trail, as the team lead reads it. */
    private static String lastAuditEventOnTheServers() throws Exception {
        JsonNode entries = json(maraude(lead(), "--archive", address, "audit", "--json")).get("entries"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        return entries.get(entries.size() - 1).get("event").asText(); //$NON-NLS-1$
    }

    /** Every message of the team archive and its time, as another client reads them. */
    private static Map<String, java.time.Instant> messageTimes() throws Exception {
        Map<String, java.time.Instant> times = new java.util.HashMap<>();
        try (Archive a = new maraude.team.SolrArchiveFactory().open(address,
                new maraude.core.archive.TeamArchiveFactory.Login("worker", WORKER_PASSWORD, fingerprint), //$NON-NLS-1$
                Files.createTempDirectory(dir, "reader"), AccessMode.READ_ONLY)) { //$NON-NLS-1$
            for (var c : a.conversations()) {
                for (var m : a.messages(c.id())) {
                    times.put(m.id(), m.instant().toInstant());
                }
            }
        }
        return times;
    }

    /** A hard commit, so that what the shared state wrote (soft commits) is in the index files. */
    private static void hardCommit() throws Exception {
        var commit = new org.apache.solr.client.solrj.request.UpdateRequest();
        commit.setAction(org.apache.solr.client.solrj.request.AbstractUpdateRequest.ACTION.COMMIT, true, true);
        commit.setBasicAuthCredentials("admin", ADMIN_PASSWORD); //$NON-NLS-1$
        commit.process(cluster.cluster().getSolrClient(), COLLECTION);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A worker's environment: credentials and the pinned certificate, nothing on the command line. */
    private static Map<String, String> worker() {
        Map<String, String> env = new HashMap<>();
        env.put("MARAUDE_TEAM_USER", "worker"); //$NON-NLS-1$ //$NON-NLS-2$
        env.put("MARAUDE_TEAM_PASSWORD", WORKER_PASSWORD); //$NON-NLS-1$
        env.put("MARAUDE_TEAM_FINGERPRINT", fingerprint); //$NON-NLS-1$
        return env;
    }

    /** The team lead's environment: reads the team archive and its audit trail, writes nothing else. */
    private static Map<String, String> lead() {
        Map<String, String> env = worker();
        env.put("MARAUDE_TEAM_USER", "lead"); //$NON-NLS-1$ //$NON-NLS-2$
        env.put("MARAUDE_TEAM_PASSWORD", LEAD_PASSWORD); //$NON-NLS-1$
        return env;
    }

    /** SolrJ itself, as someone who bypasses the product with a team user's password would use it. */
    private static HttpJdkSolrClient rawClient(String user, String password) {
        int port = cluster.cluster().getJettySolrRunner(0).getLocalPort();
        return new HttpJdkSolrClient.Builder("https://localhost:" + port + "/solr").useHttp1_1(true) //$NON-NLS-1$ //$NON-NLS-2$
                .withSSLContext(PinnedTrust.of(fingerprint).context()).withBasicAuthCredentials(user, password).build();
    }

    private static Run maraude(Map<String, String> env, String... args) throws Exception {
        return TeamCliRuns.maraude(dir, env, args);
    }
}

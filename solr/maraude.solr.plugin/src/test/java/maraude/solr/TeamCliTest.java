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

import java.nio.file.Files;
import java.nio.file.Path;
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

import com.fasterxml.jackson.databind.JsonNode;

import maraude.solr.TeamCliRuns.Run;

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
    private static final String ADMIN_PASSWORD = "admin-secret-cli"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-cli"; //$NON-NLS-1$
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
        cluster = TeamCluster.startTls(dir.resolve("cluster"), 1, TeamCluster.adminAndWorker(ADMIN_PASSWORD, WORKER_PASSWORD)); //$NON-NLS-1$
        cluster.createCollection(COLLECTION, 1, 1, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
        cluster.createCollection(PUSHED, 1, 1, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
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

    // ---- helpers ------------------------------------------------------------------------------

    /** A worker's environment: credentials and the pinned certificate, nothing on the command line. */
    private static Map<String, String> worker() {
        Map<String, String> env = new HashMap<>();
        env.put("MARAUDE_TEAM_USER", "worker"); //$NON-NLS-1$ //$NON-NLS-2$
        env.put("MARAUDE_TEAM_PASSWORD", WORKER_PASSWORD); //$NON-NLS-1$
        env.put("MARAUDE_TEAM_FINGERPRINT", fingerprint); //$NON-NLS-1$
        return env;
    }

    private static Run maraude(Map<String, String> env, String... args) throws Exception {
        return TeamCliRuns.maraude(dir, env, args);
    }
}

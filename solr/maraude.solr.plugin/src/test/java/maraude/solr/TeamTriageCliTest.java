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

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.solr.TeamCliRuns.Run;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.TeamArchiveFactory.Login;
import maraude.core.triage.ArchiveTriageStates;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.TriageStates;
import maraude.team.SolrArchiveFactory;

/**
 * Two workers on one team archive share the triage state: worker A marks a conversation handled (in
 * this process, through the {@code TeamArchiveFactory} the CLI uses and {@link ArchiveTriageStates};
 * then with the product's {@code ./maraude --archive solr+https://... triage}), and worker B's
 * {@code ./maraude ... backlog --json} (the product's own launcher, its own side-file folder) no longer
 * lists it; B's change from a stale version ({@code --expect-version}) exits 2 and leaves the state on
 * the server as A left it. One node, HTTPS only, basic auth, rule-based authorisation; credentials and
 * fingerprint in the environment only. The same command on a local archive runs here too, as a process
 * with a real standard input (the module has the built product).
 */
class TeamTriageCliTest {

    private static final String COLLECTION = "triaged"; //$NON-NLS-1$
    private static final String ADMIN_PASSWORD = "admin-secret-triage"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-triage"; //$NON-NLS-1$
    private static final String NOW = "2026-12-06T12:00:00Z"; //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static String address;
    private static String fingerprint;
    private static Path fixtures;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(product().resolve("plugins").resolve(firstJar("maraude.team_"))), //$NON-NLS-1$
                "the product is built (the module depends on it)"); //$NON-NLS-1$
        cluster = TeamCluster.startTls(dir.resolve("cluster"), 1, TeamCluster.adminAndWorker(ADMIN_PASSWORD, WORKER_PASSWORD)); //$NON-NLS-1$
        cluster.createCollection(COLLECTION, 1, 1, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
        int port = cluster.cluster().getJettySolrRunner(0).getLocalPort();
        address = "solr+https://localhost:" + port + "/" + COLLECTION; //$NON-NLS-1$ //$NON-NLS-2$
        fingerprint = serverFingerprint(port);
        fixtures = dir.resolve("fixtures"); //$NON-NLS-1$
        for (String kind : List.of("whatsapp", "telegram")) { //$NON-NLS-1$ //$NON-NLS-2$
            copy(sharedFixtures().resolve(kind), fixtures.resolve(kind));
        }
        JsonNode imported = json(maraude(worker(dir.resolve("importer")), "--archive", address, "import", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                fixtures.toString(), "--json")); //$NON-NLS-1$
        assertTrue(imported.get("messages_added").asInt() > 0, imported.toString()); //$NON-NLS-1$
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void aConversationOneWorkerHandledLeavesTheOtherWorkersBacklog() throws Exception {
        Path sideB = dir.resolve("worker-b"); //$NON-NLS-1$
        JsonNode before = json(maraude(worker(sideB), "--archive", address, "backlog", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertTrue(before.get("count").asInt() > 1, before.toString()); //$NON-NLS-1$
        List<String> ids = field(before.get("items"), "id"); //$NON-NLS-1$ //$NON-NLS-2$
        String handled = ids.get(0);

        // worker A, on another machine: its own side-file folder, the same server
        Path sideA = dir.resolve("worker-a"); //$NON-NLS-1$
        Files.createDirectories(sideA);
        try (Archive a = new SolrArchiveFactory().open(address, new Login("worker", WORKER_PASSWORD, fingerprint), sideA, //$NON-NLS-1$
                AccessMode.READ_WRITE)) {
            TriageStates shared = ArchiveTriageStates.of(a);
            assertFalse(shared instanceof TriageStateStore, "a team archive keeps its own triage state"); //$NON-NLS-1$
            TriageService t = new TriageService(a, shared, TriagePolicy.defaults(), ZoneOffset.UTC);
            t.markHandled(handled, "camille", Instant.parse(NOW)); //$NON-NLS-1$
            assertEquals(ids.size() - 1, t.queue(Instant.parse(NOW)).size(), "worker A's own queue"); //$NON-NLS-1$
        }
        try (Stream<Path> files = Files.walk(sideA)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().equals(TriageStateStore.FILE_NAME)),
                    "nothing of the triage state in worker A's local folder"); //$NON-NLS-1$
        }

        JsonNode after = json(maraude(worker(sideB), "--archive", address, "backlog", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        List<String> left = new ArrayList<>(ids);
        left.remove(handled);
        assertEquals(left, field(after.get("items"), "id"), "worker B no longer sees the handled conversation"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(before.get("count").asInt() - 1, after.get("count").asInt()); //$NON-NLS-1$ //$NON-NLS-2$
        assertNotEquals(before, after);
    }

    @Test
    void theTriageCommandChangesTheSharedStateAndAStaleVersionChangesNothing() throws Exception {
        Map<String, String> a = worker(dir.resolve("cli-worker-a")); //$NON-NLS-1$
        Map<String, String> b = worker(dir.resolve("cli-worker-b")); //$NON-NLS-1$
        List<String> waiting = field(json(maraude(b, "--archive", address, "backlog", "--now", NOW, "--json")).get("items"), "id"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        assertTrue(waiting.size() > 1, waiting.toString());
        String id = waiting.get(waiting.size() - 1);
        String v0 = json(maraude(a, "--archive", address, "show", id, "--json")).get("triage").get("version").asText(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$

        // worker A: handled, with a note typed on the standard input, from the version A read
        String note = "rappelle jeudi, pas de msg avant stp"; //$NON-NLS-1$
        JsonNode handled = json(maraude(a, note.getBytes(StandardCharsets.UTF_8), "--archive", address, "triage", id, //$NON-NLS-1$ //$NON-NLS-2$
                "--handled", "--note-stdin", "--expect-version", v0, "--worker", "camille", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
        assertEquals("handled", handled.get("state").asText(), handled.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(1, handled.get("notes").asInt()); //$NON-NLS-1$
        String v1 = handled.get("version").asText(); //$NON-NLS-1$
        assertNotEquals(v0, v1);

        // worker B, another machine: the backlog no longer lists it, show gives A's change and version
        List<String> left = new ArrayList<>(waiting);
        left.remove(id);
        assertEquals(left, field(json(maraude(b, "--archive", address, "backlog", "--now", NOW, "--json")).get("items"), "id")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        JsonNode seenByB = json(maraude(b, "--archive", address, "show", id, "--json")).get("triage"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals("camille", seenByB.get("set_by").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(v1, seenByB.get("version").asText(), "the same version on every machine"); //$NON-NLS-1$ //$NON-NLS-2$

        // worker B's script still holds the version it read before A's change: refused, nothing overwritten
        Run stale = maraude(b, "--archive", address, "triage", id, "--reopen", "--expect-version", v0, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, stale.code(), stale.err());
        assertNoTrace(stale);
        assertTrue(stale.err().contains("nothing was overwritten"), stale.err()); //$NON-NLS-1$
        JsonNode refused = TeamCliRuns.JSON_STRICT.readTree(stale.out());
        assertEquals("conflict", refused.get("error").get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(v1, refused.get("version").asText()); //$NON-NLS-1$
        JsonNode onServer = json(maraude(a, "--archive", address, "show", id, "--json")).get("triage"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals("handled", onServer.get("state").asText(), "the state on the server is unchanged"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(v1, onServer.get("version").asText()); //$NON-NLS-1$

        // with the current version, B undoes it: back in A's backlog
        assertTrue(json(maraude(b, "--archive", address, "triage", id, "--reopen", "--expect-version", v1, "--json")) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                .get("state").isNull()); //$NON-NLS-1$
        assertEquals(waiting, field(json(maraude(a, "--archive", address, "backlog", "--now", NOW, "--json")).get("items"), "id")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$

        // this cluster has no audit collection: the entry falls back to A's machine, counts only; the note
        // went to the server, not to A's folder
        Path sideA = dir.resolve("cli-worker-a"); //$NON-NLS-1$
        String audit = Files.readString(sideA.resolve("audit.log")); //$NON-NLS-1$
        assertTrue(audit.contains("\"event\":\"triage\"") && audit.contains("\"note\":1"), audit); //$NON-NLS-1$ //$NON-NLS-2$
        try (Stream<Path> files = Files.walk(sideA)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1).contains("rappelle"), f.toString()); //$NON-NLS-1$
            }
        }
    }

    /** The same command on a local archive, as a process: the note from a real standard input. */
    @Test
    void theTriageCommandOnALocalArchive() throws Exception {
        Path local = dir.resolve("local-archive"); //$NON-NLS-1$
        Map<String, String> env = Map.of();
        json(maraude(env, "--archive", local.toString(), "import", fixtures.resolve("whatsapp").toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        List<String> waiting = field(json(maraude(env, "--archive", local.toString(), "backlog", "--now", NOW, "--json")) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                .get("items"), "id"); //$NON-NLS-1$ //$NON-NLS-2$
        String id = waiting.get(0);
        JsonNode done = json(maraude(env, "ok, merci 👍".getBytes(StandardCharsets.UTF_8), "--archive", local.toString(), //$NON-NLS-1$ //$NON-NLS-2$
                "triage", id, "--no-reply-needed", "--note-stdin", "--service", "kit", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
        assertEquals("no_reply_needed", done.get("state").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(1, done.get("notes").asInt()); //$NON-NLS-1$
        assertFalse(field(json(maraude(env, "--archive", local.toString(), "backlog", "--now", NOW, "--json")).get("items"), "id") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                .contains(id));
        Run unknown = maraude(env, "--archive", local.toString(), "triage", "no-such-conversation", "--handled", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, unknown.code(), unknown.err());
        assertNoTrace(unknown);
        assertEquals("unknown_conversation", TeamCliRuns.JSON_STRICT.readTree(unknown.out()).get("error").get("kind").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    /** A worker's environment: credentials and the pinned certificate, nothing on the command line. */
    private static Map<String, String> worker(Path sideFiles) {
        Map<String, String> env = new HashMap<>();
        env.put("MARAUDE_TEAM_DIR", sideFiles.toString()); //$NON-NLS-1$
        env.put("MARAUDE_TEAM_USER", "worker"); //$NON-NLS-1$ //$NON-NLS-2$
        env.put("MARAUDE_TEAM_PASSWORD", WORKER_PASSWORD); //$NON-NLS-1$
        env.put("MARAUDE_TEAM_FINGERPRINT", fingerprint); //$NON-NLS-1$
        return env;
    }

    private static Run maraude(Map<String, String> env, String... args) throws Exception {
        return TeamCliRuns.maraude(dir, env, args);
    }

    private static Run maraude(Map<String, String> env, byte[] stdin, String... args) throws Exception {
        return TeamCliRuns.maraude(dir, env, stdin, args);
    }
}

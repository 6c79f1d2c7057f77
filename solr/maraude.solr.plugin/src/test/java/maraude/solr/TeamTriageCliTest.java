package maraude.solr;

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
 * Two workers on one team archive share the triage state: worker A (in this process, through the
 * {@code TeamArchiveFactory} the CLI uses and {@link ArchiveTriageStates}) marks a conversation
 * handled, and worker B's {@code ./maraude --archive solr+https://... backlog --json} (the product's own
 * launcher, its own side-file folder) no longer lists it. One node, HTTPS only, basic auth, rule-based
 * authorisation; credentials and fingerprint in the environment only.
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
        JsonNode imported = json(maraude(worker(sideB), "--archive", address, "import", fixtures.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(imported.get("messages_added").asInt() > 0, imported.toString()); //$NON-NLS-1$
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
}

package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.impl.HttpClientUtil;
import org.apache.solr.security.Sha256AuthenticationProvider;
import org.apache.solr.util.SSLTestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    static Path dir;
    private static SSLTestConfig ssl;
    private static TeamCluster cluster;
    private static String address;
    private static String fingerprint;
    private static Path fixtures;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(product().resolve("plugins").resolve(firstJar("maraude.team_"))), //$NON-NLS-1$
                "the product is built (the module depends on it)"); //$NON-NLS-1$
        System.setProperty("jetty.testMode", "true"); //$NON-NLS-1$ //$NON-NLS-2$
        ssl = new SSLTestConfig(true, false, true);
        HttpClientUtil.setSocketFactoryRegistryProvider(ssl.buildClientSocketFactoryRegistryProvider());
        Http2SolrClient.setDefaultSSLConfig(ssl.buildClientSSLConfig());
        String security = """
                {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true,
                   "credentials": {"admin": "%s", "worker": "%s"}},
                 "authorization": {"class": "solr.RuleBasedAuthorizationPlugin",
                   "user-role": {"admin": "admin", "worker": "worker"},
                   "permissions": [
                     {"name": "read", "role": ["worker", "admin"]},
                     {"name": "update", "role": ["worker", "admin"]},
                     {"name": "all", "role": "admin"}]}}
                """.formatted(Sha256AuthenticationProvider.getSaltedHashedValue(ADMIN_PASSWORD),
                Sha256AuthenticationProvider.getSaltedHashedValue(WORKER_PASSWORD));
        cluster = TeamCluster.start(dir.resolve("cluster"), 1, security, //$NON-NLS-1$
                b -> b.withJettyConfig(j -> j.withSSLConfig(ssl.buildServerSSLConfig())));
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
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            HttpClientUtil.resetHttpClientBuilder();
            HttpClientUtil.setSocketFactoryRegistryProvider(new SSLTestConfig(false, false).buildClientSocketFactoryRegistryProvider());
            Http2SolrClient.setDefaultSSLConfig(null);
            System.clearProperty("jetty.testMode"); //$NON-NLS-1$
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

    record Run(int code, String out, String err) {
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

    /** Runs the repository's {@code ./maraude} with {@code env} added to a clean environment. */
    private static Run maraude(Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("maraude").toString()); //$NON-NLS-1$
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("MARAUDE_")); //$NON-NLS-1$
        e.put("XDG_STATE_HOME", dir.resolve("state").toString()); //$NON-NLS-1$ //$NON-NLS-2$
        e.put("XDG_DATA_HOME", dir.resolve("data").toString()); //$NON-NLS-1$ //$NON-NLS-2$
                e.put("LANG", "en_US.UTF-8"); //$NON-NLS-1$ //$NON-NLS-2$
        e.putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
        Path err = Files.createTempFile(dir, "err", ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./maraude " + args[2] + " did not end"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The run's stdout, which must be exactly one JSON document. */
    private static JsonNode json(Run r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    private static List<String> field(JsonNode doc, String name) {
        JsonNode array = doc.has("hits") ? doc.get("hits") : doc; //$NON-NLS-1$ //$NON-NLS-2$
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(name).asText()));
        return values;
    }

    private static void assertNoTrace(Run r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:") || r.err().contains("internal error"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "a message, not a stack trace: " + r.err()); //$NON-NLS-1$
        assertTrue(r.err().startsWith("maraude: "), r.err()); //$NON-NLS-1$
    }

    /** SHA-256 of the certificate the node presents, read without trusting it. */
    private static String serverFingerprint(int port) throws Exception {
        SSLContext any = SSLContext.getInstance("TLS"); //$NON-NLS-1$
        any.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // only reading the server's certificate
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // only reading the server's certificate
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, null);
        try (SSLSocket s = (SSLSocket) any.getSocketFactory().createSocket("localhost", port)) { //$NON-NLS-1$
            s.startHandshake();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())); //$NON-NLS-1$
        }
    }

    /** The repository root: this module lies in solr/maraude.solr.plugin. */
    private static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../..").normalize(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    private static Path product() {
        return root().resolve("releng/maraude.product/target/products/maraude/linux/gtk/x86_64/maraude"); //$NON-NLS-1$
    }

    private static String firstJar(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(product().resolve("plugins"))) { //$NON-NLS-1$
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError(prefix + " not in the built product")); //$NON-NLS-1$
        }
    }

    /** ../shared/fixtures beside the repository: real exports written by others. */
    private static Path sharedFixtures() {
        for (Path p = root(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/fixtures"); //$NON-NLS-1$
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("../shared/fixtures not found above " + root()); //$NON-NLS-1$
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}

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

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

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

    record Run(int code, String out, String err) {
    }

    /** A worker's environment: credentials and the pinned certificate, nothing on the command line. */
    private static Map<String, String> worker() {
        Map<String, String> env = new HashMap<>();
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
        e.put("MARAUDE_TEAM_DIR", dir.resolve("team-side-files").toString()); //$NON-NLS-1$ //$NON-NLS-2$
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

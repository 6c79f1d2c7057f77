package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.util.Utils;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.ZooKeeper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.solr.server.TeamServerCliAccess;

/**
 * {@code team-server start/stop/status} as the CLI runs them (the same code in this JVM), the server
 * itself a real background process on this JVM's class path: one node on a free port, TLS with the
 * printed fingerprint, the printed admin user, anonymous access refused (over HTTPS and in ZooKeeper),
 * nothing readable in the folder's files, a clean stop, a restart that reopens the same encrypted index,
 * and a start that closes the open ZooKeeper of a folder made before the ACLs.
 */
class TeamServerTest {

    private static final String WORKER = "noor"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-password-1"; //$NON-NLS-1$

    @TempDir
    Path dir;

    /** A failed assertion must not leave a detached server behind (it outlives this JVM). */
    @AfterEach
    void stopWhatRuns() {
        cli("team-server", "stop", "--dir", dir.resolve("server").toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    }

    private record Run(int code, String out, String err) {
    }

    private static Run cli(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TeamServerCliAccess.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> json(Run r) {
        assertEquals(0, r.code(), r.err());
        return (Map<String, Object>) Utils.fromJSONString(r.out());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Trusts exactly the certificate whose SHA-256 fingerprint {@code team-server start} printed. */
    private static SSLContext pinned(String fingerprint) throws Exception {
        X509TrustManager tm = new X509TrustManager() {
            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                try {
                    String fp = HexFormat.ofDelimiter(":").withUpperCase() //$NON-NLS-1$
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(chain[0].getEncoded())); //$NON-NLS-1$
                    if (!fp.equals(fingerprint)) {
                        throw new CertificateException("not the printed fingerprint"); //$NON-NLS-1$
                    }
                } catch (java.security.NoSuchAlgorithmException e) {
                    throw new CertificateException(e);
                }
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("client side only"); //$NON-NLS-1$
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        };
        SSLContext c = SSLContext.getInstance("TLS"); //$NON-NLS-1$
        c.init(null, new TrustManager[] { tm }, null);
        return c;
    }

    private static HttpJdkSolrClient client(Map<String, Object> started) throws Exception {
        return client(started, (String) started.get("user"), (String) started.get("password")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static HttpJdkSolrClient client(Map<String, Object> started, String user, String password) throws Exception {
        String url = (String) started.get("url"); //$NON-NLS-1$
        URI u = URI.create(url.substring("solr+".length())); //$NON-NLS-1$
        return new HttpJdkSolrClient.Builder("https://" + u.getHost() + ":" + u.getPort() + "/solr") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                .withSSLContext(pinned((String) started.get("fingerprint"))).useHttp1_1(true) //$NON-NLS-1$
                .withBasicAuthCredentials(user, password).build();
    }

    /** The embedded ZooKeeper's address with Solr's chroot, as the running server wrote it. */
    private static String zkHost(Path server) throws IOException {
        return (String) ((Map<?, ?>) Utils.fromJSONString(Files.readString(server.resolve("server.json")))).get("zkHost"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** A plain ZooKeeper client, connected; with {@code digest} ("user:password") authenticated. */
    private static ZooKeeper zooKeeper(String host, String digest) throws Exception {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(host, 30_000, e -> {
            if (e.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        assertTrue(connected.await(30, TimeUnit.SECONDS), "ZooKeeper connects"); //$NON-NLS-1$
        if (digest != null) {
            zk.addAuthInfo("digest", digest.getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
        }
        return zk;
    }

    /** The folder's ZooKeeper credentials as "user:password". */
    private static String digest(Path server) throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (var in = Files.newInputStream(server.resolve("zookeeper.credentials"))) { //$NON-NLS-1$
            p.load(in);
        }
        return p.getProperty("zkDigestUsername") + ":" + p.getProperty("zkDigestPassword"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    /** Every znode under {@code path} but ZooKeeper's own, visited before its children; gone ones skipped. */
    private static void walk(ZooKeeper zk, String path, List<String> into) throws Exception {
        if (path.equals("/zookeeper")) { //$NON-NLS-1$
            return;
        }
        into.add(path);
        try {
            for (String child : zk.getChildren(path, false)) {
                walk(zk, (path.equals("/") ? "" : path) + "/" + child, into); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
        } catch (KeeperException.NoNodeException e) {
            // an ephemeral znode that went away meanwhile
        }
    }

    /**
     * What an anonymous client of the server's ZooKeeper gets: no security.json, no configset, no cluster
     * state, no new znode (NoAuth); and, seen with the folder's credentials, not one znode open to the world.
     */
    private static void assertZooKeeperClosed(Path server) throws Exception {
        String chrooted = zkHost(server);
        String root = chrooted.substring(0, chrooted.indexOf('/'));
        try (ZooKeeper anonymous = zooKeeper(chrooted, null); ZooKeeper top = zooKeeper(root, null)) {
            assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getData("/security.json", false, null)); //$NON-NLS-1$
            assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getChildren("/configs", false)); //$NON-NLS-1$
            assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getData("/configs/maraude/solrconfig.xml", false, null)); //$NON-NLS-1$
            assertThrows(KeeperException.NoAuthException.class,
                    () -> anonymous.setData("/configs/maraude/solrconfig.xml", "<config/>".getBytes(StandardCharsets.UTF_8), -1)); //$NON-NLS-1$ //$NON-NLS-2$
            assertThrows(KeeperException.NoAuthException.class, () -> anonymous.create("/configs/plain", new byte[0], //$NON-NLS-1$
                    ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
            assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getData("/collections/team/state.json", false, null)); //$NON-NLS-1$
            assertThrows(KeeperException.NoAuthException.class, () -> anonymous.getChildren("/live_nodes", false)); //$NON-NLS-1$
            assertThrows(KeeperException.NoAuthException.class, () -> top.create("/other", new byte[0], //$NON-NLS-1$
                    ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT));
        }
        try (ZooKeeper owner = zooKeeper(root, digest(server))) {
            List<String> paths = new ArrayList<>();
            walk(owner, "/", paths); //$NON-NLS-1$
            assertTrue(paths.contains("/solr/security.json") && paths.contains("/solr/collections/team/state.json"), paths.toString()); //$NON-NLS-1$ //$NON-NLS-2$
            List<String> open = new ArrayList<>();
            for (String p : paths) {
                try {
                    if (owner.getACL(p, null).stream().anyMatch(a -> a.getId().getScheme().equals("world"))) { //$NON-NLS-1$
                        open.add(p);
                    }
                } catch (KeeperException.NoNodeException e) {
                    // gone meanwhile
                }
            }
            assertEquals(List.of(), open, "znodes open to anyone"); //$NON-NLS-1$
        }
    }

    /** What a version before the ACLs left: every znode open to anyone (set with the folder's credentials). */
    private static void openZooKeeperAsBefore(Path server) throws Exception {
        String chrooted = zkHost(server);
        try (ZooKeeper owner = zooKeeper(chrooted.substring(0, chrooted.indexOf('/')), digest(server))) {
            List<String> paths = new ArrayList<>();
            walk(owner, "/", paths); //$NON-NLS-1$
            for (String p : paths) {
                try {
                    owner.setACL(p, ZooDefs.Ids.OPEN_ACL_UNSAFE, -1);
                } catch (KeeperException.NoNodeException e) {
                    // gone meanwhile
                }
            }
        }
        try (ZooKeeper anonymous = zooKeeper(chrooted, null)) {
            assertTrue(anonymous.getData("/security.json", false, null).length > 0, "open as before"); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    /** Adds the worker {@value #WORKER} through Solr's security API, as the admin, and waits until it serves. */
    private static void addWorker(Map<String, Object> started, HttpClient http, int port) throws Exception {
        String admin = "Basic " + java.util.Base64.getEncoder().encodeToString( //$NON-NLS-1$
                ("admin:" + started.get("password")).getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$ //$NON-NLS-2$
        for (String[] call : new String[][] { { "authentication", "{\"set-user\": {\"" + WORKER + "\": \"" + WORKER_PASSWORD + "\"}}" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                { "authorization", "{\"set-user-role\": {\"" + WORKER + "\": [\"worker\"]}}" } }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            HttpRequest r = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + "/solr/admin/" + call[0])) //$NON-NLS-1$ //$NON-NLS-2$
                    .header("Authorization", admin).header("Content-Type", "application/json") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    .POST(HttpRequest.BodyPublishers.ofString(call[1])).build();
            assertEquals(200, http.send(r, HttpResponse.BodyHandlers.discarding()).statusCode(), call[0]);
        }
        // the node applies security.json when ZooKeeper tells it that it changed: wait for that
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try (HttpJdkSolrClient c = client(started, WORKER, WORKER_PASSWORD)) {
            while (true) {
                try {
                    count(c, "depistage"); //$NON-NLS-1$
                    return;
                } catch (org.apache.solr.client.solrj.SolrServerException | org.apache.solr.common.SolrException e) {
                    if (System.nanoTime() > deadline) {
                        throw e;
                    }
                    Thread.sleep(100);
                }
            }
        }
    }

    private static long count(HttpJdkSolrClient c, String word) throws Exception {
        SolrQuery q = new SolrQuery(TeamSchema.TEXT + ":" + word); //$NON-NLS-1$
        return c.query("team", q, SolrRequest.METHOD.POST).getResults().getNumFound(); //$NON-NLS-1$
    }

    @Test
    void startsServesRefusesAnonymousStopsAndRestartsOnTheSameData() throws Exception {
        Path server = dir.resolve("server"); //$NON-NLS-1$
        int port = freePort();

        // a port in use is bad input
        try (ServerSocket busy = new ServerSocket(0)) {
            Run r = cli("team-server", "start", "--dir", server.toString(), "--port", Integer.toString(busy.getLocalPort()), "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            assertEquals(2, r.code(), r.err());
            assertTrue(r.err().contains(Integer.toString(busy.getLocalPort())), r.err());
            assertEquals("", r.out()); //$NON-NLS-1$
        }

        Map<String, Object> started = json(cli("team-server", "start", "--dir", server.toString(), "--port", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                Integer.toString(port), "--nodes", "1", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("solr+https://127.0.0.1:" + port + "/team", started.get("url")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("admin", started.get("user")); //$NON-NLS-1$ //$NON-NLS-2$
        String password = (String) started.get("password"); //$NON-NLS-1$
        assertTrue(password.length() >= 20, "a generated password"); //$NON-NLS-1$
        String fingerprint = (String) started.get("fingerprint"); //$NON-NLS-1$
        assertTrue(fingerprint.matches("([0-9A-F]{2}:){31}[0-9A-F]{2}"), fingerprint); //$NON-NLS-1$
        assertEquals(4, started.size(), "exactly url, user, password, fingerprint"); //$NON-NLS-1$
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.resolve("secrets")))); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(Files.readString(server.resolve("secrets")).contains(fingerprint)); //$NON-NLS-1$

        Map<String, Object> status = json(cli("team-server", "status", "--dir", server.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(true, status.get("serving")); //$NON-NLS-1$
        long pid = ((Number) status.get("pid")).longValue(); //$NON-NLS-1$
        assertNotEquals(ProcessHandle.current().pid(), pid, "a process of its own"); //$NON-NLS-1$
        assertTrue(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));

        // a second start on the same folder is refused while the first runs
        assertEquals(2, cli("team-server", "start", "--dir", server.toString(), "--port", Integer.toString(freePort())).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

        // ZooKeeper: nothing for a client without the folder's credentials, which never leave the folder
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.resolve("zookeeper.credentials")))); //$NON-NLS-1$ //$NON-NLS-2$
        String zkPassword = digest(server).substring(digest(server).indexOf(':') + 1);
        assertZooKeeperClosed(server);

        // a worker added through Solr's security API (written to ZooKeeper by the node) imports and searches
        HttpClient http = HttpClient.newBuilder().sslContext(pinned(fingerprint)).version(HttpClient.Version.HTTP_1_1).build();
        addWorker(started, http, port);
        try (HttpJdkSolrClient c = client(started, WORKER, WORKER_PASSWORD)) {
            UpdateRequest add = new UpdateRequest();
            for (int i = 0; i < 3; i++) {
                SolrInputDocument d = new SolrInputDocument();
                d.addField(TeamSchema.ID, "m" + i); //$NON-NLS-1$
                d.addField(TeamSchema.ROUTE, "contact-1"); //$NON-NLS-1$
                d.addField(TeamSchema.TEXT, "Besoin d'un dépistage rapide, numéro " + i); //$NON-NLS-1$
                add.add(d);
            }
            add.commit(c, "team"); //$NON-NLS-1$
            assertEquals(3, count(c, "depistage"), "the archive's accent folding on the node"); //$NON-NLS-1$ //$NON-NLS-2$
        }

        // no anonymous access, no wrong password
        URI select = URI.create("https://127.0.0.1:" + port + "/solr/team/select?q=*:*"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(401, http.send(HttpRequest.newBuilder(select).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        String wrong = "Basic " + java.util.Base64.getEncoder().encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(401, http.send(HttpRequest.newBuilder(select).header("Authorization", wrong).build(), //$NON-NLS-1$
                HttpResponse.BodyHandlers.discarding()).statusCode());

        Map<String, Object> stopped = json(cli("team-server", "stop", "--dir", server.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(true, stopped.get("stopped")); //$NON-NLS-1$
        assertFalse(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false), "the server process is gone"); //$NON-NLS-1$
        assertEquals(2, cli("team-server", "stop", "--dir", server.toString()).code(), "nothing runs any more"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, cli("team-server", "status", "--dir", server.toString()).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        // nothing of the messages in any file of the folder: index, transaction logs, ZooKeeper, logs
        List<Path> leaks = new ArrayList<>();
        try (Stream<Path> files = Files.walk(server)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                for (String word : List.of("pistage", "Besoin", "rapide", zkPassword)) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    if (raw.contains(word) && !f.getFileName().toString().equals("zookeeper.credentials")) { //$NON-NLS-1$
                        leaks.add(f);
                    }
                }
            }
        }
        assertEquals(List.of(), leaks);

        // a restart opens the same encrypted index with the same certificate and password, and the same
        // ZooKeeper credentials (the znodes' ACLs name them)
        String credentials = Files.readString(server.resolve("zookeeper.credentials")); //$NON-NLS-1$
        Map<String, Object> again = json(cli("team-server", "start", "--dir", server.toString(), "--port", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                Integer.toString(port), "--json")); //$NON-NLS-1$
        assertEquals(started, again);
        assertEquals(credentials, Files.readString(server.resolve("zookeeper.credentials"))); //$NON-NLS-1$
        try (HttpJdkSolrClient c = client(again, WORKER, WORKER_PASSWORD)) {
            assertEquals(3, count(c, "depistage")); //$NON-NLS-1$
        }
        try (HttpJdkSolrClient c = client(again)) {
            // the audit collection (switched to its append-only configset at each start) refuses even the
            // admin's delete; the policy collection is there for the team's retention policy (#18)
            UpdateRequest delete = new UpdateRequest().deleteByQuery("*:*"); //$NON-NLS-1$
            delete.setBasicAuthCredentials("admin", password); //$NON-NLS-1$
            org.apache.solr.common.SolrException refused = org.junit.jupiter.api.Assertions.assertThrows(
                    org.apache.solr.common.SolrException.class, () -> delete.process(c, "team_audit")); //$NON-NLS-1$
            assertEquals(403, refused.code(), refused.getMessage());
            assertTrue(refused.getMessage().contains("append-only"), refused.getMessage()); //$NON-NLS-1$
            var policy = new org.apache.solr.client.solrj.request.QueryRequest(new org.apache.solr.client.solrj.SolrQuery("*:*")); //$NON-NLS-1$
            policy.setBasicAuthCredentials("admin", password); //$NON-NLS-1$
            assertEquals(0, policy.process(c, "team_policy").getResults().getNumFound()); //$NON-NLS-1$
        }
        assertZooKeeperClosed(server);

        // a folder of the version before the ACLs: every znode open, no credentials file; its next start
        // makes the credentials and closes every znode, and serves the same data to the same worker
        openZooKeeperAsBefore(server);
        assertEquals(0, cli("team-server", "stop", "--dir", server.toString()).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Files.delete(server.resolve("zookeeper.credentials")); //$NON-NLS-1$
        assertEquals(started, json(cli("team-server", "start", "--dir", server.toString(), "--port", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                Integer.toString(port), "--json"))); //$NON-NLS-1$
        assertNotEquals(credentials, Files.readString(server.resolve("zookeeper.credentials"))); //$NON-NLS-1$
        assertZooKeeperClosed(server);
        try (HttpJdkSolrClient c = client(started, WORKER, WORKER_PASSWORD)) {
            assertEquals(3, count(c, "depistage")); //$NON-NLS-1$
        }
        assertEquals(0, cli("team-server", "stop", "--dir", server.toString()).code()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }
}

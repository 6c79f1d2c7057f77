package maraude.solr;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;

import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.impl.HttpClientUtil;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.security.Sha256AuthenticationProvider;
import org.apache.solr.util.SSLTestConfig;

import maraude.archive.crypto.EncryptedDirectory;
import maraude.archive.crypto.KdfParams;
import maraude.core.archive.AccessMode;
import maraude.solr.client.SolrArchive;
import maraude.solr.crypto.NodeKey;

/**
 * A SolrCloud cluster for tests: N nodes in this JVM (solr-test-framework's MiniSolrCloudCluster), the
 * plugin's configset uploaded as {@value #CONFIG}, index files encrypted with a node key whose
 * passphrase the build puts in the test JVM's environment ({@code MARAUDE_SOLR_PASSPHRASE}, surefire).
 */
public final class TeamCluster implements AutoCloseable {

    /** Cheap key derivation for tests: the real parameters take seconds per key. */
    static final KdfParams CHEAP_KDF = new KdfParams(1, 1024, 1);

    public static final String CONFIG = "maraude"; //$NON-NLS-1$

    private final MiniSolrCloudCluster cluster;
    private final Path keyFolder;
    /** The test certificate when the nodes serve HTTPS ({@link #startTls}), else null. */
    private SSLTestConfig ssl;

    private TeamCluster(MiniSolrCloudCluster cluster, Path keyFolder) {
        this.cluster = cluster;
        this.keyFolder = keyFolder;
    }

    public static TeamCluster start(Path dir, int nodes) throws Exception {
        return start(dir, nodes, null);
    }

    /** With {@code securityJson} (authentication and authorisation) when not null. */
    public static TeamCluster start(Path dir, int nodes, String securityJson) throws Exception {
        return start(dir, nodes, securityJson, b -> {
        });
    }

    /** {@code customize} adds to the cluster's builder (TLS, for one). */
    public static TeamCluster start(Path dir, int nodes, String securityJson,
            java.util.function.Consumer<MiniSolrCloudCluster.Builder> customize) throws Exception {
        System.setProperty("zookeeper.forceSync", "no"); //$NON-NLS-1$ //$NON-NLS-2$
        System.setProperty("solr.zkclienttimeout", "90000"); //$NON-NLS-1$ //$NON-NLS-2$
        Path keyFolder = dir.resolve("node-key"); //$NON-NLS-1$
        NodeKey.create(keyFolder, System.getenv(NodeKey.DEFAULT_PASSPHRASE_ENV).toCharArray(), CHEAP_KDF);
        System.setProperty("maraude.keyFolder", keyFolder.toString()); //$NON-NLS-1$
        System.clearProperty("maraude.tlogFolder"); //$NON-NLS-1$ // the logs stay in each core's data folder
        // no background commit: what a test leaves uncommitted lives in the transaction logs only
        System.setProperty("solr.autoCommit.maxTime", "-1"); //$NON-NLS-1$ //$NON-NLS-2$
        Path solr = dir.resolve("cluster"); //$NON-NLS-1$
        Files.createDirectories(solr);
        MiniSolrCloudCluster.Builder b = new MiniSolrCloudCluster.Builder(nodes, solr).addConfig(CONFIG, configset())
                .addConfig(maraude.solr.server.TeamServer.AUDIT_CONFIG,
                        maraude.solr.server.TeamServer.extractAuditConfigset(dir.resolve("configset-audit"))); //$NON-NLS-1$
        if (securityJson != null) {
            b.withSecurityJson(securityJson);
        }
        customize.accept(b);
        MiniSolrCloudCluster c = b.configure();
        return new TeamCluster(c, keyFolder);
    }

    /**
     * The tests' {@code security.json}: basic authentication with no anonymous access, users {@code admin}
     * (role admin: everything) and {@code worker} (reads and writes), rule-based authorisation.
     */
    public static String adminAndWorker(String adminPassword, String workerPassword) {
        return """
                {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true,
                   "credentials": {"admin": "%s", "worker": "%s"}},
                 "authorization": {"class": "solr.RuleBasedAuthorizationPlugin",
                   "user-role": {"admin": "admin", "worker": "worker"},
                   "permissions": [
                     {"name": "read", "role": ["worker", "admin"]},
                     {"name": "update", "role": ["worker", "admin"]},
                     {"name": "all", "role": "admin"}]}}
                """.formatted(Sha256AuthenticationProvider.getSaltedHashedValue(adminPassword),
                Sha256AuthenticationProvider.getSaltedHashedValue(workerPassword));
    }

    /**
     * As {@link #adminAndWorker}, with a user {@code lead} (role lead: reads) and the permissions of the
     * audit collections {@code auditCollections} (and of the policy collections among them, {@code _policy}) as {@code team-server} writes them
     * ({@link maraude.solr.server.TeamServer#auditPermissions}: every role adds entries, the lead and the
     * admin read them).
     */
    public static String adminWorkerLead(String adminPassword, String workerPassword, String leadPassword,
            String... auditCollections) {
        java.util.List<Object> permissions = new java.util.ArrayList<>();
        for (String a : auditCollections) {
            // COLLECTION_policy (the team's retention policy) or COLLECTION_audit
            permissions.addAll(a.endsWith(maraude.solr.client.TeamRetention.SUFFIX) ? maraude.solr.server.TeamServer.policyPermissions(a)
                    : maraude.solr.server.TeamServer.auditPermissions(a));
        }
        permissions.add(java.util.Map.of("name", "read", "role", java.util.List.of("worker", "lead", "admin"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        permissions.add(java.util.Map.of("name", "update", "role", java.util.List.of("worker", "admin"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        permissions.add(java.util.Map.of("name", "all", "role", "admin")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        return """
                {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true,
                   "credentials": {"admin": "%s", "worker": "%s", "lead": "%s"}},
                 "authorization": {"class": "solr.RuleBasedAuthorizationPlugin",
                   "user-role": {"admin": "admin", "worker": "worker", "lead": "lead"},
                   "permissions": %s}}
                """.formatted(Sha256AuthenticationProvider.getSaltedHashedValue(adminPassword),
                Sha256AuthenticationProvider.getSaltedHashedValue(workerPassword),
                Sha256AuthenticationProvider.getSaltedHashedValue(leadPassword),
                org.apache.solr.common.util.Utils.toJSONString(permissions));
    }

    /**
     * As {@link #start(Path, int, String)}, every node serving HTTPS only with the test framework's
     * certificate (which names localhost). SolrJ's JVM-wide clients (node to node, the admin client) trust
     * it until {@link #close()}.
     */
    public static TeamCluster startTls(Path dir, int nodes, String securityJson) throws Exception {
        System.setProperty("jetty.testMode", "true"); //$NON-NLS-1$ //$NON-NLS-2$
        SSLTestConfig ssl = new SSLTestConfig(true, false, true);
        HttpClientUtil.setSocketFactoryRegistryProvider(ssl.buildClientSocketFactoryRegistryProvider());
        Http2SolrClient.setDefaultSSLConfig(ssl.buildClientSSLConfig());
        try {
            TeamCluster c = start(dir, nodes, securityJson, b -> b.withJettyConfig(j -> j.withSSLConfig(ssl.buildServerSSLConfig())));
            c.ssl = ssl;
            return c;
        } catch (Exception | Error e) {
            resetTls();
            throw e;
        }
    }

    private static void resetTls() {
        HttpClientUtil.resetHttpClientBuilder();
        HttpClientUtil.setSocketFactoryRegistryProvider(new SSLTestConfig(false, false).buildClientSocketFactoryRegistryProvider());
        Http2SolrClient.setDefaultSSLConfig(null);
        System.clearProperty("jetty.testMode"); //$NON-NLS-1$
    }

    /** The test certificate of a cluster started by {@link #startTls}. */
    public SSLTestConfig ssl() {
        return ssl;
    }

    /** {@code solr+https://localhost:PORT/COLLECTION} on the first node of a cluster started by {@link #startTls}. */
    public String address(String collection) {
        return address(collection, 0);
    }

    /** The team archive's address through node {@code node}. */
    public String address(String collection, int node) {
        return "solr+https://localhost:" + cluster.getJettySolrRunner(node).getLocalPort() + "/" + collection; //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** The configset folder as the build copied it from {@code src/main/resources}. */
    public static Path configset() throws URISyntaxException {
        return Path.of(TeamCluster.class.getResource("/" + TeamSchema.CONFIGSET_RESOURCE + "solrconfig.xml").toURI()) //$NON-NLS-1$ //$NON-NLS-2$
                .getParent();
    }

    public MiniSolrCloudCluster cluster() {
        return cluster;
    }

    public Path keyFolder() {
        return keyFolder;
    }

    /** A team collection as {@code team-server} creates it ({@link maraude.solr.server.TeamServer#createTeamCollection}). */
    public void createCollection(String name, int shards, int replicas) throws Exception {
        createCollection(name, shards, replicas, null, null);
    }

    /** As an authenticated user ({@code user} null: none). */
    public void createCollection(String name, int shards, int replicas, String user, String password) throws Exception {
        var create = maraude.solr.server.TeamServer.createTeamCollection(name, CONFIG, shards, replicas);
        if (user != null) {
            create.setBasicAuthCredentials(user, password);
        }
        create.process(cluster.getSolrClient());
        cluster.waitForActiveCollection(name, 60, TimeUnit.SECONDS, shards, shards * replicas);
    }

    /** A team's audit collection: the append-only configset ({@code maraude-audit}), as the admin. */
    public void createAuditCollection(String name, int replicas, String user, String password) throws Exception {
        var create = CollectionAdminRequest.createCollection(name, maraude.solr.server.TeamServer.AUDIT_CONFIG, 1, replicas)
                .setRouterField(TeamSchema.ROUTE);
        create.setBasicAuthCredentials(user, password);
        create.process(cluster.getSolrClient());
        cluster.waitForActiveCollection(name, 60, TimeUnit.SECONDS, 1, replicas);
    }

    /**
     * Commits, sending again a commit refused while a node goes or comes back (a leader election): the
     * ids make it idempotent. Shared by the tests that stop nodes during an import.
     */
    public static void commitThroughOutage(SolrArchive a) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try {
                a.commit();
                return;
            } catch (maraude.core.archive.ArchiveException e) {
                if (attempt == 60) {
                    throw e;
                }
                Thread.sleep(1000);
            }
        }
    }

    /** The archive over the JDK HTTP client, talking to node {@code node}, as the product's client does. */
    public SolrArchive open(String collection, int node, Path localFolder) {
        JettySolrRunner j = cluster.getJettySolrRunner(node);
        HttpJdkSolrClient client = new HttpJdkSolrClient.Builder(j.getBaseUrl().toString()).useHttp1_1(true).build();
        return SolrArchive.open(client, collection, localFolder, AccessMode.READ_WRITE, true);
    }

    @Override
    public void close() throws Exception {
        try {
            cluster.shutdown();
        } finally {
            if (ssl != null) {
                resetTls();
            }
        }
    }

    /**
     * The words found in any index file of any replica, read through the node key (what an erasure must
     * remove; a word is found as a term or in stored text). Shared by the tests that erase.
     */
    public Set<String> decryptedIndexWords(List<String> words) throws IOException {
        Set<String> found = new HashSet<>();
        var key = NodeKey.of(keyFolder, NodeKey.DEFAULT_PASSPHRASE_ENV);
        for (JettySolrRunner jetty : cluster.getJettySolrRunners()) {
            List<Path> indexes;
            try (Stream<Path> all = Files.walk(Path.of(jetty.getSolrHome()))) {
                indexes = all.filter(Files::isDirectory).filter(p -> p.getFileName().toString().startsWith("index") //$NON-NLS-1$
                        && p.getParent().getFileName().toString().equals("data")).toList(); //$NON-NLS-1$
            }
            for (Path index : indexes) {
                try (FSDirectory raw = FSDirectory.open(index); EncryptedDirectory dir = new EncryptedDirectory(raw, key, 1 << 20)) {
                    for (String f : dir.listAll()) {
                        if (f.equals("write.lock") || f.startsWith("pending_")) { //$NON-NLS-1$ //$NON-NLS-2$
                            continue;
                        }
                        byte[] bytes;
                        try (IndexInput in = dir.openInput(f, IOContext.READONCE)) {
                            bytes = new byte[(int) in.length()];
                            in.readBytes(bytes, 0, bytes.length);
                        } catch (java.nio.file.NoSuchFileException e) {
                            continue; // deleted by the node meanwhile
                        }
                        String text = new String(bytes, StandardCharsets.ISO_8859_1);
                        for (String w : words) {
                            if (text.contains(w)) {
                                found.add(w);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * The words found in any transaction log of any replica ({@code tlog} folders), read through the node
     * key (what an erasure must remove from the update logs too). Shared by the tests that erase.
     */
    public Set<String> decryptedLogWords(List<String> words) throws IOException {
        return decryptedLogWords(words, cluster.getJettySolrRunners());
    }

    /** {@link #decryptedLogWords(List)} on these nodes only (a stopped one is not among the cluster's). */
    public Set<String> decryptedLogWords(List<String> words, List<JettySolrRunner> nodes) throws IOException {
        Set<String> found = new HashSet<>();
        for (JettySolrRunner jetty : nodes) {
            List<Path> logs;
            try (Stream<Path> all = Files.walk(Path.of(jetty.getSolrHome()))) {
                logs = all.filter(p -> p.getParent().getFileName().toString().equals("tlog") //$NON-NLS-1$
                        && !p.getFileName().toString().startsWith("maraude-nonce.")).toList(); //$NON-NLS-1$
            }
            for (Path log : logs) {
                byte[] clear = maraude.solr.crypto.TransactionLogs.decrypt(log, keyFolder);
                if (clear == null) {
                    continue; // deleted by the node meanwhile
                }
                String text = new String(clear, StandardCharsets.ISO_8859_1);
                for (String w : words) {
                    if (text.contains(w)) {
                        found.add(w);
                    }
                }
            }
        }
        return found;
    }

    /** The words found in clear in any file under any node's home (index files, update logs). */
    public Set<String> rawWords(List<String> words) throws IOException {
        Set<String> found = new HashSet<>();
        for (JettySolrRunner jetty : cluster.getJettySolrRunners()) {
            try (Stream<Path> all = Files.walk(Path.of(jetty.getSolrHome()))) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    String raw;
                    try {
                        raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    } catch (java.nio.file.NoSuchFileException e) {
                        continue;
                    }
                    for (String w : words) {
                        if (raw.contains(w)) {
                            found.add(w);
                        }
                    }
                }
            }
        }
        return found;
    }
}

package maraude.solr.server;

import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.apache.http.config.Registry;
import org.apache.http.config.RegistryBuilder;
import org.apache.http.conn.socket.ConnectionSocketFactory;
import org.apache.http.conn.socket.PlainConnectionSocketFactory;
import org.apache.http.conn.ssl.SSLConnectionSocketFactory;
import org.apache.solr.client.solrj.embedded.SSLConfig;
import org.apache.solr.client.solrj.impl.Http2SolrClient;
import org.apache.solr.client.solrj.impl.HttpClientUtil;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.cloud.ZkTestServer;
import org.apache.solr.common.cloud.DigestZkACLProvider;
import org.apache.solr.common.cloud.DigestZkCredentialsProvider;
import org.apache.solr.common.cloud.SolrZkClient;
import org.apache.solr.common.cloud.VMParamsZkCredentialsInjector;
import org.apache.solr.common.util.Utils;
import org.apache.solr.embedded.JettyConfig;
import org.apache.solr.embedded.JettySolrRunner;
import org.apache.solr.security.Sha256AuthenticationProvider;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.data.ACL;

import maraude.archive.crypto.KdfParams;
import maraude.solr.TeamSchema;
import maraude.solr.client.TeamAudit;
import maraude.solr.client.TeamRetention;
import maraude.solr.crypto.NodeKey;

/**
 * The background process of {@code team-server start}: a local SolrCloud of N nodes in this JVM, on
 * ports P to P+N-1 of 127.0.0.1, with ZooKeeper embedded (digest ACLs on every znode), TLS, basic
 * authentication and rule-based authorisation on, the index encrypted with the node key, and the team
 * collection created. Started by {@link TeamServerCli} with the node's passphrase and the admin
 * password in its environment; writes {@code server.json} once it serves and stops cleanly on SIGTERM
 * (the nodes, then ZooKeeper).
 *
 * <p>
 * The nodes are solr-test-framework's {@link JettySolrRunner} (Solr's own servlet filter on an
 * embedded Jetty 10, the one solr-core is built with) and ZooKeeper is its {@code ZkTestServer}, both
 * set up by {@link MiniSolrCloudCluster}: Solr 9.10 has no other way to start a node without its binary
 * distribution's {@code start.jar}, {@code jetty.xml} and web application. Ports are fixed (a replica is
 * bound to its node's host and port) and the folders are kept, so a restart reopens the same cores.
 */
public final class TeamServer {

    /** The collection of the local team server. */
    public static final String COLLECTION = "team"; //$NON-NLS-1$
    /** The generated administrator's user name. */
    public static final String ADMIN_USER = "admin"; //$NON-NLS-1$
    /** Environment variable through which the CLI hands the admin password to the server process. */
    static final String ADMIN_PASSWORD_ENV = "MARAUDE_TEAM_SERVER_ADMIN_PASSWORD"; //$NON-NLS-1$
    static final String CONFIG = "maraude"; //$NON-NLS-1$
    /** The audit collections' configset: the same schema, an append-only update chain (#18). */
    public static final String AUDIT_CONFIG = "maraude-audit"; //$NON-NLS-1$
    /** Where the audit configset's own file (solrconfig.xml) lies in the plugin jar. */
    public static final String AUDIT_CONFIGSET_RESOURCE = "maraude/solr/configset-audit/"; //$NON-NLS-1$
    static final String CONTEXT = "/solr"; //$NON-NLS-1$

    private TeamServer() {
    }

    /** {@code TeamServer DIR PORT NODES}. */
    public static void main(String[] args) {
        try {
            run(new ServerFolder(Path.of(args[0])), Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        } catch (Throwable t) { // NOPMD: the CLI sees the exit code, the log says why
            t.printStackTrace();
            System.exit(1);
        }
    }

    /**
     * The permissions of a team's audit collection ({@code COLLECTION_audit}, #18), before the general
     * ones: Solr checks the permissions naming the request's collection first (the exact path, then
     * path wildcards), so these decide every request to it. Every team role adds entries
     * ({@code /update}); only the lead and the admin read it (any other path). That the collection is
     * append-only (no delete, no overwrite, the server's user and time on each entry) is its configset's
     * update chain ({@value #AUDIT_CONFIG}, {@code AppendOnlyAuditProcessorFactory}), not these. Its
     * configuration (Config API, request parameters, Schema API) is the admin's only: the lead reads the
     * trail but changes nothing of how it is kept.
     */
    public static List<Map<String, Object>> auditPermissions(String auditCollection) {
        return List.of(
                Map.of("name", "audit-config", "collection", auditCollection, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        "path", List.of("/config", "/config/params", "/config/overlay", "/schema"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                        "role", "admin"), //$NON-NLS-1$ //$NON-NLS-2$
                Map.of("name", "audit-write", "collection", auditCollection, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        "path", List.of("/update", "/update/json", "/update/javabin"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                        "role", List.of("worker", "lead", "admin")), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                // "/*": every other path (a custom permission needs a path; "/*" is Solr's prefix wildcard)
                Map.of("name", "audit-read", "collection", auditCollection, "path", "/*", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                        "role", List.of("lead", "admin"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    /**
     * The permissions of a team's policy collection ({@code COLLECTION_policy}, #18: the team's retention
     * policy, {@code TeamRetention}), before the general ones: every team role reads it, only the lead and
     * the admin write it.
     */
    public static List<Map<String, Object>> policyPermissions(String policyCollection) {
        return List.of(
                Map.of("name", "policy-write", "collection", policyCollection, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        "path", List.of("/update", "/update/json", "/update/javabin"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                        "role", List.of("lead", "admin")), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                Map.of("name", "policy-read", "collection", policyCollection, "path", "/*", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                        "role", List.of("worker", "lead", "admin"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    }

    /** The roles of the README's "Team archive" section; only the admin user exists at first. */
    static String securityJson(String adminPassword) {
        Map<String, Object> authentication = new LinkedHashMap<>();
        authentication.put("class", "solr.BasicAuthPlugin"); //$NON-NLS-1$ //$NON-NLS-2$
        authentication.put("blockUnknown", true); //$NON-NLS-1$
        authentication.put("forwardCredentials", false); //$NON-NLS-1$
        authentication.put("credentials", Map.of(ADMIN_USER, Sha256AuthenticationProvider.getSaltedHashedValue(adminPassword))); //$NON-NLS-1$
        Map<String, Object> authorization = new LinkedHashMap<>();
        authorization.put("class", "solr.RuleBasedAuthorizationPlugin"); //$NON-NLS-1$ //$NON-NLS-2$
        authorization.put("user-role", Map.of(ADMIN_USER, List.of("admin"))); //$NON-NLS-1$ //$NON-NLS-2$
        List<Map<String, Object>> permissions = new java.util.ArrayList<>(auditPermissions(COLLECTION + TeamAudit.SUFFIX));
        permissions.addAll(policyPermissions(COLLECTION + TeamRetention.SUFFIX));
        permissions.addAll(List.of(
                Map.of("name", "security-read", "role", "admin"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                Map.of("name", "security-edit", "role", "admin"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                Map.of("name", "collection-admin-edit", "role", "admin"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                Map.of("name", "read", "role", List.of("worker", "lead", "admin")), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
                Map.of("name", "update", "role", List.of("worker", "admin")), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                Map.of("name", "all", "role", "admin"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        authorization.put("permissions", permissions); //$NON-NLS-1$
        Map<String, Object> security = new LinkedHashMap<>();
        security.put("authentication", authentication); //$NON-NLS-1$
        security.put("authorization", authorization); //$NON-NLS-1$
        return Utils.toJSONString(security);
    }

    private static void run(ServerFolder folder, int port, int nodes) throws Exception {
        // before anything logs: warnings only, never a request (see log4j2.xml)
        System.setProperty("log4j2.configurationFile", //$NON-NLS-1$
                TeamServer.class.getResource("log4j2.xml").toString()); //$NON-NLS-1$
        String passphrase = System.getenv(NodeKey.DEFAULT_PASSPHRASE_ENV);
        String adminPassword = System.getenv(ADMIN_PASSWORD_ENV);
        if (passphrase == null || passphrase.isEmpty() || adminPassword == null || adminPassword.isEmpty()) {
            throw new IllegalStateException("the passphrase and the admin password come in the environment"); //$NON-NLS-1$
        }
        folder.create();
        System.setProperty("solr.log.dir", folder.log().getParent().toString()); //$NON-NLS-1$
        if (!NodeKey.exists(folder.nodeKey())) {
            NodeKey.create(folder.nodeKey(), passphrase.toCharArray(), KdfParams.DEFAULT);
        }
        System.setProperty("maraude.keyFolder", folder.nodeKey().toString()); //$NON-NLS-1$

        // TLS: the nodes serve HTTPS only and trust exactly their own certificate when they call each other
        String storePassword = ServerCertificate.storePassword(passphrase);
        KeyStore ks = ServerCertificate.loadOrCreate(folder.keyStore(), storePassword.toCharArray());
        String fingerprint = ServerCertificate.fingerprint(ServerCertificate.certificate(ks));
        // the certificate alone (public), for clients such as curl --cacert
        ServerFolder.writeAtomically(folder.keyStore().resolveSibling("certificate.pem"), //$NON-NLS-1$
                ServerCertificate.pem(ServerCertificate.certificate(ks)));
        String store = folder.keyStore().toString();
        SSLConfig ssl = new SSLConfig(true, false, store, storePassword, store, storePassword);
        Http2SolrClient.setDefaultSSLConfig(ssl);
        SSLContext context = sslContext(ks, storePassword.toCharArray());
        HttpClientUtil.setSocketFactoryRegistryProvider(new HttpClientUtil.SocketFactoryRegistryProvider() {
            @Override
            public Registry<ConnectionSocketFactory> getSocketFactoryRegistry() {
                return RegistryBuilder.<ConnectionSocketFactory> create()
                        .register("http", PlainConnectionSocketFactory.getSocketFactory()) //$NON-NLS-1$
                        .register("https", new SSLConnectionSocketFactory(context)).build(); //$NON-NLS-1$
            }
        });
        // JettySolrRunner builds its TLS connector only in this mode (otherwise it serves plain HTTP)
        System.setProperty("jetty.testMode", "true"); //$NON-NLS-1$ //$NON-NLS-2$
        System.setProperty("host", InetAddress.getLoopbackAddress().getHostAddress()); //$NON-NLS-1$

        // ZooKeeper: Solr's digest ACLs on every znode, for the user of the folder's credentials file, which
        // every ZooKeeper client of this process (the cluster's setup, the nodes, their shutdown) reads
        System.setProperty(SolrZkClient.ZK_CREDENTIALS_INJECTOR_CLASS_NAME_VM_PARAM_NAME, VMParamsZkCredentialsInjector.class.getName());
        System.setProperty(VMParamsZkCredentialsInjector.DEFAULT_DIGEST_FILE_VM_PARAM_NAME, folder.zkCredentialsOrCreate().toString());
        System.setProperty(SolrZkClient.ZK_CRED_PROVIDER_CLASS_NAME_VM_PARAM_NAME, DigestZkCredentialsProvider.class.getName());
        System.setProperty(SolrZkClient.ZK_ACL_PROVIDER_CLASS_NAME_VM_PARAM_NAME, DigestZkACLProvider.class.getName());

        Path configset = extractConfigset(folder.configset());
        Path auditConfigset = extractAuditConfigset(folder.configset().resolveSibling("configset-audit")); //$NON-NLS-1$
        // ZooKeeper's data under solr/zookeeper, kept from one start to the next (no format); solr.xml,
        // the TLS cluster property and security.json are written on the first start only
        MiniSolrCloudCluster cluster = new MiniSolrCloudCluster.Builder(0, folder.solr())
                .formatZkServer(false)
                .withSecurityJson(securityJson(adminPassword))
                .withJettyConfig(b -> b.withSSLConfig(ssl))
                .addConfig(CONFIG, configset)
                .addConfig(AUDIT_CONFIG, auditConfigset)
                .configure();
        restrictZooKeeper(cluster.getZkServer());
        List<JettySolrRunner> runners = new ArrayList<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(folder.stateFile());
                for (JettySolrRunner r : runners) {
                    r.stop();
                }
                cluster.shutdown();
            } catch (Exception e) { // NOPMD: stopping anyway
                e.printStackTrace();
            } finally {
                stopped.countDown();
            }
        }, "team-server-stop")); //$NON-NLS-1$
        for (int i = 0; i < nodes; i++) {
            Path home = folder.solr().resolve("node" + (i + 1)); //$NON-NLS-1$
            Files.createDirectories(home);
            Properties props = new Properties();
            props.setProperty("zkHost", cluster.getZkServer().getZkAddress()); //$NON-NLS-1$
            JettyConfig config = JettyConfig.builder().setPort(port + i).setContext(CONTEXT).withSSLConfig(ssl)
                    .stopAtShutdown(false).build();
            JettySolrRunner r = new JettySolrRunner(home.toString(), props, config);
            r.start();
            runners.add(r);
        }
        for (JettySolrRunner r : runners) {
            cluster.waitForNode(r, 120);
        }
        CollectionAdminRequest.List list = new CollectionAdminRequest.List();
        list.setBasicAuthCredentials(ADMIN_USER, adminPassword);
        Object names = list.process(cluster.getSolrClient()).getResponse().get("collections"); //$NON-NLS-1$
        if (!(names instanceof java.util.Collection<?> c && c.contains(COLLECTION))) {
            int shards = nodes;
            int replicas = nodes == 1 ? 1 : 2;
            var create = createTeamCollection(COLLECTION, CONFIG, shards, replicas);
            create.setBasicAuthCredentials(ADMIN_USER, adminPassword);
            create.process(cluster.getSolrClient());
        }
        cluster.waitForActiveCollection(COLLECTION, 180, TimeUnit.SECONDS);
        String audit = COLLECTION + TeamAudit.SUFFIX; // the team's audit trail (#18): one shard, few documents
        if (!(names instanceof java.util.Collection<?> c && c.contains(audit))) {
            var create = CollectionAdminRequest.createCollection(audit, AUDIT_CONFIG, 1, nodes == 1 ? 1 : 2)
                    .setRouterField(TeamSchema.ROUTE);
            create.setBasicAuthCredentials(ADMIN_USER, adminPassword);
            create.process(cluster.getSolrClient());
        } else {
            // made by an earlier version with the team's configset: the append-only one from now on
            var modify = CollectionAdminRequest.modifyCollection(audit, Map.of("collection.configName", AUDIT_CONFIG)); //$NON-NLS-1$
            modify.setBasicAuthCredentials(ADMIN_USER, adminPassword);
            modify.process(cluster.getSolrClient());
            var reload = CollectionAdminRequest.reloadCollection(audit);
            reload.setBasicAuthCredentials(ADMIN_USER, adminPassword);
            reload.process(cluster.getSolrClient());
        }
        cluster.waitForActiveCollection(audit, 180, TimeUnit.SECONDS);
        String policy = COLLECTION + TeamRetention.SUFFIX; // the team's retention policy (#18): one document
        if (!(names instanceof java.util.Collection<?> c && c.contains(policy))) {
            var create = CollectionAdminRequest.createCollection(policy, CONFIG, 1, nodes == 1 ? 1 : 2)
                    .setRouterField(TeamSchema.ROUTE);
            create.setBasicAuthCredentials(ADMIN_USER, adminPassword);
            create.process(cluster.getSolrClient());
        }
        cluster.waitForActiveCollection(policy, 180, TimeUnit.SECONDS);

        Map<String, Object> state = new LinkedHashMap<>();
        state.put("pid", ProcessHandle.current().pid()); //$NON-NLS-1$
        state.put("url", url(port)); //$NON-NLS-1$
        state.put("user", ADMIN_USER); //$NON-NLS-1$
        state.put("fingerprint", fingerprint); //$NON-NLS-1$
        state.put("port", port); //$NON-NLS-1$
        state.put("nodes", nodes); //$NON-NLS-1$
        state.put("zkHost", cluster.getZkServer().getZkAddress()); //$NON-NLS-1$
        ServerFolder.writeAtomically(folder.stateFile(), Utils.toJSONString(state));
        stopped.await();
    }

    /**
     * Puts the digest ACLs of this process's providers on every znode of the cluster's chroot and on
     * ZooKeeper's root (not on {@code /zookeeper}, ZooKeeper's own). A no-op in effect when they are there
     * already (every znode the nodes make gets them); what closes a folder started by a version before
     * them, whose znodes are open to anyone who reaches the port.
     */
    private static void restrictZooKeeper(ZkTestServer zk) throws Exception {
        try (SolrZkClient root = new SolrZkClient.Builder().withUrl(zk.getZkHost()).withTimeout(45, TimeUnit.SECONDS).build();
                SolrZkClient solr = new SolrZkClient.Builder().withUrl(zk.getZkAddress()).withTimeout(45, TimeUnit.SECONDS).build()) {
            List<ACL> acls = root.getZkACLProvider().getACLsToAdd("/"); //$NON-NLS-1$
            if (acls.isEmpty() || acls.stream().anyMatch(a -> "world".equals(a.getId().getScheme()))) { //$NON-NLS-1$
                throw new IllegalStateException("no ZooKeeper credentials: the znodes would be open"); //$NON-NLS-1$
            }
            for (int attempt = 1;; attempt++) {
                try {
                    solr.updateACLs("/"); //$NON-NLS-1$
                    break;
                } catch (KeeperException.NoNodeException e) {
                    if (attempt == 3) { // an ephemeral znode of the previous run may expire meanwhile
                        throw e;
                    }
                }
            }
            root.setACL("/", acls, true); //$NON-NLS-1$
        }
    }

    /**
     * How a team collection is created, here, by the tests' cluster and by the benchmark (the README's
     * production command says the same): documents routed by {@link TeamSchema#ROUTE} (a contact, its
     * conversations and messages share a shard), {@code replicas} NRT replicas per shard. TLOG replicas
     * (only the leader indexes) were measured and left out: see the README, "Team import rate, ninth
     * session".
     */
    public static CollectionAdminRequest.Create createTeamCollection(String name, String config, int shards, int replicas) {
        return CollectionAdminRequest.createCollection(name, config, shards, replicas).setRouterField(TeamSchema.ROUTE);
    }

    /** The team archive's address on a local server whose first node listens on {@code port}. */
    static String url(int port) {
        return "solr+https://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + port + "/" + COLLECTION; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    private static SSLContext sslContext(KeyStore ks, char[] password) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, password);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext c = SSLContext.getInstance("TLS"); //$NON-NLS-1$
        c.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return c;
    }

    /**
     * The audit collections' configset ({@value #AUDIT_CONFIG}), copied out of the plugin jar into
     * {@code to}: the team configset's schema and the audit solrconfig.xml (its append-only update chain).
     */
    public static Path extractAuditConfigset(Path to) throws Exception {
        extractConfigset(to);
        try (InputStream in = TeamServer.class.getClassLoader().getResourceAsStream(AUDIT_CONFIGSET_RESOURCE + "solrconfig.xml")) { //$NON-NLS-1$
            if (in == null) {
                throw new IllegalStateException("audit configset missing from the plugin jar"); //$NON-NLS-1$
            }
            Files.copy(in, to.resolve("solrconfig.xml"), StandardCopyOption.REPLACE_EXISTING); //$NON-NLS-1$
        }
        return to;
    }

    /** The plugin's configset, copied out of its jar (Solr uploads a folder to ZooKeeper). */
    private static Path extractConfigset(Path to) throws Exception {
        Files.createDirectories(to);
        for (String name : TeamSchema.CONFIGSET_FILES) {
            try (InputStream in = TeamServer.class.getClassLoader().getResourceAsStream(TeamSchema.CONFIGSET_RESOURCE + name)) {
                if (in == null) {
                    throw new IllegalStateException("configset file missing from the plugin jar: " + name); //$NON-NLS-1$
                }
                Files.copy(in, to.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return to;
    }
}

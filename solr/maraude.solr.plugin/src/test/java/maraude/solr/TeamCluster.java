package maraude.solr;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.CollectionAdminRequest;
import org.apache.solr.cloud.MiniSolrCloudCluster;
import org.apache.solr.embedded.JettySolrRunner;

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
        MiniSolrCloudCluster.Builder b = new MiniSolrCloudCluster.Builder(nodes, solr).addConfig(CONFIG, configset());
        if (securityJson != null) {
            b.withSecurityJson(securityJson);
        }
        customize.accept(b);
        MiniSolrCloudCluster c = b.configure();
        return new TeamCluster(c, keyFolder);
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

    /** A team collection: documents routed by contact (the {@code route} field). */
    public void createCollection(String name, int shards, int replicas) throws Exception {
        createCollection(name, shards, replicas, null, null);
    }

    /** As an authenticated user ({@code user} null: none). */
    public void createCollection(String name, int shards, int replicas, String user, String password) throws Exception {
        var create = CollectionAdminRequest.createCollection(name, CONFIG, shards, replicas).setRouterField(TeamSchema.ROUTE);
        if (user != null) {
            create.setBasicAuthCredentials(user, password);
        }
        create.process(cluster.getSolrClient());
        cluster.waitForActiveCollection(name, 60, TimeUnit.SECONDS, shards, shards * replicas);
    }

    /** The archive over the JDK HTTP client, talking to node {@code node}, as the product's client does. */
    public SolrArchive open(String collection, int node, Path localFolder) {
        JettySolrRunner j = cluster.getJettySolrRunner(node);
        HttpJdkSolrClient client = new HttpJdkSolrClient.Builder(j.getBaseUrl().toString()).useHttp1_1(true).build();
        return SolrArchive.open(client, collection, localFolder, AccessMode.READ_WRITE, true);
    }

    @Override
    public void close() throws Exception {
        cluster.shutdown();
    }
}

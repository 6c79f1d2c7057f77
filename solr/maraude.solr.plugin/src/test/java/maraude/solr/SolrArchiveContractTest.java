package maraude.solr;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;

/**
 * The contract on the team archive: one SolrCloud node, one collection emptied before each test (2 shards, routed
 * by contact), through the JDK HTTP client.
 */
class SolrArchiveContractTest extends ArchiveContractTest {

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static final String COLLECTION = "contract"; //$NON-NLS-1$
    private static boolean created;

    @BeforeAll
    static void start() throws Exception {
        cluster = TeamCluster.start(dir, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Override
    protected Archive open(Path local) throws Exception {
        if (!created) {
            cluster.createCollection(COLLECTION, 2, 1);
            created = true;
        } else {
            cluster.cluster().getSolrClient().deleteByQuery(COLLECTION, "*:*"); //$NON-NLS-1$
            cluster.cluster().getSolrClient().commit(COLLECTION);
        }
        return cluster.open(COLLECTION, 0, local);
    }

    @Override
    protected Archive reopen() {
        return cluster.open(COLLECTION, 0, local);
    }
}

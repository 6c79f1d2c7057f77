package maraude.solr;

import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;

/**
 * The contract on the team archive: one SolrCloud node, a fresh collection per test (2 shards, routed
 * by contact), through the JDK HTTP client.
 */
class SolrArchiveContractTest extends ArchiveContractTest {

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static int collections;
    private String collection;

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
        collection = "contract" + collections++; //$NON-NLS-1$
        cluster.createCollection(collection, 2, 1);
        return cluster.open(collection, 0, local);
    }

    @Override
    protected Archive reopen() {
        return cluster.open(collection, 0, local);
    }
}

package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.apache.solr.util.SSLTestConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.solr.client.SolrArchive;
import maraude.solr.client.TeamArchives;

/**
 * TLS everywhere: two nodes serving HTTPS only (their own traffic between shards included), the team
 * archive reached at {@code solr+https://localhost:PORT/COLLECTION}, trusting the cluster's certificate
 * through the SSL context it is given and nothing else.
 */
class TeamTlsTest {

    private static final String COLLECTION = "tls"; //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static SSLTestConfig ssl;
    private static TeamCluster cluster;
    private static String address;

    @BeforeAll
    static void start() throws Exception {
        cluster = TeamCluster.startTls(dir, 2, null);
        ssl = cluster.ssl();
        cluster.createCollection(COLLECTION, 2, 1);
        address = cluster.address(COLLECTION);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static SolrArchive open(SSLContext trust) throws Exception {
        return TeamArchives.open(address, null, null, trust, Files.createTempDirectory(dir, "local"), AccessMode.READ_WRITE); //$NON-NLS-1$
    }

    @Test
    void theArchiveWorksOverTlsAndTrustsOnlyWhatItIsGiven() throws Exception {
        Contact c = Contact.of(Platform.TELEGRAM, "@amira", "Amira"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation v = Conversation.of(Platform.TELEGRAM, "amira", c, "Amira"); //$NON-NLS-1$ //$NON-NLS-2$
        try (SolrArchive a = open(ssl.buildClientSSLContext())) {
            a.putContact(c);
            a.putConversation(v);
            for (int i = 0; i < 5; i++) {
                assertTrue(a.addMessage(Message.of(v.id(), Direction.INBOUND, ZonedDateTime.parse("2026-12-01T09:00Z").plusMinutes(i), //$NON-NLS-1$
                        "Amira", null, "Question numéro " + i + " sur les préservatifs", List.of(), null))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
            a.commit();
            assertEquals(5, a.search(SearchQuery.of("preservatif")).totalHits()); //$NON-NLS-1$
            assertEquals(5, a.search(SearchQuery.of("amira")).totalHits()); //$NON-NLS-1$
        }
        // the JVM's default trust does not know the cluster's self-signed certificate
        assertThrows(ArchiveException.class, () -> open(SSLContext.getDefault()));
    }
}

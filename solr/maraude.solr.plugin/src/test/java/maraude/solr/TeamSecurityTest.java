package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;

import org.apache.solr.security.Sha256AuthenticationProvider;
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
 * A team collection behind Solr's basic authentication and rule-based authorisation, reached by its
 * address ({@code solr+http://HOST:PORT/COLLECTION}) through {@link TeamArchives}: workers import and
 * search, the team lead reads, nobody gets in anonymously.
 */
class TeamSecurityTest {

    private static final String COLLECTION = "secure"; //$NON-NLS-1$
    private static final String ADMIN_PASSWORD = "admin-secret-1"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-2"; //$NON-NLS-1$
    private static final String LEAD_PASSWORD = "lead-secret-3"; //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static String address;

    @BeforeAll
    static void start() throws Exception {
        String security = """
                {"authentication": {"class": "solr.BasicAuthPlugin", "blockUnknown": true,
                   "credentials": {"admin": "%s", "worker": "%s", "lead": "%s"}},
                 "authorization": {"class": "solr.RuleBasedAuthorizationPlugin",
                   "user-role": {"admin": "admin", "worker": "worker", "lead": "lead"},
                   "permissions": [
                     {"name": "read", "role": ["worker", "lead", "admin"]},
                     {"name": "update", "role": ["worker", "admin"]},
                     {"name": "all", "role": "admin"}]}}
                """.formatted(hash(ADMIN_PASSWORD), hash(WORKER_PASSWORD), hash(LEAD_PASSWORD));
        cluster = TeamCluster.start(dir, 1, security);
        cluster.createCollection(COLLECTION, 1, 1, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
        address = "solr+http://127.0.0.1:" + cluster.cluster().getJettySolrRunner(0).getLocalPort() + "/" + COLLECTION; //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static String hash(String password) {
        return Sha256AuthenticationProvider.getSaltedHashedValue(password);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static SolrArchive open(String user, String password) throws Exception {
        return TeamArchives.open(address, user, password, null, Files.createTempDirectory(dir, "local"), //$NON-NLS-1$
                AccessMode.READ_WRITE);
    }

    @Test
    void workersWriteTheLeadReadsNobodyEntersAnonymously() throws Exception {
        Contact c = Contact.of(Platform.SIGNAL, "+32 470 55 44 33", "Noor"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation v = Conversation.of(Platform.SIGNAL, "noor", c, "Noor"); //$NON-NLS-1$ //$NON-NLS-2$
        Message m = Message.of(v.id(), Direction.INBOUND, ZonedDateTime.parse("2026-12-01T09:00Z"), "Noor", null, //$NON-NLS-1$ //$NON-NLS-2$
                "Besoin d'un rendez-vous pour un dépistage", List.of(), null); //$NON-NLS-1$
        try (SolrArchive worker = open("worker", WORKER_PASSWORD)) { //$NON-NLS-1$
            worker.putContact(c);
            worker.putConversation(v);
            assertTrue(worker.addMessage(m));
            worker.commit();
            assertEquals(1, worker.search(SearchQuery.of("depistage")).totalHits()); //$NON-NLS-1$
        }
        try (SolrArchive lead = open("lead", LEAD_PASSWORD)) { //$NON-NLS-1$
            assertEquals(1, lead.search(SearchQuery.of("rendez-vous")).totalHits()); //$NON-NLS-1$
            assertEquals(1, lead.summaries().size());
            lead.putContact(Contact.of(Platform.SMS, "0499 00 00 01", "X")); //$NON-NLS-1$ //$NON-NLS-2$
            assertThrows(ArchiveException.class, lead::commit, "the lead's role may not write"); //$NON-NLS-1$
            assertEquals(1, lead.stats().contacts(), "nothing written"); //$NON-NLS-1$
        }
        assertThrows(ArchiveException.class, () -> open(null, null), "no anonymous access"); //$NON-NLS-1$
        assertThrows(ArchiveException.class, () -> open("worker", "wrong password")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void anAddressIsReadOrRefused() {
        TeamArchives.Address a = TeamArchives.Address.parse("solr+https://team.example.org:8983/equipe_nord"); //$NON-NLS-1$
        assertEquals("https://team.example.org:8983/solr", a.baseUrl()); //$NON-NLS-1$
        assertEquals("equipe_nord", a.collection()); //$NON-NLS-1$
        for (String bad : List.of("https://team.example.org/x", "solr+https://team.example.org/", //$NON-NLS-1$ //$NON-NLS-2$
                "solr+https://team.example.org/a/b", "solr+ftp://h/x", "not a url at all")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            ArchiveException e = assertThrows(ArchiveException.class, () -> TeamArchives.Address.parse(bad), bad);
            assertEquals(ArchiveException.Kind.BAD_INPUT, e.kind());
        }
    }
}

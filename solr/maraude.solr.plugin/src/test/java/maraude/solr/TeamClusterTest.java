package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.solr.client.SolrArchive;

/**
 * A 2-node SolrCloud with the plugin: a team collection (2 shards) made from the configset, messages
 * imported through the team archive client, searched with the archive's analysis (accents, stemming,
 * phone numbers written in any form, contact names), and every node's files scanned raw afterwards.
 */
class TeamClusterTest {

    private static final String COLLECTION = "team"; //$NON-NLS-1$

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static SolrArchive archive;

    @BeforeAll
    static void startAndImport() throws Exception {
        cluster = TeamCluster.start(dir, 2);
        cluster.createCollection(COLLECTION, 2, 1);
        archive = cluster.open(COLLECTION, 0, Files.createDirectories(dir.resolve("local"))); //$NON-NLS-1$
        ZonedDateTime t = ZonedDateTime.parse("2026-11-02T10:00+01:00[Europe/Brussels]"); //$NON-NLS-1$
        List<Contact> contacts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            contacts.add(new Contact("c-" + i, Platform.WHATSAPP, "+32 470 00 00 " + (10 + i), "Personne" + i)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        contacts.set(3, new Contact("c-3", Platform.WHATSAPP, "+32 470 98 76 54", "Quetzalia Zoé")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        for (Contact c : contacts) {
            archive.putContact(c);
            archive.putConversation(new Conversation("t-" + c.id(), c.platform(), c.id(), c.displayName())); //$NON-NLS-1$
        }
        add("c-0", 0, Direction.INBOUND, "Bonjour, le dépistage xylophoniste est gratuit demain ?", t); //$NON-NLS-1$ //$NON-NLS-2$
        add("c-1", 0, Direction.INBOUND, "Vous avez encore des préservatifs pour moi", t.plusHours(1)); //$NON-NLS-1$ //$NON-NLS-2$
        add("c-2", 0, Direction.INBOUND, "Appelle-moi au 0470/12.34.56 après 18h", t.plusHours(2)); //$NON-NLS-1$ //$NON-NLS-2$
        add("c-3", 0, Direction.INBOUND, "Salut c'est moi, tu te souviens ?", t.plusHours(3)); //$NON-NLS-1$ //$NON-NLS-2$
        add("c-4", 0, Direction.INBOUND, "Vreau informații despre testare", t.plusHours(4)); //$NON-NLS-1$ //$NON-NLS-2$
        add("c-5", 0, Direction.OUTBOUND, "Le depistage se fait sans rendez-vous", t.plusHours(5)); //$NON-NLS-1$ //$NON-NLS-2$
        for (int i = 6; i < 12; i++) {
            add("c-" + i, 0, Direction.INBOUND, "Message ordinaire numéro " + i, t.plusDays(i)); //$NON-NLS-1$ //$NON-NLS-2$
        }
        archive.commit();
    }

    private static void add(String contact, int n, Direction d, String text, ZonedDateTime when) {
        assertTrue(archive.addMessage(new Message("m-" + contact + "-" + n, "t-" + contact, d, when, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                d == Direction.INBOUND ? "" : "worker", d == Direction.OUTBOUND ? "w1" : null, text, List.of(), null))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    @AfterAll
    static void stop() throws Exception {
        if (archive != null) {
            archive.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    private static Set<String> ids(String query) {
        SearchResults r = archive.search(SearchQuery.of(query));
        assertEquals(r.totalHits(), r.hits().size(), query);
        return Set.copyOf(r.hits().stream().map(SearchHit::messageId).toList());
    }

    @Test
    void accentsFoldOnBothSides() {
        assertEquals(Set.of("m-c-0-0", "m-c-5-0"), ids("depistage")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(Set.of("m-c-0-0", "m-c-5-0"), ids("DÉPISTAGE")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(Set.of("m-c-4-0"), ids("informatii")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void pluralsMeetTheirSingular() {
        assertEquals(Set.of("m-c-1-0"), ids("préservatif")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Set.of("m-c-1-0"), ids("preservatifs")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void aPhoneNumberMatchesWhateverItsForm() {
        assertEquals(Set.of("m-c-2-0"), ids("+32 470 12 34 56")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Set.of("m-c-2-0"), ids("0032470123456")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Set.of("m-c-2-0"), ids("phone:0470123456")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void aContactsNameOrNumberFindsTheirThreadOnItsShard() {
        // the name and the handle are on the contact only: answered on the shard the contact lives on
        assertEquals(Set.of("m-c-3-0"), ids("quetzalia")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Set.of("m-c-3-0"), ids("zoe")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Set.of("m-c-3-0"), ids("0470 98 76 54")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void snippetsMarkTheMatchedWords() {
        SearchResults r = archive.search(SearchQuery.of("depistage gratuit")); //$NON-NLS-1$
        assertEquals(1, r.totalHits());
        assertEquals("Bonjour, le [[dépistage]] xylophoniste est [[gratuit]] demain ?", r.hits().get(0).snippet()); //$NON-NLS-1$
        assertEquals("Personne0", r.hits().get(0).contactName()); //$NON-NLS-1$
        assertEquals(Long.valueOf(1), r.byPlatform().get("whatsapp")); //$NON-NLS-1$
        assertEquals(Long.valueOf(1), r.byMonth().get("2026-11")); //$NON-NLS-1$
    }

    @Test
    void noNodeFileHoldsAnImportedWord() throws IOException {
        List<String> words = List.of("xylophoniste", "xylophonist", "Quetzalia", "quetzalia", "préservatifs", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                "preservatif", "ordinaire", "informații", "informatii", "470987654", "0470/12.34.56"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        List<String> found = new ArrayList<>();
        int files = 0;
        for (var jetty : cluster.cluster().getJettySolrRunners()) {
            try (Stream<Path> all = Files.walk(Path.of(jetty.getSolrHome()))) {
                for (Path f : all.filter(Files::isRegularFile).toList()) {
                    files++;
                    String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    for (String w : words) {
                        if (raw.contains(new String(w.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                            found.add(jetty.getSolrHome() + " " + f.getFileName() + ": " + w); //$NON-NLS-1$ //$NON-NLS-2$
                        }
                    }
                }
            }
        }
        assertTrue(files > 20, "the nodes wrote their index files"); //$NON-NLS-1$
        assertFalse(ids("xylophoniste").isEmpty(), "the words are searchable"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of(), found);
    }

    /**
     * Solr's update log holds the updates not yet committed, for recovery. It is encrypted too: the scan
     * above read the nodes' logs (each beside its nonce), and a node stopped without committing (its
     * index writer rolled back, as in a crash) replays its encrypted log at restart.
     */
    @Test
    void uncommittedUpdatesComeBackFromTheEncryptedLogAfterACrash() throws Exception {
        List<Path> logs = new ArrayList<>();
        for (var jetty : cluster.cluster().getJettySolrRunners()) {
            try (Stream<Path> all = Files.walk(Path.of(jetty.getSolrHome()))) {
                all.filter(f -> f.getFileName().toString().startsWith("tlog.")).forEach(logs::add); //$NON-NLS-1$
            }
        }
        assertFalse(logs.isEmpty());
        for (Path log : logs) {
            assertTrue(Files.exists(log.resolveSibling("maraude-nonce." + log.getFileName())), log.toString()); //$NON-NLS-1$
        }
        var solr = cluster.cluster().getSolrClient();
        for (int i = 0; i < 20; i++) {
            org.apache.solr.common.SolrInputDocument d = new org.apache.solr.common.SolrInputDocument();
            d.addField(TeamSchema.ID, "c-crash-" + i); //$NON-NLS-1$
            d.addField(TeamSchema.ROUTE, "c-crash-" + i); //$NON-NLS-1$
            d.addField(TeamSchema.TYPE, TeamSchema.TYPE_CONTACT);
            d.addField(TeamSchema.PLATFORM, "sms"); //$NON-NLS-1$
            d.addField(TeamSchema.HANDLE, "+3247000" + (1000 + i)); //$NON-NLS-1$
            d.addField(TeamSchema.NAME, "Crash" + i); //$NON-NLS-1$
            solr.add(COLLECTION, d);
        }
        org.apache.solr.util.TestInjection.skipIndexWriterCommitOnClose = true;
        try {
            for (int n = 0; n < 2; n++) {
                var jetty = cluster.cluster().getJettySolrRunner(n);
                cluster.cluster().stopJettySolrRunner(jetty);
                cluster.cluster().waitForJettyToStop(jetty);
                cluster.cluster().startJettySolrRunner(jetty, true); // same port: the archive keeps its address
            }
        } finally {
            org.apache.solr.util.TestInjection.skipIndexWriterCommitOnClose = false;
        }
        cluster.cluster().waitForActiveCollection(COLLECTION, 60, java.util.concurrent.TimeUnit.SECONDS, 2, 2);
        solr.commit(COLLECTION);
        long found = solr.query(COLLECTION, new org.apache.solr.client.solrj.SolrQuery("id:c-crash-*").setRows(0)) //$NON-NLS-1$
                .getResults().getNumFound();
        assertEquals(20, found);
        // the team archive opened before the restarts goes on through the restarted node
        assertEquals(Set.of("m-c-1-0"), ids("preservatifs")); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

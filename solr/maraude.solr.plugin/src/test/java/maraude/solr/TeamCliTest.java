package maraude.solr;

import static maraude.solr.TeamCliRuns.assertNoTrace;
import static maraude.solr.TeamCliRuns.copy;
import static maraude.solr.TeamCliRuns.field;
import static maraude.solr.TeamCliRuns.firstJar;
import static maraude.solr.TeamCliRuns.json;
import static maraude.solr.TeamCliRuns.product;
import static maraude.solr.TeamCliRuns.serverFingerprint;
import static maraude.solr.TeamCliRuns.sharedFixtures;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.solr.TeamCliRuns.Run;

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

    // ---- forget and purge on the team archive (#18) ---------------------------------------------

    /** Words only the forgotten person wrote, and the note a worker wrote about her. */
    private static final List<String> HER_WORDS = List.of("zorglubophone", "quasimodogeste", "palimpsestiade"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    private static final String NOTE_WORD = "kwyjibonote"; //$NON-NLS-1$
    private static final String KEPT_WORD = "palindromiste"; //$NON-NLS-1$

    @Test
    @Order(4)
    void forgetErasesThePersonOnTheServersAndHerSharedStateAndKeepsTheOthers() throws Exception {
        // two more people on the team archive: one to forget, one who stays
        Path extra = dir.resolve("extra"); //$NON-NLS-1$
        Files.createDirectories(extra);
        Files.writeString(extra.resolve("WhatsApp Chat with Zorgluba.txt"), """
                02/11/26, 10:00 - Zorgluba Oubliee: mon zorglubophone est casse
                02/11/26, 10:05 - Zorgluba Oubliee: quasimodogeste demain ?
                03/11/26, 18:30 - Zorgluba Oubliee: palimpsestiade ce soir
                """, java.nio.charset.StandardCharsets.UTF_8);
        Files.writeString(extra.resolve("WhatsApp Chat with Restee.txt"), """
                04/11/26, 09:00 - Restee Gardee: un palindromiste passe
                """, java.nio.charset.StandardCharsets.UTF_8);
        JsonNode imported = json(maraude(worker(), "--archive", address, "import", extra.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(4, imported.get("messages_added").asInt(), imported.toString()); //$NON-NLS-1$
        JsonNode hers = json(maraude(worker(), "--archive", address, "search", HER_WORDS.get(0), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(1, hers.get("total").asInt(), hers.toString()); //$NON-NLS-1$
        String contact = hers.get("hits").get(0).get("contact_id").asText(); //$NON-NLS-1$ //$NON-NLS-2$
        String conversation = hers.get("hits").get(0).get("conversation_id").asText(); //$NON-NLS-1$ //$NON-NLS-2$
        String anyHerWord = String.join(" OR ", HER_WORDS); //$NON-NLS-1$
        assertEquals(3, json(maraude(worker(), "--archive", address, "search", anyHerWord, "--json")).get("total").asInt()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

        // the team's shared state about her: handled, do not contact, a note
        JsonNode triaged = json(TeamCliRuns.maraude(dir, worker(), ("on a vu " + NOTE_WORD).getBytes(java.nio.charset.StandardCharsets.UTF_8), //$NON-NLS-1$
                "--archive", address, "triage", conversation, "--handled", "--do-not-contact", "--note-stdin", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals(1, triaged.get("notes").asInt(), triaged.toString()); //$NON-NLS-1$
        assertTrue(triaged.get("do_not_contact").asBoolean(), triaged.toString()); //$NON-NLS-1$
        hardCommit();
        List<String> words = new ArrayList<>(HER_WORDS);
        words.add(NOTE_WORD);
        assertEquals(java.util.Set.copyOf(words), cluster.decryptedIndexWords(words), "the decrypting scan sees her words first"); //$NON-NLS-1$
        assertEquals(java.util.Set.of(), cluster.rawWords(words), "nothing in clear on the node"); //$NON-NLS-1$
        List<String> contactsBefore = field(json(maraude(worker(), "--archive", address, "contacts", "--now", NOW, "--json")), "contact_id"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertTrue(contactsBefore.contains(contact), contactsBefore.toString());
        long messagesBefore = json(maraude(worker(), "--archive", address, "info", "--json")).get("messages").asLong(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

        // refusals first: nothing erased by any of them
        Run noYes = maraude(worker(), "--archive", address, "forget", contact, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, noYes.code(), noYes.err());
        assertTrue(noYes.err().contains("--yes"), noYes.err()); //$NON-NLS-1$
        Map<String, String> wrong = worker();
        wrong.put("MARAUDE_TEAM_PASSWORD", "not the password"); //$NON-NLS-1$ //$NON-NLS-2$
        Run refused = maraude(wrong, "--archive", address, "forget", contact, "--yes", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, refused.code(), refused.err());
        assertNoTrace(refused);
        Run unknown = maraude(worker(), "--archive", address, "forget", "no-such-contact", "--yes", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(2, unknown.code(), unknown.err());
        assertTrue(unknown.err().contains("no such contact"), unknown.err()); //$NON-NLS-1$
        assertEquals(messagesBefore, json(maraude(worker(), "--archive", address, "info", "--json")).get("messages").asLong()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

        JsonNode forgot = json(maraude(worker(), "--archive", address, "forget", contact, "--yes", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(3, forgot.get("messages").asInt(), forgot.toString()); //$NON-NLS-1$
        assertEquals(1, forgot.get("conversations").asInt(), forgot.toString()); //$NON-NLS-1$
        assertEquals(1, forgot.get("contacts").asInt(), forgot.toString()); //$NON-NLS-1$

        // gone from search, backlog, contacts and the thread; the others stay
        assertEquals(0, json(maraude(worker(), "--archive", address, "search", anyHerWord, "--json")).get("total").asInt()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(1, json(maraude(worker(), "--archive", address, "search", KEPT_WORD, "--json")).get("total").asInt()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(messagesBefore - 3, json(maraude(worker(), "--archive", address, "info", "--json")).get("messages").asLong()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        List<String> contactsAfter = field(json(maraude(worker(), "--archive", address, "contacts", "--now", NOW, "--json")), "contact_id"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        List<String> expected = new ArrayList<>(contactsBefore);
        expected.removeIf(contact::equals);
        assertEquals(expected, contactsAfter, "every other contact stays"); //$NON-NLS-1$
        JsonNode backlog = json(maraude(worker(), "--archive", address, "backlog", "--now", NOW, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertFalse(field(backlog.get("items"), "id").contains(conversation)); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(backlog.get("count").asInt() > 0, "the others' conversations still wait"); //$NON-NLS-1$ //$NON-NLS-2$
        Run show = maraude(worker(), "--archive", address, "show", conversation, "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals(2, show.code(), show.err());

        // her shared triage state is gone from the servers, as read by another client
        try (Archive other = new maraude.team.SolrArchiveFactory().open(address,
                new maraude.core.archive.TeamArchiveFactory.Login("worker", WORKER_PASSWORD, fingerprint), //$NON-NLS-1$
                Files.createTempDirectory(dir, "other"), AccessMode.READ_ONLY)) { //$NON-NLS-1$
            var state = maraude.core.triage.ArchiveTriageStates.of(other).snapshot();
            assertEquals(null, state.conversation(conversation));
            assertFalse(state.contacts().containsKey(contact), "no do-not-contact flag left about her"); //$NON-NLS-1$
            assertFalse(state.contact(contact).doNotContact());
        }
        // and so are her words and the note, from every index file (read through the node key)
        assertEquals(java.util.Set.of(), cluster.decryptedIndexWords(words), "the merge rewrote every segment that held them"); //$NON-NLS-1$
        assertEquals(java.util.Set.of(), cluster.rawWords(words));
        // this machine's side folder: the erasure counted, nothing of her
        Path side = dir.resolve("team-side-files"); //$NON-NLS-1$
        assertEquals("erasure", maraude.archive.maintenance.AuditTrail.read(side).stream() //$NON-NLS-1$
                .map(maraude.archive.maintenance.AuditTrail.Entry::event).reduce((a, b) -> b).orElse(null));
        try (java.util.stream.Stream<Path> files = Files.walk(side)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                String text = new String(Files.readAllBytes(f), java.nio.charset.StandardCharsets.ISO_8859_1);
                for (String w : words) {
                    assertFalse(text.contains(w) || text.contains(contact), f + " holds something of her"); //$NON-NLS-1$
                }
            }
        }
    }

    @Test
    @Order(5)
    void purgeOnTheTeamArchiveRemovesOnlyTheOlderMessages() throws Exception {
        Map<String, java.time.Instant> before = messageTimes();
        List<java.time.Instant> sorted = before.values().stream().sorted().toList();
        java.time.Instant median = sorted.get(sorted.size() / 2);
        assertTrue(sorted.get(0).isBefore(median), "messages of several times"); //$NON-NLS-1$
        String now = median.plus(java.time.Duration.ofDays(30)).toString();

        Run retention = maraude(worker(), "--archive", address, "purge", "--retention", "--yes", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, retention.code(), retention.err());
        assertTrue(retention.err().contains("no team-wide retention policy"), retention.err()); //$NON-NLS-1$
        Run badPeriod = maraude(worker(), "--archive", address, "purge", "--older-than", "30x", "--yes"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(2, badPeriod.code(), badPeriod.err());
        Run noYes = maraude(worker(), "--archive", address, "purge", "--older-than", "30d", "--now", now); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        assertEquals(2, noYes.code(), noYes.err());
        assertEquals(before, messageTimes(), "nothing erased by a refused purge"); //$NON-NLS-1$

        JsonNode purged = json(maraude(worker(), "--archive", address, "purge", "--older-than", "30d", "--now", now, "--yes", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        java.time.Instant cutoff = java.time.Instant.parse(purged.get("cutoff").asText()); //$NON-NLS-1$
        Map<String, java.time.Instant> expected = new java.util.HashMap<>(before);
        expected.values().removeIf(t -> t.isBefore(cutoff));
        assertTrue(expected.size() > 0 && expected.size() < before.size(), cutoff + " splits the messages"); //$NON-NLS-1$
        assertEquals(before.size() - expected.size(), purged.get("messages").asInt(), purged.toString()); //$NON-NLS-1$
        assertEquals(expected, messageTimes(), "exactly the messages older than the cutoff went"); //$NON-NLS-1$
        assertEquals("purge", maraude.archive.maintenance.AuditTrail.read(dir.resolve("team-side-files")).stream() //$NON-NLS-1$ //$NON-NLS-2$
                .map(maraude.archive.maintenance.AuditTrail.Entry::event).reduce((a, b) -> b).orElse(null));
    }

    /** Every message of the team archive and its time, as another client reads them. */
    private static Map<String, java.time.Instant> messageTimes() throws Exception {
        Map<String, java.time.Instant> times = new java.util.HashMap<>();
        try (Archive a = new maraude.team.SolrArchiveFactory().open(address,
                new maraude.core.archive.TeamArchiveFactory.Login("worker", WORKER_PASSWORD, fingerprint), //$NON-NLS-1$
                Files.createTempDirectory(dir, "reader"), AccessMode.READ_ONLY)) { //$NON-NLS-1$
            for (var c : a.conversations()) {
                for (var m : a.messages(c.id())) {
                    times.put(m.id(), m.instant().toInstant());
                }
            }
        }
        return times;
    }

    /** A hard commit, so that what the shared state wrote (soft commits) is in the index files. */
    private static void hardCommit() throws Exception {
        var commit = new org.apache.solr.client.solrj.request.UpdateRequest();
        commit.setAction(org.apache.solr.client.solrj.request.AbstractUpdateRequest.ACTION.COMMIT, true, true);
        commit.setBasicAuthCredentials("admin", ADMIN_PASSWORD); //$NON-NLS-1$
        commit.process(cluster.cluster().getSolrClient(), COLLECTION);
    }

    // ---- helpers ------------------------------------------------------------------------------

    /** A worker's environment: credentials and the pinned certificate, nothing on the command line. */
    private static Map<String, String> worker() {
        Map<String, String> env = new HashMap<>();
        env.put("MARAUDE_TEAM_USER", "worker"); //$NON-NLS-1$ //$NON-NLS-2$
        env.put("MARAUDE_TEAM_PASSWORD", WORKER_PASSWORD); //$NON-NLS-1$
        env.put("MARAUDE_TEAM_FINGERPRINT", fingerprint); //$NON-NLS-1$
        return env;
    }

    private static Run maraude(Map<String, String> env, String... args) throws Exception {
        return TeamCliRuns.maraude(dir, env, args);
    }
}

package maraude.solr;

import static maraude.solr.TeamCliRuns.firstJar;
import static maraude.solr.TeamCliRuns.json;
import static maraude.solr.TeamCliRuns.product;
import static maraude.solr.TeamCliRuns.serverFingerprint;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.PendingReplies;
import maraude.core.archive.TeamArchiveFactory.Login;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.SourceRef;
import maraude.team.SolrArchiveFactory;

/**
 * {@code team push} and {@code team pull} move a whole archive (#18): the messages with the pending
 * replies a worker copied but the platform's export has not brought back yet, and the team's side files
 * (settings, templates), while what belongs to one machine (the "us" memory, the pull sources) stays
 * there. Run through the product's {@code ./maraude} against one node with TLS and authentication.
 */
class TeamPushPullTest {

    private static final String COLLECTION = "whole"; //$NON-NLS-1$
    private static final String ADMIN_PASSWORD = "admin-secret-pp"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "worker-secret-pp"; //$NON-NLS-1$
    private static final String LEAD_PASSWORD = "lead-secret-pp"; //$NON-NLS-1$
    private static final String SETTINGS = "team.properties"; //$NON-NLS-1$
    private static final String TEMPLATES = "templates.json"; //$NON-NLS-1$
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static String address;
    private static String fingerprint;

    @BeforeAll
    static void start() throws Exception {
        assertTrue(Files.isRegularFile(product().resolve("plugins").resolve(firstJar("maraude.team_"))), //$NON-NLS-1$ //$NON-NLS-2$
                "the product is built (the module depends on it)"); //$NON-NLS-1$
        cluster = TeamCluster.startTls(dir.resolve("cluster"), 1, //$NON-NLS-1$
                TeamCluster.adminWorkerLead(ADMIN_PASSWORD, WORKER_PASSWORD, LEAD_PASSWORD));
        cluster.createCollection(COLLECTION, 1, 1, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
        int port = cluster.cluster().getJettySolrRunner(0).getLocalPort();
        address = "solr+https://localhost:" + port + "/" + COLLECTION; //$NON-NLS-1$ //$NON-NLS-2$
        fingerprint = serverFingerprint(port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void pushAndPullMoveTheWholeArchiveIdempotentlyAndResumable() throws Exception {
        Path demo = dir.resolve("demo"); //$NON-NLS-1$
        json(maraude("--archive", demo.toString(), "demo", "--messages", "150", "--no-ui", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        // two replies copied to a platform from the workbench, not brought back by an export yet
        ZonedDateTime copied = ZonedDateTime.of(2026, 12, 5, 14, 0, 0, 0, ZoneOffset.UTC);
        Message kit;
        Message later;
        String kitConversation;
        String laterConversation;
        try (Archive a = new LuceneArchiveFactory().open(demo, AccessMode.READ_WRITE)) {
            List<Conversation> conversations = a.conversations();
            kitConversation = conversations.get(0).id();
            laterConversation = conversations.get(1).id();
            kit = PendingReplies.create(kitConversation, "noor", "Coucou, le colis part mardi, ca te va ?", "fr.kit", copied); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            later = PendingReplies.create(laterConversation, "sam", "On se voit jeudi au local Zanzibarette", null, copied); //$NON-NLS-1$ //$NON-NLS-2$
            assertTrue(a.addMessage(kit));
            assertTrue(a.addMessage(later));
            a.commit();
            assertEquals(2, a.pendingReplies().size());
        }
        // the team's side files, and two of this machine's
        Files.writeString(demo.resolve(SETTINGS), "time_zone=Pacific/Auckland\nlanguage=fr\nclosings_auto_close_hours=36\n", //$NON-NLS-1$
                StandardCharsets.UTF_8);
        Files.writeString(demo.resolve(TEMPLATES), """
                {"format": "maraude-templates", "version": 1, "templates": [
                  {"id": "team.kit-mardi", "category": "kit", "language": "fr", "title": "Kit mardi", "bulk": false,
                   "text": "Bonjour, le colis part mardi.", "keywords": ["colis"], "examples": ["tu as des capotes ?"]}]}
                """, StandardCharsets.UTF_8);
        Files.writeString(demo.resolve("import-us.json"), "{\"whatsapp\": [\"Equipe Maraude\"]}", StandardCharsets.UTF_8); //$NON-NLS-1$ //$NON-NLS-2$
        Files.writeString(demo.resolve("sources.json"), "{\"sources\": []}", StandardCharsets.UTF_8); //$NON-NLS-1$ //$NON-NLS-2$
        long messages;
        try (Archive a = new LuceneArchiveFactory().open(demo, AccessMode.READ_ONLY)) {
            messages = a.stats().messages();
        }

        // cut off, then completed; a third run adds nothing
        JsonNode cut = json(maraude("team", "push", "--from", demo.toString(), "--to", address, "--max-messages", "30", "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        assertFalse(cut.get("complete").asBoolean(), cut.toString()); //$NON-NLS-1$
        assertFalse(cut.has("side_files"), "side files go with the run that completes: " + cut); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode rest = json(maraude("team", "push", "--from", demo.toString(), "--to", address, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertTrue(rest.get("complete").asBoolean(), rest.toString()); //$NON-NLS-1$
        assertEquals(messages, cut.get("messages_added").asLong() + rest.get("messages_added").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, cut.get("pending_replies_added").asLong() + rest.get("pending_replies_added").asLong(), rest.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("copied", rest.get("side_files").get("team_settings").asText(), rest.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("copied", rest.get("side_files").get("templates").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        List<String> notCopied = new ArrayList<>();
        rest.get("side_files_not_copied").forEach(n -> notCopied.add(n.asText())); //$NON-NLS-1$
        assertTrue(notCopied.containsAll(List.of("sources", "us_memory")), notCopied.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode again = json(maraude("team", "push", "--from", demo.toString(), "--to", address, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, again.get("messages_added").asLong() + again.get("pending_replies_added").asLong(), again.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(2, again.get("pending_replies_present").asLong()); //$NON-NLS-1$
        assertEquals("present", again.get("side_files").get("team_settings").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("present", again.get("side_files").get("templates").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        // on the servers: the pending replies and the team's settings, read by another worker's machine
        try (Archive team = openTeam("elsewhere")) { //$NON-NLS-1$
            assertEquals(Set.of(kit.id(), later.id()), ids(team.pendingReplies()));
            assertEquals(properties(Files.readString(demo.resolve(SETTINGS))),
                    properties(new String(team.files().readAllBytes(SETTINGS), StandardCharsets.UTF_8)));
            assertEquals("Pacific/Auckland", maraude.core.archive.TeamZone.of(team.files()).getId()); //$NON-NLS-1$
            // and its reply templates, a document of the collection too
            assertTrue(team.files().shared(TEMPLATES));
            assertEquals(JSON.readTree(demo.resolve(TEMPLATES).toFile()).get("templates"), //$NON-NLS-1$
                    JSON.readTree(team.files().readAllBytes(TEMPLATES)).get("templates")); //$NON-NLS-1$
        }
        for (String worker : List.of("team-side-files", "elsewhere")) { //$NON-NLS-1$ //$NON-NLS-2$
            try (Stream<Path> s = Files.walk(dir.resolve(worker))) {
                assertFalse(s.anyMatch(p -> Set.of(SETTINGS, TEMPLATES).contains(p.getFileName().toString())),
                        "the team's settings and templates are not in " + worker); //$NON-NLS-1$
            }
        }

        // into an empty folder: the same threads, pending replies and team side files; this machine's stay
        Path pulled = dir.resolve("pulled"); //$NON-NLS-1$
        JsonNode pull = json(maraude("team", "pull", "--from", address, "--to", pulled.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(messages, pull.get("messages_added").asLong(), pull.toString()); //$NON-NLS-1$
        assertEquals(2, pull.get("pending_replies_added").asLong()); //$NON-NLS-1$
        assertEquals("copied", pull.get("side_files").get("team_settings").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("copied", pull.get("side_files").get("templates").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertSameThreads(demo, pulled);
        assertEquals(properties(Files.readString(demo.resolve(SETTINGS))), properties(Files.readString(pulled.resolve(SETTINGS))));
        assertEquals(JSON.readTree(demo.resolve(TEMPLATES).toFile()).get("templates"), //$NON-NLS-1$
                JSON.readTree(pulled.resolve(TEMPLATES).toFile()).get("templates")); //$NON-NLS-1$
        assertFalse(Files.exists(pulled.resolve("import-us.json")) || Files.exists(pulled.resolve("sources.json"))); //$NON-NLS-1$ //$NON-NLS-2$
        JsonNode pullAgain = json(maraude("team", "pull", "--from", address, "--to", pulled.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, pullAgain.get("messages_added").asLong() + pullAgain.get("pending_replies_added").asLong() //$NON-NLS-1$ //$NON-NLS-2$
                + pullAgain.get("attachments_added").asLong() + pullAgain.get("triage_copied").asLong(), pullAgain.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals("present", pullAgain.get("side_files").get("team_settings").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertEquals("present", pullAgain.get("side_files").get("templates").asText()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Path stale = dir.resolve("stale"); //$NON-NLS-1$
        TeamCliRuns.copy(pulled, stale); // a machine that will not see the export

        // the platform's export brings one reply back to the first machine: the real message replaces it
        // there (as its import does), then on the team by the push, then in the pulled copy by the pull
        Message sent = Message.of(laterConversation, Direction.OUTBOUND, copied.plusMinutes(4), "sam", "sam", //$NON-NLS-1$ //$NON-NLS-2$
                "on se voit  jeudi au local zanzibarette", List.of(), new SourceRef("export.txt", 412, -1)); //$NON-NLS-1$ //$NON-NLS-2$
        try (Archive a = new LuceneArchiveFactory().open(demo, AccessMode.READ_WRITE)) {
            assertTrue(PendingReplies.replacedBy(later, sent));
            assertTrue(a.removeMessage(later.id()));
            assertTrue(a.addMessage(sent));
            a.commit();
        }
        JsonNode replaced = json(maraude("team", "push", "--from", demo.toString(), "--to", address, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(1, replaced.get("messages_added").asLong(), replaced.toString()); //$NON-NLS-1$
        assertEquals(1, replaced.get("pending_replies_replaced").asLong(), replaced.toString()); //$NON-NLS-1$
        JsonNode replacedAgain = json(maraude("team", "push", "--from", demo.toString(), "--to", address, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, replacedAgain.get("messages_added").asLong() + replacedAgain.get("pending_replies_replaced").asLong(), //$NON-NLS-1$ //$NON-NLS-2$
                replacedAgain.toString());
        try (Archive team = openTeam("elsewhere")) { //$NON-NLS-1$
            assertEquals(Set.of(kit.id()), ids(team.pendingReplies()));
        }
        JsonNode settled = json(maraude("team", "pull", "--from", address, "--to", pulled.toString(), "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(1, settled.get("messages_added").asLong(), settled.toString()); //$NON-NLS-1$
        assertEquals(1, settled.get("pending_replies_replaced").asLong(), settled.toString()); //$NON-NLS-1$
        assertSameThreads(demo, pulled);
        // the stale copy's reply is no longer pending on the team: not pushed back
        JsonNode fromStale = json(maraude("team", "push", "--from", stale.toString(), "--to", address, "--json")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(0, fromStale.get("messages_added").asLong(), fromStale.toString()); //$NON-NLS-1$
        assertEquals(1, fromStale.get("pending_replies_superseded").asLong(), fromStale.toString()); //$NON-NLS-1$
        try (Archive team = openTeam("elsewhere")) { //$NON-NLS-1$
            assertEquals(Set.of(kit.id()), ids(team.pendingReplies()));
            assertEquals(messages, team.stats().messages());
        }
    }

    /** Every thread of both archives, message by message (ids, texts, sources), and their pending replies. */
    private static void assertSameThreads(Path expected, Path actual) throws Exception {
        try (Archive e = new LuceneArchiveFactory().open(expected, AccessMode.READ_ONLY);
                Archive a = new LuceneArchiveFactory().open(actual, AccessMode.READ_ONLY)) {
            assertEquals(e.conversations(), a.conversations());
            for (Conversation c : e.conversations()) {
                assertEquals(e.messages(c.id()), a.messages(c.id()), c.id());
            }
            assertEquals(ids(e.pendingReplies()), ids(a.pendingReplies()));
        }
    }

    private static Set<String> ids(List<Message> messages) {
        Set<String> out = new TreeSet<>();
        messages.forEach(m -> out.add(m.id()));
        return out;
    }

    private static Properties properties(String text) throws Exception {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }

    private static Archive openTeam(String sideFolder) throws Exception {
        return new SolrArchiveFactory().open(address, new Login("worker", WORKER_PASSWORD, fingerprint), //$NON-NLS-1$
                Files.createDirectories(dir.resolve(sideFolder)), AccessMode.READ_ONLY);
    }

    private static TeamCliRuns.Run maraude(String... args) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("MARAUDE_TEAM_USER", "worker"); //$NON-NLS-1$ //$NON-NLS-2$
        env.put("MARAUDE_TEAM_PASSWORD", WORKER_PASSWORD); //$NON-NLS-1$
        env.put("MARAUDE_TEAM_FINGERPRINT", fingerprint); //$NON-NLS-1$
        return TeamCliRuns.maraude(dir, env, args);
    }
}

package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.FileChangedException;
import maraude.core.archive.TeamZone;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.ReadingCache;
import maraude.core.triage.ReadingSettings;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStateStore;
import maraude.solr.client.SolrArchive;
import maraude.templates.Category;
import maraude.templates.TeamTemplates;
import maraude.templates.Template;
import maraude.templates.TemplateLibrary;

/**
 * The readings of the waiting threads (language, intent, urgency with the words it matched) on a team
 * archive are kept in the collection, not in a worker's folder: one worker's backlog reads the threads
 * and the other workers' read none; nothing of them is on a worker's disk (a plain copy an earlier
 * version left there is deleted); {@code forget} empties them on the servers; a write over a version
 * that changed meanwhile is refused. The team's reply templates too are one copy on the servers for
 * every worker, and a save over a version another worker replaced is refused. One node, a collection of
 * 2 shards.
 */
class TeamKeptReadingsTest {

    @TempDir
    static Path dir;
    private static TeamCluster cluster;
    private static final String COLLECTION = "readings"; //$NON-NLS-1$

    // each word ends an urgency the rules match by prefix ("agress*", "tabass*"): kept as matched
    private static final String FORGET_WORD = "xylophonique"; //$NON-NLS-1$
    private static final String KEEP_WORD = "quinconcesque"; //$NON-NLS-1$
    private static final ZonedDateTime T0 = ZonedDateTime.parse("2026-11-02T10:00+01:00[Europe/Brussels]"); //$NON-NLS-1$
    private static final Instant NOW = T0.plusDays(1).toInstant();

    @BeforeAll
    static void start() throws Exception {
        cluster = TeamCluster.start(dir, 1);
        cluster.createCollection(COLLECTION, 2, 1);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void theTeamReadsEachWaitingThreadOnceAndForgetEmptiesTheReadings(@TempDir Path sideA, @TempDir Path sideB)
            throws IOException {
        Path stale = sideB.resolve(ReadingCache.FILE_NAME);
        Files.createDirectories(stale.getParent());
        Files.write(stale, ("readings of an earlier version, in clear: " + KEEP_WORD).getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
        Contact ludmila = Contact.of(Platform.WHATSAPP, "+32470222222", "Ludmirabelle"); //$NON-NLS-1$ //$NON-NLS-2$
        Contact amandine = Contact.of(Platform.SMS, "+32470111111", "Amandinette"); //$NON-NLS-1$ //$NON-NLS-2$
        PermanenceQueue first;
        try (SolrArchive a = cluster.open(COLLECTION, 0, sideA)) {
            thread(a, ludmila, "il m'a agress" + FORGET_WORD + " hier"); //$NON-NLS-1$ //$NON-NLS-2$
            thread(a, amandine, "un client m'a tabass" + KEEP_WORD); //$NON-NLS-1$
            a.commit();
            AtomicInteger reads = new AtomicInteger();
            first = triage(counting(a, reads)).queue(NOW);
            assertEquals(2, first.urgent(), "control: both threads are read as urgent"); //$NON-NLS-1$
            assertEquals(2, reads.get(), "control: the first backlog reads both waiting threads"); //$NON-NLS-1$
        }
        assertFalse(Files.exists(sideA.resolve(ReadingCache.FILE_NAME)), "the readings are not on the worker's disk"); //$NON-NLS-1$

        try (SolrArchive b = cluster.open(COLLECTION, 0, sideB)) {
            AtomicInteger reads = new AtomicInteger();
            PermanenceQueue second = triage(counting(b, reads)).queue(NOW);
            assertEquals(0, reads.get(), "another worker's backlog reads no thread: the readings are the team's"); //$NON-NLS-1$
            assertEquals(first.items(), second.items());
            assertEquals(2, second.urgent());
            assertFalse(Files.exists(stale), "the plain copy an earlier version kept is deleted"); //$NON-NLS-1$
            String kept = readings(b.files());
            assertTrue(kept.contains(FORGET_WORD) && kept.contains(KEEP_WORD), "control: the server keeps the matched words"); //$NON-NLS-1$

            // a write over a version that changed meanwhile is refused (an older reader never writes back)
            byte[] before = b.files().readAllBytes(ReadingCache.FILE_NAME);
            ArchiveFiles mine = b.files();
            mine.version(ReadingCache.FILE_NAME);
            try (SolrArchive other = cluster.open(COLLECTION, 0, sideA)) {
                String seen = other.files().version(ReadingCache.FILE_NAME);
                other.files().writeDerivedBytes(ReadingCache.FILE_NAME, before);
                assertFalse(seen.equals(other.files().version(ReadingCache.FILE_NAME)), "control: a new version"); //$NON-NLS-1$
            }
            assertThrows(IOException.class, () -> mine.writeDerivedBytes(ReadingCache.FILE_NAME, new byte[] { 1, 2, 3 }));
            assertArrayEquals(before, b.files().readAllBytes(ReadingCache.FILE_NAME), "the refused write changed nothing"); //$NON-NLS-1$

            assertEquals(1, b.forgetContact(ludmila.id()).contacts());
            kept = readings(b.files());
            assertFalse(kept.contains(FORGET_WORD), "nothing of the forgotten person"); //$NON-NLS-1$
            assertFalse(kept.contains(KEEP_WORD), "the readings are emptied whole, whoever they were about"); //$NON-NLS-1$
            reads.set(0);
            PermanenceQueue after = triage(counting(b, reads)).queue(NOW);
            assertEquals(1, after.urgent());
            assertEquals(1, reads.get(), "the other thread is read again"); //$NON-NLS-1$
            assertTrue(readings(b.files()).contains(KEEP_WORD));
        }
        for (Path side : List.of(sideA, sideB)) {
            try (java.util.stream.Stream<Path> files = Files.walk(side)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    assertFalse(text.contains(FORGET_WORD) || text.contains(KEEP_WORD), "no word of theirs in " + side.relativize(f)); //$NON-NLS-1$
                }
            }
        }
    }

    /**
     * Two workers' clients: a copy an earlier version left in one's folder is read while the servers hold
     * none and goes to the servers with her first save; the other reads what she saved; of two saves made
     * from the same version the second is refused and changes nothing; no copy stays on a worker's disk.
     */
    @Test
    void theTeamTemplatesAreOneCopyOnTheServersAndAConflictingSaveIsRefused(@TempDir Path sideA, @TempDir Path sideB)
            throws Exception {
        Template earlier = template("team.kit-mardi", "Bonjour, le colis part mardi."); //$NON-NLS-1$ //$NON-NLS-2$
        TemplateLibrary.writeTeam(sideB, List.of(earlier)); // what an earlier version kept on B's machine
        try (SolrArchive a = cluster.open(COLLECTION, 0, sideA); SolrArchive b = cluster.open(COLLECTION, 0, sideB)) {
            TeamTemplates onA = TeamTemplates.of(a);
            TeamTemplates onB = TeamTemplates.of(b);
            assertTrue(onA.shared() && onB.shared());
            assertEquals(List.of(), onA.read().templates(), "the servers hold none yet"); //$NON-NLS-1$
            TeamTemplates.Snapshot fromB = onB.read();
            assertEquals(List.of(earlier), fromB.templates(), "the earlier local copy is used meanwhile"); //$NON-NLS-1$

            Template weekly = template("team.permanence-jeudi", "La permanence est ouverte jeudi de 14h a 18h."); //$NON-NLS-1$ //$NON-NLS-2$
            onB.write(List.of(earlier, weekly), fromB.version());
            assertFalse(Files.exists(TemplateLibrary.teamFile(sideB)), "moved to the servers by the first save"); //$NON-NLS-1$
            TeamTemplates.Snapshot seenByA = onA.read();
            assertEquals(List.of(earlier, weekly), seenByA.templates(), "the other worker reads what was saved"); //$NON-NLS-1$
            assertEquals("La permanence est ouverte jeudi de 14h a 18h.", //$NON-NLS-1$
                    onA.library().byId(weekly.id()).orElseThrow().text());

            // both start from the same version; B saves first, A's save is refused and changes nothing
            TeamTemplates.Snapshot fromBAgain = onB.read();
            assertEquals(seenByA.version(), fromBAgain.version());
            Template friday = template("team.permanence-jeudi", "La permanence est ouverte vendredi de 10h a 12h."); //$NON-NLS-1$ //$NON-NLS-2$
            onB.write(List.of(earlier, friday), fromBAgain.version());
            Template other = template("team.kit-lundi", "Bonjour, le colis part lundi."); //$NON-NLS-1$ //$NON-NLS-2$
            assertThrows(FileChangedException.class,
                    () -> onA.write(List.of(earlier, weekly, other), seenByA.version()));
            TeamTemplates.Snapshot now = onA.read();
            assertEquals(List.of(earlier, friday), now.templates(), "the first save is kept, not overwritten"); //$NON-NLS-1$
            assertFalse(now.version().equals(seenByA.version()), "a new version: the suggestions read them again"); //$NON-NLS-1$
            // made again from what is there now, A's change is saved
            onA.write(List.of(earlier, friday, other), now.version());
            assertEquals(List.of(earlier, friday, other), onB.read().templates());
            // a save that expects none while the servers hold some is refused too (push of another set)
            assertThrows(FileChangedException.class, () -> onB.write(List.of(other), null));
        }
        assertFalse(Files.exists(TemplateLibrary.teamFile(sideA)) || Files.exists(TemplateLibrary.teamFile(sideB)),
                "no copy on a worker's disk"); //$NON-NLS-1$
    }

    private static Template template(String id, String text) {
        return new Template(id, id.contains("kit") ? Category.KIT : Category.PERMANENCE, "fr", id, false, text, //$NON-NLS-1$ //$NON-NLS-2$
                List.of(), List.of("vous etes ouverts quand ?")); //$NON-NLS-1$
    }

    private static void thread(Archive a, Contact who, String text) {
        Conversation c = Conversation.of(who.platform(), who.handle(), who, who.displayName());
        a.putContact(who);
        a.putConversation(c);
        a.addMessage(Message.of(c.id(), Direction.INBOUND, T0, who.displayName(), null, text, List.of(),
                SourceRef.ofLine(who.displayName() + ".txt", 1))); //$NON-NLS-1$
    }

    /** The kept readings' bytes as text; empty when none are kept. */
    private static String readings(ArchiveFiles files) throws IOException {
        if (!files.exists(ReadingCache.FILE_NAME)) {
            return ""; //$NON-NLS-1$
        }
        return new String(files.readAllBytes(ReadingCache.FILE_NAME), StandardCharsets.UTF_8);
    }

    /** As the CLI's backlog builds it (maraude.cli.commands.Triages), the local triage file aside. */
    private static TriageService triage(Archive a) {
        return new TriageService(a, TriageStateStore.open(a.files()), TriagePolicy.defaults(), TeamZone.of(a.files()),
                ReadingSettings.load(a.files()));
    }

    /** The archive, counting the threads read ({@link Archive#messages}, {@link Archive#threads}). */
    private static Archive counting(Archive a, AtomicInteger reads) {
        return (Archive) Proxy.newProxyInstance(Archive.class.getClassLoader(), new Class<?>[] { Archive.class },
                (proxy, m, args) -> {
                    if (m.getName().equals("messages")) { //$NON-NLS-1$
                        reads.incrementAndGet();
                    } else if (m.getName().equals("threads")) { // many threads per request //$NON-NLS-1$
                        reads.addAndGet(((java.util.Collection<?>) args[0]).size());
                    }
                    try {
                        return m.invoke(a, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

package maraude.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.core.archive.PlainArchiveFiles;
import maraude.core.classify.ClassifierRules;
import maraude.core.classify.Intent;
import maraude.core.classify.MessageClassifier;
import maraude.core.classify.UrgencyKind;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.testsupport.MemoryArchive;

/**
 * Readings kept on disk give the queue the direct reading gives, without reading the threads again in
 * a new process; a new message, other team rules or an erasure make them read again.
 */
class KeptReadingsTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 4, 14, 16, 30, 0, 0, ZONE);

    @TempDir
    Path dir;
    private MemoryArchive archive;
    /** Threads read through {@link #counting()}. */
    private final AtomicInteger threadsRead = new AtomicInteger();
    private final Map<String, String> ids = new java.util.HashMap<>();

    @BeforeEach
    void threads() {
        archive = new MemoryArchive(dir);
        thread("a", "a", 50, "bonjour je voudrais un colis svp", 49, ">Bien sûr, c'est envoyé.", 48, "merciii");
        thread("b", "b", 30, "hallo doen jullie ook testen op soa ?");
        thread("c", "c", 20, "la capote a craqué hier soir avec un client");
        thread("d", "d", 2, "un client m'a frappée, j'ai peur");
        thread("e", "e", 40, ">Bonjour, nous sommes une association de santé.", 10, "stop met me te sturen");
        thread("f", "f", 1, "stop attends, il arrive, je t'écris après");
        thread("g", "g", 60, "oi preciso de camisinha vcs mandam pra casa", 59, ">Claro!");
        thread("g2", "g", 3, "ok"); // says nothing: the contact's other conversation tells (pt)
        thread("h", "h", 5, "👍"); // nothing anywhere: the team's language
    }

    private String thread(String handle, String contact, Object... hoursAgoAndText) {
        Contact c = Contact.of(Platform.WHATSAPP, contact, contact);
        Conversation conv = Conversation.of(Platform.WHATSAPP, handle, c, handle);
        archive.putContact(c);
        archive.putConversation(conv);
        for (int i = 0; i < hoursAgoAndText.length; i += 2) {
            add(conv.id(), ((Number) hoursAgoAndText[i]).doubleValue(), (String) hoursAgoAndText[i + 1], contact);
        }
        archive.commit();
        ids.put(handle, conv.id());
        return conv.id();
    }

    private void add(String conversation, double hoursAgo, String t, String handle) {
        boolean out = t.startsWith(">");
        archive.addMessage(Message.of(conversation, out ? Direction.OUTBOUND : Direction.INBOUND,
                NOW.minusMinutes((long) (hoursAgo * 60)), out ? "us" : handle, out ? "camille" : null,
                out ? t.substring(1) : t, null, null));
    }

    /** The archive, counting the threads read from it. */
    private Archive counting() {
        return (Archive) Proxy.newProxyInstance(Archive.class.getClassLoader(), new Class<?>[] { Archive.class },
                (proxy, m, args) -> {
                    if (m.getName().equals("messages")) {
                        threadsRead.incrementAndGet();
                    } else if (m.getName().equals("threads")) { // many threads at once
                        threadsRead.addAndGet(((java.util.Collection<?>) args[0]).size());
                    }
                    try {
                        return m.invoke(archive, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private TriageService kept(ReadingSettings settings) {
        return new TriageService(counting(), TriageStateStore.open(dir), TriagePolicy.defaults(), ZONE, settings, true);
    }

    /** The direct computation: every waiting thread read, nothing kept on disk. */
    private PermanenceQueue direct(ReadingSettings settings, Instant now) {
        return new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(), ZONE, settings, false)
                .queue(now);
    }

    private static ReadingSettings team() {
        java.util.Properties p = new java.util.Properties();
        p.setProperty("language", "nl");
        return ReadingSettings.of(p, null);
    }

    @Test
    void aNewProcessReadsNoThreadAndGetsTheSameQueue() {
        PermanenceQueue first = kept(team()).queue(NOW.toInstant());
        assertTrue(threadsRead.get() >= 8, "the first reads the waiting threads");
        assertTrue(Files.exists(dir.resolve(ReadingCache.FILE_NAME)));
        assertEquals(direct(team(), NOW.toInstant()).items(), first.items());

        threadsRead.set(0);
        Instant later = NOW.toInstant().plusSeconds(30 * 3600); // PEP hours counted again from the message
        PermanenceQueue again = kept(team()).queue(later);
        assertEquals(0, threadsRead.get(), "a new service reads no thread");
        PermanenceQueue expected = direct(team(), later);
        assertEquals(expected.items(), again.items());
        assertEquals(List.of(expected.size(), expected.needsReply(), expected.urgent(), expected.closings(),
                expected.optOuts()), List.of(again.size(), again.needsReply(), again.urgent(), again.closings(),
                        again.optOuts()));
        QueueItem pep = again.items().get(0);
        assertEquals(UrgencyKind.PEP, pep.reading().urgency().get(0).kind());
        assertEquals(22, pep.reading().pepHoursLeft(), "72 h from the message, 50 h ago");
        assertEquals("pt", item(again, "g2").language(), "the contact's other conversation, kept too");
        assertEquals("nl", item(again, "h").language(), "the team's language, applied at each query");
        assertEquals("team", item(again, "h").reading().language().source().key());

        // the worker's override is applied on the kept reading
        String contact = archive.conversation(item(again, "g2").conversationId()).orElseThrow().contactId();
        kept(team()).setLanguage(contact, "es", "camille", NOW.toInstant());
        threadsRead.set(0);
        assertEquals("es", item(kept(team()).queue(later), "g2").language());
        assertEquals(0, threadsRead.get());
    }

    @Test
    void aNewMessageIsReadAgainAndOnlyItsThread() {
        kept(team()).queue(NOW.toInstant());
        QueueItem before = item(direct(team(), NOW.toInstant()), "b");
        assertEquals(Intent.REPLY, before.intent());
        add(before.conversationId(), 0.5, ">Ja hoor, elke dinsdag.", "b");
        add(before.conversationId(), 0.2, "super bedankt!!", "b");
        archive.commit();
        threadsRead.set(0);
        PermanenceQueue q = kept(team()).queue(NOW.toInstant());
        assertEquals(1, threadsRead.get(), "only the thread that changed is read");
        assertEquals(Intent.CLOSING, item(q, "b").intent());
        assertEquals(direct(team(), NOW.toInstant()).items(), q.items());
    }

    @Test
    void otherTeamRulesReadEveryThreadAgain() throws IOException {
        kept(team()).queue(NOW.toInstant());
        Path rules = dir.resolve("classify");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("fr.txt"), "[health]\nsoif de colis\n", StandardCharsets.UTF_8);
        thread("z", "z", 4, "j'ai soif de colis vraiment");
        ReadingSettings withTeamRules = ReadingSettings.of(new java.util.Properties(),
                new MessageClassifier(ClassifierRules.load(rules)));
        threadsRead.set(0);
        PermanenceQueue q = kept(withTeamRules).queue(NOW.toInstant());
        assertTrue(threadsRead.get() >= 9, "a reading of other rules is not used: " + threadsRead.get());
        assertEquals(UrgencyKind.HEALTH, item(q, "z").reading().urgency().get(0).kind());
        assertEquals(direct(withTeamRules, NOW.toInstant()).items(), q.items());

        // and back: the shipped rules read again too, and the team's line is not applied
        threadsRead.set(0);
        PermanenceQueue shipped = kept(team()).queue(NOW.toInstant());
        assertTrue(threadsRead.get() >= 9);
        assertFalse(item(shipped, "z").urgent());
    }

    @Test
    void theFingerprintNamesTheRulesWithoutParsingThem() throws IOException {
        assertEquals(ClassifierRules.loadDefault().fingerprint(), ClassifierRules.shippedFingerprint());
        assertEquals(ClassifierRules.shippedFingerprint(), MessageClassifier.shared().rulesFingerprint());
        Path rules = dir.resolve("classify");
        assertEquals(ClassifierRules.shippedFingerprint(), ClassifierRules.load(rules).fingerprint(), "no team folder");
        Files.createDirectories(rules);
        Files.writeString(rules.resolve("nl.txt"), "[closing]\ndankuwel\n", StandardCharsets.UTF_8);
        String nl = ClassifierRules.load(rules).fingerprint();
        Files.delete(rules.resolve("nl.txt"));
        Files.writeString(rules.resolve("fr.txt"), "[closing]\ndankuwel\n", StandardCharsets.UTF_8);
        String fr = ClassifierRules.load(rules).fingerprint();
        assertFalse(nl.equals(fr), "the same line in another language's file is another rule set");
        assertFalse(nl.equals(ClassifierRules.shippedFingerprint()));
    }

    @Test
    void anErasureLeavesNothingAndAnOlderReaderCannotWriteItBack() throws IOException {
        kept(team()).queue(NOW.toInstant());
        String before = new String(Files.readAllBytes(dir.resolve(ReadingCache.FILE_NAME)), StandardCharsets.ISO_8859_1);
        assertTrue(before.contains("capote"), "control: the urgency's words are kept");

        // a process that read the file, then an erasure, then that process writes what it had
        PlainArchiveFiles files = new PlainArchiveFiles(dir);
        ReadingCache older = new ReadingCache(files, MessageClassifier.shared().rulesFingerprint());
        Map<String, ReadingCache.Kept> had = older.readIfChanged();
        assertNotNull(had);
        assertEquals(9, had.size());
        ReadingCache.erase(files);
        assertFalse(older.writeIfUnchanged(had), "the erasure came after its read: it must not write");
        String after = new String(Files.readAllBytes(dir.resolve(ReadingCache.FILE_NAME)), StandardCharsets.ISO_8859_1);
        assertFalse(after.contains("capote"), after);
        assertFalse(after.contains(had.keySet().iterator().next()), "no conversation named");

        threadsRead.set(0);
        PermanenceQueue q = kept(team()).queue(NOW.toInstant());
        assertTrue(threadsRead.get() >= 8, "erased readings are read again");
        assertEquals(direct(team(), NOW.toInstant()).items(), q.items());
    }

    @Test
    void aDamagedFileIsReadAgainNotAnError() throws IOException {
        kept(team()).queue(NOW.toInstant());
        Files.write(dir.resolve(ReadingCache.FILE_NAME), java.util.Arrays.copyOf(Files.readAllBytes(dir.resolve(ReadingCache.FILE_NAME)), 200)); // cut
        threadsRead.set(0);
        PermanenceQueue q = kept(team()).queue(NOW.toInstant());
        assertTrue(threadsRead.get() >= 8);
        assertEquals(direct(team(), NOW.toInstant()).items(), q.items());
        threadsRead.set(0);
        kept(team()).queue(NOW.toInstant());
        assertEquals(0, threadsRead.get(), "the damaged file was replaced");
    }

    private QueueItem item(PermanenceQueue q, String handle) {
        String id = ids.get(handle);
        return q.items().stream().filter(i -> i.conversationId().equals(id)).findFirst().orElseThrow();
    }
}

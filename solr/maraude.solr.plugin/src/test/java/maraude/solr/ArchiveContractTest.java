package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ConversationSummary;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/**
 * What every {@link Archive} does, run against the local Lucene archive and the team archive on
 * SolrCloud alike: the same import gives the same ids and the same dedup, the same searches the same
 * hits, order, snippets and facets, the same summaries. Expectations are literal, so both pass only by
 * behaving the same.
 */
abstract class ArchiveContractTest {

    /** A fresh, empty archive; {@code local} is a private folder for its side files. */
    protected abstract Archive open(Path local) throws Exception;

    @TempDir
    Path local;
    Archive archive;

    static final ZonedDateTime T0 = ZonedDateTime.parse("2026-11-02T10:00+01:00[Europe/Brussels]"); //$NON-NLS-1$
    static final Contact LOLA = Contact.of(Platform.WHATSAPP, "+32 470 11 22 33", "Lola"); //$NON-NLS-1$ //$NON-NLS-2$
    static final Contact MIRA = Contact.of(Platform.SMS, "0488 55 66 77", "Mira Ionescu"); //$NON-NLS-1$ //$NON-NLS-2$
    static final Conversation LOLA_WA = Conversation.of(Platform.WHATSAPP, "lola", LOLA, "Lola"); //$NON-NLS-1$ //$NON-NLS-2$
    static final Conversation MIRA_SMS = Conversation.of(Platform.SMS, "mira", MIRA, "Mira"); //$NON-NLS-1$ //$NON-NLS-2$

    /** Lola's thread: asks, gets an answer, asks again (waiting); two lines of the same minute. */
    static final List<Message> LOLA_THREAD = List.of(
            Message.of(LOLA_WA.id(), Direction.INBOUND, T0, "Lola", null, //$NON-NLS-1$
                    "Bonjour, vous faites le dépistage gratuit ?", List.of(), SourceRef.ofLine("lola.txt", 1)), //$NON-NLS-1$ //$NON-NLS-2$
            Message.of(LOLA_WA.id(), Direction.OUTBOUND, T0.plusMinutes(30), "Maraude", "w1", //$NON-NLS-1$ //$NON-NLS-2$
                    "Oui, le depistage est gratuit et anonyme.", List.of(), SourceRef.ofLine("lola.txt", 2)), //$NON-NLS-1$ //$NON-NLS-2$
            Message.of(LOLA_WA.id(), Direction.INBOUND, T0.plusDays(1), "Lola", null, //$NON-NLS-1$
                    "Merci ! Et pour les préservatifs ?", List.of(), SourceRef.ofLine("lola.txt", 3)), //$NON-NLS-1$ //$NON-NLS-2$
            Message.of(LOLA_WA.id(), Direction.INBOUND, T0.plusDays(1), "Lola", null, //$NON-NLS-1$
                    "Mon numéro : 0470 99 88 77", List.of(new Attachment("ab".repeat(32), "image/jpeg", "photo.jpg", 1234)), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                    SourceRef.ofLine("lola.txt", 4))); //$NON-NLS-1$

    /** Mira's thread: one message in Romanian, answered. */
    static final List<Message> MIRA_THREAD = List.of(
            Message.of(MIRA_SMS.id(), Direction.INBOUND, T0.minusDays(40), "", null, //$NON-NLS-1$
                    "Vreau informații despre testare, vă rog", List.of(), SourceRef.ofLine("mira.txt", 1)), //$NON-NLS-1$ //$NON-NLS-2$
            Message.of(MIRA_SMS.id(), Direction.OUTBOUND, T0.minusDays(39), "", "w2", //$NON-NLS-1$ //$NON-NLS-2$
                    "Testarea este gratuită, vineri.", List.of(), SourceRef.ofLine("mira.txt", 2))); //$NON-NLS-1$ //$NON-NLS-2$

    @BeforeEach
    void openArchive() throws Exception {
        archive = open(local);
    }

    @AfterEach
    void closeArchive() {
        if (archive != null) {
            archive.close();
        }
    }

    /** Imports both threads (reversed, as an export may list them) and commits. */
    void importAll() {
        archive.putContact(LOLA);
        archive.putContact(MIRA);
        archive.putConversation(LOLA_WA);
        archive.putConversation(MIRA_SMS);
        for (int i = LOLA_THREAD.size() - 1; i >= 0; i--) {
            assertTrue(archive.addMessage(LOLA_THREAD.get(i)));
        }
        for (Message m : MIRA_THREAD) {
            assertTrue(archive.addMessage(m));
        }
        archive.commit();
    }

    @Test
    void anImportIsIdempotent() throws Exception {
        importAll();
        assertEquals(6, archive.stats().messages());
        assertEquals(2, archive.stats().contacts());
        assertEquals(2, archive.stats().conversations());
        for (Message m : LOLA_THREAD) {
            assertFalse(archive.addMessage(m), "already stored"); //$NON-NLS-1$
        }
        archive.commit();
        archive.close();
        // another session (another machine, for the team archive) importing the same export
        archive = reopen();
        for (Message m : MIRA_THREAD) {
            assertFalse(archive.addMessage(m));
        }
        Message fresh = Message.of(MIRA_SMS.id(), Direction.INBOUND, T0, "", null, "Mulțumesc!", List.of(), //$NON-NLS-1$ //$NON-NLS-2$
                SourceRef.ofLine("mira.txt", 3)); //$NON-NLS-1$
        assertTrue(archive.addMessage(fresh));
        assertFalse(archive.addMessage(fresh), "pending already"); //$NON-NLS-1$
        archive.commit();
        assertEquals(7, archive.stats().messages());
    }

    /** The same archive opened again (a second session on the same data). */
    protected abstract Archive reopen() throws Exception;

    @Test
    void aMessageOfAnUnknownConversationIsRefused() {
        ArchiveException e = assertThrows(ArchiveException.class, () -> archive.addMessage(LOLA_THREAD.get(0)));
        assertEquals(ArchiveException.Kind.BAD_INPUT, e.kind());
    }

    @Test
    void uncommittedChangesAreNotVisible() {
        archive.putContact(LOLA);
        archive.putConversation(LOLA_WA);
        archive.addMessage(LOLA_THREAD.get(0));
        assertEquals(0, archive.stats().messages());
        assertEquals(0, archive.search(SearchQuery.of("depistage")).totalHits()); //$NON-NLS-1$
    }

    @Test
    void aThreadComesBackWholeAndInOrder() {
        importAll();
        assertEquals(LOLA_THREAD, archive.messages(LOLA_WA.id()));
        assertEquals(MIRA_THREAD, archive.messages(MIRA_SMS.id()));
        assertEquals(List.of(LOLA, MIRA), archive.contacts());
        assertEquals(MIRA_SMS, archive.conversation(MIRA_SMS.id()).orElseThrow());
        assertTrue(archive.contact("c-nobody").isEmpty()); //$NON-NLS-1$
    }

    @Test
    void manyThreadsComeBackAsEachAlone() {
        importAll();
        java.util.Map<String, List<Message>> threads = archive.threads(List.of(MIRA_SMS.id(), "v-nobody", LOLA_WA.id())); //$NON-NLS-1$
        assertEquals(List.of(MIRA_SMS.id(), "v-nobody", LOLA_WA.id()), List.copyOf(threads.keySet()), "in the order asked"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(MIRA_THREAD, threads.get(MIRA_SMS.id()));
        assertEquals(LOLA_THREAD, threads.get(LOLA_WA.id()));
        assertEquals(List.of(), threads.get("v-nobody")); //$NON-NLS-1$
    }

    private List<String> ids(SearchResults r) {
        return r.hits().stream().map(SearchHit::messageId).toList();
    }

    @Test
    void searchesFindTheSameMessagesWithTheSameSnippets() {
        importAll();
        SearchResults r = archive.search(new SearchQuery("depistage", null, null, null, null, null, null, //$NON-NLS-1$
                SearchQuery.Sort.NEWEST, 0, 10));
        assertEquals(List.of(LOLA_THREAD.get(1).id(), LOLA_THREAD.get(0).id()), ids(r));
        assertEquals(List.of("Oui, le [[depistage]] est gratuit et anonyme.", //$NON-NLS-1$
                "Bonjour, vous faites le [[dépistage]] gratuit ?"), r.hits().stream().map(SearchHit::snippet).toList()); //$NON-NLS-1$
        // what the highlighter matched, as ranges of the text: the conversation view highlights those
        assertEquals(List.of(List.of(new maraude.core.archive.TextRange(8, 17)),
                List.of(new maraude.core.archive.TextRange(24, 33))),
                r.hits().stream().map(SearchHit::matches).toList());
        assertEquals("Lola", r.hits().get(0).contactName()); //$NON-NLS-1$
        assertEquals(Platform.WHATSAPP, r.hits().get(0).platform());
        assertEquals(LOLA.id(), r.hits().get(0).contactId());
        assertEquals(T0.plusMinutes(30), r.hits().get(0).instant());
        assertEquals(Direction.OUTBOUND, r.hits().get(0).direction());
        assertEquals(Map.of("whatsapp", 2L), r.byPlatform()); //$NON-NLS-1$
        assertEquals(Map.of("2026-11", 2L), r.byMonth()); //$NON-NLS-1$

        assertEquals(List.of(LOLA_THREAD.get(2).id()), ids(archive.search(SearchQuery.of("preservatif")))); //$NON-NLS-1$
        assertEquals(List.of(MIRA_THREAD.get(0).id()), ids(archive.search(SearchQuery.of("informatii")))); //$NON-NLS-1$
        assertEquals(List.of(LOLA_THREAD.get(3).id()), ids(archive.search(SearchQuery.of("+32470998877")))); //$NON-NLS-1$
        // a contact's name or number finds the thread, though no message holds it
        assertEquals(Set.copyOf(MIRA_THREAD.stream().map(Message::id).toList()),
                Set.copyOf(ids(archive.search(SearchQuery.of("ionescu"))))); //$NON-NLS-1$
        assertEquals(4, archive.search(SearchQuery.of("0470 11 22 33")).totalHits()); //$NON-NLS-1$
        // syntax: phrase, OR, NOT, field
        assertEquals(List.of(LOLA_THREAD.get(1).id()), ids(archive.search(SearchQuery.of("\"gratuit et anonyme\"")))); //$NON-NLS-1$
        assertEquals(3, archive.search(SearchQuery.of("gratuit OR gratuita")).totalHits()); //$NON-NLS-1$
        assertEquals(List.of(LOLA_THREAD.get(0).id()), ids(archive.search(SearchQuery.of("gratuit -anonyme")))); //$NON-NLS-1$
        assertEquals(2, archive.search(SearchQuery.of("platform:SMS")).totalHits()); //$NON-NLS-1$
        assertEquals(0, archive.search(SearchQuery.of("introuvable")).totalHits()); //$NON-NLS-1$
        assertEquals(6, archive.search(SearchQuery.of("")).totalHits()); //$NON-NLS-1$
    }

    @Test
    void filtersSortsAndPagesAgree() {
        importAll();
        SearchResults oldest = archive.search(new SearchQuery("", null, null, null, null, null, null, //$NON-NLS-1$
                SearchQuery.Sort.OLDEST, 1, 2));
        assertEquals(6, oldest.totalHits());
        assertEquals(List.of(MIRA_THREAD.get(1).id(), LOLA_THREAD.get(0).id()), ids(oldest));
        SearchResults sameMinute = archive.search(new SearchQuery("", null, null, null, null, null, null, //$NON-NLS-1$
                SearchQuery.Sort.NEWEST, 0, 2));
        assertEquals(List.of(LOLA_THREAD.get(3).id(), LOLA_THREAD.get(2).id()), ids(sameMinute), "source order breaks ties"); //$NON-NLS-1$
        assertEquals(Map.of("whatsapp", 4L, "sms", 2L), sameMinute.byPlatform()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(Map.of("2026-09", 2L, "2026-11", 4L), sameMinute.byMonth()); //$NON-NLS-1$ //$NON-NLS-2$

        assertEquals(2, archive.search(new SearchQuery("", Set.of(Platform.SMS), null, null, null, null, null, null, 0, 10)) //$NON-NLS-1$
                .totalHits());
        assertEquals(2, archive.search(new SearchQuery("", null, MIRA.id(), null, null, null, null, null, 0, 10)) //$NON-NLS-1$
                .totalHits());
        assertEquals(2, archive.search(new SearchQuery("", null, null, Direction.OUTBOUND, null, null, null, null, 0, 10)) //$NON-NLS-1$
                .totalHits());
        assertEquals(List.of(MIRA_THREAD.get(1).id()), ids(archive.search(
                new SearchQuery("", null, null, null, "w2", null, null, null, 0, 10)))); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(4, archive.search(new SearchQuery("", null, null, null, null, T0.toInstant(), //$NON-NLS-1$
                T0.plusDays(2).toInstant(), null, 0, 10)).totalHits());
    }

    @Test
    void summariesSayWhatWaitsForAReply() {
        importAll();
        List<ConversationSummary> s = archive.summaries();
        assertEquals(List.of(LOLA_WA.id(), MIRA_SMS.id()), s.stream().map(ConversationSummary::conversationId).toList());
        ConversationSummary lola = s.get(0);
        assertEquals(4, lola.messageCount());
        assertEquals("Lola", lola.contactName()); //$NON-NLS-1$
        assertEquals(T0.toInstant(), lola.firstMessage());
        assertEquals(T0.plusDays(1).toInstant(), lola.lastMessage());
        assertEquals(Direction.INBOUND, lola.lastMeaningfulDirection());
        assertEquals(T0.plusMinutes(30).toInstant(), lola.lastOutbound());
        assertEquals(T0.plusDays(1).toInstant(), lola.oldestUnansweredInbound());
        assertEquals("Mon numéro : 0470 99 88 77", lola.lastMessagePreview(), "the later line of the same minute"); //$NON-NLS-1$ //$NON-NLS-2$
        ConversationSummary mira = s.get(1);
        assertEquals(Direction.OUTBOUND, mira.lastMeaningfulDirection());
        assertNull(mira.oldestUnansweredInbound());
        assertEquals(T0.minusDays(40).toInstant(), mira.lastInbound());
    }

    /**
     * The fold's edge cases, alike on both archives: a time tie broken by source order (an inbound line
     * after an outbound one of the same minute waits, one before it was answered), a system line last
     * (the preview is its, the direction the last person's), only outbound messages, only system lines,
     * a conversation without any message (listed last, no figures). Messages are added newest first.
     */
    @Test
    void summariesFoldTheEdgeCases() {
        ZonedDateTime t1 = T0.plusDays(2);
        Contact nora = Contact.of(Platform.TELEGRAM, "nora_b", "Nora"); //$NON-NLS-1$ //$NON-NLS-2$
        Contact omar = Contact.of(Platform.SMS, "0477 12 34 56", "Omar"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation noraTg = Conversation.of(Platform.TELEGRAM, "nora", nora, "Nora"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation noraSystem = Conversation.of(Platform.TELEGRAM, "nora-group", nora, "Groupe"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation omarOut = Conversation.of(Platform.SMS, "omar", omar, "Omar"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation omarAnswered = Conversation.of(Platform.SMS, "omar-2", omar, "Omar 2"); //$NON-NLS-1$ //$NON-NLS-2$
        Conversation omarEmpty = Conversation.of(Platform.SMS, "omar-3", omar, "Omar 3"); //$NON-NLS-1$ //$NON-NLS-2$
        List<Message> messages = List.of(
                Message.of(noraTg.id(), Direction.INBOUND, t1, "Nora", null, "Salut", List.of(), SourceRef.ofLine("nora.txt", 1)), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                Message.of(noraTg.id(), Direction.OUTBOUND, t1.plusMinutes(10), "Maraude", "w1", "Bonjour Nora", List.of(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        SourceRef.ofLine("nora.txt", 2)), //$NON-NLS-1$
                Message.of(noraTg.id(), Direction.INBOUND, t1.plusMinutes(10), "Nora", null, "Tu peux m'appeler ?", List.of(), //$NON-NLS-1$ //$NON-NLS-2$
                        SourceRef.ofLine("nora.txt", 3)), //$NON-NLS-1$
                Message.of(noraTg.id(), Direction.SYSTEM, t1.plusMinutes(20), "", null, "Nora a changé de numéro", List.of(), //$NON-NLS-1$ //$NON-NLS-2$
                        SourceRef.ofLine("nora.txt", 4)), //$NON-NLS-1$
                Message.of(noraSystem.id(), Direction.SYSTEM, t1.plusMinutes(30), "", null, "Les messages sont chiffrés", //$NON-NLS-1$ //$NON-NLS-2$
                        List.of(), SourceRef.ofLine("group.txt", 1)), //$NON-NLS-1$
                Message.of(omarOut.id(), Direction.OUTBOUND, t1.minusDays(1), "Maraude", "w2", "Bonjour Omar", List.of(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        SourceRef.ofLine("omar.txt", 1)), //$NON-NLS-1$
                Message.of(omarOut.id(), Direction.OUTBOUND, t1.minusDays(1), "Maraude", "w2", "On passe vendredi", List.of(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        SourceRef.ofLine("omar.txt", 2)), //$NON-NLS-1$
                Message.of(omarAnswered.id(), Direction.INBOUND, t1.minusDays(2), "Omar", null, "Vous êtes où ?", List.of(), //$NON-NLS-1$ //$NON-NLS-2$
                        SourceRef.ofLine("omar2.txt", 5)), //$NON-NLS-1$
                Message.of(omarAnswered.id(), Direction.OUTBOUND, t1.minusDays(2), "Maraude", "w2", "Gare du Midi", List.of(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        SourceRef.ofLine("omar2.txt", 6))); //$NON-NLS-1$
        archive.putContact(nora);
        archive.putContact(omar);
        for (Conversation c : List.of(noraTg, noraSystem, omarOut, omarAnswered, omarEmpty)) {
            archive.putConversation(c);
        }
        for (int i = messages.size() - 1; i >= 0; i--) {
            assertTrue(archive.addMessage(messages.get(i)));
        }
        archive.commit();

        List<ConversationSummary> s = archive.summaries();
        assertEquals(List.of(noraSystem.id(), noraTg.id(), omarOut.id(), omarAnswered.id(), omarEmpty.id()),
                s.stream().map(ConversationSummary::conversationId).toList(), "most recent first, no message last"); //$NON-NLS-1$
        assertEquals(new ConversationSummary(noraSystem.id(), Platform.TELEGRAM, nora.id(), "Nora", "Groupe", 1, //$NON-NLS-1$ //$NON-NLS-2$
                t1.plusMinutes(30).toInstant(), t1.plusMinutes(30).toInstant(), null, null, null, null,
                "Les messages sont chiffrés"), s.get(0)); //$NON-NLS-1$
        assertEquals(new ConversationSummary(noraTg.id(), Platform.TELEGRAM, nora.id(), "Nora", "Nora", 4, t1.toInstant(), //$NON-NLS-1$ //$NON-NLS-2$
                t1.plusMinutes(20).toInstant(), Direction.INBOUND, t1.plusMinutes(10).toInstant(), t1.plusMinutes(10).toInstant(),
                t1.plusMinutes(10).toInstant(), "Nora a changé de numéro"), s.get(1)); //$NON-NLS-1$
        assertEquals(new ConversationSummary(omarOut.id(), Platform.SMS, omar.id(), "Omar", "Omar", 2, //$NON-NLS-1$ //$NON-NLS-2$
                t1.minusDays(1).toInstant(), t1.minusDays(1).toInstant(), Direction.OUTBOUND, null, t1.minusDays(1).toInstant(),
                null, "On passe vendredi"), s.get(2)); //$NON-NLS-1$
        assertEquals(new ConversationSummary(omarAnswered.id(), Platform.SMS, omar.id(), "Omar", "Omar 2", 2, //$NON-NLS-1$ //$NON-NLS-2$
                t1.minusDays(2).toInstant(), t1.minusDays(2).toInstant(), Direction.OUTBOUND, t1.minusDays(2).toInstant(),
                t1.minusDays(2).toInstant(), null, "Gare du Midi"), s.get(3)); //$NON-NLS-1$
        assertEquals(new ConversationSummary(omarEmpty.id(), Platform.SMS, omar.id(), "Omar", "Omar 3", 0, null, null, //$NON-NLS-1$ //$NON-NLS-2$
                null, null, null, null, null), s.get(4));
    }

    @Test
    void attachmentsAreStoredByTheirContent() throws Exception {
        byte[] photo = "\u0089PNG not really a picture, but bytes all the same".getBytes(java.nio.charset.StandardCharsets.UTF_8); //$NON-NLS-1$
        Attachment a = archive.storeAttachment(new java.io.ByteArrayInputStream(photo), "image/png", "photo.png"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(photo)), //$NON-NLS-1$
                a.sha256());
        assertEquals(new Attachment(a.sha256(), "image/png", "photo.png", photo.length), a); //$NON-NLS-1$ //$NON-NLS-2$
        try (java.io.InputStream in = archive.openAttachment(a.sha256())) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(photo, in.readAllBytes(), "readable at once, before a commit"); //$NON-NLS-1$
        }
        Attachment again = archive.storeAttachment(new java.io.ByteArrayInputStream(photo), "image/png", "other name.png"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(a.sha256(), again.sha256());
        archive.putContact(LOLA);
        archive.putConversation(LOLA_WA);
        Message withPhoto = Message.of(LOLA_WA.id(), Direction.INBOUND, T0, "Lola", null, "Voilà la photo", List.of(a), //$NON-NLS-1$ //$NON-NLS-2$
                SourceRef.ofLine("lola.txt", 9)); //$NON-NLS-1$
        archive.addMessage(withPhoto);
        archive.commit();
        assertEquals(1, archive.stats().attachments(), "the same bytes are stored once"); //$NON-NLS-1$
        assertEquals(List.of(a), archive.messages(LOLA_WA.id()).get(0).attachments());
        assertThrows(java.nio.file.NoSuchFileException.class, () -> archive.openAttachment("0".repeat(64))); //$NON-NLS-1$
    }

    @Test
    void aRealMessageReplacesAPendingReply() {
        importAll();
        Message pending = maraude.core.archive.PendingReplies.create(LOLA_WA.id(), "w1", //$NON-NLS-1$
                "Oui, des préservatifs gratuits au local.", "condoms", T0.plusDays(1).plusMinutes(5)); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(archive.addMessage(pending));
        archive.commit();
        assertEquals(List.of(pending), archive.pendingReplies());
        assertEquals(5, archive.messages(LOLA_WA.id()).size());
        // the export comes: the real message replaces the pending one
        Message real = Message.of(LOLA_WA.id(), Direction.OUTBOUND, T0.plusDays(1).plusMinutes(6), "Maraude", "w1", //$NON-NLS-1$ //$NON-NLS-2$
                "Oui, des preservatifs gratuits au local.", List.of(), SourceRef.ofLine("lola.txt", 5)); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(archive.removeMessage(pending.id()));
        assertTrue(archive.addMessage(real));
        assertEquals(List.of(pending), archive.pendingReplies(), "nothing changes before the commit"); //$NON-NLS-1$
        archive.commit();
        assertEquals(List.of(), archive.pendingReplies());
        List<Message> thread = archive.messages(LOLA_WA.id());
        assertEquals(5, thread.size());
        assertEquals(real, thread.get(4));
        assertEquals(1, archive.search(SearchQuery.of("\"preservatifs gratuits\"")).totalHits()); //$NON-NLS-1$
        assertFalse(archive.removeMessage(pending.id()), "gone already"); //$NON-NLS-1$
        assertFalse(archive.removeMessage("m-nobody")); //$NON-NLS-1$
        // a message added and removed before a commit never reaches the archive
        Message typo = Message.of(MIRA_SMS.id(), Direction.OUTBOUND, T0, "", "w2", "oups", List.of(), null); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(archive.addMessage(typo));
        assertTrue(archive.removeMessage(typo.id()));
        archive.commit();
        assertEquals(MIRA_THREAD, archive.messages(MIRA_SMS.id()));
    }

    @Test
    void theMatcherHighlightsWhatTheSearchFound() {
        importAll();
        assertEquals(List.of(new maraude.core.archive.TextRange(3, 12), new maraude.core.archive.TextRange(16, 27)),
                archive.matcher("depistage preservatifs").in("Le dépistage et préservatif")); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of(), archive.matcher("depistage").in("rien a voir")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void aFileReadWholeIsRememberedWithTheCommit() {
        assertTrue(archive instanceof maraude.core.archive.ImportedFiles, "both archives remember files read whole"); //$NON-NLS-1$
        maraude.core.archive.ImportedFiles files = (maraude.core.archive.ImportedFiles) archive;
        String key = "0123456789abcdef".repeat(4); //$NON-NLS-1$
        assertEquals(-1, files.importedMessages(key));
        archive.putContact(LOLA);
        archive.putConversation(LOLA_WA);
        LOLA_THREAD.forEach(archive::addMessage);
        files.markImported(key, LOLA_THREAD.size());
        assertEquals(-1, files.importedMessages(key), "with the next commit, not before"); //$NON-NLS-1$
        archive.commit();
        assertEquals(4, files.importedMessages(key));
        assertEquals(-1, files.importedMessages("f".repeat(64))); //$NON-NLS-1$
        assertEquals(4, archive.stats().messages());
        assertEquals(List.of(LOLA_WA.id()), archive.summaries().stream().map(ConversationSummary::conversationId).toList());
    }
}

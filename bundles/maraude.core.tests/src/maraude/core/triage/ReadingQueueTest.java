package maraude.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.classify.Intent;
import maraude.core.classify.MessageClassifier;
import maraude.core.classify.UrgencyKind;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.testsupport.MemoryArchive;

/** The queue reads what was written: urgent first, closings and opt-outs apart, the thread's language. */
class ReadingQueueTest {

    private static final ZoneId ZONE = ZoneId.of("Europe/Brussels");
    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 4, 14, 16, 30, 0, 0, ZONE);

    private MemoryArchive archive;

    private String thread(String handle, Platform p, Object... hoursAgoAndText) {
        Contact c = Contact.of(p, handle, handle);
        Conversation conv = Conversation.of(p, handle, c, handle);
        archive.putContact(c);
        archive.putConversation(conv);
        for (int i = 0; i < hoursAgoAndText.length; i += 2) {
            String t = (String) hoursAgoAndText[i + 1];
            boolean out = t.startsWith(">");
            archive.addMessage(Message.of(conv.id(), out ? Direction.OUTBOUND : Direction.INBOUND,
                    NOW.minusMinutes((long) (((Number) hoursAgoAndText[i]).doubleValue() * 60)), out ? "us" : handle,
                    out ? "camille" : null, out ? t.substring(1) : t, null, null));
        }
        archive.commit();
        return conv.id();
    }

    @Test
    void urgentFirstThenRepliesThenOptOutsThenClosings(@TempDir Path dir) {
        archive = new MemoryArchive(dir);
        String oldThanks = thread("a", Platform.WHATSAPP, 50, "bonjour je voudrais un colis svp", 49, ">Bien sûr, c'est envoyé.", 48, "merciii");
        String question = thread("b", Platform.WHATSAPP, 30, "bonjour vous faites des tests de dépistage ?");
        String pep = thread("c", Platform.WHATSAPP, 20, "la capote a craqué hier soir avec un client");
        String violence = thread("d", Platform.SMS, 2, "un client m'a frappée, j'ai peur");
        String optOut = thread("e", Platform.SMS, 40, ">Bonjour, nous sommes une association de santé.", 10, "stop met me te sturen");
        String busy = thread("f", Platform.SMS, 1, "stop attends, il arrive, je t'écris après");
        TriageService t = new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(), ZONE);
        PermanenceQueue q = t.queue(NOW.toInstant());

        assertEquals(List.of(pep, violence, question, busy, optOut, oldThanks),
                q.items().stream().map(QueueItem::conversationId).toList());
        QueueItem first = q.items().get(0);
        assertEquals(UrgencyKind.PEP, first.reading().urgency().get(0).kind());
        assertEquals(52, first.reading().pepHoursLeft(), "72 h from the message, 20 h ago");
        assertEquals(4, q.needsReply(), "urgent ones included, closing and opt-out not");
        assertEquals(2, q.urgent());
        assertEquals(1, q.closings());
        assertEquals(1, q.optOuts());
        assertEquals(Intent.CLOSING, q.items().get(5).intent());
        assertEquals("fr", q.items().get(5).language(), "merciii does not flip a French thread");

        // H on the closing: it leaves the queue; it comes back when the person writes again.
        t.markNoReplyNeeded(oldThanks, "camille", NOW.toInstant());
        PermanenceQueue after = t.queue(NOW.toInstant().plusSeconds(60));
        assertEquals(0, after.closings());
        assertEquals(5, after.size());
        archive.addMessage(Message.of(oldThanks, Direction.INBOUND, NOW.plusMinutes(5), "a", null,
                "au fait, vous avez aussi du lubrifiant ?", null, null));
        archive.commit();
        PermanenceQueue back = t.queue(NOW.toInstant().plusSeconds(600));
        assertEquals(6, back.size());
        assertEquals(Intent.REPLY, back.items().stream().filter(i -> i.conversationId().equals(oldThanks)).findFirst()
                .orElseThrow().intent());
    }

    @Test
    void closingsCloseThemselvesAfterTheTeamsDelay(@TempDir Path dir) {
        archive = new MemoryArchive(dir);
        thread("a", Platform.WHATSAPP, 50, "bonjour un colis svp", 49, ">C'est envoyé.", 30, "top merci 🙏");
        thread("b", Platform.WHATSAPP, 2, "bonjour un colis svp", 1.5, ">C'est envoyé.", 1, "ok merci");
        TriageService t = new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(), ZONE,
                new ReadingSettings(null, Duration.ofHours(24), null));
        PermanenceQueue q = t.queue(NOW.toInstant());
        assertEquals(1, q.size(), "the 30-hour-old thanks is closed, the 1-hour-old one waits");
        assertEquals(1, q.closings());
        assertEquals(1, q.hidden().get(WorkerState.NO_REPLY_NEEDED));
    }

    @Test
    void anOptOutStopsFollowUpsUntilDecidedAndTheRegisterShowsIt(@TempDir Path dir) {
        archive = new MemoryArchive(dir);
        String conv = thread("e", Platform.SMS, 24 * 120, ">Bonjour, nous sommes une association de santé.",
                24 * 119, "pas intéressée", 24 * 118, ">D'accord, bonne continuation.");
        TriageService t = new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(), ZONE);
        RegisterEntry r = t.register(NOW.toInstant()).get(0);
        assertNotNull(r.optedOutAt());
        assertTrue(r.notToContact());
        assertNull(r.nextFollowUp(), "no follow-up three months later: the person said no");

        String contact = archive.conversation(conv).orElseThrow().contactId();
        t.setDoNotContact(contact, true, "camille", NOW.toInstant());
        ContactFlags f = TriageStateStore.open(dir).snapshot().contact(contact);
        assertTrue(f.doNotContact());
        assertEquals("camille", f.updatedBy());
    }

    @Test
    void languageFromTheThreadThenTheContactAndTheOverrideIsRemembered(@TempDir Path dir) {
        archive = new MemoryArchive(dir);
        String[] endings = { "ok", "top", "super", "ok merci", "👍", "ok" };
        String[][] openings = { { "bonjour je voudrais un colis avec des capotes svp", "fr" },
                { "hallo ik wil graag een pakketje met condooms", "nl" },
                { "hi can i get some condoms sent to my place", "en" },
                { "hola necesito condones me los pueden mandar", "es" },
                { "oi preciso de camisinha vcs mandam pra casa", "pt" },
                { "buna am nevoie de prezervative puteti trimite", "ro" } };
        TriageService t = new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(), ZONE);
        for (int i = 0; i < openings.length; i++) {
            String id = thread("p" + i, Platform.WHATSAPP, 5, openings[i][0], 4, ">…", 3, endings[i]);
            assertEquals(openings[i][1], t.reading(id, NOW.toInstant()).language().language(), openings[i][0]);
        }
        // Same contact, another platform thread with only "ok": the contact's language.
        Contact c = Contact.of(Platform.WHATSAPP, "p4", "p4");
        Conversation other = Conversation.of(Platform.WHATSAPP, "p4-bis", c, "p4");
        archive.putConversation(other);
        archive.addMessage(Message.of(other.id(), Direction.INBOUND, NOW.minusHours(1), "p4", null, "ok", null, null));
        archive.commit();
        assertEquals("pt", t.reading(other.id(), NOW.toInstant()).language().language());

        t.setLanguage(c.id(), "es", "camille", NOW.toInstant());
        TriageService reopened = new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(), ZONE);
        assertEquals("es", reopened.reading(other.id(), NOW.toInstant()).language().language());
        assertEquals("override", reopened.reading(other.id(), NOW.toInstant()).language().source().key());
    }

    @Test
    void theTeamDefaultAppliesWhenNothingTells(@TempDir Path dir) {
        archive = new MemoryArchive(dir);
        String id = thread("z", Platform.SMS, 1, "👍");
        java.util.Properties p = new java.util.Properties();
        p.setProperty("language", "nl");
        TriageService t = new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(), ZONE,
                ReadingSettings.of(p, MessageClassifier.shared()));
        assertEquals("nl", t.reading(id, NOW.toInstant()).language().language());
    }
}

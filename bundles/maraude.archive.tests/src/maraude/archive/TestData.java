package maraude.archive;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/** Builds small, realistic archives for tests. */
final class TestData {

    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    static final ZonedDateTime T0 = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, BRUSSELS);

    private TestData() {
    }

    record Thread(Contact contact, Conversation conversation) {
    }

    static Thread thread(LuceneArchive a, Platform p, String handle, String name) {
        Contact c = Contact.of(p, handle, name);
        Conversation v = Conversation.of(p, handle, c, name);
        a.putContact(c);
        a.putConversation(v);
        return new Thread(c, v);
    }

    static Message msg(Thread t, Direction d, ZonedDateTime when, String text) {
        return msg(t, d, when, text, null, 0);
    }

    static Message msg(Thread t, Direction d, ZonedDateTime when, String text, String worker, long line) {
        String author = d == Direction.INBOUND ? t.contact().displayName() : d == Direction.OUTBOUND ? "Équipe" : "";
        return Message.of(t.conversation().id(), d, when, author, worker, text, List.of(),
                line > 0 ? SourceRef.ofLine("chat.txt", line) : null);
    }

    /** Message {@code i} of the deterministic stream used by the crash test (parent and child agree). */
    static Message streamMessage(Thread t, int i) {
        return Message.of(t.conversation().id(), i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND,
                T0.plusSeconds(i), "auteur", null,
                "message numéro " + i + " : dépistage gratuit, préservatifs, rendez-vous jeudi " + (i % 97), List.of(),
                SourceRef.ofLine("stream.txt", i + 1L));
    }
}

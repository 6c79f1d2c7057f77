package maraude.core.triage;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import maraude.core.archive.ConversationSummary;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.testsupport.MemoryArchive;

/** A hand-written thread: local Brussels times "2026-03-29 01:30", as a worker would read them. */
final class Timeline {

    static final ZoneId BXL = ZoneId.of("Europe/Brussels");

    final Contact contact;
    final Conversation conversation;
    final List<Message> messages = new ArrayList<>();

    private Timeline(Platform p, String handle) {
        contact = Contact.of(p, handle, handle);
        conversation = Conversation.of(p, handle, contact, handle);
    }

    static Timeline of(Platform p, String handle) {
        return new Timeline(p, handle);
    }

    static ZonedDateTime local(String t) {
        return LocalDateTime.parse(t.replace(' ', 'T')).atZone(BXL);
    }

    static Instant at(String t) {
        return local(t).toInstant();
    }

    Timeline in(String t) {
        return add(Direction.INBOUND, t, null);
    }

    Timeline out(String t) {
        return add(Direction.OUTBOUND, t, "camille");
    }

    Timeline out(String t, String worker) {
        return add(Direction.OUTBOUND, t, worker);
    }

    Timeline sys(String t) {
        return add(Direction.SYSTEM, t, null);
    }

    private Timeline add(Direction d, String t, String worker) {
        messages.add(Message.of(conversation.id(), d, local(t), d == Direction.INBOUND ? contact.handle() : "svc",
                worker, d + " " + messages.size(), List.of(), null));
        return this;
    }

    String id() {
        return conversation.id();
    }

    ConversationSummary summary() {
        return MemoryArchive.summarize(conversation, contact, messages);
    }

    ThreadFacts facts() {
        return ThreadFacts.of(conversation.id(), conversation.platform(), contact.id(), messages);
    }
}

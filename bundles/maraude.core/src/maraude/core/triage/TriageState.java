package maraude.core.triage;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable snapshot of everything the team recorded (what {@link TriageStateStore} persists).
 * Computations take a snapshot, so tests can write one by hand.
 */
public record TriageState(
        Map<String, ConversationState> conversations,
        Map<String, ContactFlags> contacts,
        List<Campaign> campaigns,
        List<PermanenceSession> sessions,
        List<ServiceOffer> services) {

    public static final TriageState EMPTY = new TriageState(Map.of(), Map.of(), List.of(), List.of(), List.of());

    /** A state without services offered (older files, hand-written tests). */
    public TriageState(Map<String, ConversationState> conversations, Map<String, ContactFlags> contacts,
            List<Campaign> campaigns, List<PermanenceSession> sessions) {
        this(conversations, contacts, campaigns, sessions, List.of());
    }

    public TriageState {
        conversations = conversations == null ? Map.of() : Map.copyOf(conversations);
        contacts = contacts == null ? Map.of() : Map.copyOf(contacts);
        campaigns = campaigns == null ? List.of() : List.copyOf(campaigns);
        sessions = sessions == null ? List.of() : List.copyOf(sessions);
        services = services == null ? List.of() : List.copyOf(services);
    }

    /** The services offered in one conversation, oldest first. */
    public List<ServiceOffer> services(String conversationId) {
        return services.stream().filter(o -> o.conversationId().equals(conversationId))
                .sorted(Comparator.comparing(ServiceOffer::at)).toList();
    }

    public ConversationState conversation(String id) {
        return conversations.get(id);
    }

    public ContactFlags contact(String id) {
        ContactFlags f = contacts.get(id);
        return f == null ? ContactFlags.none(id) : f;
    }

    /** The last ended session (by end), if any: the queue shows what is new since its end. */
    public Optional<PermanenceSession> lastEndedSession() {
        return sessions.stream().filter(s -> s.end() != null).max(Comparator.comparing(PermanenceSession::end));
    }

    /** The running session, if any (the latest started). */
    public Optional<PermanenceSession> openSession() {
        return sessions.stream().filter(PermanenceSession::isOpen).max(Comparator.comparing(PermanenceSession::start));
    }

    /** Where "new since the last session" starts: the last ended session's end, or null. */
    public Instant newSince() {
        return lastEndedSession().map(PermanenceSession::end).orElse(null);
    }
}

package maraude.core.triage;

import java.time.Instant;
import java.util.Collection;
import java.util.function.Consumer;

/**
 * Where the team's {@link TriageState} lives: the local archive's file ({@link TriageStateStore}) or a
 * team archive's collection, shared by several workers at once. The operations are the store's.
 *
 * <p>
 * A shared implementation writes with optimistic concurrency: a change to a conversation's state or a
 * contact's flags made from a view another worker changed meanwhile is refused with a
 * {@link TriageConflictException} (the view is brought up to date first), never applied over the other
 * change; additions (notes, services, sessions) are merged and never refused.
 */
public interface TriageStates {

    /** The current state (the latest this process has seen). */
    TriageState snapshot();

    /** Sets a worker state on a conversation (notes are kept). */
    ConversationState setState(String conversationId, WorkerState ws, Instant at, String workerId, Instant snoozedUntil);

    /** Removes the worker state of a conversation (the thread goes back to where the rules put it). */
    ConversationState clearState(String conversationId);

    ConversationState addNote(String conversationId, ConversationState.Note note);

    void setContactFlags(ContactFlags flags);

    /** Adds or replaces (same id) a campaign. */
    void putCampaign(Campaign c);

    void removeCampaign(String id);

    /** Records that a service was offered in a conversation. */
    ServiceOffer offerService(String conversationId, ServiceKind kind, Instant at, String workerId);

    /** Removes a service tag (a mistake undone); false when it was not there. */
    boolean withdrawService(String offerId);

    /** Starts a permanence for a worker. */
    PermanenceSession startSession(String workerId, Instant at);

    /** Ends a permanence, leaving a handover note for the next worker. */
    PermanenceSession endSession(String sessionId, Instant at, String handoverNote);

    /** The right to be forgotten: see {@link #forget}. */
    boolean forgetContact(String contactId, Collection<String> conversationIds);

    /**
     * Drops everything the team recorded about these contacts and conversations.
     *
     * @return whether anything was recorded about them
     */
    boolean forget(Collection<String> contactIds, Collection<String> conversationIds);

    /**
     * Calls {@code listener} with each new snapshot that other workers' changes bring, until the
     * returned handle is closed. The local store has nobody else to hear from: it never calls.
     */
    default AutoCloseable subscribe(Consumer<TriageState> listener) {
        return () -> {
        };
    }
}

package maraude.core.triage;

import java.util.Locale;

/** What a worker said about a thread. Applies until a newer inbound message arrives. */
public enum WorkerState {
    /** Answered elsewhere (phone call, in person) or dealt with: leaves the permanence queue. */
    HANDLED,
    /** Nothing to answer ("merci 👍", a suspect profile): leaves the permanence queue. */
    NO_REPLY_NEEDED,
    /** The person will come back (document to send…): moves to the follow-up side. */
    WAITING_FOR_PERSON,
    /** Out of the queue until {@link ConversationState#snoozedUntil()}. */
    SNOOZED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkerState fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}

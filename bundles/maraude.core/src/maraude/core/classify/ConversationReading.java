package maraude.core.classify;

import java.time.Instant;
import java.util.List;

import maraude.core.model.Message;

/**
 * What the queue needs to know of a conversation's text: its language, and what the messages waiting
 * for an answer (the inbound ones after the service's last message) ask.
 *
 * @param intent      {@link Intent#OPT_OUT} when the last waiting message is one; else
 *                    {@link Intent#REPLY} when any waiting message needs an answer; else
 *                    {@link Intent#CLOSING} (only thanks and acknowledgements are waiting)
 * @param urgency     every urgency of the waiting messages (PEP hours counted from each message)
 * @param lastInbound the newest waiting message's time (null when nothing waits)
 */
public record ConversationReading(ConversationLanguage.Decision language, Intent intent, List<Urgency> urgency,
        Instant lastInbound) {

    /**
     * How many of the newest waiting inbound messages are read for intent and urgency. Real waiting
     * tails are a few messages; a thread whose service lines were not recognised (an export imported
     * without {@code --us}) would otherwise have every message of its history classified on every
     * queue load.
     */
    public static final int MAX_WAITING = 30;

    public ConversationReading {
        urgency = List.copyOf(urgency);
    }

    public boolean urgent() {
        return !urgency.isEmpty();
    }

    /** The fewest PEP hours left among the urgencies, or null when there is no PEP urgency. */
    public Integer pepHoursLeft() {
        Integer min = null;
        for (Urgency u : urgency) {
            if (u.kind() == UrgencyKind.PEP && u.hoursLeft() != null && (min == null || u.hoursLeft() < min)) {
                min = u.hoursLeft();
            }
        }
        return min;
    }

    /**
     * Reads a thread (oldest first; system lines are skipped).
     *
     * @param override     the worker's language for the contact, or null
     * @param contactPrior the contact's language in other conversations, or null
     * @param teamDefault  the team's default language, or null
     */
    public static ConversationReading read(MessageClassifier classifier, List<Message> thread, String override,
            String contactPrior, String teamDefault, Instant now) {
        return readAskingPrior(classifier, thread, override, () -> contactPrior, teamDefault, now);
    }

    /** {@link #read}, the contact's prior asked for only when the override and the thread do not tell. */
    public static ConversationReading readAskingPrior(MessageClassifier classifier, List<Message> thread, String override,
            java.util.function.Supplier<String> contactPrior, String teamDefault, Instant now) {
        return ThreadReading.of(classifier, thread).resolve(override, contactPrior, teamDefault, now);
    }
}

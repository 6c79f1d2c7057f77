package maraude.core.triage;

import java.time.Duration;
import java.time.Instant;

import maraude.core.archive.ConversationSummary;
import maraude.core.classify.ConversationReading;
import maraude.core.classify.Intent;

/**
 * One thread of the permanence queue ("they wrote, we have not answered").
 *
 * @param waitingSince   oldest inbound message after the service's last answer
 * @param age            now − waitingSince (real elapsed time, daylight-saving changes included)
 * @param band           age band index in the policy's {@link AgeBands}
 * @param overdue        waiting longer than the platform's response target
 * @param expiresAt      when the platform deletes the oldest unanswered message (null: never)
 * @param expiringSoon   expiresAt is within the policy's horizon and not past
 * @param expired        expiresAt is past: the thread is gone from the platform (kept in the archive)
 * @param isNew          the person wrote after the last permanence session ended
 * @param backFromSnooze a snooze ended without a newer message
 * @param reading        language, intent and urgency of the waiting messages (null when not read)
 */
public record QueueItem(
        ConversationSummary summary,
        Instant waitingSince,
        Duration age,
        int band,
        String bandKey,
        boolean overdue,
        Instant expiresAt,
        boolean expiringSoon,
        boolean expired,
        boolean isNew,
        boolean backFromSnooze,
        ContactFlags contact,
        ConversationState state,
        ConversationReading reading) {

    /** An item whose text was not read. */
    public QueueItem(ConversationSummary summary, Instant waitingSince, Duration age, int band, String bandKey,
            boolean overdue, Instant expiresAt, boolean expiringSoon, boolean expired, boolean isNew,
            boolean backFromSnooze, ContactFlags contact, ConversationState state) {
        this(summary, waitingSince, age, band, bandKey, overdue, expiresAt, expiringSoon, expired, isNew, backFromSnooze,
                contact, state, null);
    }

    public boolean urgent() {
        return reading != null && reading.urgent();
    }

    /** The intent of the waiting messages; {@link Intent#REPLY} when not read. */
    public Intent intent() {
        return reading == null ? Intent.REPLY : reading.intent();
    }

    /** The conversation's language, null when not read. */
    public String language() {
        return reading == null ? null : reading.language().language();
    }

    public String conversationId() {
        return summary.conversationId();
    }
}

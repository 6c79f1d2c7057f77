package maraude.core.triage;

import java.time.Duration;
import java.time.Instant;

import maraude.core.archive.ConversationSummary;

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
        ConversationState state) {

    public String conversationId() {
        return summary.conversationId();
    }
}

package maraude.core.triage;

import java.time.Duration;
import java.time.Instant;

import maraude.core.archive.ConversationSummary;

/**
 * One thread of the follow-up side ("we wrote, they have not answered"), or one a worker marked as
 * waiting for the person.
 *
 * @param since             the service's last message
 * @param silence           now − since
 * @param neverAnswered     the person never wrote in this thread
 * @param waitingForPerson  a worker set "waiting for the person" (and nothing newer came in)
 */
public record FollowUpItem(
        ConversationSummary summary,
        Instant since,
        Duration silence,
        boolean neverAnswered,
        boolean waitingForPerson,
        ContactFlags contact,
        ConversationState state) {
}

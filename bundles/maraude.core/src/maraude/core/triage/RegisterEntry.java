package maraude.core.triage;

import java.time.Instant;

import maraude.core.model.Platform;

/**
 * One contact of the register (what teams keep today in shared spreadsheets).
 *
 * @param firstContact     the service's first message to the contact (null if the person wrote first
 *                         and the service never did)
 * @param initiatedByService the service wrote first
 * @param replies          messages from the person
 * @param followUpsSent    follow-ups detected (see {@link ThreadFacts#followUps})
 * @param neverAnswered    "unknown public": the service wrote, never a word back
 * @param nextFollowUp     when the policy proposes the next gentle follow-up (null: none, e.g. do not
 *                         contact, maximum reached, conversation active, or the person wrote last)
 */
public record RegisterEntry(
        String contactId,
        Platform platform,
        String contactName,
        String conversationId,
        Instant firstContact,
        boolean initiatedByService,
        int replies,
        int messagesSent,
        Instant lastInbound,
        Instant lastOutbound,
        int followUpsSent,
        boolean neverAnswered,
        Instant nextFollowUp,
        ContactFlags flags,
        Instant optedOutAt) {

    /** An entry without opt-out (hand-written tests, older callers). */
    public RegisterEntry(String contactId, Platform platform, String contactName, String conversationId,
            Instant firstContact, boolean initiatedByService, int replies, int messagesSent, Instant lastInbound,
            Instant lastOutbound, int followUpsSent, boolean neverAnswered, Instant nextFollowUp, ContactFlags flags) {
        this(contactId, platform, contactName, conversationId, firstContact, initiatedByService, replies, messagesSent,
                lastInbound, lastOutbound, followUpsSent, neverAnswered, nextFollowUp, flags, null);
    }

    /** Not to be contacted: marked so by a worker, or the person asked and nobody decided yet. */
    public boolean notToContact() {
        return flags.doNotContact() || optedOutAt != null;
    }
}

package maraude.core.report;

import java.time.Duration;

import java.util.EnumMap;
import java.util.Map;

import maraude.core.model.Platform;
import maraude.core.triage.ServiceKind;

/**
 * Figures of one platform (or of all, {@code platform == null}) over a report period.
 *
 * @param contactsInitiated  contacts whose first message from the service falls in the period
 * @param conversations      threads with a message (either way) in the period
 * @param peopleReplied      contacts who wrote in the period
 * @param initiatedReplied   of contactsInitiated, those who wrote back (until the period's end)
 * @param medianReply        median time the service took to answer a run of messages started in the
 *                           period (null without samples)
 * @param followUpsSent      gentle follow-ups sent in the period
 * @param unknownPublic      contacts written to in the period who never wrote back (until its end)
 * @param servicesOffered    services tagged by workers in the period, per kind (every kind present)
 * @param optOuts            contacts whose last message, written in the period, asked not to be
 *                           contacted again (read by the message classifier)
 */
public record ReportRow(
        Platform platform,
        int contactsInitiated,
        int conversations,
        int inboundMessages,
        int outboundMessages,
        int peopleReplied,
        int initiatedReplied,
        Duration medianReply,
        int replySamples,
        int followUpsSent,
        int unknownPublic,
        Map<ServiceKind, Integer> servicesOffered,
        int optOuts) {

    /** A row without opt-outs (hand-written tests, older callers). */
    public ReportRow(Platform platform, int contactsInitiated, int conversations, int inboundMessages,
            int outboundMessages, int peopleReplied, int initiatedReplied, Duration medianReply, int replySamples,
            int followUpsSent, int unknownPublic, Map<ServiceKind, Integer> servicesOffered) {
        this(platform, contactsInitiated, conversations, inboundMessages, outboundMessages, peopleReplied,
                initiatedReplied, medianReply, replySamples, followUpsSent, unknownPublic, servicesOffered, 0);
    }

    public ReportRow {
        EnumMap<ServiceKind, Integer> all = new EnumMap<>(ServiceKind.class);
        for (ServiceKind k : ServiceKind.values()) {
            all.put(k, servicesOffered == null ? 0 : servicesOffered.getOrDefault(k, 0));
        }
        servicesOffered = java.util.Collections.unmodifiableMap(all);
    }

    /** initiatedReplied / contactsInitiated, NaN without contacts initiated. */
    public double responseRate() {
        return contactsInitiated == 0 ? Double.NaN : (double) initiatedReplied / contactsInitiated;
    }
}

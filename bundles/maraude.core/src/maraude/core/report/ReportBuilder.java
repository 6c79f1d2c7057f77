package maraude.core.report;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import maraude.core.model.Platform;
import maraude.core.triage.Campaign;
import maraude.core.triage.CampaignResult;
import maraude.core.triage.ServiceKind;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.ThreadFacts;
import maraude.core.triage.Triage;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageState;

/** Computes a {@link FundersReport} from thread facts (see {@link maraude.core.triage.TriageService#facts()}). */
public final class ReportBuilder {

    private ReportBuilder() {
    }

    /** The report from the facts and everything the team recorded (campaigns, services offered). */
    public static FundersReport build(Collection<ThreadFacts> facts, TriageState recorded, TriagePolicy policy,
            Instant from, Instant to, ZoneId zone) {
        return build(facts, recorded.campaigns(), recorded.services(), policy, from, to, zone);
    }

    public static FundersReport build(Collection<ThreadFacts> facts, List<Campaign> campaigns, TriagePolicy policy,
            Instant from, Instant to, ZoneId zone) {
        return build(facts, campaigns, List.of(), policy, from, to, zone);
    }

    /**
     * Services offered count in the period of their tag, under the platform of their conversation; a tag
     * whose conversation is gone (purged) still counts in the total.
     */
    public static FundersReport build(Collection<ThreadFacts> facts, List<Campaign> campaigns,
            List<ServiceOffer> services, TriagePolicy policy, Instant from, Instant to, ZoneId zone) {
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("empty period: " + from + " .. " + to); //$NON-NLS-1$ //$NON-NLS-2$
        }
        Map<Platform, Acc> acc = new EnumMap<>(Platform.class);
        Acc total = new Acc();
        for (ThreadFacts f : facts) {
            Acc a = acc.computeIfAbsent(f.platform(), p -> new Acc());
            a.add(f, policy, from, to);
            total.add(f, policy, from, to);
        }
        Map<String, Platform> platformOf = new HashMap<>();
        for (ThreadFacts f : facts) {
            platformOf.put(f.conversationId(), f.platform());
        }
        for (ServiceOffer o : services) {
            if (!o.at().isBefore(from) && o.at().isBefore(to)) {
                total.services.merge(o.kind(), 1, Integer::sum);
                Platform p = platformOf.get(o.conversationId());
                if (p != null) {
                    Acc a = acc.computeIfAbsent(p, x -> new Acc());
                    a.services.merge(o.kind(), 1, Integer::sum);
                    a.active = true;
                }
            }
        }
        List<ReportRow> rows = new ArrayList<>();
        for (Map.Entry<Platform, Acc> e : acc.entrySet()) {
            if (e.getValue().active) {
                rows.add(e.getValue().row(e.getKey()));
            }
        }
        rows.add(total.row(null));
        List<Campaign> inPeriod = campaigns.stream()
                .filter(c -> !c.sentAt().isBefore(from) && c.sentAt().isBefore(to)).toList();
        List<CampaignResult> cr = Triage.campaigns(facts, inPeriod, policy);
        return new FundersReport(from, to, zone, rows, cr, policy.smallCount());
    }

    /** Per-platform accumulator; contacts are counted once per platform (and once in the total). */
    private static final class Acc {
        boolean active;
        final Set<String> initiated = new HashSet<>();
        final Set<String> initiatedReplied = new HashSet<>();
        final Set<String> replied = new HashSet<>();
        final Set<String> unknown = new HashSet<>();
        final Set<String> optOuts = new HashSet<>();
        int conversations;
        int inbound;
        int outbound;
        int followUps;
        long[] replyTimes = new long[16];
        int nReply;
        final Map<ServiceKind, Integer> services = new EnumMap<>(ServiceKind.class);

        void add(ThreadFacts f, TriagePolicy policy, Instant from, Instant to) {
            int in = f.inboundBetween(from, to);
            int out = f.outboundBetween(from, to);
            if (in + out == 0) {
                return;
            }
            active = true;
            conversations++;
            inbound += in;
            outbound += out;
            if (in > 0) {
                replied.add(f.contactId());
            }
            Instant first = f.firstOutbound();
            if (f.initiatedByService() && !first.isBefore(from) && first.isBefore(to)) {
                initiated.add(f.contactId());
                Instant reply = f.firstInboundAfter(first);
                if (reply != null && reply.isBefore(to)) {
                    initiatedReplied.add(f.contactId());
                }
            }
            Instant optOut = f.optedOutAt();
            if (optOut != null && !optOut.isBefore(from) && optOut.isBefore(to)) {
                optOuts.add(f.contactId());
            }
            if (out > 0 && (f.firstInbound() == null || !f.firstInbound().isBefore(to))) {
                unknown.add(f.contactId());
            }
            for (Instant fu : f.followUps(policy.followUpDetectGap())) {
                if (!fu.isBefore(from) && fu.isBefore(to)) {
                    followUps++;
                }
            }
            f.forEachReplyTime(from.toEpochMilli(), to.toEpochMilli(), (start, took) -> {
                if (nReply == replyTimes.length) {
                    replyTimes = Arrays.copyOf(replyTimes, nReply * 2);
                }
                replyTimes[nReply++] = took;
            });
        }

        ReportRow row(Platform p) {
            Duration median = null;
            if (nReply > 0) {
                long[] a = Arrays.copyOf(replyTimes, nReply);
                Arrays.sort(a);
                median = Duration.ofMillis(Triage.percentile(a, 0.5));
            }
            return new ReportRow(p, initiated.size(), conversations, inbound, outbound, replied.size(),
                    initiatedReplied.size(), median, nReply, followUps, unknown.size(), services, optOuts.size());
        }
    }
}

package maraude.core.triage;

import java.time.Duration;
import java.time.Period;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import maraude.core.model.Platform;

/**
 * A team's triage settings. Immutable; change one setting with the {@code with…} methods.
 *
 * @param bands              age bands of waiting threads
 * @param responseTargets    how fast the team wants to answer, per platform (missing: {@code defaultTarget})
 * @param defaultTarget      response target of platforms not in {@code responseTargets}
 * @param expiryHorizon      a thread whose platform deletes it within this time goes to the top of the queue
 * @param followUpAfter      calendar time without reply after which one gentle follow-up is proposed (P3M)
 * @param maxFollowUps       follow-ups proposed at most, per contact
 * @param activeWindow       a contact with a message this recent is "active": no follow-up is proposed
 * @param followUpDetectGap  an outbound message after at least this much silence from both sides, when we
 *                           wrote last, is counted as a follow-up sent
 * @param campaignSendSpread a campaign's messages go out within this time after its date
 * @param campaignWindow     replies this long after a campaign message are attributed to it
 * @param smallCount         counts below this are shown as "<n" in reports that leave the team
 */
public record TriagePolicy(
        AgeBands bands,
        Map<Platform, Duration> responseTargets,
        Duration defaultTarget,
        Duration expiryHorizon,
        Period followUpAfter,
        int maxFollowUps,
        Duration activeWindow,
        Duration followUpDetectGap,
        Duration campaignSendSpread,
        Duration campaignWindow,
        int smallCount) {

    public TriagePolicy {
        Objects.requireNonNull(bands, "bands"); //$NON-NLS-1$
        responseTargets = responseTargets == null ? Map.of() : Map.copyOf(responseTargets);
        Objects.requireNonNull(defaultTarget, "defaultTarget"); //$NON-NLS-1$
        Objects.requireNonNull(expiryHorizon, "expiryHorizon"); //$NON-NLS-1$
        Objects.requireNonNull(followUpAfter, "followUpAfter"); //$NON-NLS-1$
        Objects.requireNonNull(activeWindow, "activeWindow"); //$NON-NLS-1$
        Objects.requireNonNull(followUpDetectGap, "followUpDetectGap"); //$NON-NLS-1$
        Objects.requireNonNull(campaignSendSpread, "campaignSendSpread"); //$NON-NLS-1$
        Objects.requireNonNull(campaignWindow, "campaignWindow"); //$NON-NLS-1$
        if (maxFollowUps < 0 || smallCount < 0 || followUpAfter.isNegative() || followUpAfter.isZero()) {
            throw new IllegalArgumentException("invalid policy"); //$NON-NLS-1$
        }
    }

    /**
     * Defaults: bands &lt;4 h, 4–24 h, 1–3 d, &gt;3 d; answer within 24 h (12 h on ad platforms, whose
     * messages vanish after a week); expiry horizon 48 h; one follow-up after 3 months; active window 30
     * days; campaigns spread over 2 h, replies attributed for 21 days; counts under 5 hidden.
     */
    public static TriagePolicy defaults() {
        Map<Platform, Duration> targets = new EnumMap<>(Platform.class);
        targets.put(Platform.AD_INBOX, Duration.ofHours(12));
        return new TriagePolicy(AgeBands.defaults(), targets, Duration.ofHours(24), Duration.ofHours(48),
                Period.ofMonths(3), 1, Duration.ofDays(30), Duration.ofDays(28), Duration.ofHours(2),
                Duration.ofDays(21), 5);
    }

    public Duration responseTarget(Platform p) {
        return responseTargets.getOrDefault(p, defaultTarget);
    }

    public TriagePolicy withBands(AgeBands b) {
        return new TriagePolicy(b, responseTargets, defaultTarget, expiryHorizon, followUpAfter, maxFollowUps,
                activeWindow, followUpDetectGap, campaignSendSpread, campaignWindow, smallCount);
    }

    public TriagePolicy withResponseTarget(Platform p, Duration d) {
        Map<Platform, Duration> t = new EnumMap<>(Platform.class);
        t.putAll(responseTargets);
        t.put(p, d);
        return new TriagePolicy(bands, t, defaultTarget, expiryHorizon, followUpAfter, maxFollowUps, activeWindow,
                followUpDetectGap, campaignSendSpread, campaignWindow, smallCount);
    }

    public TriagePolicy withFollowUps(Period after, int max) {
        return new TriagePolicy(bands, responseTargets, defaultTarget, expiryHorizon, after, max, activeWindow,
                followUpDetectGap, campaignSendSpread, campaignWindow, smallCount);
    }

    public TriagePolicy withSmallCount(int n) {
        return new TriagePolicy(bands, responseTargets, defaultTarget, expiryHorizon, followUpAfter, maxFollowUps,
                activeWindow, followUpDetectGap, campaignSendSpread, campaignWindow, n);
    }
}

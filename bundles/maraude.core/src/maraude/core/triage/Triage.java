package maraude.core.triage;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import maraude.core.archive.ConversationSummary;
import maraude.core.model.Direction;
import maraude.core.model.Platform;

/**
 * The triage rules, as pure functions of conversation summaries (or thread facts), the team's recorded
 * state, a policy and the current instant. No I/O: {@link TriageService} feeds them from an archive.
 *
 * <p>
 * Rules:
 * <ul>
 * <li>A thread awaits a reply when its last meaningful message (system lines excluded; importers record
 * platform auto-replies as system lines) is inbound. Its age runs from the oldest inbound message after
 * the service's last one.</li>
 * <li>A worker state set at T holds until an inbound message newer than T arrives; a snooze also ends at
 * its date.</li>
 * <li>The permanence queue (they wrote, we did not answer) and the follow-up side (we wrote, they did
 * not answer, or "waiting for the person") never share a thread.</li>
 * </ul>
 */
public final class Triage {

    private Triage() {
    }

    // ----------------------------------------------------------------------------------- queue

    public static PermanenceQueue queue(Collection<ConversationSummary> summaries, TriageState state,
            TriagePolicy policy, Instant now) {
        AgeBands bands = policy.bands();
        Instant newSince = state.newSince();
        List<QueueItem> items = new ArrayList<>();
        int[] byBand = new int[bands.count()];
        Map<Platform, int[]> byPlatform = new EnumMap<>(Platform.class);
        Map<WorkerState, Integer> hidden = new EnumMap<>(WorkerState.class);
        int overdue = 0;
        int expiring = 0;
        int expired = 0;
        int fresh = 0;
        for (ConversationSummary s : summaries) {
            if (!awaitsReply(s)) {
                continue;
            }
            ConversationState cs = state.conversation(s.conversationId());
            WorkerState eff = cs == null ? null : cs.effective(s.lastInbound(), now);
            if (eff != null) {
                hidden.merge(eff, 1, Integer::sum);
                continue;
            }
            QueueItem item = item(s, cs, state.contact(s.contactId()), policy, now, newSince);
            items.add(item);
            byBand[item.band()]++;
            byPlatform.computeIfAbsent(s.platform(), p -> new int[bands.count()])[item.band()]++;
            overdue += item.overdue() ? 1 : 0;
            expiring += item.expiringSoon() ? 1 : 0;
            expired += item.expired() ? 1 : 0;
            fresh += item.isNew() ? 1 : 0;
        }
        items.sort(URGENCY);
        return new PermanenceQueue(now, List.copyOf(items), byBand, byPlatform, overdue, expiring, expired, fresh,
                hidden, newSince);
    }

    /** The last meaningful message is inbound and there is an unanswered inbound message. */
    public static boolean awaitsReply(ConversationSummary s) {
        return s.lastMeaningfulDirection() == Direction.INBOUND && s.oldestUnansweredInbound() != null;
    }

    static QueueItem item(ConversationSummary s, ConversationState cs, ContactFlags flags, TriagePolicy policy,
            Instant now, Instant newSince) {
        Instant since = s.oldestUnansweredInbound();
        Duration age = Duration.between(since, now);
        if (age.isNegative()) {
            age = Duration.ZERO;
        }
        int band = policy.bands().bandOf(age);
        boolean overdue = age.compareTo(policy.responseTarget(s.platform())) > 0;
        Instant expiresAt = expiry(s.platform(), since);
        boolean expired = expiresAt != null && !expiresAt.isAfter(now);
        boolean soon = expiresAt != null && !expired
                && Duration.between(now, expiresAt).compareTo(policy.expiryHorizon()) <= 0;
        boolean isNew = newSince != null && s.lastInbound() != null && s.lastInbound().isAfter(newSince);
        boolean backFromSnooze = cs != null && cs.state() == WorkerState.SNOOZED && cs.snoozedUntil() != null
                && !now.isBefore(cs.snoozedUntil())
                && (s.lastInbound() == null || !s.lastInbound().isAfter(cs.setAt()));
        return new QueueItem(s, since, age, band, policy.bands().key(band), overdue, expiresAt, soon, expired, isNew,
                backFromSnooze, flags, cs);
    }

    /**
     * When a platform that deletes messages will have deleted the oldest message still waiting: from
     * then on the thread cannot be answered there. Null for platforms that keep messages.
     */
    public static Instant expiry(Platform platform, Instant oldestUnanswered) {
        Optional<Duration> r = platform.retention();
        return r.isPresent() && oldestUnanswered != null ? oldestUnanswered.plus(r.get()) : null;
    }

    /**
     * Expiring soon first (soonest expiry first), then the longest waiting; ties by conversation id.
     * Written out by hand: it runs a few hundred thousand times per refresh on a large archive.
     */
    public static final Comparator<QueueItem> URGENCY = (a, b) -> {
        if (a.expiringSoon() != b.expiringSoon()) {
            return a.expiringSoon() ? -1 : 1;
        }
        if (a.expiringSoon()) {
            int c = a.expiresAt().compareTo(b.expiresAt());
            if (c != 0) {
                return c;
            }
        }
        int c = a.waitingSince().compareTo(b.waitingSince());
        return c != 0 ? c : a.conversationId().compareTo(b.conversationId());
    };

    // ----------------------------------------------------------------------------------- follow-up side

    /**
     * "We wrote, they have not answered": threads whose last meaningful message is outbound, plus
     * awaiting threads a worker marked as waiting for the person. Longest silence first. Threads a worker
     * marked handled or no-reply-needed stay listed with their state.
     */
    public static List<FollowUpItem> followUpSide(Collection<ConversationSummary> summaries, TriageState state,
            Instant now) {
        List<FollowUpItem> out = new ArrayList<>();
        for (ConversationSummary s : summaries) {
            ConversationState cs = state.conversation(s.conversationId());
            WorkerState eff = cs == null ? null : cs.effective(s.lastInbound(), now);
            boolean weWroteLast = s.lastMeaningfulDirection() == Direction.OUTBOUND && s.lastOutbound() != null;
            boolean waiting = eff == WorkerState.WAITING_FOR_PERSON;
            if (!weWroteLast && !waiting) {
                continue;
            }
            Instant since = weWroteLast ? s.lastOutbound() : cs.setAt();
            Duration silence = Duration.between(since, now);
            out.add(new FollowUpItem(s, since, silence.isNegative() ? Duration.ZERO : silence, s.lastInbound() == null,
                    waiting, state.contact(s.contactId()), cs));
        }
        out.sort(LONGEST_SILENCE);
        return out;
    }

    /** Longest silence first, then by conversation id; written out for speed like {@link #URGENCY}. */
    private static final Comparator<FollowUpItem> LONGEST_SILENCE = (a, b) -> {
        int c = a.since().compareTo(b.since());
        return c != 0 ? c : a.summary().conversationId().compareTo(b.summary().conversationId());
    };

    // ----------------------------------------------------------------------------------- register

    /**
     * One row per contact (its threads merged), oldest first contact first. {@code names} gives the
     * display name and a conversation id per contact (from the summaries).
     */
    public static List<RegisterEntry> register(Collection<ThreadFacts> facts, Map<String, String> names,
            TriageState state, TriagePolicy policy, Instant now, ZoneId zone) {
        // Most contacts have one thread: keep the thread itself, a list only for the others.
        Map<String, Object> byContact = new LinkedHashMap<>(Math.max(16, facts.size() * 4 / 3));
        for (ThreadFacts f : facts) {
            byContact.merge(f.contactId(), f, (a, b) -> {
                @SuppressWarnings("unchecked")
                List<ThreadFacts> l = a instanceof List<?> ? (List<ThreadFacts>) a : new ArrayList<>(List.of((ThreadFacts) a));
                l.add((ThreadFacts) b);
                return l;
            });
        }
        Duration gap = policy.followUpDetectGap();
        List<RegisterEntry> out = new ArrayList<>(byContact.size());
        for (Map.Entry<String, Object> e : byContact.entrySet()) {
            @SuppressWarnings("unchecked")
            ThreadFacts f = e.getValue() instanceof ThreadFacts one ? one : ThreadFacts.merge((List<ThreadFacts>) e.getValue());
            ContactFlags flags = state.contact(e.getKey());
            int followUps = f.followUpCount(gap);
            out.add(new RegisterEntry(e.getKey(), f.platform(), names.getOrDefault(e.getKey(), ""), //$NON-NLS-1$
                    f.conversationId(), f.firstOutbound(), f.initiatedByService(), f.inboundCount(),
                    f.outboundCount(), f.lastInbound(), f.lastOutbound(), followUps, f.neverAnswered(),
                    nextFollowUp(f, followUps, flags, policy, now, zone), flags));
        }
        out.sort(FIRST_CONTACT);
        return out;
    }

    /** Oldest first contact first (never contacted last), then by contact id; written out for speed. */
    private static final Comparator<RegisterEntry> FIRST_CONTACT = (a, b) -> {
        Instant x = a.firstContact();
        Instant y = b.firstContact();
        if (x != y) {
            if (x == null) {
                return 1;
            }
            if (y == null) {
                return -1;
            }
            int c = x.compareTo(y);
            if (c != 0) {
                return c;
            }
        }
        return a.contactId().compareTo(b.contactId());
    };

    /**
     * The follow-up policy: when the service wrote last and the person has been silent, propose one
     * gentle follow-up {@code followUpAfter} (calendar months in the team's zone) after the service's
     * last message; never for do-not-contact contacts, never beyond {@code maxFollowUps}, never while
     * the contact is active (a message within {@code activeWindow} of now, or the person wrote last).
     */
    public static Instant nextFollowUp(ThreadFacts f, int followUpsSent, ContactFlags flags, TriagePolicy policy,
            Instant now, ZoneId zone) {
        Instant lastOut = f.lastOutbound();
        if (flags.doNotContact() || lastOut == null || followUpsSent >= policy.maxFollowUps()) {
            return null;
        }
        Instant lastIn = f.lastInbound();
        if (lastIn != null && !lastIn.isBefore(lastOut)) {
            return null; // the person wrote last: that is the permanence queue's business
        }
        Instant last = f.lastMessage();
        if (Duration.between(last, now).compareTo(policy.activeWindow()) < 0) {
            return null; // active conversation
        }
        return ZonedDateTime.ofInstant(lastOut, zone).plus(policy.followUpAfter()).toInstant();
    }

    /** Rows whose next follow-up falls before the end of the current week (Sunday midnight, local). */
    public static List<RegisterEntry> dueThisWeek(List<RegisterEntry> register, Instant now, ZoneId zone) {
        Instant end = endOfWeek(now, zone);
        List<RegisterEntry> out = new ArrayList<>();
        for (RegisterEntry r : register) {
            if (r.nextFollowUp() != null && r.nextFollowUp().isBefore(end)) {
                out.add(r);
            }
        }
        out.sort(Comparator.comparing(RegisterEntry::nextFollowUp).thenComparing(RegisterEntry::contactId));
        return out;
    }

    /** Next Monday 00:00 in the zone (exclusive end of the current week). */
    public static Instant endOfWeek(Instant now, ZoneId zone) {
        LocalDate d = LocalDate.ofInstant(now, zone).with(TemporalAdjusters.next(DayOfWeek.MONDAY));
        return d.atStartOfDay(zone).toInstant();
    }

    /** Monday of the week of an instant, in the zone. */
    public static LocalDate weekStart(Instant t, ZoneId zone) {
        return LocalDate.ofInstant(t, zone).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    // ----------------------------------------------------------------------------------- campaigns

    /** Attributes recipients and replies to each campaign (see {@link CampaignResult}). */
    public static List<CampaignResult> campaigns(Collection<ThreadFacts> facts, List<Campaign> campaigns,
            TriagePolicy policy) {
        List<Campaign> sorted = new ArrayList<>(campaigns);
        sorted.sort(Comparator.comparing(Campaign::sentAt).thenComparing(Campaign::id));
        int[] seen = new int[sorted.size()];
        int[] replied = new int[sorted.size()];
        for (ThreadFacts f : facts) {
            for (int i = 0; i < sorted.size(); i++) {
                Campaign c = sorted.get(i);
                if (c.platform() != null && c.platform() != f.platform()) {
                    continue;
                }
                List<Instant> sends = f.outboundIn(c.sentAt(), c.sentAt().plus(policy.campaignSendSpread()));
                if (sends.isEmpty()) {
                    continue;
                }
                seen[i]++;
                Instant reply = f.firstInboundAfter(sends.get(0));
                if (reply != null && !reply.isAfter(sends.get(0).plus(policy.campaignWindow()))
                        && !repliedToLaterCampaign(f, sorted, i, reply, policy)) {
                    replied[i]++;
                }
            }
        }
        List<CampaignResult> out = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            Campaign c = sorted.get(i);
            out.add(new CampaignResult(c, seen[i], replied[i], c.recipients() > 0 ? c.recipients() : seen[i]));
        }
        return out;
    }

    /** A reply that comes after a later campaign reached the same thread belongs to that later one. */
    private static boolean repliedToLaterCampaign(ThreadFacts f, List<Campaign> sorted, int i, Instant reply,
            TriagePolicy policy) {
        for (int j = i + 1; j < sorted.size(); j++) {
            Campaign later = sorted.get(j);
            if (!later.sentAt().isBefore(reply)) {
                break;
            }
            if ((later.platform() == null || later.platform() == f.platform())
                    && !f.outboundIn(later.sentAt(), later.sentAt().plus(policy.campaignSendSpread())).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    // ----------------------------------------------------------------------------------- backlog

    /**
     * Dashboard figures: the queue's bands per platform and per worker (worker of the thread's last
     * outbound message, from {@code facts}; "" when unknown), reply times per week for runs that started
     * in [from, to), follow-ups due this week and the oldest waiting thread.
     */
    public static BacklogStats backlog(PermanenceQueue queue, Map<String, ThreadFacts> factsByConversation,
            List<RegisterEntry> register, TriagePolicy policy, Instant from, Instant to, ZoneId zone) {
        int n = policy.bands().count();
        Map<Platform, int[]> byPlatform = new EnumMap<>(Platform.class);
        Map<String, int[]> byWorker = new TreeMap<>();
        int[] total = new int[n];
        QueueItem oldest = null;
        for (QueueItem q : queue.items()) {
            total[q.band()]++;
            byPlatform.computeIfAbsent(q.summary().platform(), p -> new int[n])[q.band()]++;
            ThreadFacts f = factsByConversation.get(q.conversationId());
            String w = f == null ? "" : f.lastOutboundWorker(); //$NON-NLS-1$
            byWorker.computeIfAbsent(w, k -> new int[n])[q.band()]++;
            if (oldest == null || q.waitingSince().isBefore(oldest.waitingSince())) {
                oldest = q;
            }
        }
        List<ReplyTimeStats> weeks = replyTimesByWeek(factsByConversation.values(), from, to, zone);
        int due = register == null ? 0 : dueThisWeek(register, queue.now(), zone).size();
        return new BacklogStats(policy.bands().keys(), total, byPlatform, byWorker, weeks, due, oldest);
    }

    /** Reply times grouped by the local week in which the inbound run started, for runs in [from, to). */
    public static List<ReplyTimeStats> replyTimesByWeek(Collection<ThreadFacts> facts, Instant from, Instant to,
            ZoneId zone) {
        List<ReplyTimeStats> out = new ArrayList<>();
        if (!from.isBefore(to)) {
            return out;
        }
        // Every week of the range appears, empty ones too, so charts have no gaps. Week starts are local
        // midnights (daylight saving included), computed once; each reply finds its week by bisection.
        List<LocalDate> weeks = new ArrayList<>();
        for (LocalDate w = weekStart(from, zone); w.atStartOfDay(zone).toInstant().isBefore(to); w = w.plusWeeks(1)) {
            weeks.add(w);
        }
        long[] starts = new long[weeks.size()];
        for (int i = 0; i < starts.length; i++) {
            starts[i] = weeks.get(i).atStartOfDay(zone).toInstant().toEpochMilli();
        }
        LongList[] byWeek = new LongList[starts.length];
        for (ThreadFacts f : facts) {
            f.forEachReplyTime(from.toEpochMilli(), to.toEpochMilli(), (start, took) -> {
                int i = Arrays.binarySearch(starts, start);
                int w = i >= 0 ? i : -i - 2;
                if (byWeek[w] == null) {
                    byWeek[w] = new LongList();
                }
                byWeek[w].add(took);
            });
        }
        for (int i = 0; i < starts.length; i++) {
            LongList l = byWeek[i];
            if (l == null) {
                out.add(new ReplyTimeStats(weeks.get(i), 0, null, null));
            } else {
                long[] a = l.sorted();
                out.add(new ReplyTimeStats(weeks.get(i), a.length, Duration.ofMillis(percentile(a, 0.5)),
                        Duration.ofMillis(percentile(a, 0.9))));
            }
        }
        return out;
    }

    /** Nearest-rank percentile of a sorted, non-empty array. */
    public static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Contact id → display name, and conversation id → summary, from summaries. */
    public static Map<String, String> names(Collection<ConversationSummary> summaries) {
        Map<String, String> m = new HashMap<>();
        for (ConversationSummary s : summaries) {
            m.putIfAbsent(s.contactId(), s.contactName());
        }
        return m;
    }

    /** A growable list of longs (reply times) without boxing. */
    static final class LongList {
        private long[] a = new long[8];
        private int n;

        void add(long v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        long[] sorted() {
            long[] c = Arrays.copyOf(a, n);
            Arrays.sort(c);
            return c;
        }
    }
}

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
import maraude.core.classify.ConversationReading;
import maraude.core.classify.Intent;
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
 * <li>When the waiting messages were read ({@link ConversationReading}): urgent threads first (fewest
 * PEP hours left first), then those needing a reply, then opt-outs, then closings (thanks, ok), each
 * group by expiry then age. Closings older than the team's auto-close delay leave the queue as "no
 * reply needed"; they come back when the person writes again, since the reading changes.</li>
 * </ul>
 */
public final class Triage {

    private Triage() {
    }

    // ----------------------------------------------------------------------------------- queue

    public static PermanenceQueue queue(Collection<ConversationSummary> summaries, TriageState state,
            TriagePolicy policy, Instant now) {
        return queue(summaries, state, policy, now, Map.of(), null);
    }

    /**
     * The queue with what the waiting messages say.
     *
     * @param readings     by conversation id; a thread without a reading is taken to need a reply
     * @param autoCloseAfter closings waiting longer than this leave the queue; null: never
     */
    public static PermanenceQueue queue(Collection<ConversationSummary> summaries, TriageState state,
            TriagePolicy policy, Instant now, Map<String, ConversationReading> readings, Duration autoCloseAfter) {
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
        int[] intents = new int[Intent.values().length];
        int urgent = 0;
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
            ConversationReading reading = readings.get(s.conversationId());
            if (reading != null && autoCloseAfter != null && reading.intent() == Intent.CLOSING
                    && reading.lastInbound() != null && !reading.lastInbound().plus(autoCloseAfter).isAfter(now)) {
                hidden.merge(WorkerState.NO_REPLY_NEEDED, 1, Integer::sum);
                continue;
            }
            QueueItem item = item(s, cs, state.contact(s.contactId()), policy, now, newSince, reading);
            items.add(item);
            intents[item.intent().ordinal()]++;
            urgent += item.urgent() ? 1 : 0;
            byBand[item.band()]++;
            byPlatform.computeIfAbsent(s.platform(), p -> new int[bands.count()])[item.band()]++;
            overdue += item.overdue() ? 1 : 0;
            expiring += item.expiringSoon() ? 1 : 0;
            expired += item.expired() ? 1 : 0;
            fresh += item.isNew() ? 1 : 0;
        }
        return new PermanenceQueue(now, byUrgency(items), byBand, byPlatform, overdue, expiring, expired, fresh,
                hidden, newSince, intents[Intent.REPLY.ordinal()], urgent, intents[Intent.CLOSING.ordinal()],
                intents[Intent.OPT_OUT.ordinal()]);
    }

    /** The last meaningful message is inbound and there is an unanswered inbound message. */
    public static boolean awaitsReply(ConversationSummary s) {
        return s.lastMeaningfulDirection() == Direction.INBOUND && s.oldestUnansweredInbound() != null;
    }

    static QueueItem item(ConversationSummary s, ConversationState cs, ContactFlags flags, TriagePolicy policy,
            Instant now, Instant newSince) {
        return item(s, cs, flags, policy, now, newSince, null);
    }

    static QueueItem item(ConversationSummary s, ConversationState cs, ContactFlags flags, TriagePolicy policy,
            Instant now, Instant newSince, ConversationReading reading) {
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
                backFromSnooze, flags, cs, reading);
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
     * The items in {@link #URGENCY} order. The sort compares primitive keys copied side by side, not the
     * items' instants: on a large archive the items are scattered in memory and the comparisons of
     * a sort would mostly wait for it.
     */
    static List<QueueItem> byUrgency(List<QueueItem> items) {
        Ranked[] ranked = new Ranked[items.size()];
        for (int i = 0; i < ranked.length; i++) {
            QueueItem q = items.get(i);
            ranked[i] = new Ranked(group(q), pepHours(q), q.expiringSoon() ? q.expiresAt().toEpochMilli() : Long.MAX_VALUE,
                    q.waitingSince().getEpochSecond(), q.waitingSince().getNano(), q);
        }
        Arrays.sort(ranked);
        QueueItem[] out = new QueueItem[ranked.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = ranked[i].item;
        }
        return List.of(out);
    }

    /** Urgent 0, needs a reply 1, opt-out 2, closing 3. */
    static int group(QueueItem q) {
        if (q.urgent()) {
            return 0;
        }
        return switch (q.intent()) {
        case REPLY -> 1;
        case OPT_OUT -> 2;
        case CLOSING -> 3;
        };
    }

    /** PEP hours left, or the largest value when there is no PEP urgency. */
    static int pepHours(QueueItem q) {
        Integer h = q.reading() == null ? null : q.reading().pepHoursLeft();
        return h == null ? Integer.MAX_VALUE : h;
    }

    /**
     * Sort keys of a queue item: group (urgent, reply, opt-out, closing), PEP hours left, expiry if soon
     * (else last), waiting since, then conversation id.
     */
    private record Ranked(int group, int pep, long expiry, long sinceSeconds, int sinceNanos, QueueItem item)
            implements Comparable<Ranked> {
        @Override
        public int compareTo(Ranked o) {
            int c = Integer.compare(group, o.group);
            if (c == 0) {
                c = Integer.compare(pep, o.pep);
            }
            if (c == 0) {
                c = Long.compare(expiry, o.expiry);
            }
            if (c == 0) {
                c = Long.compare(sinceSeconds, o.sinceSeconds);
            }
            if (c == 0) {
                c = Integer.compare(sinceNanos, o.sinceNanos);
            }
            return c != 0 ? c : URGENCY.compare(item, o.item);
        }
    }

    /**
     * Urgent first (fewest PEP hours left first), then needing a reply, opt-outs, closings; within a
     * group expiring soon first (soonest expiry first), then the longest waiting; ties by conversation id.
     */
    public static final Comparator<QueueItem> URGENCY = (a, b) -> {
        int g = Integer.compare(group(a), group(b));
        if (g != 0) {
            return g;
        }
        g = Integer.compare(pepHours(a), pepHours(b));
        if (g != 0) {
            return g;
        }
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
        Silence[] ranked = new Silence[out.size()];
        for (int i = 0; i < ranked.length; i++) {
            FollowUpItem f = out.get(i);
            ranked[i] = new Silence(f.since().getEpochSecond(), f.since().getNano(), f);
        }
        Arrays.sort(ranked);
        for (int i = 0; i < ranked.length; i++) {
            out.set(i, ranked[i].item);
        }
        return out;
    }

    /** Longest silence first, then by conversation id; primitive keys side by side, as for the queue. */
    private record Silence(long sinceSeconds, int sinceNanos, FollowUpItem item) implements Comparable<Silence> {
        @Override
        public int compareTo(Silence o) {
            int c = Long.compare(sinceSeconds, o.sinceSeconds);
            if (c == 0) {
                c = Integer.compare(sinceNanos, o.sinceNanos);
            }
            return c != 0 ? c : item.summary().conversationId().compareTo(o.item.summary().conversationId());
        }
    }

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
                    nextFollowUp(f, followUps, flags, policy, now, zone), flags, f.optedOutAt()));
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
     * last message; never for do-not-contact contacts nor for those whose last message asked not to be
     * contacted again (until a worker decides, they are treated as do-not-contact), never beyond {@code maxFollowUps}, never while
     * the contact is active (a message within {@code activeWindow} of now, or the person wrote last).
     */
    public static Instant nextFollowUp(ThreadFacts f, int followUpsSent, ContactFlags flags, TriagePolicy policy,
            Instant now, ZoneId zone) {
        Instant lastOut = f.lastOutbound();
        if (flags.doNotContact() || f.optedOutAt() != null || lastOut == null || followUpsSent >= policy.maxFollowUps()) {
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

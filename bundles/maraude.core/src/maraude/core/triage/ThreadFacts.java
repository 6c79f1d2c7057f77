package maraude.core.triage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import maraude.core.classify.Intent;
import maraude.core.classify.MessageClassifier;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;

/**
 * What the register, the reports and the reply-time statistics need of one thread, kept small: the
 * instants (epoch milliseconds, ascending) of its inbound and outbound messages and who wrote the last
 * outbound one, and whether the person's last message asks not to be contacted any more. System lines
 * are left out. Built from the thread once; {@link TriageService} caches it while the thread does not
 * change.
 */
public final class ThreadFacts {

    private final String conversationId;
    private final Platform platform;
    private final String contactId;
    private final long[] inbound;
    private final long[] outbound;
    private final String lastOutboundWorker;
    private final Instant optedOutAt;

    public ThreadFacts(String conversationId, Platform platform, String contactId, long[] inbound, long[] outbound,
            String lastOutboundWorker) {
        this(conversationId, platform, contactId, inbound, outbound, lastOutboundWorker, null);
    }

    /** @param optedOutAt when the person's last message asked not to be contacted again; null when not */
    public ThreadFacts(String conversationId, Platform platform, String contactId, long[] inbound, long[] outbound,
            String lastOutboundWorker, Instant optedOutAt) {
        this.optedOutAt = optedOutAt;
        this.conversationId = Objects.requireNonNull(conversationId, "conversationId"); //$NON-NLS-1$
        this.platform = Objects.requireNonNull(platform, "platform"); //$NON-NLS-1$
        this.contactId = Objects.requireNonNull(contactId, "contactId"); //$NON-NLS-1$
        this.inbound = inbound.clone();
        this.outbound = outbound.clone();
        Arrays.sort(this.inbound);
        Arrays.sort(this.outbound);
        this.lastOutboundWorker = lastOutboundWorker == null ? "" : lastOutboundWorker; //$NON-NLS-1$
    }

    /** Facts of a thread given oldest first (order is not relied upon for instants). */
    public static ThreadFacts of(String conversationId, Platform platform, String contactId, List<Message> thread) {
        long[] in = new long[thread.size()];
        long[] out = new long[thread.size()];
        int ni = 0;
        int no = 0;
        String worker = ""; //$NON-NLS-1$
        long lastOut = Long.MIN_VALUE;
        Message lastIn = null;
        for (Message m : thread) {
            long t = m.instant().toInstant().toEpochMilli();
            if (m.direction() == Direction.INBOUND) {
                in[ni++] = t;
                if (lastIn == null || !m.instant().toInstant().isBefore(lastIn.instant().toInstant())) {
                    lastIn = m;
                }
            } else if (m.direction() == Direction.OUTBOUND) {
                out[no++] = t;
                if (t >= lastOut) {
                    lastOut = t;
                    worker = m.workerId() == null ? "" : m.workerId(); //$NON-NLS-1$
                }
            }
        }
        // Only the person's last word counts: "stop" then "sorry, I do need a kit" is no opt-out.
        Instant optedOut = lastIn != null && MessageClassifier.shared().optOut(lastIn.text())
                ? lastIn.instant().toInstant() : null;
        return new ThreadFacts(conversationId, platform, contactId, Arrays.copyOf(in, ni), Arrays.copyOf(out, no),
                worker, optedOut);
    }

    /** Merges the threads of one contact (register rows are per contact). */
    public static ThreadFacts merge(List<ThreadFacts> facts) {
        if (facts.size() == 1) {
            return facts.get(0);
        }
        ThreadFacts first = facts.get(0);
        long[] in = facts.stream().flatMapToLong(f -> Arrays.stream(f.inbound)).sorted().toArray();
        long[] out = facts.stream().flatMapToLong(f -> Arrays.stream(f.outbound)).sorted().toArray();
        ThreadFacts last = facts.stream().filter(f -> f.outbound.length > 0)
                .max((a, b) -> Long.compare(a.outbound[a.outbound.length - 1], b.outbound[b.outbound.length - 1]))
                .orElse(first);
        ThreadFacts latestIn = facts.stream().filter(f -> f.inbound.length > 0)
                .max((a, b) -> Long.compare(a.inbound[a.inbound.length - 1], b.inbound[b.inbound.length - 1]))
                .orElse(first);
        return new ThreadFacts(first.conversationId, first.platform, first.contactId, in, out, last.lastOutboundWorker,
                latestIn.optedOutAt);
    }

    /** When the person's last message asked not to be contacted again; null when it did not. */
    public Instant optedOutAt() {
        return optedOutAt;
    }

    public String conversationId() {
        return conversationId;
    }

    public Platform platform() {
        return platform;
    }

    public String contactId() {
        return contactId;
    }

    public String lastOutboundWorker() {
        return lastOutboundWorker;
    }

    public int inboundCount() {
        return inbound.length;
    }

    public int outboundCount() {
        return outbound.length;
    }

    public Instant firstInbound() {
        return inbound.length == 0 ? null : Instant.ofEpochMilli(inbound[0]);
    }

    public Instant firstOutbound() {
        return outbound.length == 0 ? null : Instant.ofEpochMilli(outbound[0]);
    }

    public Instant lastInbound() {
        return inbound.length == 0 ? null : Instant.ofEpochMilli(inbound[inbound.length - 1]);
    }

    public Instant lastOutbound() {
        return outbound.length == 0 ? null : Instant.ofEpochMilli(outbound[outbound.length - 1]);
    }

    /** The latest meaningful message, either way; null for an empty thread. */
    public Instant lastMessage() {
        Instant i = lastInbound();
        Instant o = lastOutbound();
        return i == null ? o : o == null ? i : i.isAfter(o) ? i : o;
    }

    /** The service wrote first (on equal instants, the service is taken to have written first). */
    public boolean initiatedByService() {
        return outbound.length > 0 && (inbound.length == 0 || outbound[0] <= inbound[0]);
    }

    /** The person wrote at least once after the service's first message. */
    public boolean repliedToService() {
        return outbound.length > 0 && inbound.length > 0 && inbound[inbound.length - 1] > outbound[0];
    }

    /** Never a word from the person: the "unknown public". */
    public boolean neverAnswered() {
        return outbound.length > 0 && inbound.length == 0;
    }

    /** The person's first message after {@code t} (exclusive), or null. */
    public Instant firstInboundAfter(Instant t) {
        long x = t.toEpochMilli();
        int i = upper(inbound, x);
        return i < inbound.length ? Instant.ofEpochMilli(inbound[i]) : null;
    }

    public int inboundBetween(Instant from, Instant to) {
        return between(inbound, from, to);
    }

    public int outboundBetween(Instant from, Instant to) {
        return between(outbound, from, to);
    }

    /** Outbound instants in [from, to). */
    public List<Instant> outboundIn(Instant from, Instant to) {
        List<Instant> l = new ArrayList<>();
        int i = lower(outbound, from.toEpochMilli());
        for (; i < outbound.length && outbound[i] < to.toEpochMilli(); i++) {
            l.add(Instant.ofEpochMilli(outbound[i]));
        }
        return l;
    }

    /**
     * The service's reply times: for each run of inbound messages (the first inbound after an outbound
     * one, or the very first), the time until the next outbound message. Runs not answered yet are left
     * out. Each element is {start epoch ms, reply duration ms}.
     */
    public List<long[]> replyTimes() {
        List<long[]> out = new ArrayList<>();
        forEachReplyTime(Long.MIN_VALUE, Long.MAX_VALUE, (start, took) -> out.add(new long[] { start, took }));
        return out;
    }

    /** Receives a reply time: when the run started (epoch ms) and how long the reply took (ms). */
    @FunctionalInterface
    public interface ReplyTimeSink {
        void accept(long start, long took);
    }

    /**
     * The reply times of {@link #replyTimes()} whose run started in [from, to) (epoch ms), without
     * allocating: the dashboard walks every thread of the archive on each refresh.
     */
    public void forEachReplyTime(long from, long to, ReplyTimeSink sink) {
        if (inbound.length == 0 || outbound.length == 0 || outbound[outbound.length - 1] < from) {
            return; // nothing answered, or every answer before the range
        }
        int o = 0;
        int i = 0;
        while (i < inbound.length) {
            long start = inbound[i];
            while (o < outbound.length && outbound[o] < start) {
                o++;
            }
            if (o == outbound.length) {
                break;
            }
            long reply = outbound[o];
            if (start >= to) {
                break;
            }
            if (start >= from) {
                sink.accept(start, reply - start);
            }
            while (i < inbound.length && inbound[i] <= reply) {
                i++;
            }
        }
    }

    /**
     * Follow-ups sent: outbound messages whose previous meaningful message, in either direction, is
     * outbound and at least {@code gap} older (we wrote again after a long silence of theirs).
     * Each element is the follow-up's instant.
     */
    public List<Instant> followUps(Duration gap) {
        List<Instant> l = new ArrayList<>();
        forEachFollowUp(gap, t -> l.add(Instant.ofEpochMilli(t)));
        return l;
    }

    /** How many follow-ups {@link #followUps(Duration)} would list, without listing them. */
    public int followUpCount(Duration gap) {
        int[] n = { 0 };
        forEachFollowUp(gap, t -> n[0]++);
        return n[0];
    }

    private void forEachFollowUp(Duration gap, java.util.function.LongConsumer sink) {
        long g = gap.toMillis();
        int i = 0;
        for (int k = 1; k < outbound.length; k++) {
            long prevOut = outbound[k - 1];
            long cur = outbound[k];
            while (i < inbound.length && inbound[i] < cur) {
                i++;
            }
            long prevIn = i == 0 ? Long.MIN_VALUE : inbound[i - 1];
            if (prevIn < prevOut && cur - prevOut >= g) {
                sink.accept(cur);
            }
        }
    }

    private static int between(long[] a, Instant from, Instant to) {
        return lower(a, to.toEpochMilli()) - lower(a, from.toEpochMilli());
    }

    /** First index with a[i] >= x. */
    private static int lower(long[] a, long x) {
        int lo = 0;
        int hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** First index with a[i] > x. */
    private static int upper(long[] a, long x) {
        return x == Long.MAX_VALUE ? a.length : lower(a, x + 1);
    }
}

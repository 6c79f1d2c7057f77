package maraude.sources;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

import maraude.core.archive.Archive;

/**
 * Decides when each source is pulled, pulls it, and records the outcome in {@link SourceStore}.
 * Usable from an Eclipse Job ({@link #runDue}, {@link #pull} take an {@link IProgressMonitor} and
 * honour cancellation), from the CLI and from tests (the clock is given).
 *
 * <h2>Policy</h2> A message that arrives on a platform just after a successful pull started may
 * vanish there one retention later, so the <em>deadline</em> is {@code lastPull + retention}. The
 * next pull comes at the wanted interval, but never later than half the retention after the last
 * successful pull, which leaves the other half for retries when the platform or the network fail.
 * After a failure the source is retried after {@link #RETRY} (or when the platform's Retry-After
 * allows). Sources whose credentials were refused or whose profile no longer matches are not
 * retried blindly: they are reported as needing attention, and still pulled on demand.
 */
public final class SourceScheduler {

    /** Wait before retrying a failed pull. */
    public static final Duration RETRY = Duration.ofMinutes(30);
    /** How late a pull may be before the source is reported overdue. */
    public static final Duration GRACE = Duration.ofHours(1);

    private final SourceStore store;
    private final Map<SourceKind, Puller> pullers;
    private final Clock clock;

    public SourceScheduler(SourceStore store, Map<SourceKind, Puller> pullers, Clock clock) {
        this.store = store;
        this.pullers = new EnumMap<>(SourceKind.class);
        this.pullers.putAll(pullers);
        this.clock = clock;
    }

    public SourceStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** The next pull of {@code s} per the policy above; null when it is never pulled automatically. */
    public static Instant nextPull(Source s) {
        if (s.kind() == SourceKind.PHONE_DROP) {
            return null;
        }
        if (s.lastPull() == null && s.lastAttempt() == null) {
            return s.created();
        }
        Duration interval = s.every();
        if (s.retention() != null) {
            Duration half = s.retention().dividedBy(2);
            if (half.compareTo(interval) < 0) {
                interval = half;
            }
        }
        Instant regular = s.lastPull() == null ? s.created().plus(interval) : s.lastPull().plus(interval);
        Instant next = regular;
        boolean failed = s.state() == SourceState.FAILING || s.state().needsAttention();
        if (failed && s.lastAttempt() != null) {
            next = s.lastAttempt().plus(RETRY.compareTo(interval) < 0 ? RETRY : interval);
        }
        // A platform's Retry-After pushed the stored next pull later: keep it.
        if (s.nextPull() != null && s.state() == SourceState.FAILING && s.nextPull().isAfter(next)) {
            next = s.nextPull();
        }
        return next;
    }

    public SourceStatus status(Source s, Instant now) {
        Instant next = nextPull(s);
        Instant deadline = s.retention() == null || s.lastPull() == null ? null : s.lastPull().plus(s.retention());
        boolean attention = s.state().needsAttention();
        boolean failing = s.state() == SourceState.FAILING || attention;
        boolean due = next != null && !attention && !now.isBefore(next);
        boolean overdue = next != null && now.isAfter(next.plus(GRACE));
        boolean atRisk = deadline != null && now.isAfter(deadline.minus(s.retention().dividedBy(4)));
        if (s.lastPull() == null && s.retention() != null && s.lastAttempt() != null) {
            atRisk = true; // never pulled successfully: we do not know what is vanishing
        }
        return new SourceStatus(s, next, deadline, due, overdue, failing, attention, atRisk);
    }

    /** Every source with its status now. */
    public List<SourceStatus> status() {
        Instant now = clock.instant();
        List<SourceStatus> out = new ArrayList<>();
        for (Source s : store.list()) {
            out.add(status(s, now));
        }
        return out;
    }

    /** Pulls every due source, one after the other. */
    public List<PullResult> runDue(Archive archive, IProgressMonitor monitor) {
        List<SourceStatus> due = status().stream().filter(SourceStatus::due).toList();
        SubMonitor sub = SubMonitor.convert(monitor, Messages.schedulerRunning, Math.max(1, due.size()));
        List<PullResult> results = new ArrayList<>();
        for (SourceStatus st : due) {
            if (sub.isCanceled()) {
                break;
            }
            results.add(pull(st.source().id(), archive, sub.split(1)));
        }
        return results;
    }

    /**
     * Pulls one source now (whatever its schedule) and records the outcome. Never throws for a
     * failing source: the failure is in the result and in the store.
     *
     * @throws IllegalArgumentException when no source has that id
     */
    public PullResult pull(String id, Archive archive, IProgressMonitor monitor) {
        Source s = store.get(id).orElseThrow(() -> new IllegalArgumentException("no source " + id)); //$NON-NLS-1$
        Puller puller = pullers.get(s.kind());
        Instant started = clock.instant();
        PullResult r;
        if (puller == null) {
            r = PullResult.failed(id, SourceState.FAILING, NLS.bind(Messages.schedulerNotPullable, s.kind().key()), null);
        } else {
            try {
                r = puller.pull(s, archive, monitor);
            } catch (SourceException e) {
                r = PullResult.failed(id, e.state(), e.getMessage(), e.retryAfter());
            } catch (OperationCanceledException e) {
                r = new PullResult(id, s.state(), 0, 0, 0, List.of(), null, null, true);
            } catch (RuntimeException e) {
                // Class only: a message could quote page content.
                r = PullResult.failed(id, SourceState.FAILING,
                        NLS.bind(Messages.schedulerInternal, e.getClass().getSimpleName()), null);
            }
        }
        record(s, started, r);
        return r;
    }

    private void record(Source s, Instant started, PullResult r) {
        Instant ended = clock.instant();
        Source updated;
        if (r.cancelled()) {
            updated = s; // a cancelled pull says nothing about the source
        } else {
            String error = r.error();
            if (error == null && !r.problems().isEmpty()) {
                error = String.join("; ", r.problems().subList(0, Math.min(3, r.problems().size()))); //$NON-NLS-1$
            }
            updated = s.withOutcome(started, ended, r.state(), error, r.added());
        }
        Instant next = nextPull(updated.withNextPull(null));
        if (r.retryAfter() != null && (next == null || r.retryAfter().isAfter(next))) {
            next = r.retryAfter();
        }
        updated = updated.withNextPull(next);
        try {
            store.put(updated);
        } catch (IOException e) {
            // The pull itself is archived; the schedule is recomputed from the file next time.
        }
    }
}

package maraude.ui.retention;

import java.time.ZoneId;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.osgi.util.NLS;

import maraude.archive.LuceneArchive;
import maraude.archive.maintenance.Retention;
import maraude.archive.maintenance.RetentionPolicy;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.ui.ArchiveEvents;
import maraude.ui.JobFamilies;

/**
 * Applies the team's per-platform retention ({@code retention_<platform>} in team.properties)
 * through the archive the workbench holds: reads the policy, counts what would go, asks when a
 * {@link Confirm} is given (the command), then erases and rewrites the segments, and posts
 * {@link ArchiveEvents#CHANGED} so that the views reload. The scheduled instance runs at start and
 * then once a day, without asking; with no policy (the default) it does nothing.
 */
public final class RetentionJob extends Job {

    static final long DAY_MS = 24L * 60 * 60 * 1000;

    /** The command's questions; called from the job's thread, answers from the UI thread. */
    public interface Confirm {
        /** Whether to erase what {@code preview} counts; {@code periods} describes the policy. */
        boolean erase(Retention.Preview preview, String periods);

        /** Tells the worker that nothing happened and why. */
        void inform(String message);
    }

    private final Supplier<Archive> archive;
    private final Supplier<IEventBroker> broker;
    private final Confirm confirm;
    private final java.time.Clock clock;
    private final boolean daily;
    private volatile boolean stopped;
    /** Between two scheduled runs (the preference "check periods"). */
    private volatile long periodMs = DAY_MS;
    private volatile Retention.Result last;

    private RetentionJob(Supplier<Archive> archive, Supplier<IEventBroker> broker, Confirm confirm, boolean daily,
            java.time.Clock clock) {
        super(Messages.Retention_jobName);
        this.clock = clock;
        this.archive = archive;
        this.broker = broker;
        this.confirm = confirm;
        this.daily = daily;
    }

    /** The command's job: asks before erasing, says when there is nothing to do. */
    public static RetentionJob onDemand(Supplier<Archive> archive, IEventBroker broker, Confirm confirm,
            java.time.Clock clock) {
        RetentionJob job = new RetentionJob(archive, () -> broker, confirm, false, clock);
        job.setUser(true);
        return job;
    }

    /** The background job: at start, then every day while the workbench runs; call {@link #stop()} at exit. */
    public static RetentionJob daily(Supplier<Archive> archive, Supplier<IEventBroker> broker, java.time.Clock clock) {
        RetentionJob job = new RetentionJob(archive, broker, null, true, clock);
        job.setSystem(true);
        job.setPriority(DECORATE); // after what the worker asked for
        return job;
    }

    /** Between two scheduled runs from now on (the next run is already planned with the old period). */
    public void setPeriod(java.time.Duration period) {
        if (!period.isZero() && !period.isNegative()) {
            periodMs = period.toMillis();
        }
    }

    /** No further daily run (the workbench is closing). */
    public void stop() {
        stopped = true;
        cancel();
    }

    /** What the last run erased (null before the first erasure). */
    public Retention.Result lastResult() {
        return last;
    }

    @Override
    public boolean belongsTo(Object family) {
        return JobFamilies.belongsTo(family, JobFamilies.RETENTION);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        try {
            return applyOnce(SubMonitor.convert(monitor, Messages.Retention_jobName, 10));
        } finally {
            if (daily && !stopped) {
                schedule(periodMs);
            }
        }
    }

    private IStatus applyOnce(SubMonitor sub) {
        Archive a = archive.get();
        // The session may be locked (archive closed, key dropped) or read-only: nothing to do now.
        if (!(a instanceof LuceneArchive lucene)) {
            return Status.OK_STATUS;
        }
        if (lucene.accessMode() != AccessMode.READ_WRITE) {
            if (confirm != null) {
                confirm.inform(Messages.Retention_readOnly);
            }
            return Status.OK_STATUS;
        }
        try {
            sub.subTask(Messages.Retention_reading);
            RetentionPolicy policy = RetentionPolicy.load(lucene.files());
            sub.worked(1);
            if (policy.isEmpty()) {
                if (confirm != null) {
                    confirm.inform(Messages.Retention_none);
                }
                return Status.OK_STATUS;
            }
            String periods = describe(policy);
            // the team's zone (team.properties): "older than 6 months" counts the team's days
            ZoneId zone = maraude.core.archive.TeamZone.of(lucene.files());
            if (confirm == null) {
                // the scheduled run asks nothing: one pass (and one count only when nothing is old)
                sub.subTask(Messages.Retention_counting);
                last = Retention.apply(lucene, policy, clock.instant(), zone);
                sub.worked(9);
                if (!last.equals(Retention.Result.NOTHING)) {
                    changed();
                }
                return Status.OK_STATUS;
            }
            Retention.Preview preview = Retention.preview(lucene, policy, clock.instant(), zone);
            sub.worked(4);
            if (sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            if (preview.equals(Retention.Preview.NOTHING)) {
                if (confirm != null) {
                    confirm.inform(NLS.bind(Messages.Retention_nothing, periods));
                }
                return Status.OK_STATUS;
            }
            if (confirm != null && !confirm.erase(preview, periods)) {
                return Status.CANCEL_STATUS;
            }
            if (sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            // From here on the erasure runs to its commit: a half-applied retention is not an option.
            sub.subTask(NLS.bind(Messages.Retention_erasing, preview.messages()));
            last = Retention.apply(lucene, policy, clock.instant(), zone);
            sub.worked(5);
            changed();
            if (confirm != null) {
                confirm.inform(NLS.bind(Messages.Retention_done,
                        new Object[] { last.messages(), last.conversations(), last.contacts() }));
            }
            return Status.OK_STATUS;
        } catch (ArchiveException e) {
            if (e.kind() == ArchiveException.Kind.NOT_WRITABLE && !daily) {
                confirm.inform(NLS.bind(Messages.Retention_failed, e.getMessage()));
                return Status.OK_STATUS;
            }
            if (e.kind() == ArchiveException.Kind.NOT_WRITABLE) {
                return Status.OK_STATUS; // locked meanwhile: tomorrow
            }
            // counts and kinds only: the message names the archive folder, never a person
            ILog.of(RetentionJob.class).error("Retention failed: " + e.kind()); //$NON-NLS-1$
            if (confirm != null) {
                confirm.inform(NLS.bind(Messages.Retention_failed, e.getMessage()));
                return Status.OK_STATUS;
            }
            return Status.error(NLS.bind(Messages.Retention_failed, e.getMessage()));
        } catch (RuntimeException e) {
            // e.g. the key dropped by the idle lock in the middle
            ILog.of(RetentionJob.class).error("Retention failed: " + e.getClass().getSimpleName()); //$NON-NLS-1$
            if (confirm != null) {
                confirm.inform(NLS.bind(Messages.Retention_failed, e.getClass().getSimpleName()));
            }
            return Status.OK_STATUS;
        }
    }

    private void changed() {
        IEventBroker events = broker.get();
        if (events != null) {
            events.post(ArchiveEvents.CHANGED, Boolean.TRUE);
        }
    }

    static String describe(RetentionPolicy policy) {
        StringBuilder b = new StringBuilder();
        policy.periods().forEach((platform, period) -> {
            if (b.length() > 0) {
                b.append(", "); //$NON-NLS-1$
            }
            b.append(platform.key()).append(' ').append(period.toString().substring(1).toLowerCase(java.util.Locale.ROOT));
        });
        return b.toString();
    }
}

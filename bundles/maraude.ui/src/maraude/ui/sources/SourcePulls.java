package maraude.ui.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.osgi.util.NLS;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.imports.ImportService;
import maraude.sources.PullResult;
import maraude.sources.SecureStorageCredentialStore;
import maraude.sources.SourceScheduler;
import maraude.sources.Sources;
import maraude.ui.ArchiveEvents;
import maraude.ui.JobFamilies;

/**
 * The application's source pulls, owned by the workbench services add-on whatever view is open:
 * the scheduler over the open archive's {@code sources.json}, the background check that pulls due
 * sources every few minutes while the archive is open for writing and not locked, and the manual
 * "Pull now". Pulls are serialised by one scheduling rule, so a manual pull and the background
 * check never import the same export twice at once. What a pull did is posted on
 * {@link #PULLED} (the Sources view shows it) and, when messages came in, on
 * {@link ArchiveEvents#CHANGED}.
 */
public final class SourcePulls {

    /** Posted after each pull or check that did something. Data: the outcome line, or null. */
    public static final String PULLED = "maraude/sources/pulled"; //$NON-NLS-1$
    /** Seconds between two background checks, for tests and diagnostics (overrides the preference). */
    public static final String CHECK_SECONDS = "maraude.sources.checkSeconds"; //$NON-NLS-1$
    /** The first look after start: sources may have fallen due while the workbench was closed. */
    private static final Duration FIRST_LOOK = Duration.ofMinutes(1);

    /** One pull at a time, whoever starts it. */
    static final ISchedulingRule PULLS = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    private final Supplier<Archive> archive;
    private final Supplier<Boolean> locked;
    private final Supplier<IEventBroker> broker;
    private final Supplier<ZoneId> zone;
    private final Clock clock;
    private final ImportService imports;
    private SourceScheduler scheduler;
    private Path schedulerFolder;
    /** The opening the scheduler was built for: a protected archive's side files hold that opening's key. */
    private Archive schedulerArchive;
    private ZoneId schedulerZone;
    private volatile Duration period;
    private volatile boolean stopped;
    private volatile String lastOutcome;
    private Job check;

    public SourcePulls(Supplier<Archive> archive, Supplier<Boolean> locked, Supplier<IEventBroker> broker,
            Supplier<ZoneId> zone, Clock clock, ImportService imports) {
        this.archive = archive;
        this.imports = imports;
        this.locked = locked;
        this.broker = broker;
        this.zone = zone;
        this.clock = clock;
    }

    /** Whether pulls may run now: an archive open for writing and not locked. */
    public boolean writable() {
        Archive a = archive.get();
        return a != null && a.accessMode() == AccessMode.READ_WRITE && !Boolean.TRUE.equals(locked.get());
    }

    /** The archive pulls go into (null while locked or closed). */
    public Archive archive() {
        return archive.get();
    }

    /** What the last pull did, until the next one (null before the first). */
    public String lastOutcome() {
        return lastOutcome;
    }

    /** The scheduler over the current archive's {@code sources.json}; rebuilt when the archive or the zone changes. */
    public synchronized SourceScheduler scheduler() throws IOException {
        Archive a = archive.get();
        if (a == null) {
            return null;
        }
        Path folder = a.location();
        ZoneId z = zone.get();
        if (scheduler == null || !folder.equals(schedulerFolder) || a != schedulerArchive || !z.equals(schedulerZone)) {
            scheduler = Sources.scheduler(a.files(), imports, SecureStorageCredentialStore.lazyDefault(),
                    clock, z);
            schedulerFolder = folder;
            schedulerArchive = a;
            schedulerZone = z;
        }
        return scheduler;
    }

    /** Starts the background check every {@code every} (zero or less: no background pulls). */
    public synchronized void start(Duration every) {
        period = every;
        if (every.isZero() || every.isNegative() || stopped) {
            return;
        }
        check = new Job(Messages.Sources_checkJob) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                if (stopped) {
                    return Status.CANCEL_STATUS;
                }
                try {
                    Archive a = archive.get();
                    if (writable() && a != null) {
                        SourceScheduler s = scheduler();
                        s.store().reload();
                        report(s.runDue(a, monitor), false);
                    }
                } catch (IOException | RuntimeException e) {
                    lastOutcome = NLS.bind(Messages.Sources_unreadable, e.getMessage());
                    post(false);
                }
                Duration p = period;
                if (!stopped && !monitor.isCanceled() && p != null && !p.isZero() && !p.isNegative()) {
                    schedule(p.toMillis());
                }
                return monitor.isCanceled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.SOURCE_PULLS);
            }
        };
        check.setSystem(true);
        check.setRule(PULLS);
        check.schedule(Math.min(every.toMillis(), FIRST_LOOK.toMillis()));
    }

    /** A new period (the preference changed): the next check comes after it. */
    public synchronized void setPeriod(Duration every) {
        if (check == null) {
            start(every);
            return;
        }
        period = every;
        if (!every.isZero() && !every.isNegative() && check.getState() == Job.SLEEPING) {
            check.cancel();
            check.schedule(every.toMillis());
        }
    }

    /** The current period between two checks (null before start). */
    public Duration period() {
        return period;
    }

    /** No further check (the workbench is closing). */
    public synchronized void stop() {
        stopped = true;
        if (check != null) {
            check.cancel();
        }
    }

    /** "Pull now": one source, whatever its schedule, in a user job that can be cancelled. */
    public Job pullNow(String id) {
        Archive a = archive.get();
        Job job = new Job(NLS.bind(Messages.Sources_pullJob, id)) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                try {
                    SourceScheduler s = scheduler();
                    s.store().reload();
                    PullResult r = s.pull(id, a, monitor);
                    report(List.of(r), true);
                    return r.cancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
                } catch (IOException | RuntimeException e) {
                    lastOutcome = NLS.bind(Messages.Sources_unreadable, e.getMessage());
                    post(false);
                    return Status.OK_STATUS;
                }
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.SOURCE_PULLS);
            }
        };
        job.setRule(PULLS);
        job.setUser(true);
        job.schedule();
        return job;
    }

    /** Keeps what the pulls did and tells the views. */
    private void report(List<PullResult> results, boolean always) {
        String message = null;
        boolean changed = false;
        for (PullResult r : results) {
            if (r.cancelled()) {
                message = NLS.bind(Messages.Sources_pullCancelled, r.sourceId());
            } else if (r.error() != null) {
                message = NLS.bind(Messages.Sources_pullFailed, r.sourceId(), r.error());
            } else {
                message = NLS.bind(Messages.Sources_pulled, new Object[] { r.sourceId(), r.added(), r.duplicates() });
            }
            // A manual pull that went through refreshes every view; the background check only when it added.
            changed |= r.added() > 0 || (always && !r.cancelled() && r.error() == null);
        }
        if (results.isEmpty() && !always) {
            return;
        }
        if (message != null) {
            lastOutcome = message;
        }
        post(changed);
    }

    private void post(boolean changed) {
        IEventBroker events = broker.get();
        if (events == null) {
            return;
        }
        String outcome = lastOutcome;
        events.post(PULLED, outcome == null ? "" : outcome); //$NON-NLS-1$
        if (changed) {
            events.post(ArchiveEvents.CHANGED, Boolean.TRUE);
        }
    }
}

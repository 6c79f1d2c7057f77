package maraude.ui.lifecycle;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;

import org.eclipse.e4.core.contexts.ContextFunction;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.jface.window.Window;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Listener;
import org.eclipse.swt.widgets.Shell;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.ArchiveSideFiles;
import maraude.archive.crypto.IdleLock;
import maraude.archive.crypto.Keyring;
import maraude.archive.crypto.WrongPassphraseException;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveFactory;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.TeamZone;
import maraude.core.triage.QueueSnapshot;
import maraude.core.triage.ReadingSettings;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.ArchiveTriageStates;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.TriageStates;
import maraude.ui.ArchiveEvents;
import maraude.ui.Messages;
import maraude.ui.dialogs.Dialogs;

/**
 * The archive the workbench works on, and its protection: asks the passphrase of a protected
 * archive at start, locks after an idle period (the preference, default 10 minutes)
 * or on Ctrl+L — views cleared, window hidden, archive closed, key dropped — and reopens it when the
 * passphrase is given again. Parts get the archive by injection, so they follow a reopening.
 */
public final class ArchiveSession {

    private static final int ATTEMPTS = 5;

    private final IEclipseContext context;
    private final ArchiveFactory factory;
    private final Path location;
    private final boolean protectedArchive;
    private IdleLock idle;
    private Listener activity;
    private boolean locked;

    ArchiveSession(IEclipseContext context, ArchiveFactory factory, Path location) {
        this.context = context;
        this.factory = factory;
        this.location = location;
        this.protectedArchive = ArchiveProtection.isProtected(location);
        // A workbench never reads passphrases from a terminal: only its own dialog unlocks.
        Keyring.shared().setPassphraseSource(archive -> null);
    }

    public Path location() {
        return location;
    }

    /**
     * The archive's side files without waiting for it to open (encrypted under the key of a
     * protected archive, which is unlocked before the window exists).
     */
    public ArchiveFiles sideFiles() {
        return ArchiveSideFiles.of(location, Keyring.shared());
    }

    public boolean isProtected() {
        return protectedArchive;
    }

    public boolean isLocked() {
        return locked;
    }

    /**
     * The first start's opening: asks the passphrase if needed (on the UI thread, before the window),
     * then opens the archive in a job while the workbench builds its window. The team's zone and the
     * queue's last snapshot ({@link QueueSnapshot}) are read from the side files at once; the archive
     * and the triage are in the context as functions that wait for the job, so whatever asks for them
     * before the archive is open waits, and the queue, which draws its snapshot first, asks only from
     * a job. A failure to open is shown once the window can show it, and ends the workbench.
     *
     * @return false when the worker gave up unlocking
     */
    boolean openInBackground(Display display) {
        if (protectedArchive && !unlock(null, Messages.Lock_startTitle)) {
            return false;
        }
        ArchiveFiles side = sideFiles();
        ZoneId sideZone = TeamZone.of(side);
        context.set(ZoneId.class, sideZone);
        context.set(QueueSnapshot.class, QueueSnapshot.read(side));
        Job job = Job.create(Messages.Archive_opening, (IProgressMonitor m) -> {
            try {
                Archive archive;
                try {
                    archive = factory.open(location, AccessMode.READ_WRITE);
                } catch (ArchiveException e) {
                    if (e.kind() != ArchiveException.Kind.LOCKED) {
                        throw e;
                    }
                    archive = factory.open(location, AccessMode.READ_ONLY);
                    display.asyncExec(() -> Dialogs.warning(null, Messages.Archive_openFailedTitle,
                            NLS.bind(Messages.Archive_locked, location)));
                }
                ZoneId zone = TeamZone.of(archive.files());
                TriageService triage = triage(archive, TriageStateStore.open(archive.files()), zone);
                if (!zone.equals(sideZone)) {
                    // side files still in clear while an interrupted protect finished at this open
                    display.asyncExec(() -> context.set(ZoneId.class, zone));
                }
                openedArchive = archive;
                openedTriage = triage;
                // no read-ahead here: the queue's own load starts as soon as this job ends
                maraude.ui.FirstScreenProbe.reached(maraude.ui.FirstScreenProbe.ARCHIVE_OPEN);
            } catch (RuntimeException e) {
                openFailure = e;
                display.asyncExec(() -> failedToOpen(e));
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.setPriority(Job.INTERACTIVE);
        opening = job;
        context.set(Archive.class.getName(), new ContextFunction() {
            @Override
            public Object compute(IEclipseContext c, String key) {
                awaitOpen();
                return openedArchive;
            }
        });
        context.set(TriageService.class.getName(), new ContextFunction() {
            @Override
            public Object compute(IEclipseContext c, String key) {
                awaitOpen();
                return openedTriage;
            }
        });
        job.schedule();
        return true;
    }

    private volatile Job opening;
    private volatile Archive openedArchive;
    private volatile TriageService openedTriage;
    private volatile RuntimeException openFailure;

    /** Whether the archive is open (false while the first start's job opens it, or when it failed). */
    public boolean isOpen() {
        Job job = opening;
        return (job == null || job.getState() == Job.NONE) && openFailure == null && context.get(Archive.class) != null;
    }

    /** Waits until the first start's opening is done (at once when it is); from any thread. */
    public void awaitOpen() {
        Job job = opening;
        if (job != null) {
            joinQuietly(job);
        }
    }

    private void failedToOpen(RuntimeException e) {
        Dialogs.error(null, Messages.Archive_openFailedTitle, NLS.bind(Messages.Archive_openFailed, location,
                e instanceof ArchiveException a ? a.getMessage() : e.getClass().getSimpleName()));
        IWorkbench workbench = context.get(IWorkbench.class);
        if (workbench != null) {
            workbench.close();
        } else {
            System.exit(1);
        }
    }

    /** Asks the passphrase if needed and opens the archive; false when the worker gave up. */
    boolean open(Shell parent, String title) {
        if (protectedArchive && !unlock(parent, title)) {
            return false;
        }
        Archive archive;
        try {
            archive = factory.open(location, AccessMode.READ_WRITE);
        } catch (ArchiveException e) {
            if (e.kind() != ArchiveException.Kind.LOCKED) {
                throw e;
            }
            Dialogs.warning(parent, Messages.Archive_openFailedTitle, NLS.bind(Messages.Archive_locked, location));
            archive = factory.open(location, AccessMode.READ_ONLY);
        }
        context.set(Archive.class, archive);
        ZoneId zone = TeamZone.of(archive.files());
        context.set(ZoneId.class, zone);
        TriageService triage = triage(archive, TriageStateStore.open(archive.files()), zone);
        context.set(TriageService.class, triage);
        readAhead(triage);
        return true;
    }

    private boolean unlock(Shell parent, String title) {
        PassphraseDialog dialog = new PassphraseDialog(parent, title, NLS.bind(Messages.Lock_message, location));
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            if (dialog.open() != Window.OK) {
                return false;
            }
            try {
                Keyring.shared().unlock(location, dialog.passphrase());
                return true;
            } catch (WrongPassphraseException e) {
                dialog.setError(Messages.Lock_wrong);
            } finally {
                dialog.wipe();
            }
        }
        return false;
    }

    /**
     * Starts reading the waiting threads (language, intent, urgency: the bulk of the queue's first
     * computation) in a job while the workbench builds its window, so that the queue is drawn as
     * soon as its part exists; the queue's first load waits for it ({@link #awaitReadAhead()})
     * instead of reading the same threads a second time.
     */
    private void readAhead(TriageService triage) {
        Job job = Job.create(Messages.Queue_loading, (IProgressMonitor m) -> {
            try {
                triage.queue(maraude.ui.Clocks.start().instant());
            } catch (RuntimeException e) {
                // the queue's own load reports what is wrong; this is only a head start
            }
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.setPriority(Job.SHORT);
        readAhead = job;
        job.schedule();
    }

    private volatile Job readAhead;

    /** Waits (off the UI thread) until the reading started at opening is done; at once when there is none. */
    public void awaitReadAhead() {
        Job job = readAhead;
        if (job != null && Display.getCurrent() == null) {
            joinQuietly(job);
            readAhead = null;
        }
    }

    /** The team's settings changed (preferences, another workstation): the zone and the triage follow at once. */
    public void zoneChanged() {
        Archive archive = context.get(Archive.class);
        if (archive == null || locked) {
            return;
        }
        ZoneId zone = TeamZone.of(archive.files());
        context.set(ZoneId.class, zone);
        TriageService old = context.get(TriageService.class);
        context.set(TriageService.class, triage(archive, old != null ? old.store() : TriageStateStore.open(archive.files()), zone));
    }

    /**
     * The triage with the team's settings, as the CLI's commands build it: the team's zone
     * (team.properties {@code time_zone}: days and weeks are the team's) and its reading settings
     * (default language, auto-close of closings, own rule lines); the shipped reading when those
     * cannot be read (a bad rule file never keeps the workbench from opening).
     */
    static TriageService triage(Archive archive, maraude.core.triage.TriageStates store, ZoneId zone) {
        ReadingSettings reading;
        try {
            reading = ReadingSettings.load(archive.files());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            ILog.of(ArchiveSession.class).warn("The team's reading settings cannot be read; the shipped ones apply"); //$NON-NLS-1$
            reading = ReadingSettings.defaults();
        }
        return new TriageService(archive, store, TriagePolicy.defaults(), zone, reading);
    }

    /** A new idle period (preferences); the next lock counts from the last activity. */
    public void setIdle(Duration period) {
        if (idle != null) {
            idle.setIdle(period);
            idlePeriod = period;
        }
    }

    /** The idle period in force, or null for an archive that never locks itself. */
    public Duration idlePeriod() {
        return idle == null ? null : idlePeriod;
    }

    private Duration idlePeriod;

    /** Starts the idle timer and the activity watch (protected archives only). */
    public void watchIdle(Display display, Duration period) {
        if (!protectedArchive || idle != null) {
            return;
        }
        idlePeriod = period;
        idle = new IdleLock(Keyring.shared(), period, null);
        activity = e -> idle.touch();
        for (int type : new int[] { SWT.KeyDown, SWT.MouseDown, SWT.MouseMove, SWT.MouseWheel }) {
            display.addFilter(type, activity);
        }
        // The timer only notices; the lock itself runs on the UI thread.
        Thread watcher = new Thread(() -> {
            while (!display.isDisposed()) {
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    return;
                }
                if (!locked && idle.isIdleNow() && !display.isDisposed()) {
                    display.asyncExec(this::lock);
                }
            }
        }, "maraude-idle-watch"); //$NON-NLS-1$
        watcher.setDaemon(true);
        watcher.start();
        display.disposeExec(idle::close);
    }

    /**
     * Ctrl+L or idle: clears the views and hides the window at once, closes the archive (in a job:
     * a running purge finishes its commit first, the UI thread keeps running), drops the key, asks
     * the passphrase again.
     */
    public void lock() {
        if (!protectedArchive || locked) {
            return;
        }
        closeTeam(); // the lock closes the local archive and drops its key: the team archive goes first
        locked = true;
        IEventBroker broker = context.get(IEventBroker.class);
        broker.send(ArchiveEvents.LOCKED, Boolean.TRUE);
        Shell main = mainShell();
        if (main != null) {
            main.setVisible(false);
        }
        closeThenDropKey(context.get(Archive.class), main != null ? main.getDisplay() : Display.getCurrent());
        if (!open(null, Messages.Lock_title)) {
            context.get(IWorkbench.class).close();
            return;
        }
        locked = false;
        if (idle != null) {
            idle.unlocked();
        }
        if (main != null && !main.isDisposed()) {
            main.setVisible(true);
            main.forceActive();
        }
        broker.post(ArchiveEvents.CHANGED, Boolean.TRUE);
    }

    /**
     * Closes the archive and drops the key off the UI thread: a purge or a forget running on the
     * archive's writer holds it until its commit, and the window (already hidden, views cleared)
     * must not freeze meanwhile. The UI thread keeps dispatching events until the archive is
     * closed; only then is the key dropped (the erasure needs it to write its last segments) and
     * the passphrase asked again.
     */
    private static void closeThenDropKey(Archive archive, Display display) {
        Job closing = Job.create(Messages.Lock_title, (IProgressMonitor m) -> {
            try {
                if (archive != null) {
                    archive.close();
                }
            } finally {
                Keyring.shared().lock();
            }
            return Status.OK_STATUS;
        });
        closing.setSystem(true);
        AtomicBoolean done = new AtomicBoolean();
        closing.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                done.set(true);
                if (display != null && !display.isDisposed()) {
                    display.wake();
                }
            }
        });
        closing.schedule();
        if (display == null) {
            joinQuietly(closing);
            return;
        }
        while (!done.get() && !display.isDisposed()) {
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    // ---------------------------------------------------------------- team archive (#18)

    /**
     * Context key of the address of the team archive the workbench works on ({@code String}); absent
     * on the local archive. Handlers of local-only actions read it in {@code @CanExecute}.
     */
    public static final String TEAM_ADDRESS = "maraude.team.address"; //$NON-NLS-1$

    /** Data of the {@link ArchiveEvents#TRIAGE_CHANGED} posted when other workers changed the shared state. */
    public static final String TEAM_UPDATE = "maraude.team.update"; //$NON-NLS-1$

    private volatile String teamAddress;
    private Archive localArchive;
    private TriageService localTriage;
    private ZoneId localZone;
    private AutoCloseable live;

    /** Whether the workbench works on a team archive (not on the local folder). */
    public boolean isTeam() {
        return teamAddress != null;
    }

    /** The team archive's address, or null on the local archive. */
    public String teamAddress() {
        return teamAddress;
    }

    /**
     * Works on {@code team} from now on (UI thread): the archive, its zone and a triage over the team's
     * shared state ({@link ArchiveTriageStates}, read by {@code state} beforehand off the UI thread)
     * replace the local ones in the context, the local archive stays open behind them for
     * {@link #backToLocal()}; other workers' changes, heard every few seconds, are posted as
     * {@link ArchiveEvents#TRIAGE_CHANGED} so that the queue and the backlog redraw.
     */
    public void switchToTeam(String address, Archive team, TriageStates state) {
        awaitOpen();
        if (teamAddress != null) {
            closeTeam();
        }
        localArchive = context.get(Archive.class);
        localTriage = context.get(TriageService.class);
        localZone = context.get(ZoneId.class);
        ZoneId zone = TeamZone.of(team.files());
        context.set(Archive.class, team);
        context.set(ZoneId.class, zone);
        context.set(TriageService.class, triage(team, state, zone));
        teamAddress = address;
        context.set(TEAM_ADDRESS, address);
        showInTitle(address);
        IEventBroker broker = context.get(IEventBroker.class);
        live = state.subscribe(s -> broker.post(ArchiveEvents.TRIAGE_CHANGED, TEAM_UPDATE));
        broker.post(ArchiveEvents.CHANGED, Boolean.TRUE);
    }

    /** The window's own title, while the team's address is shown after it. */
    private String windowLabel;

    /** The team archive's address after the window's title (a worker sees which archive she works on); null: none. */
    private void showInTitle(String address) {
        MApplication app = context.get(MApplication.class);
        if (app == null || app.getChildren().isEmpty()) {
            return;
        }
        org.eclipse.e4.ui.model.application.ui.basic.MWindow w = app.getChildren().get(0);
        if (address == null) {
            if (windowLabel != null) {
                w.setLabel(windowLabel);
                windowLabel = null;
            }
            return;
        }
        if (windowLabel == null) {
            windowLabel = w.getLabel();
        }
        w.setLabel(w.getLocalizedLabel() + " \u2014 " + NLS.bind(maraude.ui.team.Messages.Team_connected, address)); //$NON-NLS-1$
    }

    /** Back to the local archive (UI thread): the team archive is closed, the local one shown again. */
    public void backToLocal() {
        if (teamAddress == null) {
            return;
        }
        closeTeam();
        context.get(IEventBroker.class).post(ArchiveEvents.CHANGED, Boolean.TRUE);
    }

    /** Closes the team archive, if any, and puts the local one back in the context (no event). */
    void closeTeam() {
        if (teamAddress == null) {
            return;
        }
        Archive team = context.get(Archive.class);
        try {
            if (live != null) {
                live.close();
            }
        } catch (Exception e) {
            ILog.of(ArchiveSession.class).warn("Stopping the team archive's live updates failed: " + e.getClass().getSimpleName()); //$NON-NLS-1$
        }
        live = null;
        teamAddress = null;
        try {
            showInTitle(null);
        } catch (RuntimeException e) {
            // the window may be gone already (the workbench closing): the archives still close below
        }
        context.remove(TEAM_ADDRESS);
        context.set(Archive.class, localArchive);
        context.set(ZoneId.class, localZone);
        context.set(TriageService.class, localTriage);
        localArchive = null;
        localTriage = null;
        if (team != null) {
            try {
                team.close();
            } catch (RuntimeException e) {
                ILog.of(ArchiveSession.class).warn("Closing the team archive failed: " + e.getClass().getSimpleName()); //$NON-NLS-1$
            }
        }
    }

    private static void joinQuietly(Job job) {
        try {
            job.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Shell mainShell() {
        MApplication app = context.get(MApplication.class);
        if (app == null || app.getChildren().isEmpty()) {
            return null;
        }
        return app.getChildren().get(0).getWidget() instanceof Shell s ? s : null;
    }
}

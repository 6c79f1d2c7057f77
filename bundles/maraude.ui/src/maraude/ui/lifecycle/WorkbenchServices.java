package maraude.ui.lifecycle;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Display;
import org.osgi.service.prefs.BackingStoreException;

import maraude.core.archive.Archive;
import maraude.core.archive.TeamZone;
import maraude.imports.ImportService;
import maraude.ui.ArchiveEvents;
import maraude.ui.Workers;
import maraude.ui.preferences.Messages;
import maraude.ui.preferences.UiPreferences;
import maraude.ui.retention.RetentionJob;
import maraude.ui.sources.SourcePulls;
import maraude.ui.dialogs.Dialogs;

/**
 * What runs whatever the worker opens, owned by the application (an add-on of the model), not by a
 * view: the clock, the team's time zone and the current worker in the application context (one
 * source each; tests put a fixed clock there before start), the idle lock of a protected archive,
 * the team's retention (at start, then every "check period") and the source pulls (due sources
 * pulled from start, whether the Sources view is ever opened or not). Views only show their state.
 */
public final class WorkbenchServices {

    /** Posted when the preferences changed. Data: ignored. */
    public static final String PREFERENCES_CHANGED = "maraude/preferences/changed"; //$NON-NLS-1$
    private static final long RETENTION_START_DELAY_MS = 3_000;

    @Inject
    private IEclipseContext context;
    @Inject
    @Optional
    private ArchiveSession session;
    @Inject
    private ImportService imports;

    private RetentionJob retention;
    private SourcePulls pulls;

    @PostConstruct
    void start(Display display) {
        if (context.get(Clock.class) == null) {
            context.set(Clock.class, maraude.ui.Clocks.start());
        }
        Clock clock = context.get(Clock.class);
        if (context.get(ZoneId.class) == null) {
            Archive a = context.get(Archive.class);
            context.set(ZoneId.class, a != null ? TeamZone.of(a.files()) : ZoneId.systemDefault());
        }
        if (UiPreferences.askWorkerAtStart()) {
            askWorkerName();
        }
        context.set(Workers.CONTEXT_KEY, Workers.current());

        if (session != null) {
            session.watchIdle(display, UiPreferences.idle());
        }
        // The team's retention: at start (once the first views are drawn), then every check period.
        retention = RetentionJob.daily(() -> context.get(Archive.class), () -> context.get(IEventBroker.class), clock);
        retention.setPeriod(UiPreferences.retentionCheck());
        context.set(RetentionJob.class, retention);
        retention.schedule(RETENTION_START_DELAY_MS);

        // no pull into a team archive: the sources and their schedule are this computer's (#18)
        pulls = new SourcePulls(() -> context.get(Archive.class), () -> session != null && (session.isLocked() || session.isTeam()),
                () -> context.get(IEventBroker.class), () -> {
                    ZoneId z = context.get(ZoneId.class);
                    return z != null ? z : ZoneId.systemDefault();
                }, clock, imports);
        context.set(SourcePulls.class, pulls);
        pulls.start(UiPreferences.sourcesCheck());
    }

    /** First start: who is at the keyboard (changeable later in the preferences). */
    private static void askWorkerName() {
        IInputValidator notBlank = v -> v == null || v.isBlank() ? Messages.Worker_required : null;
        InputDialog d = Dialogs.input(null, Messages.Worker_firstTitle, Messages.Worker_firstMessage,
                System.getProperty("user.name", ""), notBlank); //$NON-NLS-1$ //$NON-NLS-2$
        if (d.open() == Window.OK) {
            try {
                UiPreferences.put(UiPreferences.WORKER, d.getValue());
            } catch (BackingStoreException e) {
                ILog.of(WorkbenchServices.class).error("Saving the worker preference failed", e); //$NON-NLS-1$
            }
        }
    }

    /** The preference dialog saved: the context, the idle lock and the periods follow at once. */
    @Inject
    @Optional
    void preferencesChanged(@UIEventTopic(PREFERENCES_CHANGED) Object ignored) {
        context.set(Workers.CONTEXT_KEY, Workers.current());
        if (session != null) {
            session.setIdle(UiPreferences.idle());
            session.zoneChanged();
        }
        if (retention != null) {
            retention.setPeriod(UiPreferences.retentionCheck());
        }
        if (pulls != null) {
            pulls.setPeriod(UiPreferences.sourcesCheck());
        }
    }

    /** Dates are shown in the team's zone, the context's, whenever it changes. */
    @Inject
    @Optional
    void zoneChanged(ZoneId zone) {
        maraude.ui.Formats.showIn(zone);
    }

    /** A reopened archive (after a lock) may belong to a team with another zone. */
    @Inject
    @Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        Archive a = context.get(Archive.class);
        if (a != null) {
            ZoneId z = TeamZone.of(a.files());
            if (!z.equals(context.get(ZoneId.class))) {
                // team.properties changed (another workstation, the CLI): the triage follows
                if (session != null) {
                    session.zoneChanged();
                } else {
                    context.set(ZoneId.class, z);
                }
            }
        }
    }

    @PreDestroy
    void stop() {
        if (pulls != null) {
            pulls.stop();
        }
        if (retention != null) {
            retention.stop();
        }
    }
}

package maraude.ui.lifecycle;

import java.nio.file.Path;

import org.eclipse.core.runtime.ILog;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveFactory;
import maraude.core.archive.ArchiveLocations;
import maraude.ui.Messages;
import maraude.ui.dialogs.Dialogs;

/**
 * Unlocks a protected archive before the window exists, starts opening the archive in a job and puts
 * it in the application context (where parts and handlers get it, waiting for the job when they ask
 * before it is done); closes it when the display goes away.
 */
public class ArchiveLifeCycle {

    /** How long to wait for the archive service: DS registers it when its bundle starts. */
    private static final long SERVICE_WAIT_MS = 10_000;

    @PostContextCreate
    void openArchive(IEclipseContext context, Display display) {
        maraude.ui.FirstScreenProbe.reached(maraude.ui.FirstScreenProbe.LIFECYCLE);
        Path location = ArchiveLocations.defaultLocation();
        BundleContext bc = FrameworkUtil.getBundle(ArchiveLifeCycle.class).getBundleContext();
        // Kept open for the whole session: releasing the service could deactivate the factory.
        ServiceTracker<ArchiveFactory, ArchiveFactory> tracker = new ServiceTracker<>(bc, ArchiveFactory.class, null);
        tracker.open();
        ArchiveFactory factory = waitFor(tracker);
        if (factory == null) {
            Dialogs.error(null, Messages.Archive_openFailedTitle, Messages.Archive_noService);
            throw new IllegalStateException("no ArchiveFactory service"); //$NON-NLS-1$
        }
        ArchiveSession session = new ArchiveSession(context, factory, location);
        boolean unlocked;
        try {
            // the archive opens in a job while the window is built; the queue draws its last snapshot meanwhile
            unlocked = session.openInBackground(display);
        } catch (ArchiveException e) {
            Dialogs.error(null, Messages.Archive_openFailedTitle,
                    NLS.bind(Messages.Archive_openFailed, location, e.getMessage()));
            throw e;
        }
        if (!unlocked) {
            // The worker chose not to unlock: there is nothing to show, and nothing was opened.
            System.exit(0);
        }
        context.set(ArchiveSession.class, session);
        // The idle lock, the retention and the source pulls: see WorkbenchServices (an add-on).
        display.disposeExec(() -> {
            try {
                session.closeTeam();
                Archive archive = context.get(Archive.class);
                if (archive != null) {
                    archive.close();
                }
            } catch (RuntimeException e) {
                ILog.of(ArchiveLifeCycle.class).error("Closing the archive failed", e); //$NON-NLS-1$
            } finally {
                tracker.close();
            }
        });
    }

    /** First start: a maximised window and the shipped perspectives kept for "Reset layout". */
    @ProcessAdditions
    void firstLayout(MApplication app, EModelService models) {
        Layouts.firstStart(app, models);
    }

    private static ArchiveFactory waitFor(ServiceTracker<ArchiveFactory, ArchiveFactory> tracker) {
        try {
            return tracker.waitForService(SERVICE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package maraude.ui.retention;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;

import jakarta.inject.Named;
import org.eclipse.e4.ui.services.IServiceConstants;

import maraude.archive.LuceneArchive;
import maraude.archive.maintenance.Retention;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.ui.dialogs.Dialogs;

/**
 * "Apply the retention period now": counts in a job what the team's policy would erase, asks with
 * those counts, then erases in the same job (never on the UI thread).
 */
public class ApplyRetentionHandler {

    @CanExecute
    boolean canExecute(Archive archive) {
        return archive instanceof LuceneArchive && archive.accessMode() == AccessMode.READ_WRITE;
    }

    @Execute
    void execute(Archive archive, IEventBroker broker, @Named(IServiceConstants.ACTIVE_SHELL) Shell shell,
            java.time.Clock clock) {
        RetentionJob.onDemand(() -> archive, broker, new Confirm(shell), clock).schedule();
    }

    /** The questions as dialogs over the main window. */
    static final class Confirm implements RetentionJob.Confirm {
        private final Shell shell;

        Confirm(Shell shell) {
            this.shell = shell;
        }

        @Override
        public boolean erase(Retention.Preview p, String periods) {
            AtomicBoolean yes = new AtomicBoolean();
            if (!shell.isDisposed()) {
                shell.getDisplay().syncExec(() -> yes.set(!shell.isDisposed() && Dialogs.confirm(shell,
                        Messages.Retention_title, NLS.bind(Messages.Retention_confirm, new Object[] { p.messages(),
                                p.conversationsTouched(), p.conversations(), p.contacts(), periods }))));
            }
            return yes.get();
        }

        @Override
        public void inform(String message) {
            if (!shell.isDisposed()) {
                shell.getDisplay().asyncExec(() -> {
                    if (!shell.isDisposed()) {
                        Dialogs.information(shell, Messages.Retention_title, message);
                    }
                });
            }
        }
    }
}

package maraude.ui.retention;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;

import maraude.archive.LuceneArchive;
import maraude.archive.maintenance.ArchiveErasure;
import maraude.archive.maintenance.Retention;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.ui.ArchiveEvents;
import maraude.ui.JobFamilies;

/**
 * "Forget this contact" (right to be forgotten) through the archive the workbench holds: counts in
 * this job what would go (messages, conversations, attachments, the team's notes), asks with those
 * counts, then erases the person ({@link Retention#forgetContact(LuceneArchive, String)}: segments
 * rewritten, attachments and their blurred copies deleted, an audit entry with counts only; on a team
 * archive {@link ArchiveErasure#forget(Archive, String)}: on the servers, merge forced, the team's
 * shared notes and flags about her with it, then this machine's side files) and
 * posts {@link ArchiveEvents#CHANGED}. Cancelling works until the erasure starts; from then on it
 * runs to its commit.
 */
public final class ForgetContactJob extends Job {

    /** The questions; called from the job's thread, answers from the UI thread. */
    public interface Confirm {
        /** Whether to erase what {@code preview} counts, about the person called {@code name}. */
        boolean erase(Retention.ForgetPreview preview, String name);

        void inform(String message);
    }

    private final Supplier<Archive> archive;
    private final IEventBroker broker;
    private final String contactId;
    private final String name;
    private final Confirm confirm;
    private volatile Retention.Result result;

    public ForgetContactJob(Supplier<Archive> archive, IEventBroker broker, String contactId, String name, Confirm confirm) {
        super(Messages.Forget_jobName);
        this.archive = archive;
        this.broker = broker;
        this.contactId = contactId;
        this.name = name;
        this.confirm = confirm;
        setUser(true);
    }

    /** What was erased; null until done (or when nothing was). */
    public Retention.Result result() {
        return result;
    }

    @Override
    public boolean belongsTo(Object family) {
        return JobFamilies.belongsTo(family, JobFamilies.FORGET);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, Messages.Forget_jobName, 10);
        Archive a = archive.get();
        // a local archive erases through its folder (Retention); a team archive on its servers (ArchiveErasure, #18)
        boolean team = ArchiveErasure.supports(a);
        if (a == null || !(team || a instanceof LuceneArchive) || a.accessMode() != AccessMode.READ_WRITE) {
            confirm.inform(Messages.Retention_readOnly);
            return Status.OK_STATUS;
        }
        try {
            sub.subTask(Messages.Forget_counting);
            Retention.ForgetPreview preview = team ? ArchiveErasure.preview(a, contactId)
                    : Retention.previewForget((LuceneArchive) a, contactId);
            sub.worked(3);
            if (!preview.known() && preview.messages() == 0) {
                confirm.inform(Messages.Forget_unknown);
                return Status.OK_STATUS;
            }
            if (sub.isCanceled() || !confirm.erase(preview, name) || sub.isCanceled()) {
                return Status.CANCEL_STATUS;
            }
            // From here on the erasure runs to its commit: half a person forgotten is not an option.
            sub.subTask(Messages.Forget_erasing);
            result = team ? ArchiveErasure.forget(a, contactId) : Retention.forgetContact((LuceneArchive) a, contactId);
            sub.worked(7);
            broker.post(ArchiveEvents.CHANGED, Boolean.TRUE);
            confirm.inform(NLS.bind(Messages.Forget_done, new Object[] { result.messages(), result.conversations(),
                    result.attachments() }));
            return Status.OK_STATUS;
        } catch (ArchiveException e) {
            // kinds only in the log: the message names the archive folder, never a person
            ILog.of(ForgetContactJob.class).error("Forget failed: " + e.kind()); //$NON-NLS-1$
            confirm.inform(NLS.bind(Messages.Forget_failed, e.getMessage()));
            return Status.OK_STATUS;
        } catch (RuntimeException e) {
            // e.g. the archive locked in the middle
            ILog.of(ForgetContactJob.class).error("Forget failed: " + e.getClass().getSimpleName()); //$NON-NLS-1$
            confirm.inform(NLS.bind(Messages.Forget_failed, e.getClass().getSimpleName()));
            return Status.OK_STATUS;
        }
    }

    /** The questions as dialogs over a shell. */
    public static final class Dialogs implements Confirm {
        private final Shell shell;

        public Dialogs(Shell shell) {
            this.shell = shell;
        }

        @Override
        public boolean erase(Retention.ForgetPreview p, String name) {
            AtomicBoolean yes = new AtomicBoolean();
            if (!shell.isDisposed()) {
                // irreversible: a warning whose default button is Cancel (Enter does not erase)
                shell.getDisplay().syncExec(() -> yes.set(!shell.isDisposed() && maraude.ui.dialogs.Dialogs.confirmWarning(shell,
                        Messages.Forget_title, NLS.bind(Messages.Forget_confirm,
                                new Object[] { name, p.messages(), p.conversations(), p.attachments(), p.notes() }))));
            }
            return yes.get();
        }

        @Override
        public void inform(String message) {
            if (!shell.isDisposed()) {
                shell.getDisplay().asyncExec(() -> {
                    if (!shell.isDisposed()) {
                        maraude.ui.dialogs.Dialogs.information(shell, Messages.Forget_title, message);
                    }
                });
            }
        }
    }
}

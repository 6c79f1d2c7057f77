package maraude.ui.imports;

import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.wizard.WizardDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.imports.ImportProblem;
import maraude.imports.ImportReport;
import maraude.imports.ImportService;
import maraude.ui.ArchiveEvents;
import maraude.ui.WidgetIds;
import maraude.ui.dialogs.Dialogs;

/** File › Import… (Ctrl+I), and files dropped on the window: the wizard, then the import job. */
public class ImportHandler {

    /** How many problems the summary lists before saying "and N more". */
    private static final int SHOWN_PROBLEMS = 12;

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, Archive archive,
            ImportService service, IEventBroker broker, UISynchronize sync) {
        open(shell, archive, service, broker, sync, List.of());
    }

    /** Opens the wizard on {@code initial} paths (e.g. dropped files) and starts the import. */
    public static void open(Shell shell, Archive archive, ImportService service, IEventBroker broker, UISynchronize sync,
            List<Path> initial) {
        if (archive.accessMode() != AccessMode.READ_WRITE) {
            Dialogs.error(shell, Messages.Import_title, Messages.Import_readOnly);
            return;
        }
        ImportWizard wizard = new ImportWizard(initial);
        WizardDialog dialog = new WizardDialog(shell, wizard) {
            @Override
            protected void createButtonsForButtonBar(org.eclipse.swt.widgets.Composite parent) {
                super.createButtonsForButtonBar(parent);
                Dialogs.relabel(parent);
                WidgetIds.tag(getButton(IDialogConstants.FINISH_ID), WidgetIds.IMPORT_FINISH);
            }
        };
        if (dialog.open() != WizardDialog.OK) {
            return;
        }
        new ImportJob(service, archive, wizard.chosenPaths(), wizard.us(), report -> {
            broker.post(ArchiveEvents.CHANGED, Boolean.TRUE);
            sync.asyncExec(() -> {
                if (!shell.isDisposed()) {
                    Dialogs.message(report.errors().isEmpty() ? MessageDialog.INFORMATION : MessageDialog.WARNING,
                            shell, Messages.Import_summaryTitle, summary(report));
                }
            });
        }).schedule();
    }

    static String summary(ImportReport r) {
        StringBuilder sb = new StringBuilder(NLS.bind(Messages.Import_summary, new Object[] { r.files(), r.conversations(),
                r.messagesAdded(), r.duplicatesSkipped(), r.attachments() }));
        if (r.cancelled()) {
            sb.append("\n\n").append(Messages.Import_cancelled); //$NON-NLS-1$
        }
        if (!r.errors().isEmpty()) {
            sb.append("\n\n").append(NLS.bind(Messages.Import_problems, r.errors().size())); //$NON-NLS-1$
            r.errors().stream().limit(SHOWN_PROBLEMS).forEach((ImportProblem p) -> sb.append("\n• ") //$NON-NLS-1$
                    .append(Path.of(p.file()).getFileName()).append(p.line() > 0 ? ":" + p.line() : "") //$NON-NLS-1$ //$NON-NLS-2$
                    .append(" — ").append(p.reason())); //$NON-NLS-1$
            if (r.errors().size() > SHOWN_PROBLEMS) {
                sb.append("\n…"); //$NON-NLS-1$
            }
            sb.append("\n\n").append(Messages.Import_quarantine); //$NON-NLS-1$
        }
        return sb.toString();
    }
}

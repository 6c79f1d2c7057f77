package maraude.ui.handlers;


import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;

import maraude.core.triage.PermanenceSession;
import maraude.core.triage.TriageService;
import maraude.ui.ArchiveEvents;
import maraude.ui.Messages;
import maraude.ui.dialogs.Dialogs;

/** Ends the worker's permanence with a handover note for whoever comes next. */
public class EndPermanenceHandler {

    @CanExecute
    boolean canExecute(TriageService triage) {
        return StartPermanenceHandler.openSession(triage).isPresent();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, TriageService triage, IEventBroker broker,
            java.time.Clock clock) {
        PermanenceSession open = StartPermanenceHandler.openSession(triage).orElse(null);
        if (open == null) {
            return;
        }
        InputDialog note = new InputDialog(shell, Messages.Permanence_end, Messages.Permanence_notePrompt, "", null) { //$NON-NLS-1$
            @Override
            protected int getInputTextStyle() {
                return SWT.MULTI | SWT.BORDER | SWT.WRAP | SWT.V_SCROLL;
            }

            @Override
            protected void createButtonsForButtonBar(org.eclipse.swt.widgets.Composite bar) {
                super.createButtonsForButtonBar(bar);
                Dialogs.relabel(bar);
            }
        };
        if (note.open() == Window.OK) {
            triage.store().endSession(open.id(), clock.instant(), note.getValue().strip());
            broker.post(ArchiveEvents.TRIAGE_CHANGED, Boolean.TRUE);
        }
    }
}

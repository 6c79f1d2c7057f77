package maraude.ui.handlers;

import java.util.Optional;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;

import maraude.core.triage.PermanenceSession;
import maraude.core.triage.TriageService;
import maraude.ui.ArchiveEvents;
import maraude.ui.Formats;
import maraude.ui.Messages;
import maraude.ui.Workers;
import maraude.ui.dialogs.Dialogs;

/** Starts a permanence: shows the previous worker's handover note; the queue marks what is new since. */
public class StartPermanenceHandler {

    @CanExecute
    boolean canExecute(TriageService triage) {
        return openSession(triage).isEmpty();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, TriageService triage, IEventBroker broker,
            java.time.Clock clock) {
        Optional<PermanenceSession> previous = triage.store().snapshot().lastEndedSession();
        triage.store().startSession(Workers.current(), clock.instant());
        broker.post(ArchiveEvents.TRIAGE_CHANGED, Boolean.TRUE);
        String note = previous.map(p -> p.handoverNote().isBlank() ? Messages.Permanence_noNote
                : NLS.bind(Messages.Permanence_handover, new Object[] { p.workerId(), Formats.dateTime(p.end()), p.handoverNote() }))
                .orElse(Messages.Permanence_first);
        Dialogs.information(shell, Messages.Permanence_started, note);
    }

    /** The current worker's open permanence, if any. */
    static Optional<PermanenceSession> openSession(TriageService triage) {
        String me = Workers.current();
        return triage.store().snapshot().sessions().stream().filter(s -> s.isOpen() && s.workerId().equals(me)).findFirst();
    }
}

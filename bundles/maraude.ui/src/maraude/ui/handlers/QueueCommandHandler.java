package maraude.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

import maraude.ui.parts.QueuePart;

/** A queue key's command: enabled only while the queue part is active, it acts on that part. */
abstract class QueueCommandHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        return part != null && part.getObject() instanceof QueuePart;
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part) {
        if (part.getObject() instanceof QueuePart queue) {
            run(queue);
        }
    }

    /** What the key does to the queue. */
    abstract void run(QueuePart queue);
}

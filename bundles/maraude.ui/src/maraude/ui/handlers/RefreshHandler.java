package maraude.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.services.events.IEventBroker;

import maraude.ui.ArchiveEvents;

/** F5: every view reloads from the archive. */
public class RefreshHandler {
    @Execute
    void execute(IEventBroker broker) {
        broker.post(ArchiveEvents.CHANGED, Boolean.TRUE);
    }
}

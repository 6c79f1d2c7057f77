package maraude.ui.preferences;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.jface.window.Window;
import org.eclipse.swt.widgets.Shell;

import maraude.core.archive.Archive;
import maraude.ui.lifecycle.WorkbenchServices;

/** Fichier › Préférences: the dialog, then the workbench services follow what was saved. */
public class PreferencesHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, @Optional Archive archive, IEventBroker broker) {
        PreferencesDialog d = new PreferencesDialog(shell, archive);
        if (d.open() == Window.OK && d.saved()) {
            // sent, not posted: the worker name and the zone are in the context before the next click
            broker.send(WorkbenchServices.PREFERENCES_CHANGED, Boolean.TRUE);
            broker.post(maraude.ui.ArchiveEvents.CHANGED, Boolean.TRUE);
        }
    }
}

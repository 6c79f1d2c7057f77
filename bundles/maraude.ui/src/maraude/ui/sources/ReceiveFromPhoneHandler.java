package maraude.ui.sources;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;

import jakarta.inject.Named;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.imports.ImportService;
import maraude.sources.phone.PhoneDrop;

/** Opens the "Receive from phone" dialog; the server lives exactly as long as the dialog. */
public class ReceiveFromPhoneHandler {

    /** Tests put a loopback configuration in the context under this name. */
    public static final String CONFIG_KEY = "maraude.phonedrop.config"; //$NON-NLS-1$

    @Execute
    public void execute(@Named(IServiceConstants.ACTIVE_SHELL) org.eclipse.swt.widgets.Shell shell, Archive archive,
            ImportService imports, @Optional IEventBroker broker, @Optional @Named(CONFIG_KEY) PhoneDrop.Config config) {
        PhoneDrop.Config c = config != null ? config : PhoneDrop.Config.defaults();
        new PhoneDropDialog(shell, archive, imports, broker, () -> c).open();
    }

    @CanExecute
    public boolean canExecute(@Optional Archive archive,
            @Optional @Named(maraude.ui.lifecycle.ArchiveSession.TEAM_ADDRESS) String team) {
        // the phone drop fills this computer's archive: not offered on a team archive (#18)
        return archive != null && archive.accessMode() == AccessMode.READ_WRITE && team == null;
    }
}

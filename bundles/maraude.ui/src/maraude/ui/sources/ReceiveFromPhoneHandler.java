package maraude.ui.sources;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;

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
            @Optional IEventBroker broker, @Optional @Named(CONFIG_KEY) PhoneDrop.Config config) {
        PhoneDrop.Config c = config != null ? config : PhoneDrop.Config.defaults();
        new PhoneDropDialog(shell, archive, importService(), broker, () -> c).open();
    }

    @CanExecute
    public boolean canExecute(@Optional Archive archive) {
        return archive != null && archive.accessMode() == AccessMode.READ_WRITE;
    }

    /** The DS import service (every format registered), else the built-in formats. */
    static ImportService importService() {
        Bundle b = FrameworkUtil.getBundle(ReceiveFromPhoneHandler.class);
        BundleContext bc = b == null ? null : b.getBundleContext();
        if (bc != null) {
            ServiceReference<ImportService> ref = bc.getServiceReference(ImportService.class);
            if (ref != null) {
                ImportService s = bc.getService(ref);
                if (s != null) {
                    return s;
                }
            }
        }
        return ImportService.withBuiltInFormats();
    }
}

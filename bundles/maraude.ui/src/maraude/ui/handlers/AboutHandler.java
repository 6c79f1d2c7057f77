package maraude.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.widgets.Shell;
import org.osgi.framework.FrameworkUtil;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveStats;
import maraude.ui.Messages;
import maraude.ui.dialogs.Dialogs;

/** Version, archive location and counts. */
public class AboutHandler {
    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, Archive archive) {
        ArchiveStats stats = archive.stats();
        String version = FrameworkUtil.getBundle(AboutHandler.class).getVersion().toString();
        Dialogs.information(shell, Messages.About_title, NLS.bind(Messages.About_text, new Object[] { version,
                archive.location(), stats.contacts(), stats.conversations(), stats.messages() }));
    }
}

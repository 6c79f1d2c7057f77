package maraude.ui.team;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.swt.widgets.Shell;

import maraude.core.archive.TeamServers;
import maraude.ui.lifecycle.ArchiveSession;

/** "Connect to a team archive…" (#18): the dialog; the session switches when the connection succeeds. */
public class ConnectTeamHandler {

    @CanExecute
    boolean canExecute(@Optional ArchiveSession session) {
        return session != null && !session.isLocked();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, ArchiveSession session,
            @Optional TeamServers servers) {
        // the team servers' OSGi service (maraude.team), through the context; absent: the dialog says so
        new ConnectTeamDialog(shell, session, servers).open();
    }
}

package maraude.ui.team;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;

import maraude.ui.lifecycle.ArchiveSession;

/** "Back to the local archive" (#18): closes the team archive, the local one is shown again. */
public class LocalArchiveHandler {

    @CanExecute
    boolean canExecute(@Optional ArchiveSession session) {
        return session != null && session.isTeam();
    }

    @Execute
    void execute(ArchiveSession session) {
        session.backToLocal();
    }
}

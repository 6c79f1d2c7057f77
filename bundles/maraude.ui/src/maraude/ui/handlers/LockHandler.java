package maraude.ui.handlers;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;

import maraude.ui.lifecycle.ArchiveSession;

/** Ctrl+L: locks a protected archive at once (views cleared, key dropped, passphrase asked again). */
public class LockHandler {

    @CanExecute
    boolean canExecute(ArchiveSession session) {
        return session.isProtected() && !session.isLocked();
    }

    @Execute
    void execute(ArchiveSession session) {
        session.lock();
    }
}

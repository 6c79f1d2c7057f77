package maraude.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.workbench.IWorkbench;

/** Closes the workbench; the archive is closed with the display. */
public class QuitHandler {
    @Execute
    void execute(IWorkbench workbench) {
        workbench.close();
    }
}

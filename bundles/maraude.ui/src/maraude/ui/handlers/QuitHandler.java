package maraude.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * Closes the workbench; the archive is closed with the display. Dirty parts (a template being
 * edited) are offered for saving first; Cancel keeps the workbench open.
 */
public class QuitHandler {
    @Execute
    void execute(IWorkbench workbench, @Optional EPartService parts) {
        if (parts == null || parts.saveAll(true)) {
            workbench.close();
        }
    }
}

package maraude.ui.handlers;

import java.util.List;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/** Switches between the permanence and the coordination perspectives. */
public class SwitchPerspectiveHandler {
    public static final String PARAMETER = "maraude.commandparameter.perspective"; //$NON-NLS-1$

    @Execute
    void execute(@Named(PARAMETER) String perspectiveId, MApplication app, EModelService models, EPartService parts) {
        List<MPerspective> found = models.findElements(app, perspectiveId, MPerspective.class);
        if (!found.isEmpty()) {
            parts.switchPerspective(found.get(0));
        }
    }
}

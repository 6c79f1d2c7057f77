package maraude.ui.handlers;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;

import maraude.ui.parts.SearchPart;

/** Ctrl+F / Ctrl+K: brings the search part forward with the keyboard in its query field. */
public class FocusSearchHandler {
    @Execute
    void execute(EPartService partService) {
        MPart part = partService.showPart(SearchPart.ID, PartState.ACTIVATE);
        if (part != null && part.getObject() instanceof SearchPart search) {
            search.focusQuery();
        }
    }
}

package maraude.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.services.IServiceConstants;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Shell;

import maraude.ui.lifecycle.Layouts;
import maraude.ui.preferences.Messages;
import maraude.ui.dialogs.Dialogs;

/** Affichage › Réinitialiser la disposition: the perspectives as shipped, the window maximised. */
public class ResetLayoutHandler {

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_SHELL) Shell shell, MApplication app, EModelService models) {
        if (Dialogs.confirm(shell, Messages.Layout_resetTitle, Messages.Layout_resetConfirm)) {
            Layouts.reset(app, models);
            Shell main = app.getChildren().get(0).getWidget() instanceof Shell s ? s : null;
            if (main != null && !main.isDisposed()) {
                main.setMaximized(true);
                main.layout(true, true);
            }
        }
    }
}

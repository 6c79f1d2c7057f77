package maraude.ui.handlers;

import jakarta.inject.Named;

import org.eclipse.e4.core.di.annotations.CanExecute;
import org.eclipse.e4.core.di.annotations.Execute;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.services.IServiceConstants;

import maraude.ui.parts.ContactRegisterPart;

/** "Forget this contact…" (right to be forgotten): counts what would go, asks, then erases the person. Enabled only while the contact register is active with a contact selected. */
public class RegisterForgetHandler {

    @CanExecute
    boolean canExecute(@Optional @Named(IServiceConstants.ACTIVE_PART) MPart part) {
        // local and team archives alike: ForgetContactJob erases a team's person on its servers (#18)
        return part != null && part.getObject() instanceof ContactRegisterPart register && register.hasSelection();
    }

    @Execute
    void execute(@Named(IServiceConstants.ACTIVE_PART) MPart part) {
        if (part.getObject() instanceof ContactRegisterPart register) {
            register.forgetSelected();
        }
    }
}

package maraude.ui.dialogs;

import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.IInputValidator;
import org.eclipse.jface.dialogs.InputDialog;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;

/**
 * The product's dialogs with the product's own button labels (French, Dutch, English): one place
 * instead of JFace's {@code MessageDialog.openConfirm} and friends, whose buttons would stay in
 * English without the Eclipse language packs. Standard buttons are recognised by the id JFace
 * keeps in their data ({@link IDialogConstants}).
 */
public final class Dialogs {

    private static final Map<Integer, String> LABELS = Map.of(IDialogConstants.OK_ID, Messages.Button_ok,
            IDialogConstants.CANCEL_ID, Messages.Button_cancel, IDialogConstants.YES_ID, Messages.Button_yes,
            IDialogConstants.NO_ID, Messages.Button_no, IDialogConstants.CLOSE_ID, Messages.Button_close,
            IDialogConstants.BACK_ID, Messages.Button_back, IDialogConstants.NEXT_ID, Messages.Button_next,
            IDialogConstants.FINISH_ID, Messages.Button_finish);

    private Dialogs() {
    }

    /** OK / Annuler; true for OK. */
    public static boolean confirm(Shell parent, String title, String message) {
        return open(MessageDialog.CONFIRM, parent, title, message, 0, Messages.Button_ok, Messages.Button_cancel) == 0;
    }

    /** OK / Annuler with Annuler as the default button (Enter does not do the irreversible). */
    public static boolean confirmWarning(Shell parent, String title, String message) {
        return open(MessageDialog.WARNING, parent, title, message, 1, Messages.Button_ok, Messages.Button_cancel) == 0;
    }

    /** Oui / Non; true for Oui. */
    public static boolean question(Shell parent, String title, String message) {
        return open(MessageDialog.QUESTION, parent, title, message, 0, Messages.Button_yes, Messages.Button_no) == 0;
    }

    public static void information(Shell parent, String title, String message) {
        open(MessageDialog.INFORMATION, parent, title, message, 0, Messages.Button_ok);
    }

    public static void warning(Shell parent, String title, String message) {
        open(MessageDialog.WARNING, parent, title, message, 0, Messages.Button_ok);
    }

    public static void error(Shell parent, String title, String message) {
        open(MessageDialog.ERROR, parent, title, message, 0, Messages.Button_ok);
    }

    /** A message with one OK button, of {@code kind} ({@link MessageDialog#INFORMATION}…). */
    public static void message(int kind, Shell parent, String title, String message) {
        open(kind, parent, title, message, 0, Messages.Button_ok);
    }

    private static int open(int kind, Shell parent, String title, String message, int defaultButton, String... labels) {
        return new MessageDialog(parent, title, null, message, kind, defaultButton, labels).open();
    }

    /** An input dialog (OK / Annuler) with the product's labels (subclasses call {@link #relabel} themselves). */
    public static InputDialog input(Shell parent, String title, String message, String initial,
            IInputValidator validator) {
        return new InputDialog(parent, title, message, initial, validator) {
            @Override
            protected void createButtonsForButtonBar(Composite bar) {
                super.createButtonsForButtonBar(bar);
                relabel(bar);
            }
        };
    }

    /**
     * Gives the standard buttons under {@code root} (OK, Annuler, Oui, Non, Fermer, Précédent,
     * Suivant, Terminer) the product's labels; for a dialog's {@code createButtonsForButtonBar}.
     */
    public static void relabel(Control root) {
        if (root instanceof Button b && b.getData() instanceof Integer id && LABELS.containsKey(id)) {
            b.setText(LABELS.get(id));
            // JFace sized the button for its own label: "Annuler" or "< Précédent" must not be cut
            if (b.getLayoutData() instanceof GridData gd) {
                gd.widthHint = Math.max(gd.widthHint, b.computeSize(SWT.DEFAULT, SWT.DEFAULT, true).x);
            }
        }
        if (root instanceof Composite c) {
            for (Control child : c.getChildren()) {
                relabel(child);
            }
        }
    }

    /** The product's label of a standard button ({@link IDialogConstants#OK_ID}…), null for another id. */
    public static String label(int buttonId) {
        return LABELS.get(buttonId);
    }
}

package maraude.ui.lifecycle;

import java.util.Arrays;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import maraude.ui.Messages;
import maraude.ui.WidgetIds;

/** Asks for the team passphrase; the characters are handed over once and wiped from the field. */
public class PassphraseDialog extends TitleAreaDialog {

    private final String title;
    private final String message;
    private String error;
    private Text field;
    private char[] passphrase;

    public PassphraseDialog(Shell parent, String title, String message) {
        super(parent);
        this.title = title;
        this.message = message;
        setShellStyle(getShellStyle() | SWT.APPLICATION_MODAL);
    }

    /** An error to show on the next opening (e.g. wrong passphrase). */
    public void setError(String error) {
        this.error = error;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(title);
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(title);
        setMessage(message);
        if (error != null) {
            setErrorMessage(error);
        }
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        new Label(c, SWT.NONE).setText(Messages.Lock_passphrase);
        field = WidgetIds.tag(new Text(c, SWT.BORDER | SWT.PASSWORD), WidgetIds.PASSPHRASE);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 320;
        field.setLayoutData(gd);
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.tag(createButton(parent, IDialogConstants.OK_ID, Messages.Lock_unlock, true), WidgetIds.PASSPHRASE_OK);
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.Lock_quit, false);
    }

    @Override
    protected void okPressed() {
        passphrase = field.getTextChars();
        field.setText(""); //$NON-NLS-1$
        super.okPressed();
    }

    /** The passphrase typed (the caller wipes it), or null when cancelled. */
    public char[] passphrase() {
        return passphrase;
    }

    /** Wipes the passphrase kept by this dialog. */
    public void wipe() {
        if (passphrase != null) {
            Arrays.fill(passphrase, '\0');
        }
    }
}

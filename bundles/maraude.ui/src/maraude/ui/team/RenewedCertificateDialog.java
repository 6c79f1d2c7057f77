package maraude.ui.team;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import maraude.ui.WidgetIds;
import maraude.ui.dialogs.Dialogs;

/**
 * A pinned team server presents another certificate: both fingerprints, the warning that this may be
 * someone posing as the server, and "Replace the pinned certificate" offered only once the worker has
 * typed (or pasted) the fingerprint the administrator gives and it matches the presented one
 * ({@link TypedFingerprint}). Cancel is the default button: Enter never replaces a pin.
 */
final class RenewedCertificateDialog extends Dialog {

    private final String server;
    private final String pinned;
    private final String presented;
    private Text expected;
    private Label hint;

    /** Fingerprints as people read them ({@code AB:CD:…}). */
    RenewedCertificateDialog(Shell parent, String server, String pinned, String presented) {
        super(parent);
        this.server = server;
        this.pinned = pinned;
        this.presented = presented;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.Team_renewedTitle);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(2, false));
        Label icon = new Label(area, SWT.NONE);
        icon.setImage(getShell().getDisplay().getSystemImage(SWT.ICON_WARNING));
        icon.setLayoutData(new GridData(SWT.CENTER, SWT.TOP, false, false));
        Label message = new Label(area, SWT.WRAP);
        GridData messageData = new GridData(SWT.FILL, SWT.TOP, true, false);
        messageData.widthHint = 620;
        message.setLayoutData(messageData);
        message.setText(NLS.bind(Messages.Team_renewedMessage,
                new Object[] { server, pinned, presented, Integer.valueOf(TypedFingerprint.MIN_DIGITS) }));

        Label prompt = new Label(area, SWT.NONE);
        prompt.setText(Messages.Team_renewedExpected);
        prompt.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        expected = WidgetIds.tag(new Text(area, SWT.BORDER | SWT.SINGLE), WidgetIds.TEAM_RENEWED_FINGERPRINT);
        expected.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        hint = WidgetIds.tag(new Label(area, SWT.WRAP), WidgetIds.TEAM_RENEWED_HINT);
        hint.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        expected.addModifyListener(e -> update());
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button replace = createButton(parent, IDialogConstants.OK_ID, Messages.Team_renewedReplace, false);
        WidgetIds.tag(replace, WidgetIds.TEAM_RENEWED_REPLACE);
        createButton(parent, IDialogConstants.CANCEL_ID, Dialogs.label(IDialogConstants.CANCEL_ID), true);
        update();
        expected.setFocus();
    }

    private void update() {
        Button replace = getButton(IDialogConstants.OK_ID);
        if (replace == null || hint == null) {
            return;
        }
        String typed = expected.getText();
        TypedFingerprint.Verdict v = TypedFingerprint.check(typed, presented);
        replace.setEnabled(v == TypedFingerprint.Verdict.MATCH);
        hint.setText(switch (v) {
        case MATCH -> Messages.Team_renewedMatches;
        case MISMATCH -> Messages.Team_renewedMismatch;
        case TOO_SHORT -> NLS.bind(Messages.Team_renewedTooShort, Integer.valueOf(TypedFingerprint.missing(typed)));
        });
        hint.getParent().layout(true);
    }

    @Override
    protected void okPressed() {
        // the button is enabled only on a match; checked again, whatever pressed it
        if (TypedFingerprint.check(expected.getText(), presented) == TypedFingerprint.Verdict.MATCH) {
            super.okPressed();
        }
    }
}

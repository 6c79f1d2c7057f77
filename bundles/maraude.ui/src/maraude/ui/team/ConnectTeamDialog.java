package maraude.ui.team;

import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.ProgressBar;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import maraude.core.archive.Archive;
import maraude.core.archive.TeamServers;
import maraude.core.triage.TriageStates;
import maraude.sources.SecureStorageCredentialStore.TeamLogin;
import maraude.ui.WidgetIds;
import maraude.ui.dialogs.Dialogs;
import maraude.ui.lifecycle.ArchiveSession;

/**
 * "Connect to a team archive…": address, user, password, "remember"; Connect runs
 * {@link TeamConnection} in a job while the dialog shows its progress (Cancel cancels it) and stays
 * open to show what went wrong, the local archive still open behind. On success the session switches
 * to the team archive and the dialog closes.
 */
public final class ConnectTeamDialog extends Dialog {

    private final ArchiveSession session;
    /** The team servers' service (maraude.team); null when this installation has none. */
    private final TeamServers servers;
    private Text address;
    private Text user;
    private Text password;
    private Button remember;
    private Label status;
    private ProgressBar progress;
    private Job running;
    /** Set when the dialog goes away: a job ending later closes what it opened. */
    private final AtomicBoolean gone = new AtomicBoolean();

    public ConnectTeamDialog(Shell parent, ArchiveSession session, TeamServers servers) {
        super(parent);
        this.session = session;
        this.servers = servers;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.Team_title);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        area.setLayout(new GridLayout(2, false));
        Label intro = new Label(area, SWT.WRAP);
        GridData introData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        introData.widthHint = 520;
        intro.setLayoutData(introData);
        intro.setText(Messages.Team_intro);
        address = field(area, Messages.Team_address, WidgetIds.TEAM_ADDRESS, SWT.BORDER);
        user = field(area, Messages.Team_user, WidgetIds.TEAM_USER, SWT.BORDER);
        password = field(area, Messages.Team_password, WidgetIds.TEAM_PASSWORD, SWT.BORDER | SWT.PASSWORD);
        remember = WidgetIds.tag(new Button(area, SWT.CHECK), WidgetIds.TEAM_REMEMBER);
        remember.setText(Messages.Team_remember);
        remember.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        progress = new ProgressBar(area, SWT.INDETERMINATE);
        GridData progressData = new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1);
        progressData.exclude = true;
        progress.setLayoutData(progressData);
        progress.setVisible(false);
        status = WidgetIds.tag(new Label(area, SWT.WRAP), WidgetIds.TEAM_STATUS);
        GridData statusData = new GridData(SWT.FILL, SWT.TOP, true, true, 2, 1);
        statusData.widthHint = 520;
        status.setLayoutData(statusData);

        String last = session.teamAddress() != null ? session.teamAddress() : TeamConnection.lastAddress();
        if (last != null) {
            address.setText(last);
            fill(TeamConnection.kept(last).orElse(null));
        }
        address.addListener(SWT.FocusOut, e -> fill(TeamConnection.kept(address.getText().strip()).orElse(null)));
        return area;
    }

    /** What secure storage keeps for the address: its login when remembered. */
    private void fill(TeamLogin kept) {
        if (kept != null && kept.user() != null) {
            user.setText(kept.user());
            password.setText(kept.password() != null ? kept.password() : ""); //$NON-NLS-1$
            remember.setSelection(true);
        }
    }

    private static Text field(Composite area, String label, String id, int style) {
        new Label(area, SWT.NONE).setText(label);
        Text t = WidgetIds.tag(new Text(area, style), id);
        GridData d = new GridData(SWT.FILL, SWT.CENTER, true, false);
        d.widthHint = 360;
        t.setLayoutData(d);
        return t;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        Button ok = createButton(parent, IDialogConstants.OK_ID, Messages.Team_connect, true);
        WidgetIds.tag(ok, WidgetIds.TEAM_CONNECT);
        createButton(parent, IDialogConstants.CANCEL_ID, Dialogs.label(IDialogConstants.CANCEL_ID), false);
    }

    @Override
    protected void okPressed() {
        String a = address.getText().strip();
        String problem = TeamConnection.check(a, servers);
        if (problem == null && a.startsWith("solr+https") && (user.getText().isBlank() || password.getText().isEmpty())) { //$NON-NLS-1$
            problem = Messages.Team_userRequired;
        }
        if (problem != null) {
            showStatus(problem);
            return;
        }
        busy(true);
        showStatus(Messages.Team_connecting);
        Shell shell = getShell();
        running = TeamConnection.connect(new TeamConnection.Request(a, blankToNull(user.getText().strip()),
                password.getText(), remember.getSelection()), servers, new TeamConnection.Outcome() {
                    @Override
                    public boolean confirmCertificate(String server, String fingerprint) {
                        boolean[] yes = { false };
                        shell.getDisplay().syncExec(() -> {
                            if (!gone.get() && !shell.isDisposed()) {
                                yes[0] = Dialogs.confirmWarning(shell, Messages.Team_certificateTitle,
                                        org.eclipse.osgi.util.NLS.bind(Messages.Team_certificateConfirm, server, fingerprint));
                            }
                        });
                        return yes[0];
                    }

                    @Override
                    public boolean replaceCertificate(String server, String pinned, String presented) {
                        boolean[] yes = { false };
                        shell.getDisplay().syncExec(() -> {
                            if (!gone.get() && !shell.isDisposed()) {
                                yes[0] = new RenewedCertificateDialog(shell, server, pinned, presented)
                                        .open() == org.eclipse.jface.window.Window.OK;
                            }
                        });
                        return yes[0];
                    }

                    @Override
                    public void connected(String addr, Archive archive, TriageStates state) {
                        shell.getDisplay().asyncExec(() -> {
                            if (gone.get() || shell.isDisposed()) {
                                archive.close(); // cancelled meanwhile: nothing switches
                                return;
                            }
                            session.switchToTeam(addr, archive, state);
                            running = null;
                            ConnectTeamDialog.super.okPressed();
                        });
                    }

                    @Override
                    public void failed(String message) {
                        ended(message);
                    }

                    @Override
                    public void cancelled(String message) {
                        ended(message);
                    }

                    private void ended(String message) {
                        shell.getDisplay().asyncExec(() -> {
                            running = null;
                            if (!shell.isDisposed()) {
                                busy(false);
                                showStatus(message != null ? message : ""); //$NON-NLS-1$
                            }
                        });
                    }
                });
    }

    @Override
    protected void cancelPressed() {
        if (running != null) {
            running.cancel();
        }
        super.cancelPressed();
    }

    @Override
    public boolean close() {
        gone.set(true);
        if (password != null && !password.isDisposed()) {
            password.setText(""); //$NON-NLS-1$
        }
        return super.close();
    }

    private void busy(boolean on) {
        for (Control c : new Control[] { address, user, password, remember, getButton(IDialogConstants.OK_ID) }) {
            c.setEnabled(!on);
        }
        progress.setVisible(on);
        ((GridData) progress.getLayoutData()).exclude = !on;
        progress.getParent().layout(true);
    }

    private void showStatus(String text) {
        status.setText(text);
        status.getParent().layout(true);
        getShell().layout(true, true);
        org.eclipse.swt.graphics.Point size = getShell().computeSize(getShell().getSize().x, SWT.DEFAULT);
        if (size.y > getShell().getSize().y) {
            getShell().setSize(getShell().getSize().x, size.y);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}

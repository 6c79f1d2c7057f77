package maraude.ui.sources;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;

import maraude.core.model.Platform;
import maraude.imports.formats.SiteProfile;
import maraude.sources.Credentials;
import maraude.sources.Source;
import maraude.sources.web.WebProfile;
import maraude.ui.WidgetIds;

/**
 * "Add a platform inbox": what {@code maraude sources add web_inbox} and {@code sources login} ask,
 * in one dialog. The secret typed here leaves it only inside {@link #result()}'s {@link Credentials},
 * which the Sources view hands to the credential store (secure storage), never to {@code sources.json}.
 */
public class WebInboxDialog extends TitleAreaDialog {

    /** What the user asked for; {@code retention} null when the platform keeps its messages. */
    public record Result(String id, Platform platform, String profile, String url, Duration every, Duration retention,
            Duration delay, Credentials credentials) {

        @Override
        public String toString() {
            // never the secret
            return "WebInboxDialog.Result[" + id + ']'; //$NON-NLS-1$
        }
    }

    private static final String URL_PATTERN = "(?i)https?://[^\\s/]+.*"; //$NON-NLS-1$

    private final String defaultId;
    private final Set<String> existingIds;
    private final List<Path> profileDirs;

    private Text id;
    private Combo platform;
    private Combo profile;
    private Text url;
    private Button useLogin;
    private Button useCookie;
    private Text user;
    private Text password;
    private Text cookie;
    private Spinner retentionDays;
    private Spinner everyHours;
    private Spinner delaySeconds;
    private Result result;

    /**
     * @param defaultId   the id proposed (the store's next free {@code web-inbox-N})
     * @param existingIds ids already taken in this archive
     * @param profileDirs folders of the archive's own site profiles ({@code import-profiles/})
     */
    public WebInboxDialog(Shell parent, String defaultId, Collection<String> existingIds, List<Path> profileDirs) {
        super(parent);
        this.defaultId = defaultId;
        this.existingIds = Set.copyOf(existingIds);
        this.profileDirs = List.copyOf(profileDirs);
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.WebInbox_title);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        setTitle(Messages.WebInbox_title);
        setMessage(Messages.WebInbox_intro);
        Composite c = new Composite(area, SWT.NONE);
        c.setLayout(new GridLayout(2, false));
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));

        id = text(c, Messages.WebInbox_id, WidgetIds.WEB_INBOX_ID, SWT.BORDER);
        id.setText(defaultId == null ? "" : defaultId); //$NON-NLS-1$

        label(c, Messages.WebInbox_platform);
        platform = WidgetIds.tag(new Combo(c, SWT.READ_ONLY | SWT.DROP_DOWN), WidgetIds.WEB_INBOX_PLATFORM);
        platform.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (Platform p : Platform.values()) {
            platform.add(p.key());
        }
        platform.select(Platform.AD_INBOX.ordinal());

        label(c, Messages.WebInbox_profile);
        profile = WidgetIds.tag(new Combo(c, SWT.DROP_DOWN | SWT.BORDER), WidgetIds.WEB_INBOX_PROFILE);
        profile.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        for (String p : webProfiles(profileDirs)) {
            profile.add(p);
        }
        if (profile.getItemCount() > 0) {
            profile.select(0);
        }

        url = text(c, Messages.WebInbox_url, WidgetIds.WEB_INBOX_URL, SWT.BORDER);
        url.setMessage("https://"); //$NON-NLS-1$

        label(c, Messages.WebInbox_auth);
        Composite auth = new Composite(c, SWT.NONE);
        auth.setLayout(new GridLayout(2, false));
        useLogin = WidgetIds.tag(new Button(auth, SWT.RADIO), WidgetIds.WEB_INBOX_USE_LOGIN);
        useLogin.setText(Messages.WebInbox_useLogin);
        useLogin.setSelection(true);
        useCookie = WidgetIds.tag(new Button(auth, SWT.RADIO), WidgetIds.WEB_INBOX_USE_COOKIE);
        useCookie.setText(Messages.WebInbox_useCookie);
        user = text(c, Messages.WebInbox_user, WidgetIds.WEB_INBOX_USER, SWT.BORDER);
        password = text(c, Messages.WebInbox_password, WidgetIds.WEB_INBOX_PASSWORD, SWT.BORDER | SWT.PASSWORD);
        // A session cookie is as secret as a password: masked too.
        cookie = text(c, Messages.WebInbox_cookie, WidgetIds.WEB_INBOX_COOKIE, SWT.BORDER | SWT.PASSWORD);
        cookie.setMessage("sid=\u2026"); //$NON-NLS-1$

        retentionDays = spinner(c, Messages.WebInbox_retention, WidgetIds.WEB_INBOX_RETENTION, 0, 365,
                days(Platform.AD_INBOX));
        everyHours = spinner(c, Messages.WebInbox_every, WidgetIds.WEB_INBOX_EVERY, 1, 24 * 7,
                (int) Source.WEB_EVERY.toHours());
        delaySeconds = spinner(c, Messages.WebInbox_delay, WidgetIds.WEB_INBOX_DELAY, 0, 120,
                (int) Source.DEFAULT_DELAY.toSeconds());

        platform.addListener(SWT.Selection, e -> {
            // The platform's own retention is the default; the user may still change it.
            retentionDays.setSelection(days(selectedPlatform()));
            validate();
        });
        for (Control w : new Control[] { id, profile, url, user, password, cookie }) {
            w.addListener(SWT.Modify, e -> validate());
        }
        for (Button b : new Button[] { useLogin, useCookie }) {
            b.addListener(SWT.Selection, e -> validate());
        }
        return area;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        super.createButtonsForButtonBar(parent);
        maraude.ui.dialogs.Dialogs.relabel(parent);
        WidgetIds.tag(getButton(IDialogConstants.OK_ID), WidgetIds.WEB_INBOX_OK);
        validate();
    }

    private static void label(Composite c, String text) {
        Label l = new Label(c, SWT.NONE);
        l.setText(text);
    }

    private static Text text(Composite c, String label, String widgetId, int style) {
        label(c, label);
        Text t = WidgetIds.tag(new Text(c, style), widgetId);
        GridData gd = new GridData(SWT.FILL, SWT.CENTER, true, false);
        gd.widthHint = 360;
        t.setLayoutData(gd);
        return t;
    }

    private static Spinner spinner(Composite c, String label, String widgetId, int min, int max, int value) {
        label(c, label);
        Spinner s = WidgetIds.tag(new Spinner(c, SWT.BORDER), widgetId);
        s.setValues(value, min, max, 0, 1, 10);
        return s;
    }

    /** The platform's own retention in days; 0 when it keeps its messages. */
    private static int days(Platform p) {
        return p.retention().map(d -> (int) d.toDays()).orElse(0);
    }

    private Platform selectedPlatform() {
        int i = platform.getSelectionIndex();
        return i < 0 ? Platform.AD_INBOX : Platform.values()[i];
    }

    /** Profile ids with a "web" section: the archive's own first, then those shipped with maraude.imports. */
    static List<String> webProfiles(List<Path> dirs) {
        Set<String> ids = new LinkedHashSet<>();
        List<Path> bad = new ArrayList<>();
        for (SiteProfile p : SiteProfile.fromDirs(dirs, bad)) {
            ids.add(p.id());
        }
        for (SiteProfile p : SiteProfile.builtIn()) {
            ids.add(p.id());
        }
        List<String> usable = new ArrayList<>();
        for (String i : ids) {
            if (hasWeb(i, dirs)) {
                usable.add(i);
            }
        }
        return usable;
    }

    private static boolean hasWeb(String profileId, List<Path> dirs) {
        try {
            WebProfile.find(profileId, dirs);
            return true;
        } catch (java.io.IOException | RuntimeException e) {
            return false; // reads saved pages only, or broken: not offered for pulling
        }
    }

    /** Checks every field, shows the first problem, enables OK only when all is well. */
    private String problem() {
        String i = id.getText().strip();
        if (!Source.isValidId(i)) {
            return Messages.WebInbox_badId;
        }
        if (existingIds.contains(i)) {
            return NLS.bind(Messages.WebInbox_idTaken, i);
        }
        String p = profile.getText().strip();
        if (p.isEmpty()) {
            return Messages.WebInbox_noProfile;
        }
        String u = url.getText().strip();
        if (!u.matches(URL_PATTERN)) {
            return Messages.WebInbox_badUrl;
        }
        try {
            URI.create(u);
        } catch (IllegalArgumentException e) {
            return Messages.WebInbox_badUrl;
        }
        if (useCookie.getSelection()) {
            if (cookie.getText().isBlank()) {
                return Messages.WebInbox_noCookie;
            }
        } else if (user.getText().isBlank() || password.getText().isEmpty()) {
            return Messages.WebInbox_noLogin;
        }
        return null;
    }

    private void validate() {
        if (id == null || id.isDisposed()) {
            return;
        }
        boolean cookieMode = useCookie.getSelection();
        user.setEnabled(!cookieMode);
        password.setEnabled(!cookieMode);
        cookie.setEnabled(cookieMode);
        String p = problem();
        setErrorMessage(p);
        Button ok = getButton(IDialogConstants.OK_ID);
        if (ok != null) {
            ok.setEnabled(p == null);
        }
    }

    @Override
    protected void okPressed() {
        String p = problem();
        if (p == null) {
            String prof = profile.getText().strip();
            if (!hasWeb(prof, profileDirs)) {
                p = NLS.bind(Messages.WebInbox_profileNoWeb, prof);
            }
        }
        if (p != null) {
            setErrorMessage(p);
            return;
        }
        Credentials creds = useCookie.getSelection() ? Credentials.cookie(cookie.getText().strip())
                : Credentials.login(user.getText().strip(), password.getText());
        int days = retentionDays.getSelection();
        result = new Result(id.getText().strip(), selectedPlatform(), profile.getText().strip(), url.getText().strip(),
                Duration.ofHours(everyHours.getSelection()), days == 0 ? null : Duration.ofDays(days),
                Duration.ofSeconds(delaySeconds.getSelection()), creds);
        // The secret stays in this object only; the fields are wiped as the dialog closes.
        password.setText(""); //$NON-NLS-1$
        cookie.setText(""); //$NON-NLS-1$
        super.okPressed();
    }

    /** What OK confirmed; null after Cancel. */
    public Result result() {
        return result;
    }
}

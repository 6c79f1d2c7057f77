package maraude.ui.preferences;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.eclipse.jface.dialogs.Dialog;
import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Text;
import org.osgi.service.prefs.BackingStoreException;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.TeamZone;
import maraude.ui.WidgetIds;

/**
 * Fichier › Préférences: the worker's own settings (Eclipse instance preferences: worker name,
 * idle lock, language, check periods) and the team's (team.properties of the archive: time zone,
 * auto-close of closings). A plain JFace dialog, the application being pure e4.
 */
public final class PreferencesDialog extends Dialog {

    /** Team setting: hours after which a conversation marked as a closing is closed (0 = never). */
    /** The key the triage reads (the preference wrote another one, which nothing read). */
    public static final String AUTO_CLOSE_KEY = maraude.core.triage.ReadingSettings.AUTO_CLOSE_KEY;

    public static final String ID_WORKER = "prefs.worker"; //$NON-NLS-1$
    public static final String ID_IDLE = "prefs.idle"; //$NON-NLS-1$
    public static final String ID_LANGUAGE = "prefs.language"; //$NON-NLS-1$
    public static final String ID_ZONE = "prefs.zone"; //$NON-NLS-1$
    public static final String ID_AUTO_CLOSE = "prefs.autoClose"; //$NON-NLS-1$
    public static final String ID_SOURCES = "prefs.sourcesCheck"; //$NON-NLS-1$
    public static final String ID_RETENTION = "prefs.retentionCheck"; //$NON-NLS-1$
    public static final String ID_ERROR = "prefs.error"; //$NON-NLS-1$

    private final Archive archive;
    private Text worker;
    private Spinner idle;
    private Combo language;
    private Combo zone;
    private Spinner autoClose;
    private Spinner sourcesCheck;
    private Spinner retentionCheck;
    private Label error;
    private boolean saved;

    /** @param archive the open archive, whose team.properties holds the team settings (may be null) */
    public PreferencesDialog(Shell parent, Archive archive) {
        super(parent);
        this.archive = archive;
    }

    @Override
    protected void configureShell(Shell shell) {
        super.configureShell(shell);
        shell.setText(Messages.Prefs_title);
    }

    @Override
    protected boolean isResizable() {
        return true;
    }

    private boolean teamWritable() {
        return archive != null && archive.accessMode() == AccessMode.READ_WRITE;
    }

    @Override
    protected Control createDialogArea(Composite parent) {
        Composite area = (Composite) super.createDialogArea(parent);
        Group personal = group(area, Messages.Prefs_personal);
        worker = WidgetIds.tag(new Text(label(personal, Messages.Prefs_worker), SWT.BORDER), ID_WORKER);
        worker.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        String w = UiPreferences.workerName();
        worker.setText(w != null ? w : maraude.ui.Workers.current());
        idle = spinner(personal, Messages.Prefs_idle, ID_IDLE, 1, 24 * 60,
                UiPreferences.getInt(UiPreferences.IDLE_MINUTES, UiPreferences.DEFAULT_IDLE_MINUTES));
        language = WidgetIds.tag(new Combo(label(personal, Messages.Prefs_language), SWT.READ_ONLY), ID_LANGUAGE);
        language.add(Messages.Prefs_languageSystem);
        language.add("Fran\u00e7ais"); //$NON-NLS-1$ language names are written in their own language
        language.add("Nederlands"); //$NON-NLS-1$
        language.add("English"); //$NON-NLS-1$
        String lang = UiPreferences.get(UiPreferences.LANGUAGE, ""); //$NON-NLS-1$
        language.select(Math.max(0, List.of(UiPreferences.LANGUAGES).indexOf(lang) + 1));
        new Label(personal, SWT.NONE);
        new Label(personal, SWT.NONE).setText(Messages.Prefs_languageHint);
        sourcesCheck = spinner(personal, Messages.Prefs_sourcesCheck, ID_SOURCES, 0, 24 * 60,
                UiPreferences.getInt(UiPreferences.SOURCES_CHECK_MINUTES, UiPreferences.DEFAULT_SOURCES_CHECK_MINUTES));
        retentionCheck = spinner(personal, Messages.Prefs_retentionCheck, ID_RETENTION, 1, 24 * 30,
                UiPreferences.getInt(UiPreferences.RETENTION_CHECK_HOURS, UiPreferences.DEFAULT_RETENTION_CHECK_HOURS));

        Group team = group(area, Messages.Prefs_team);
        Properties settings = archive == null ? new Properties() : TeamZone.read(archive.files());
        zone = WidgetIds.tag(new Combo(label(team, Messages.Prefs_zone), SWT.DROP_DOWN), ID_ZONE);
        zone.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        List<String> zones = new ArrayList<>(ZoneId.getAvailableZoneIds());
        zones.removeIf(z -> !z.contains("/") || z.startsWith("Etc/") || z.startsWith("SystemV/")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        zones.sort(null);
        zone.add(NLS.bind("{0} ({1})", Messages.Prefs_zoneSystem, ZoneId.systemDefault().getId())); //$NON-NLS-1$
        zones.forEach(zone::add);
        String z = settings.getProperty(TeamZone.KEY);
        if (z == null || z.isBlank()) {
            zone.select(0);
        } else {
            zone.setText(z.strip());
        }
        autoClose = spinner(team, Messages.Prefs_autoClose, ID_AUTO_CLOSE, 0, 24 * 90,
                parseInt(settings.getProperty(AUTO_CLOSE_KEY), 0));
        new Label(team, SWT.NONE);
        new Label(team, SWT.WRAP).setText(Messages.Prefs_autoCloseHint);
        if (!teamWritable()) {
            zone.setEnabled(false);
            autoClose.setEnabled(false);
            Label ro = new Label(team, SWT.WRAP);
            ro.setText(Messages.Prefs_teamReadOnly);
            ro.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        }
        error = WidgetIds.tag(new Label(area, SWT.WRAP), ID_ERROR);
        error.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        error.setForeground(area.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        return area;
    }

    private static int parseInt(String s, int def) {
        try {
            return s == null ? def : Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            return def;
        }
    }

    private static Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        g.setLayout(new GridLayout(2, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return g;
    }

    /** A label in the first column; returns the parent for the field of the second. */
    private static Composite label(Composite parent, String text) {
        new Label(parent, SWT.NONE).setText(text);
        return parent;
    }

    private static Spinner spinner(Composite parent, String text, String id, int min, int max, int value) {
        Spinner s = WidgetIds.tag(new Spinner(label(parent, text), SWT.BORDER), id);
        s.setValues(Math.max(min, Math.min(max, value)), min, max, 0, 1, 10);
        return s;
    }

    /** The zone the combo names, "" for the system's, null when unknown. */
    private String chosenZone() {
        if (zone.getSelectionIndex() == 0 || zone.getText().isBlank()) {
            return ""; //$NON-NLS-1$
        }
        String t = zone.getText().strip();
        return TeamZone.isValid(t) ? ZoneId.of(t).getId() : null;
    }

    @Override
    protected void okPressed() {
        String z = teamWritable() ? chosenZone() : ""; //$NON-NLS-1$
        if (z == null) {
            error.setText(NLS.bind(Messages.Prefs_badZone, zone.getText().strip()));
            error.getParent().layout(true);
            return;
        }
        try {
            UiPreferences.put(UiPreferences.WORKER, worker.getText());
            UiPreferences.putInt(UiPreferences.IDLE_MINUTES, idle.getSelection());
            int l = language.getSelectionIndex();
            UiPreferences.put(UiPreferences.LANGUAGE, l <= 0 ? null : UiPreferences.LANGUAGES[l - 1]);
            UiPreferences.putInt(UiPreferences.SOURCES_CHECK_MINUTES, sourcesCheck.getSelection());
            UiPreferences.putInt(UiPreferences.RETENTION_CHECK_HOURS, retentionCheck.getSelection());
            if (teamWritable()) {
                TeamZone.write(archive.files(), TeamZone.KEY, z.isEmpty() ? null : z);
                TeamZone.write(archive.files(), AUTO_CLOSE_KEY, String.valueOf(autoClose.getSelection()));
            }
        } catch (BackingStoreException | IOException | RuntimeException e) {
            error.setText(NLS.bind(Messages.Prefs_saveFailed, e.getMessage()));
            error.getParent().layout(true);
            return;
        }
        saved = true;
        super.okPressed();
    }

    /** Whether OK saved something (the handler then tells the services). */
    public boolean saved() {
        return saved;
    }

    @Override
    protected void createButtonsForButtonBar(Composite parent) {
        WidgetIds.tag(createButton(parent, IDialogConstants.OK_ID, maraude.ui.dialogs.Messages.Button_ok, true), "prefs.ok"); //$NON-NLS-1$
        createButton(parent, IDialogConstants.CANCEL_ID, Messages.Prefs_cancel, false);
    }
}

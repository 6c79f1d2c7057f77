package maraude.ui.preferences;

import org.eclipse.osgi.util.NLS;

/** Texts of the preferences, the first-start question and the layout commands. */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "maraude.ui.preferences.messages"; //$NON-NLS-1$

    public static String Worker_firstTitle;
    public static String Worker_firstMessage;
    public static String Worker_required;
    public static String Prefs_title;
    public static String Prefs_personal;
    public static String Prefs_team;
    public static String Prefs_worker;
    public static String Prefs_idle;
    public static String Prefs_language;
    public static String Prefs_languageSystem;
    public static String Prefs_languageHint;
    public static String Prefs_zone;
    public static String Prefs_zoneSystem;
    public static String Prefs_autoClose;
    public static String Prefs_autoCloseHint;
    public static String Prefs_sourcesCheck;
    public static String Prefs_retentionCheck;
    public static String Prefs_teamReadOnly;
    public static String Prefs_badZone;
    public static String Prefs_saveFailed;
    public static String Prefs_cancel;
    public static String Layout_resetTitle;
    public static String Layout_resetConfirm;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

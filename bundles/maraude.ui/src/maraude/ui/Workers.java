package maraude.ui;

import maraude.ui.preferences.UiPreferences;

/**
 * Who is at the keyboard, one answer for every view and handler: {@code -Dmaraude.worker=NAME}
 * (tests and diagnostics), else the worker name of the preferences (asked at first start,
 * changeable in Fichier › Préférences), else the system account name. Named locally (the team
 * decides), never sent anywhere. The workbench also keeps it in the application context under
 * {@link #CONTEXT_KEY}, updated when the preference changes.
 */
public final class Workers {

    public static final String PROPERTY = "maraude.worker"; //$NON-NLS-1$
    /** Context key of the current worker's name (a String). */
    public static final String CONTEXT_KEY = "maraude.worker.current"; //$NON-NLS-1$

    private Workers() {
    }

    public static String current() {
        String w = System.getProperty(PROPERTY);
        if (w != null && !w.isBlank()) {
            return w.strip();
        }
        String pref;
        try {
            pref = UiPreferences.workerName();
        } catch (RuntimeException | LinkageError e) {
            pref = null; // outside a running platform (plain unit tests)
        }
        return pref != null ? pref : System.getProperty("user.name", "worker"); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

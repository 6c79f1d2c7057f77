package maraude.ui.conversation;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.IPreferencesService;

import maraude.ui.Workers;

/**
 * Who is at the keyboard, as recorded on pending replies and reveals: the system property
 * {@code maraude.worker}, else the preference {@code worker.name} of node {@code maraude.ui}, else
 * {@link Workers#current()} (the account name).
 */
public final class WorkerName {

    public static final String PROPERTY = "maraude.worker"; //$NON-NLS-1$
    public static final String PREFERENCE_NODE = "maraude.ui"; //$NON-NLS-1$
    public static final String PREFERENCE_KEY = "worker.name"; //$NON-NLS-1$

    private WorkerName() {
    }

    public static String current() {
        String p = System.getProperty(PROPERTY);
        if (p != null && !p.isBlank()) {
            return Workers.current();
        }
        IPreferencesService prefs = Platform.getPreferencesService();
        String pref = prefs == null ? null : prefs.getString(PREFERENCE_NODE, PREFERENCE_KEY, null, null);
        if (pref != null && !pref.isBlank()) {
            return pref.strip();
        }
        return Workers.current();
    }
}

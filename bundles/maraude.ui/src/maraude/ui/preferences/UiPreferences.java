package maraude.ui.preferences;

import java.time.Duration;

import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

import maraude.archive.crypto.IdleLock;

/**
 * The worker's own settings, in Eclipse instance preferences (node {@code maraude.ui}, kept in the
 * workbench's data folder): the keys and their defaults in one place. The team's settings (time
 * zone, auto-close of closings) stay in {@code team.properties} beside the archive. {@code -D}
 * properties override some of them, for tests and diagnostics only.
 */
public final class UiPreferences {

    public static final String NODE = "maraude.ui"; //$NON-NLS-1$
    /** Who is at the keyboard, recorded on what they do. */
    public static final String WORKER = "worker.name"; //$NON-NLS-1$
    /** Minutes without keyboard or mouse before a protected archive locks itself. */
    public static final String IDLE_MINUTES = "idle.minutes"; //$NON-NLS-1$
    /** fr, nl or en: the language of the workbench at its next start (the launcher reads it). */
    public static final String LANGUAGE = "language"; //$NON-NLS-1$
    /** Minutes between two looks for sources that are due. */
    public static final String SOURCES_CHECK_MINUTES = "sources.check.minutes"; //$NON-NLS-1$
    /** Hours between two applications of the team's retention. */
    public static final String RETENTION_CHECK_HOURS = "retention.check.hours"; //$NON-NLS-1$

    public static final int DEFAULT_IDLE_MINUTES = (int) IdleLock.DEFAULT_IDLE.toMinutes();
    public static final int DEFAULT_SOURCES_CHECK_MINUTES = 5;
    public static final int DEFAULT_RETENTION_CHECK_HOURS = 24;
    public static final String[] LANGUAGES = { "fr", "nl", "en" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

    /** Tests and diagnostics: idle minutes. */
    public static final String IDLE_PROPERTY = "maraude.idleMinutes"; //$NON-NLS-1$
    /** Tests: {@code false} skips the first-start question of the worker's name. */
    public static final String ASK_WORKER_PROPERTY = "maraude.askWorker"; //$NON-NLS-1$

    private UiPreferences() {
    }

    public static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    public static String get(String key, String def) {
        return node().get(key, def);
    }

    public static int getInt(String key, int def) {
        return node().getInt(key, def);
    }

    /** Writes and flushes (a worker's choice must survive a crash); null or blank removes the key. */
    public static void put(String key, String value) throws BackingStoreException {
        IEclipsePreferences n = node();
        if (value == null || value.isBlank()) {
            n.remove(key);
        } else {
            n.put(key, value.strip());
        }
        n.flush();
    }

    public static void putInt(String key, int value) throws BackingStoreException {
        IEclipsePreferences n = node();
        n.putInt(key, value);
        n.flush();
    }

    /** The worker name chosen in the preferences, or null. */
    public static String workerName() {
        String w = get(WORKER, null);
        return w == null || w.isBlank() ? null : w.strip();
    }

    public static Duration idle() {
        long m = Long.getLong(IDLE_PROPERTY, getInt(IDLE_MINUTES, DEFAULT_IDLE_MINUTES));
        return Duration.ofMinutes(Math.max(1, m));
    }

    /** Between two checks of due sources; {@code -Dmaraude.sources.checkSeconds} wins (0 turns them off). */
    public static Duration sourcesCheck() {
        String s = System.getProperty(maraude.ui.sources.SourcePulls.CHECK_SECONDS);
        if (s != null) {
            try {
                return Duration.ofSeconds(Long.parseLong(s.strip()));
            } catch (NumberFormatException e) {
                // a bad diagnostic value: the preference
            }
        }
        return Duration.ofMinutes(Math.max(0, getInt(SOURCES_CHECK_MINUTES, DEFAULT_SOURCES_CHECK_MINUTES)));
    }

    public static Duration retentionCheck() {
        return Duration.ofHours(Math.max(1, getInt(RETENTION_CHECK_HOURS, DEFAULT_RETENTION_CHECK_HOURS)));
    }

    public static boolean askWorkerAtStart() {
        return !"false".equalsIgnoreCase(System.getProperty(ASK_WORKER_PROPERTY)) //$NON-NLS-1$
                && System.getProperty(maraude.ui.Workers.PROPERTY) == null && workerName() == null;
    }
}

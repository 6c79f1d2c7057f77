package maraude.ui.conversation;

import maraude.ui.Workers;
import maraude.ui.preferences.UiPreferences;

/** Who is at the keyboard, as recorded on pending replies and reveals: the one answer of {@link Workers}. */
public final class WorkerName {

    public static final String PROPERTY = Workers.PROPERTY;
    public static final String PREFERENCE_NODE = UiPreferences.NODE;
    public static final String PREFERENCE_KEY = UiPreferences.WORKER;

    private WorkerName() {
    }

    public static String current() {
        return Workers.current();
    }
}

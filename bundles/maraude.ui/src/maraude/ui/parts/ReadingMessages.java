package maraude.ui.parts;

import org.eclipse.osgi.util.NLS;

/** Strings of what the triage reads in messages (language, intent, urgency) in the queue, conversation and dashboard. */
public final class ReadingMessages extends NLS {
    private static final String BUNDLE_NAME = "maraude.ui.parts.reading"; //$NON-NLS-1$

    public static String Queue_title;
    public static String Queue_counters;
    public static String Queue_colBand;
    public static String Queue_colLanguage;
    public static String Queue_colWhat;
    public static String Queue_reply;
    public static String Queue_closing;
    public static String Queue_optOut;
    public static String Queue_doNotContact;
    public static String Queue_pep;
    public static String Queue_violence;
    public static String Queue_police;
    public static String Queue_health;
    public static String Queue_bandTip;
    public static String Queue_languageTip;
    public static String Language_auto;
    public static String Language_button;
    public static String Language_source_override;
    public static String Language_source_thread;
    public static String Language_source_contact;
    public static String Language_source_team;
    public static String Language_source_default;
    public static String Dashboard_reading;
    public static String Register_colOptOut;
    public static String Register_optedOut;
    public static String Register_doNotContact;
    public static String Queue_closingGroup;
    public static String Queue_closingGroupHint;
    public static String Queue_hiddenCell;
    /** The counters line while the queue shows its last snapshot (the archive still opening). */
    public static String Queue_snapshot;

    static {
        NLS.initializeMessages(BUNDLE_NAME, ReadingMessages.class);
    }

    private ReadingMessages() {
    }
}

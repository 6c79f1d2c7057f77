package maraude.cli.commands;

import org.eclipse.osgi.util.NLS;

/** What {@code triage} says to the user (French by default, Dutch, English). */
final class TriageMessages extends NLS {
    private static final String BUNDLE_NAME = "maraude.cli.commands.triage"; //$NON-NLS-1$

    public static String Triage_conflict;
    public static String Triage_noConversation;
    public static String Triage_badLanguage;
    public static String Triage_badService;
    public static String Triage_noSuchService;
    public static String Triage_badSnooze;
    public static String Triage_snoozePast;
    public static String Triage_badVersion;
    public static String Triage_oneState;
    public static String Triage_contactBoth;
    public static String Triage_noteArgument;
    public static String Triage_noteEmpty;
    public static String Triage_noteTooLong;
    public static String Triage_noteNotText;
    public static String Triage_needsId;
    public static String Triage_auditFailed;
    /** {@code templates import} on a team archive (these two only). */
    public static String Templates_conflict;
    public static String Templates_notAllowed;

    static {
        NLS.initializeMessages(BUNDLE_NAME, TriageMessages.class);
    }

    private TriageMessages() {
    }
}

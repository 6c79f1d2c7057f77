package maraude.ui.team;

import org.eclipse.osgi.util.NLS;

/** Strings of connecting to a team archive; French in messages.properties. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.ui.team.messages"; //$NON-NLS-1$

    public static String Team_title;
    public static String Team_intro;
    public static String Team_address;
    public static String Team_user;
    public static String Team_password;
    public static String Team_remember;
    public static String Team_connect;
    public static String Team_connecting;
    public static String Team_jobName;
    public static String Team_readingCertificate;
    public static String Team_opening;
    public static String Team_readingState;
    public static String Team_badAddress;
    public static String Team_credentialsInAddress;
    public static String Team_userRequired;
    public static String Team_noService;
    public static String Team_certificateTitle;
    public static String Team_certificateConfirm;
    public static String Team_certificateNotConfirmed;
    public static String Team_certificateChanged;
    public static String Team_refused;
    public static String Team_failed;
    public static String Team_storageFailed;
    public static String Team_connected;
    public static String Team_localOnly;
    public static String Team_conflictTitle;
    public static String Team_conflict;
    public static String Team_renewedTitle;
    public static String Team_renewedMessage;
    public static String Team_renewedExpected;
    public static String Team_renewedReplace;
    public static String Team_renewedTooShort;
    public static String Team_renewedMismatch;
    public static String Team_renewedMatches;
    public static String Team_renewedNotReplaced;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

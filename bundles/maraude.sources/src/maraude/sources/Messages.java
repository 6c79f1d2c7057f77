package maraude.sources;

import org.eclipse.osgi.util.NLS;

/**
 * Texts of pull reports, source errors and the phone upload page. They name files, URL paths,
 * hosts and selectors, never message text nor credentials.
 */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "maraude.sources.messages"; //$NON-NLS-1$

    public static String folderMissing;
    public static String folderUnreadable;
    public static String folderStillWriting;
    public static String folderFailed;
    public static String folderNotMoved;
    public static String folderNoMessages;
    public static String webPulling;
    public static String webOffSite;
    public static String webOffSiteSkipped;
    public static String webHttpStatus;
    public static String webPageFailed;
    public static String webTooManyRedirects;
    public static String webNetwork;
    public static String webRateLimited;
    public static String webNotHtml;
    public static String webTooLarge;
    public static String webCredentialsUnreadable;
    public static String webTempFailed;
    public static String webSessionLost;
    public static String webProfileMismatch;
    public static String webBadDates;
    public static String webCookieRefused;
    public static String webNoCredentials;
    public static String webLoginRefused;
    public static String webNoProfile;
    public static String webBadUrl;
    public static String schedulerRunning;
    public static String schedulerNotPullable;
    public static String schedulerInternal;
    public static String phoneTitle;
    public static String phoneIntro;
    public static String phoneChoose;
    public static String phoneSend;
    public static String phoneCodeIntro;
    public static String phoneCodeButton;
    public static String phoneReceived;
    public static String phoneNothingImported;
    public static String phoneForbidden;
    public static String phoneTooLarge;
    public static String phoneWrongType;
    public static String phoneUnsafeZip;
    public static String phoneFailed;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

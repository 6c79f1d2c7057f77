package maraude.ui.sources;

import org.eclipse.osgi.util.NLS;

/** Texts of the "Receive from phone" dialog. */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "maraude.ui.sources.messages"; //$NON-NLS-1$

    public static String PhoneDrop_title;
    public static String PhoneDrop_intro;
    public static String PhoneDrop_starting;
    public static String PhoneDrop_url;
    public static String PhoneDrop_code;
    public static String PhoneDrop_codeHint;
    public static String PhoneDrop_fingerprint;
    public static String PhoneDrop_fingerprintHint;
    public static String PhoneDrop_waiting;
    public static String PhoneDrop_received;
    public static String PhoneDrop_failed;
    public static String PhoneDrop_readOnly;
    public static String PhoneDrop_job;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

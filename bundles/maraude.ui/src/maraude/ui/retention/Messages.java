package maraude.ui.retention;

import org.eclipse.osgi.util.NLS;

/** Strings of the retention job and command; French in messages.properties. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.ui.retention.messages"; //$NON-NLS-1$

    public static String Retention_jobName;
    public static String Retention_reading;
    public static String Retention_counting;
    public static String Retention_erasing;
    public static String Retention_title;
    public static String Retention_none;
    public static String Retention_nothing;
    public static String Retention_confirm;
    public static String Retention_done;
    public static String Retention_failed;
    public static String Retention_readOnly;
    public static String Forget_jobName;
    public static String Forget_counting;
    public static String Forget_erasing;
    public static String Forget_title;
    public static String Forget_confirm;
    public static String Forget_done;
    public static String Forget_failed;
    public static String Forget_unknown;
    public static String Forget_action;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

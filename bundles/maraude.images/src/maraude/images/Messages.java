package maraude.images;

import org.eclipse.osgi.util.NLS;

public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.images.messages"; //$NON-NLS-1$

    public static String Placeholder_empty;
    public static String Placeholder_unsupported;
    public static String Placeholder_tooLarge;
    public static String Placeholder_corrupt;
    public static String Placeholder_truncated;
    public static String Placeholder_ioError;
    public static String Placeholder_revealForbidden;
    public static String Placeholder_confirmationRequired;
    public static String Placeholder_withDetail;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

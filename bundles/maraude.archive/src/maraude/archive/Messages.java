package maraude.archive;

import org.eclipse.osgi.util.NLS;

/** User-facing texts of the archive (errors the workbench and the CLI show as they are). */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.archive.messages"; //$NON-NLS-1$

    public static String Archive_locked;
    public static String Archive_corrupt;
    public static String Archive_io;
    public static String Archive_readOnly;
    public static String Archive_closed;
    public static String Archive_unknownConversation;
    public static String Archive_badQuery;
    public static String Archive_tooManyClauses;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

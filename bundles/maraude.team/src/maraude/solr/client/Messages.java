package maraude.solr.client;

import org.eclipse.osgi.util.NLS;

/** User-facing texts of the team archive client (errors the workbench and the CLI show as they are). */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.solr.client.messages"; //$NON-NLS-1$

    public static String Team_unknownConversation;
    public static String Team_attachmentTooLarge;
    public static String Team_badQuery;
    public static String Team_failed;
    public static String Team_closed;
    public static String Team_readOnly;
    public static String Team_badAddress;
    public static String Team_conflict;
    public static String Team_auditRefused;
    public static String Team_auditMissing;
    public static String Team_policyRefused;
    public static String Team_policyMissing;
    public static String Team_policyCorrupt;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

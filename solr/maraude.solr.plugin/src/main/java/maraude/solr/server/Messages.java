package maraude.solr.server;

import org.eclipse.osgi.util.NLS;

/** User-facing texts of {@code ./maraude team-server}. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.solr.server.messages"; //$NON-NLS-1$

    public static String Server_usage;
    public static String Server_badOption;
    public static String Server_missingValue;
    public static String Server_badNumber;
    public static String Server_noDir;
    public static String Server_alreadyRunning;
    public static String Server_portInUse;
    public static String Server_startFailed;
    public static String Server_startTimeout;
    public static String Server_started;
    public static String Server_notRunning;
    public static String Server_stopTimeout;
    public static String Server_stopped;
    public static String Server_starting;
    public static String Server_serving;
    public static String Server_failed;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

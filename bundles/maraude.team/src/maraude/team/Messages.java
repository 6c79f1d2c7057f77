package maraude.team;

import org.eclipse.osgi.util.NLS;

/** User-facing texts of opening a team archive (the CLI and the workbench show them as they are). */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.team.messages"; //$NON-NLS-1$

    public static String Team_badFingerprint;
    public static String Team_wrongCertificate;
    public static String Team_untrusted;
    public static String Team_refused;
    public static String Team_unreachable;
    public static String Team_noCollection;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

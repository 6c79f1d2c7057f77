package maraude.archive.maintenance;

import org.eclipse.osgi.util.NLS;

/** User-facing texts of backups, restores, retention and integrity checks. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.archive.maintenance.messages"; //$NON-NLS-1$

    public static String Maintenance_corrupt;
    public static String Maintenance_io;
    public static String Maintenance_inUse;
    public static String Retention_unknownPlatform;
    public static String Retention_badPeriod;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

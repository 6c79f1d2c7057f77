package maraude.archive.crypto;

import org.eclipse.osgi.util.NLS;

/** User-facing texts of archive protection. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.archive.crypto.messages"; //$NON-NLS-1$

    public static String Protection_wrongPassphrase;
    public static String Protection_needsPassphrase;
    public static String Protection_prompt;
    public static String Protection_keyDropped;
    public static String Protection_keyFileDamaged;
    public static String Protection_keyFileMissing;
    public static String Protection_keyFileUnreadable;
    public static String Protection_fileDamaged;
    public static String Protection_alreadyProtected;
    public static String Protection_notProtected;
    public static String Protection_inUse;
    public static String Protection_io;
    public static String Backup_destinationExists;
    public static String Backup_plainNeedsPassphrase;
    public static String Backup_busy;
    public static String Backup_notABackup;
    public static String Backup_io;
    public static String Backup_damaged;
    public static String Protection_weakPassphrase;
    public static String Restore_running;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

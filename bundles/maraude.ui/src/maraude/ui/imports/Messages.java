package maraude.ui.imports;

import org.eclipse.osgi.util.NLS;

/** Strings of the import wizard; French in messages.properties. */
public final class Messages extends NLS {
    private static final String BUNDLE_NAME = "maraude.ui.imports.messages"; //$NON-NLS-1$

    public static String Import_title;
    public static String Import_pageTitle;
    public static String Import_pageDescription;
    public static String Import_addFiles;
    public static String Import_addFolder;
    public static String Import_remove;
    public static String Import_pathHint;
    public static String Import_addPath;
    public static String Import_us;
    public static String Import_usHint;
    public static String Import_missing;
    public static String Import_jobName;
    public static String Import_readOnly;
    public static String Import_summaryTitle;
    public static String Import_summary;
    public static String Import_cancelled;
    public static String Import_problems;
    public static String Import_quarantine;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

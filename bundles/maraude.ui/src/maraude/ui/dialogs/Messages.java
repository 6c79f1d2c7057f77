package maraude.ui.dialogs;

import org.eclipse.osgi.util.NLS;

/**
 * The buttons of the product's dialogs. JFace takes its own labels from the Eclipse language packs,
 * which are not on Maven Central: without them a French or Dutch workbench would say "OK",
 * "Cancel", "Yes", "No", "Next >".
 */
public final class Messages extends NLS {

    private static final String BUNDLE_NAME = "maraude.ui.dialogs.messages"; //$NON-NLS-1$

    public static String Button_ok;
    public static String Button_cancel;
    public static String Button_yes;
    public static String Button_no;
    public static String Button_close;
    public static String Button_back;
    public static String Button_next;
    public static String Button_finish;

    static {
        NLS.initializeMessages(BUNDLE_NAME, Messages.class);
    }

    private Messages() {
    }
}

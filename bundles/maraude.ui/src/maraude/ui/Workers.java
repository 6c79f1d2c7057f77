package maraude.ui;

/**
 * Who is at the keyboard: named locally (the team decides), never sent anywhere. Set with
 * -Dmaraude.worker=NAME; defaults to the system account name.
 */
public final class Workers {

    private Workers() {
    }

    public static String current() {
        String w = System.getProperty("maraude.worker"); //$NON-NLS-1$
        return w != null && !w.isBlank() ? w.strip() : System.getProperty("user.name", "worker"); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

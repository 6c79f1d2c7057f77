package maraude.ui;

/**
 * Every family of the workbench's jobs, in one place. A job of any of them also belongs to
 * {@link #MARAUDE}, so that tests and shutdown can join or cancel all of Maraude's work at once;
 * each family lets them wait for one kind of work.
 */
public final class JobFamilies {

    /** All of the families below. */
    public static final Object MARAUDE = new Family("maraude"); //$NON-NLS-1$

    public static final Object QUEUE = new Family("queue"); //$NON-NLS-1$
    public static final Object SEARCH = new Family("search"); //$NON-NLS-1$
    public static final Object CONVERSATION = new Family("conversation"); //$NON-NLS-1$
    public static final Object REPLY = new Family("reply"); //$NON-NLS-1$
    public static final Object SERVICES = new Family("services"); //$NON-NLS-1$
    public static final Object PICTURES = new Family("pictures"); //$NON-NLS-1$
    public static final Object THUMBNAILS = new Family("thumbnails"); //$NON-NLS-1$
    public static final Object REGISTER = new Family("register"); //$NON-NLS-1$
    public static final Object DASHBOARD = new Family("dashboard"); //$NON-NLS-1$
    public static final Object TEMPLATES = new Family("templates"); //$NON-NLS-1$
    public static final Object IMPORT = new Family("import"); //$NON-NLS-1$
    public static final Object SOURCES_VIEW = new Family("sources view"); //$NON-NLS-1$
    public static final Object SOURCE_PULLS = new Family("source pulls"); //$NON-NLS-1$
    public static final Object PHONE_DROP = new Family("phone drop"); //$NON-NLS-1$
    public static final Object RETENTION = new Family("retention"); //$NON-NLS-1$
    public static final Object FORGET = new Family("forget"); //$NON-NLS-1$
    /** Connecting to a team archive (#18). */
    public static final Object TEAM = new Family("team"); //$NON-NLS-1$

    private JobFamilies() {
    }

    /** What a job of {@code own} answers to {@code Job.belongsTo(family)}. */
    public static boolean belongsTo(Object family, Object own) {
        return family == own || family == MARAUDE;
    }

    /** A family named for debugging (job manager dumps). */
    private record Family(String name) {
        @Override
        public String toString() {
            return "maraude job family " + name; //$NON-NLS-1$
        }
    }
}

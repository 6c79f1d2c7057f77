package maraude.images;

/** The NSFWJS model's classes, in the order of its output. */
public enum PictureClass {
    DRAWING("Drawing"), //$NON-NLS-1$
    HENTAI("Hentai"), //$NON-NLS-1$
    NEUTRAL("Neutral"), //$NON-NLS-1$
    PORN("Porn"), //$NON-NLS-1$
    SEXY("Sexy"); //$NON-NLS-1$

    private final String label;

    PictureClass(String label) {
        this.label = label;
    }

    /** The model's own name of the class (also the key in team settings and in the CLI's JSON). */
    public String label() {
        return label;
    }

    /** @throws IllegalArgumentException for an unknown name (case-insensitive) */
    public static PictureClass of(String label) {
        for (PictureClass c : values()) {
            if (c.label.equalsIgnoreCase(label.strip())) {
                return c;
            }
        }
        throw new IllegalArgumentException("unknown picture class: " + label); //$NON-NLS-1$
    }
}

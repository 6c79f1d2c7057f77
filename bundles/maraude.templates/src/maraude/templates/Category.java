package maraude.templates;

import java.util.Locale;

/** What a reply is about. The key is the stable spelling used in template files and JSON. */
public enum Category {
    FIRST_CONTACT("first_contact"), //$NON-NLS-1$
    KIT("kit"), //$NON-NLS-1$
    SCREENING("screening"), //$NON-NLS-1$
    PEP_PREP("pep_prep"), //$NON-NLS-1$
    RIGHTS("rights"), //$NON-NLS-1$
    HOUSING("housing"), //$NON-NLS-1$
    VIOLENCE("violence"), //$NON-NLS-1$
    REMINDER("reminder"), //$NON-NLS-1$
    PERMANENCE("permanence"), //$NON-NLS-1$
    FOLLOW_UP("follow_up"); //$NON-NLS-1$

    private final String key;

    Category(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** @return the category for a file key, or {@code null} when unknown */
    public static Category fromKey(String key) {
        if (key == null) {
            return null;
        }
        String k = key.trim().toLowerCase(Locale.ROOT);
        for (Category c : values()) {
            if (c.key.equals(k)) {
                return c;
            }
        }
        return null;
    }
}

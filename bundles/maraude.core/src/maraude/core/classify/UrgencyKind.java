package maraude.core.classify;

/** Why a message is urgent: always about the person's safety, never about the platform. */
public enum UrgencyKind {
    /** Exposure that needs post-exposure prophylaxis within 72 hours (condom broke, slipped, removed). */
    PEP("pep"), //$NON-NLS-1$
    /** Violence, threat, rape, confinement. */
    VIOLENCE("violence"), //$NON-NLS-1$
    /** Police, arrest, documents taken. */
    POLICE("police"), //$NON-NLS-1$
    /** Health emergency: bleeding, cannot breathe, overdose, unconscious. */
    HEALTH("health"); //$NON-NLS-1$

    private final String key;

    UrgencyKind(String key) {
        this.key = key;
    }

    /** The key used in rule files and JSON. */
    public String key() {
        return key;
    }

    public static UrgencyKind fromKey(String key) {
        for (UrgencyKind k : values()) {
            if (k.key.equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown urgency: " + key); //$NON-NLS-1$
    }
}

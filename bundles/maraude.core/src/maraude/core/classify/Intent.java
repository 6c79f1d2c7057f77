package maraude.core.classify;

/** What an inbound message asks of the service. */
public enum Intent {
    /** Asks, tells, needs an answer. */
    REPLY("reply"), //$NON-NLS-1$
    /** Thanks, ok, see you, an emoji: no answer needed. */
    CLOSING("closing"), //$NON-NLS-1$
    /** Stop, do not write again, not interested. */
    OPT_OUT("opt_out"); //$NON-NLS-1$

    private final String key;

    Intent(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    public static Intent fromKey(String key) {
        for (Intent i : values()) {
            if (i.key.equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown intent: " + key); //$NON-NLS-1$
    }
}

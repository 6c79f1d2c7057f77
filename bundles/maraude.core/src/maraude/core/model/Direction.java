package maraude.core.model;

import java.util.Locale;

/** Who wrote a message, seen from the service. */
public enum Direction {
    /** Written by the person we talk with. */
    INBOUND,
    /** Written by the service (a worker, or an automated send). */
    OUTBOUND,
    /** A line produced by the platform or the phone (encryption notice, joined, number changed…): nobody's words. */
    SYSTEM;

    private final String key = name().toLowerCase(Locale.ROOT);

    public String key() {
        return key;
    }

    public static Direction fromKey(String key) {
        return valueOf(key.trim().toUpperCase(Locale.ROOT));
    }
}

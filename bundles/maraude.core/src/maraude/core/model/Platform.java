package maraude.core.model;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * A channel over which the service talks with people. The retention is how long the platform
 * itself keeps messages before deleting them ({@link Optional#empty()} when it keeps them).
 */
public enum Platform {
    WHATSAPP(null),
    SMS(null),
    EMAIL(null),
    TELEGRAM(null),
    SIGNAL(null),
    FACEBOOK(null),
    INSTAGRAM(null),
    /** Inbox of an ad or dating platform (Quartier Rouge, Hunqz/PlanetRomeo…): deleted after about a week. */
    AD_INBOX(Duration.ofDays(7)),
    OTHER(null);

    private final Duration retention;
    private final String key;

    Platform(Duration retention) {
        this.retention = retention;
        this.key = name().toLowerCase(Locale.ROOT);
    }

    /** How long the platform keeps a message before it vanishes there; empty when it keeps them. */
    public Optional<Duration> retention() {
        return Optional.ofNullable(retention);
    }

    /** Stable lower-case key used in the archive, the CLI and JSON. */
    public String key() {
        return key; // computed once: the archive asks for it on every message it indexes
    }

    /** Parses a key as printed by {@link #key()}, case-insensitively. */
    public static Platform fromKey(String key) {
        String k = key.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Platform p : values()) {
            if (p.name().equals(k)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown platform: " + key); //$NON-NLS-1$
    }
}

package maraude.sources;

import java.util.Locale;

/** How the last pull of a source went. */
public enum SourceState {
    /** Never pulled. */
    NEW,
    /** Last pull complete. */
    OK,
    /** Last pull imported what it could, but some pages or files failed. */
    PARTIAL,
    /** Last pull failed (network, server error, rate limit); retried on schedule. */
    FAILING,
    /** The platform refused the stored credentials: not retried until they are changed. */
    LOGIN_FAILED,
    /** The platform's pages no longer look like the site profile: the profile needs updating. */
    PROFILE_MISMATCH;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceState fromKey(String key) {
        return valueOf(key.strip().toUpperCase(Locale.ROOT));
    }

    /** States that a scheduled run must not retry blindly: a person has to act first. */
    public boolean needsAttention() {
        return this == LOGIN_FAILED || this == PROFILE_MISMATCH;
    }
}

package maraude.sources;

import java.time.Instant;

/**
 * A pull that cannot go on, with the state the source is left in. Messages name the URL path or
 * file and the cause, never message text nor credentials.
 */
public class SourceException extends Exception {

    private static final long serialVersionUID = 1L;

    private final SourceState state;
    private final transient Instant retryAfter;

    public SourceException(SourceState state, String message) {
        this(state, message, null);
    }

    public SourceException(SourceState state, String message, Instant retryAfter) {
        super(message);
        this.state = state;
        this.retryAfter = retryAfter;
    }

    public SourceState state() {
        return state;
    }

    /** When the platform asked us to come back (HTTP 429 Retry-After), else null. */
    public Instant retryAfter() {
        return retryAfter;
    }
}

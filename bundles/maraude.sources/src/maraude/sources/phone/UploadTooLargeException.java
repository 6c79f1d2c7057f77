package maraude.sources.phone;

import java.io.IOException;
import java.io.Serial;

/**
 * A request body past the upload limit: raised while the body is read ({@link PhoneDrop}), so that
 * "too large" is told by its type wherever the multipart parser wraps it, never by a message.
 */
public final class UploadTooLargeException extends IOException {

    @Serial
    private static final long serialVersionUID = 1L;

    private final long limit;

    public UploadTooLargeException(long limit) {
        super("upload larger than " + limit + " bytes"); //$NON-NLS-1$ //$NON-NLS-2$
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** Whether {@code e} or one of its causes is this exception. */
    public static boolean in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UploadTooLargeException) {
                return true;
            }
            for (Throwable s : t.getSuppressed()) {
                if (s instanceof UploadTooLargeException) {
                    return true;
                }
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return false;
    }
}

package maraude.core.archive;

/** A failure of the archive, with a kind callers can act on (tell the user, exit with a code). */
public class ArchiveException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** Another process (or another open in this process) holds the writer lock. */
        LOCKED,
        /** Files are damaged: restore from a backup. */
        CORRUPT,
        /** A write was attempted on a read-only archive, or after close. */
        NOT_WRITABLE,
        /** The input given cannot be stored (e.g. a message of an unknown conversation). */
        BAD_INPUT,
        /** Disk or file system failure. */
        IO,
        /** A server refused the credentials (or the role lacks the right): log in again, never retry blindly. */
        REFUSED
    }

    private final Kind kind;

    public ArchiveException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public ArchiveException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }
}

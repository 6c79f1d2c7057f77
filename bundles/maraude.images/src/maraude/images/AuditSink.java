package maraude.images;

/**
 * Receives every reveal, refused reveal and export so that the audit trail can record it. Events
 * carry the attachment's hash, the worker and the time: never pixels. Called on the caller's
 * thread; implementations must not throw.
 */
@FunctionalInterface
public interface AuditSink {

    AuditSink NONE = event -> {
        // no trail
    };

    void record(ImageAuditEvent event);
}

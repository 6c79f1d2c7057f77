package maraude.images;

import java.time.Instant;
import java.util.Objects;

/** One line of the audit trail about a picture: which attachment, who, when, what. No pixels. */
public record ImageAuditEvent(Kind kind, String sha256, String workerId, Instant at) {

    public enum Kind {
        /** Sharp pixels were handed to the UI. */
        REVEALED,
        /** A reveal was asked and refused (profile forbids it, or confirmation missing). */
        REVEAL_REFUSED,
        /** The picture left the archive, metadata stripped. */
        EXPORTED,
        /**
         * The picture model could not be loaded: the picture was scored by the skin heuristic, which
         * misses much and flags ordinary pictures. Recorded once per image service.
         */
        MODEL_UNAVAILABLE
    }

    public ImageAuditEvent {
        Objects.requireNonNull(kind, "kind"); //$NON-NLS-1$
        Objects.requireNonNull(sha256, "sha256"); //$NON-NLS-1$
        Objects.requireNonNull(at, "at"); //$NON-NLS-1$
        workerId = workerId == null ? "" : workerId; //$NON-NLS-1$
    }
}

package maraude.core.triage;

import java.time.Instant;
import java.util.Objects;

/** A worker's permanence: start, end (null while running) and the note handed over to the next one. */
public record PermanenceSession(String id, String workerId, Instant start, Instant end, String handoverNote) {

    public PermanenceSession {
        Objects.requireNonNull(id, "id"); //$NON-NLS-1$
        Objects.requireNonNull(start, "start"); //$NON-NLS-1$
        workerId = workerId == null ? "" : workerId; //$NON-NLS-1$
        handoverNote = handoverNote == null ? "" : handoverNote; //$NON-NLS-1$
        if (end != null && end.isBefore(start)) {
            throw new IllegalArgumentException("session ends before it starts"); //$NON-NLS-1$
        }
    }

    public boolean isOpen() {
        return end == null;
    }
}

package maraude.core.triage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the team recorded about one conversation: the latest worker state (null when none), when and by
 * whom it was set, the snooze end, and notes (oldest first).
 */
public record ConversationState(
        String conversationId,
        WorkerState state,
        Instant setAt,
        String setBy,
        Instant snoozedUntil,
        List<Note> notes) {

    public ConversationState {
        Objects.requireNonNull(conversationId, "conversationId"); //$NON-NLS-1$
        notes = notes == null ? List.of() : List.copyOf(notes);
        setBy = setBy == null ? "" : setBy; //$NON-NLS-1$
        if (state != null) {
            Objects.requireNonNull(setAt, "setAt"); //$NON-NLS-1$
        }
        if (state == WorkerState.SNOOZED) {
            Objects.requireNonNull(snoozedUntil, "snoozedUntil"); //$NON-NLS-1$
        }
    }

    /** A note left on a conversation; {@code author} is a worker id (may be empty). */
    public record Note(Instant at, String author, String text) {
        public Note {
            Objects.requireNonNull(at, "at"); //$NON-NLS-1$
            author = author == null ? "" : author; //$NON-NLS-1$
            text = text == null ? "" : text; //$NON-NLS-1$
        }
    }

    /**
     * The state in force for a thread whose last inbound message is {@code lastInbound} (null when
     * none), at {@code now}: null when none was set, when a newer inbound message arrived since, or when
     * a snooze has ended.
     */
    public WorkerState effective(Instant lastInbound, Instant now) {
        if (state == null) {
            return null;
        }
        if (lastInbound != null && lastInbound.isAfter(setAt)) {
            return null;
        }
        if (state == WorkerState.SNOOZED && !now.isBefore(snoozedUntil)) {
            return null;
        }
        return state;
    }
}

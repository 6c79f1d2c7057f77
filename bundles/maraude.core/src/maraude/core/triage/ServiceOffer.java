package maraude.core.triage;

import java.time.Instant;
import java.util.Objects;

/**
 * A service offered in a conversation, tagged by a worker ({@code by} is a worker id, may be empty).
 * It carries no text: the report only counts these.
 */
public record ServiceOffer(String id, String conversationId, ServiceKind kind, Instant at, String by) {

    public ServiceOffer {
        Objects.requireNonNull(id, "id"); //$NON-NLS-1$
        Objects.requireNonNull(conversationId, "conversationId"); //$NON-NLS-1$
        Objects.requireNonNull(kind, "kind"); //$NON-NLS-1$
        Objects.requireNonNull(at, "at"); //$NON-NLS-1$
        by = by == null ? "" : by; //$NON-NLS-1$
    }
}

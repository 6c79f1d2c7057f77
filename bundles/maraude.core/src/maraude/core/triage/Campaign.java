package maraude.core.triage;

import java.time.Instant;
import java.util.Objects;

import maraude.core.model.Platform;

/**
 * A mass message (e.g. an SMS to 2,000 ad holders): its date, platform (null: any) and the number of
 * recipients the team declared (0 when unknown: then the recipients seen in the archive count).
 */
public record Campaign(String id, String name, Instant sentAt, Platform platform, int recipients) {

    public Campaign {
        Objects.requireNonNull(id, "id"); //$NON-NLS-1$
        Objects.requireNonNull(sentAt, "sentAt"); //$NON-NLS-1$
        name = name == null ? "" : name; //$NON-NLS-1$
        if (recipients < 0) {
            throw new IllegalArgumentException("recipients < 0"); //$NON-NLS-1$
        }
    }
}

package maraude.core.triage;

import java.time.Instant;
import java.util.Objects;

/**
 * The team's marks on a contact: never contact again (no follow-up is ever proposed) and a caution
 * flag with its note (e.g. a suspected impersonator), shown wherever the contact appears.
 */
public record ContactFlags(String contactId, boolean doNotContact, boolean caution, String cautionNote,
        Instant updatedAt, String updatedBy) {

    public ContactFlags {
        Objects.requireNonNull(contactId, "contactId"); //$NON-NLS-1$
        cautionNote = cautionNote == null ? "" : cautionNote; //$NON-NLS-1$
        updatedBy = updatedBy == null ? "" : updatedBy; //$NON-NLS-1$
    }

    public static ContactFlags none(String contactId) {
        return new ContactFlags(contactId, false, false, "", null, ""); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

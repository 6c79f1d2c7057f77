package maraude.core.triage;

import java.time.Instant;
import java.util.Objects;

/**
 * The team's marks on a contact: never contact again (no follow-up is ever proposed) and a caution
 * flag with its note (e.g. a suspected impersonator), shown wherever the contact appears; and the
 * language a worker chose for the contact (null: the one read from the conversations).
 */
public record ContactFlags(String contactId, boolean doNotContact, boolean caution, String cautionNote,
        Instant updatedAt, String updatedBy, String language) {

    /** Flags without a language override (older files, hand-written tests). */
    public ContactFlags(String contactId, boolean doNotContact, boolean caution, String cautionNote, Instant updatedAt,
            String updatedBy) {
        this(contactId, doNotContact, caution, cautionNote, updatedAt, updatedBy, null);
    }

    public ContactFlags withLanguage(String lang, Instant at, String by) {
        return new ContactFlags(contactId, doNotContact, caution, cautionNote, at, by, lang);
    }

    public ContactFlags withDoNotContact(boolean value, Instant at, String by) {
        return new ContactFlags(contactId, value, caution, cautionNote, at, by, language);
    }

    public ContactFlags {
        Objects.requireNonNull(contactId, "contactId"); //$NON-NLS-1$
        cautionNote = cautionNote == null ? "" : cautionNote; //$NON-NLS-1$
        updatedBy = updatedBy == null ? "" : updatedBy; //$NON-NLS-1$
        language = language == null || language.isBlank() ? null : language;
    }

    public static ContactFlags none(String contactId) {
        return new ContactFlags(contactId, false, false, "", null, ""); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

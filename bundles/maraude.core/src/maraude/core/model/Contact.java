package maraude.core.model;

import java.util.Objects;

/**
 * The person the service talks with, identified per platform by a handle (phone number,
 * pseudonym, address). Pseudonymous by default: {@code displayName} is what the export or the team
 * calls them, never required to be a legal name.
 */
public record Contact(String id, Platform platform, String handle, String displayName) {

    public Contact {
        Objects.requireNonNull(platform, "platform"); //$NON-NLS-1$
        Objects.requireNonNull(handle, "handle"); //$NON-NLS-1$
        id = id == null ? StableIds.contactId(platform, handle) : id;
        displayName = displayName == null || displayName.isBlank() ? handle : displayName;
    }

    public static Contact of(Platform platform, String handle, String displayName) {
        return new Contact(null, platform, handle, displayName);
    }
}

package maraude.core.model;

import java.util.Objects;

/**
 * A thread between the service and one contact (or a group) on one platform. {@code key} is the
 * platform's own thread identity (chat name, phone number, thread path) from which the id is derived.
 */
public record Conversation(String id, Platform platform, String contactId, String title) {

    public Conversation {
        Objects.requireNonNull(id, "id"); //$NON-NLS-1$
        Objects.requireNonNull(platform, "platform"); //$NON-NLS-1$
        Objects.requireNonNull(contactId, "contactId"); //$NON-NLS-1$
        title = title == null ? "" : title; //$NON-NLS-1$
    }

    public static Conversation of(Platform platform, String threadKey, Contact contact, String title) {
        return new Conversation(StableIds.conversationId(platform, threadKey), platform, contact.id(), title);
    }
}

package maraude.ui;

/** Event topics the workbench posts on the IEventBroker. */
public final class ArchiveEvents {

    /** The archive changed (import, pull, state change): views reload. Data: ignored. */
    public static final String CHANGED = "maraude/archive/changed"; //$NON-NLS-1$

    /** The archive is being locked: views drop what they show. Data: ignored. */
    public static final String LOCKED = "maraude/archive/locked"; //$NON-NLS-1$

    /** A worker changed a conversation's triage state (handled, snoozed…). Data: the conversation id. */
    public static final String TRIAGE_CHANGED = "maraude/triage/changed"; //$NON-NLS-1$

    /** Show a conversation. Data: an {@link OpenConversation}. */
    public static final String OPEN_CONVERSATION = "maraude/conversation/open"; //$NON-NLS-1$

    private ArchiveEvents() {
    }

    /**
     * A request to show a conversation, scrolled to {@code messageId} (may be null), what {@code query}
     * (the search's text, may be null) matches marked as the archive matched it.
     */
    public record OpenConversation(String conversationId, String messageId, String query) {
    }
}

package maraude.core.archive;

import java.time.Instant;

import maraude.core.model.Direction;
import maraude.core.model.Platform;

/**
 * What list views need of a conversation without loading its thread. Instants are null when the
 * conversation has no message of that kind. "Meaningful" excludes system lines.
 */
public record ConversationSummary(
        String conversationId,
        Platform platform,
        String contactId,
        String contactName,
        String title,
        long messageCount,
        Instant firstMessage,
        Instant lastMessage,
        Direction lastMeaningfulDirection,
        Instant lastInbound,
        Instant lastOutbound,
        /** Oldest inbound message after the last outbound one: what waits for a reply. */
        Instant oldestUnansweredInbound,
        String lastMessagePreview) {
}

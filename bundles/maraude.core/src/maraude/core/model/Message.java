package maraude.core.model;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One message of a conversation. {@code author} is the name as the export shows it; {@code workerId}
 * is set for outbound messages when the team knows who sent them. The id is stable: derived from
 * the conversation, instant, author and text, so that importing the same export twice, or two
 * overlapping exports, yields the same ids (see {@link StableIds#messageId}).
 */
public record Message(
        String id,
        String conversationId,
        Direction direction,
        ZonedDateTime instant,
        String author,
        String workerId,
        String text,
        List<Attachment> attachments,
        SourceRef source) {

    public Message {
        Objects.requireNonNull(conversationId, "conversationId"); //$NON-NLS-1$
        Objects.requireNonNull(direction, "direction"); //$NON-NLS-1$
        Objects.requireNonNull(instant, "instant"); //$NON-NLS-1$
        author = author == null ? "" : author; //$NON-NLS-1$
        text = text == null ? "" : text; //$NON-NLS-1$
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
        id = id == null ? StableIds.messageId(conversationId, instant, author, text, attachments) : id;
    }

    /** Creates a message whose id is derived from its content. */
    public static Message of(String conversationId, Direction direction, ZonedDateTime instant, String author,
            String workerId, String text, List<Attachment> attachments, SourceRef source) {
        return new Message(null, conversationId, direction, instant, author, workerId, text, attachments, source);
    }

    public boolean isInbound() {
        return direction == Direction.INBOUND;
    }

    public boolean isOutbound() {
        return direction == Direction.OUTBOUND;
    }
}

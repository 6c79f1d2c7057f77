package maraude.ui.conversation;

import java.time.ZonedDateTime;
import java.util.List;

import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.SourceRef;

/**
 * A reply copied for pasting into a platform is recorded at once as an outbound message, so that the
 * conversation leaves the queue. Its source marks it as pending ({@code maraude:pending-reply}, with
 * the template's id when one was used), so that an importer can later replace it with the real
 * message from the platform's export.
 */
public final class PendingReplies {

    public static final String SOURCE = "maraude:pending-reply"; //$NON-NLS-1$

    private PendingReplies() {
    }

    public static Message create(String conversationId, String worker, String text, String templateId,
            ZonedDateTime now) {
        String source = templateId == null || templateId.isBlank() ? SOURCE : SOURCE + '/' + templateId;
        return Message.of(conversationId, Direction.OUTBOUND, now, worker, worker, text, List.of(),
                new SourceRef(source, 0, -1));
    }

    public static boolean isPending(Message m) {
        return m.source() != null && m.source().file().startsWith(SOURCE);
    }

    /** The template a pending reply was made from, or null. */
    public static String templateId(Message m) {
        if (!isPending(m) || m.source().file().length() <= SOURCE.length() + 1) {
            return null;
        }
        return m.source().file().substring(SOURCE.length() + 1);
    }
}

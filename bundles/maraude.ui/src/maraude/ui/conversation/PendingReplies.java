package maraude.ui.conversation;

import java.time.ZonedDateTime;

import maraude.core.model.Message;

/** The workbench's side of {@link maraude.core.archive.PendingReplies}: what a copied reply records. */
public final class PendingReplies {

    public static final String SOURCE = maraude.core.archive.PendingReplies.SOURCE;

    private PendingReplies() {
    }

    public static Message create(String conversationId, String worker, String text, String templateId,
            ZonedDateTime now) {
        return maraude.core.archive.PendingReplies.create(conversationId, worker, text, templateId, now);
    }

    public static boolean isPending(Message m) {
        return maraude.core.archive.PendingReplies.isPending(m);
    }

    /** The template a pending reply was made from, or null. */
    public static String templateId(Message m) {
        return maraude.core.archive.PendingReplies.templateId(m);
    }
}

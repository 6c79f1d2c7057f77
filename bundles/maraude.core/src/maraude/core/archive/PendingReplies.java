package maraude.core.archive;

import java.text.Normalizer;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.SourceRef;

/**
 * A reply copied from the workbench to paste into a platform is recorded at once as an outbound
 * message, so that the conversation leaves the queue. Its source marks it as pending; when the
 * platform's export is imported later, the real message replaces it instead of doubling it.
 */
public final class PendingReplies {

    /** Source file of a pending reply; {@code /templateId} follows when a template was used. */
    public static final String SOURCE = "maraude:pending-reply"; //$NON-NLS-1$

    /** The real message is sent after the copy, usually within minutes; allow for a slow day. */
    private static final Duration BEFORE = Duration.ofHours(1);
    private static final Duration AFTER = Duration.ofDays(7);

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

    /**
     * Whether {@code real}, read from an export, is the message {@code pending} stood for: the same
     * conversation, outbound, the same text (whatever the platform did to spaces, case and accents),
     * sent between an hour before and a week after the copy.
     */
    public static boolean replacedBy(Message pending, Message real) {
        if (!isPending(pending) || isPending(real) || real.direction() != Direction.OUTBOUND
                || !pending.conversationId().equals(real.conversationId())) {
            return false;
        }
        ZonedDateTime copied = pending.instant();
        if (real.instant().isBefore(copied.minus(BEFORE)) || real.instant().isAfter(copied.plus(AFTER))) {
            return false;
        }
        return normalize(pending.text()).equals(normalize(real.text()));
    }

    static String normalize(String text) {
        String folded = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", ""); //$NON-NLS-1$ //$NON-NLS-2$
        return folded.replaceAll("\\s+", " ").strip().toLowerCase(Locale.ROOT); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

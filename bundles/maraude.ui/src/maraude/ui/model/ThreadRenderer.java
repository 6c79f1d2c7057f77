package maraude.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.eclipse.osgi.util.NLS;

import maraude.core.archive.TextMatcher;
import maraude.core.archive.TextRange;
import maraude.core.model.Attachment;
import maraude.core.model.Direction;
import maraude.core.model.Message;

/**
 * A conversation's thread as the conversation view shows it, without a widget: one block per message
 * (a header line "when author (direction)", the text, a line per attachment), the spans to style,
 * the ranges the search matched (from the archive's {@link TextMatcher}, never re-folded here), the
 * pictures for the strip and where to scroll. The view only turns spans into style ranges.
 */
public final class ThreadRenderer {

    /** How a span is shown. */
    public enum Style {
        INBOUND_HEADER, OUTBOUND_HEADER, PENDING_HEADER, SYSTEM_HEADER
    }

    /** A span of the rendered text: {@code start} and {@code length} in chars of {@link Rendered#text()}. */
    public record Span(int start, int length, Style style) {
    }

    /** A picture of the thread, with its caption (when, who). */
    public record Picture(Attachment attachment, String caption) {
    }

    /** The rendered thread; {@code scrollTo} is the offset of the message asked for, or -1. */
    public record Rendered(String text, List<Span> headers, List<TextRange> matches, List<Picture> pictures,
            int scrollTo) {
    }

    /** The words the view shows around the texts, from its message bundle. */
    public record Labels(String inbound, String outbound, String pending, String system, String attachmentImage,
            String attachmentFile, String pictureCaption) {
    }

    private final Labels labels;
    private final Function<java.time.ZonedDateTime, String> dateTime;
    private final java.util.function.Predicate<Message> pending;

    /**
     * @param dateTime how a message's time is written
     * @param pending  whether an outbound message is a reply copied but not yet seen in an export
     */
    public ThreadRenderer(Labels labels, Function<java.time.ZonedDateTime, String> dateTime,
            java.util.function.Predicate<Message> pending) {
        this.labels = labels;
        this.dateTime = dateTime;
        this.pending = pending;
    }

    /**
     * Renders {@code thread}, the search's matches highlighted in each text.
     *
     * @param scrollToMessage the message to scroll to, or null
     * @param matcher         what the search matched ({@link TextMatcher#NONE} when not opened from a search)
     */
    public Rendered render(List<Message> thread, String scrollToMessage, TextMatcher matcher) {
        StringBuilder sb = new StringBuilder();
        List<Span> headers = new ArrayList<>();
        List<TextRange> matches = new ArrayList<>();
        List<Picture> pictures = new ArrayList<>();
        int scrollTo = -1;
        for (Message m : thread) {
            if (m.id().equals(scrollToMessage)) {
                scrollTo = sb.length();
            }
            boolean isPending = m.direction() == Direction.OUTBOUND && pending.test(m);
            String direction = switch (m.direction()) {
                case INBOUND -> labels.inbound();
                case OUTBOUND -> isPending ? labels.pending() : labels.outbound();
                case SYSTEM -> labels.system();
            };
            Style style = switch (m.direction()) {
                case INBOUND -> Style.INBOUND_HEADER;
                case OUTBOUND -> isPending ? Style.PENDING_HEADER : Style.OUTBOUND_HEADER;
                case SYSTEM -> Style.SYSTEM_HEADER;
            };
            String when = dateTime.apply(m.instant());
            String head = when + "  " + m.author() + "  (" + direction + ")\n"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            headers.add(new Span(sb.length(), head.length(), style));
            sb.append(head);
            int bodyStart = sb.length();
            sb.append(m.text()).append('\n');
            for (Attachment a : m.attachments()) {
                sb.append(NLS.bind(a.isImage() ? labels.attachmentImage() : labels.attachmentFile(),
                        a.fileName().isEmpty() ? a.mediaType() : a.fileName())).append('\n');
                if (a.isImage()) {
                    pictures.add(new Picture(a, NLS.bind(labels.pictureCaption(), when, m.author())));
                }
            }
            for (TextRange r : matcher.in(m.text())) {
                if (r.end() <= m.text().length()) {
                    matches.add(new TextRange(bodyStart + r.start(), bodyStart + r.end()));
                }
            }
            sb.append('\n');
        }
        return new Rendered(sb.toString(), List.copyOf(headers), List.copyOf(matches), List.copyOf(pictures), scrollTo);
    }
}

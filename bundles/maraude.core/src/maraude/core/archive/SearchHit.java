package maraude.core.archive;

import java.time.ZonedDateTime;
import java.util.List;

import maraude.core.model.Direction;
import maraude.core.model.Platform;

/**
 * One message found, with a snippet where the matched words are wrapped in {@code [[ ]]}, and the
 * ranges of the message's text the search matched ({@link TextMatcher}).
 */
public record SearchHit(
        String messageId,
        String conversationId,
        Platform platform,
        String contactId,
        String contactName,
        Direction direction,
        ZonedDateTime instant,
        String snippet,
        float score,
        List<TextRange> matches) {

    public SearchHit {
        matches = matches == null ? List.of() : List.copyOf(matches);
    }

    /** A hit whose matched ranges are not known. */
    public SearchHit(String messageId, String conversationId, Platform platform, String contactId, String contactName,
            Direction direction, ZonedDateTime instant, String snippet, float score) {
        this(messageId, conversationId, platform, contactId, contactName, direction, instant, snippet, score, List.of());
    }
}

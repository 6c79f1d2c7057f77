package maraude.core.archive;

import java.time.ZonedDateTime;

import maraude.core.model.Direction;
import maraude.core.model.Platform;

/** One message found, with a snippet where the matched words are wrapped in {@code [[ ]]}. */
public record SearchHit(
        String messageId,
        String conversationId,
        Platform platform,
        String contactId,
        String contactName,
        Direction direction,
        ZonedDateTime instant,
        String snippet,
        float score) {
}

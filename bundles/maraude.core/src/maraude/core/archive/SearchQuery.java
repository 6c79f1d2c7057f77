package maraude.core.archive;

import java.time.Instant;
import java.util.Set;

import maraude.core.model.Direction;
import maraude.core.model.Platform;

/**
 * A search over messages: {@code text} in the archive's query syntax (words, "phrases", prefix*,
 * AND/OR/NOT, field:value), narrowed by filters (null or empty = no filter).
 */
public record SearchQuery(
        String text,
        Set<Platform> platforms,
        String contactId,
        Direction direction,
        String workerId,
        Instant from,
        Instant to,
        Sort sort,
        int offset,
        int limit) {

    public enum Sort {
        RELEVANCE, NEWEST, OLDEST
    }

    public SearchQuery {
        text = text == null ? "" : text; //$NON-NLS-1$
        platforms = platforms == null ? Set.of() : Set.copyOf(platforms);
        sort = sort == null ? Sort.RELEVANCE : sort;
        limit = limit <= 0 ? 50 : limit;
        offset = Math.max(0, offset);
    }

    public static SearchQuery of(String text) {
        return new SearchQuery(text, null, null, null, null, null, null, Sort.RELEVANCE, 0, 50);
    }
}

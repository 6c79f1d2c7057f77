package maraude.core.archive;

import java.util.List;

/**
 * What a search matches in a message text, as the archive's own analysis sees it (folding, phone
 * numbers, stems…), so that a view highlights exactly what the search found, without re-parsing the
 * query or folding text its own way.
 */
@FunctionalInterface
public interface TextMatcher {

    /** Matches nothing: no query, or an archive that cannot tell. */
    TextMatcher NONE = text -> List.of();

    /** The ranges of {@code text} the query matches, in order, not overlapping. */
    List<TextRange> in(String text);
}

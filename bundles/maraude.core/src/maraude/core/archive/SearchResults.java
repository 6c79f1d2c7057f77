package maraude.core.archive;

import java.util.List;
import java.util.Map;

/**
 * A page of hits, the total hit count, and facet counts over all hits: per platform key and per
 * month ("2026-11").
 */
public record SearchResults(long totalHits, List<SearchHit> hits, Map<String, Long> byPlatform,
        Map<String, Long> byMonth) {
}

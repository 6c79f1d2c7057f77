package maraude.templates;

import java.util.List;

/**
 * One suggested reply, JSON-friendly: {@code text} is filled as far as the settings and the
 * conversation allow; {@code missingPlaceholders} lists what still blocks copying.
 */
public record Suggestion(
        String templateId,
        String category,
        String language,
        double score,
        List<String> reasons,
        String text,
        List<String> missingPlaceholders) {

    public Suggestion {
        reasons = List.copyOf(reasons);
        missingPlaceholders = List.copyOf(missingPlaceholders);
    }
}

package maraude.templates;

import java.util.List;
import java.util.Objects;

/**
 * One reply template. {@code bulk} marks texts meant for bulk sends (no worker's name may appear in
 * them). {@code examples} are inbound messages this template answers: they feed the matcher and must
 * never be copied from the evaluation set.
 */
public record Template(
        String id,
        Category category,
        String language,
        String title,
        boolean bulk,
        String text,
        List<String> keywords,
        List<String> examples) {

    public Template {
        Objects.requireNonNull(id, "id"); //$NON-NLS-1$
        Objects.requireNonNull(category, "category"); //$NON-NLS-1$
        Objects.requireNonNull(language, "language"); //$NON-NLS-1$
        Objects.requireNonNull(text, "text"); //$NON-NLS-1$
        title = title == null ? "" : title; //$NON-NLS-1$
        keywords = keywords == null ? List.of() : List.copyOf(keywords);
        examples = examples == null ? List.of() : List.copyOf(examples);
    }

    /** Placeholder names in order of first appearance. */
    public List<String> placeholders() {
        return Placeholders.names(text);
    }
}

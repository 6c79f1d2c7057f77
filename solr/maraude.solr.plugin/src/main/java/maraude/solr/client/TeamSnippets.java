package maraude.solr.client;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

import maraude.archive.ArchiveSchema;

/**
 * Snippets of the team archive's hits, made on the client as the local archive makes them (its
 * {@code LuceneArchive.Snippets}): the hit's text re-analysed with the archive's analyzer, matched words
 * in {@code [[ ]]}, a short text whole, a longer one cut to the passage closest to 160 characters. The
 * same parameters as the local archive's; that class is private to it, hence this copy.
 */
final class TeamSnippets {

    private static final int SNIPPET_CHARS = 160;
    private static final int HIGHLIGHT_MAX_LENGTH = 20_000;
    private static final int SNIPPET_MAX_CHARS = 4 * SNIPPET_CHARS;

    private final Analyzer analyzer;
    private final Query query;
    private FieldHighlighter whole;
    private FieldHighlighter passages;

    TeamSnippets(Analyzer analyzer, Query query) {
        this.analyzer = analyzer;
        this.query = query;
    }

    String of(String text) throws IOException {
        if (text == null) {
            return ""; //$NON-NLS-1$
        }
        FieldHighlighter h;
        if (text.length() <= SNIPPET_CHARS) {
            if (whole == null) {
                whole = highlighter(WholeBreakIterator::new);
            }
            h = whole;
        } else {
            if (passages == null) {
                passages = highlighter(() -> LengthGoalBreakIterator
                        .createClosestToLength(BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_CHARS, 0.5f));
            }
            h = passages;
        }
        Object formatted = h.highlightFieldForDoc(null, -1, head(text, HIGHLIGHT_MAX_LENGTH));
        return formatted == null ? ArchiveSchema.preview(text) : cap(formatted.toString());
    }

    private FieldHighlighter highlighter(Supplier<BreakIterator> breaks) {
        return new TextHighlighter(UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withFormatter(new DefaultPassageFormatter("[[", "]]", "… ", false)) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                .withBreakIterator(breaks).withWeightMatches(false).withHighlightPhrasesStrictly(false)
                .withPassageRelevancyOverSpeed(false).withMaxLength(HIGHLIGHT_MAX_LENGTH)).forText(query);
    }

    private static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    private static String cap(String snippet) {
        if (snippet.length() <= SNIPPET_MAX_CHARS) {
            return snippet;
        }
        String cut = head(snippet, SNIPPET_MAX_CHARS);
        while (cut.endsWith("[") || cut.endsWith("]")) { //$NON-NLS-1$ //$NON-NLS-2$
            cut = cut.substring(0, cut.length() - 1);
        }
        boolean open = cut.lastIndexOf("[[") > cut.lastIndexOf("]]"); //$NON-NLS-1$ //$NON-NLS-2$
        return cut + (open ? "]]" : "") + '…'; //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static final class TextHighlighter extends UnifiedHighlighter {

        TextHighlighter(Builder b) {
            super(b);
        }

        FieldHighlighter forText(Query query) {
            return getFieldHighlighter(ArchiveSchema.TEXT, query, extractTerms(query), 1);
        }
    }
}

package maraude.archive;

import java.io.IOException;
import java.text.BreakIterator;
import java.util.Locale;
import java.util.function.Supplier;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.util.BytesRef;

/**
 * Snippets by re-analysing the hit's text (no offsets are indexed). A field highlighter (terms and
 * automata extracted from the query) is built once per search, on the first hit that needs it, and
 * reused for every hit of the page: one that takes a short text whole (most messages are shorter
 * than a snippet: no sentence breaking), one that picks the passage closest to
 * {@value #SNIPPET_CHARS} characters in longer texts. Weight matches, strict phrases and passage
 * relevancy are off: each would build an in-memory index per hit; terms of a phrase are then
 * highlighted wherever they occur in the snippet, which reads fine for short messages.
 * <p>
 * One instance serves the hits of one search ({@link ArchiveSearcher}), in the calling thread.
 */
final class Snippets {

    static final int SNIPPET_CHARS = 160;
    private static final int HIGHLIGHT_MAX_LENGTH = 20_000;
    /**
     * Hard cap on one hit's snippet, markers included: a passage is one "sentence", and a huge
     * message without sentence ends (short lines, a pasted log) would otherwise come back whole.
     */
    static final int SNIPPET_MAX_CHARS = 4 * SNIPPET_CHARS;

    private final Analyzer analyzer;
    private final Query query;
    private FieldHighlighter whole;
    private FieldHighlighter passages;

    Snippets(Analyzer analyzer, Query query) {
        this.analyzer = analyzer;
        this.query = query;
    }

    String of(String text) throws IOException {
        if (text == null) {
            return preview(null);
        }
        FieldHighlighter h;
        if (text.length() <= SNIPPET_CHARS) {
            if (whole == null) {
                whole = highlighter(analyzer, query, WholeBreakIterator::new);
            }
            h = whole;
        } else {
            if (passages == null) {
                passages = highlighter(analyzer, query, () -> LengthGoalBreakIterator.createClosestToLength(
                        BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_CHARS, 0.5f));
            }
            h = passages;
        }
        // Only the first HIGHLIGHT_MAX_LENGTH characters are looked at (the highlighter's own
        // limit applies to texts it loads itself, not to a text given to it).
        Object formatted = h.highlightFieldForDoc(null, -1, head(text, HIGHLIGHT_MAX_LENGTH));
        return formatted == null ? preview(text) : capSnippet(formatted.toString());
    }

    private static FieldHighlighter highlighter(Analyzer analyzer, Query query,
            Supplier<BreakIterator> breaks) {
        return new QueryHighlighter(UnifiedHighlighter.builderWithoutSearcher(analyzer)
                .withFormatter(new DefaultPassageFormatter("[[", "]]", "… ", false)) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                .withBreakIterator(breaks).withScorer(new DistinctTermsScorer())
                .withWeightMatches(false).withHighlightPhrasesStrictly(false).withPassageRelevancyOverSpeed(false)
                .withMaxLength(HIGHLIGHT_MAX_LENGTH)).forText(query);
    }

    /** A text without highlight: the preview a hit shows when the query matched elsewhere (a name, a filter). */
    static String preview(String text) {
        return text == null ? "" : ArchiveSchema.preview(text); //$NON-NLS-1$
    }

    private static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    /** A snippet cut at {@link #SNIPPET_MAX_CHARS}, never inside a highlight marker, with a closing one if cut inside a hit. */
    static String capSnippet(String snippet) {
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

    /** Reaches the highlighter's per-field machinery, to highlight texts that are not read from an index. */
    private static final class QueryHighlighter extends UnifiedHighlighter {

        QueryHighlighter(Builder b) {
            super(b);
        }

        FieldHighlighter forText(Query query) {
            return getFieldHighlighter(ArchiveSchema.TEXT, query, extractTerms(query), 1);
        }
    }

    /**
     * The default passage score (BM25-like over the distinct terms of the passage), counting distinct
     * terms by comparing the few matches of a passage with each other: the default builds a hash with
     * a 32 KiB block per passage, a tenth of the time of a search at 100k messages.
     */
    static final class DistinctTermsScorer extends PassageScorer {

        @Override
        public float score(Passage passage, int contentLength) {
            int n = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] inDoc = passage.getMatchTermFreqsInDoc();
            float score = 0;
            for (int i = 0; i < n; i++) {
                boolean first = true;
                for (int j = 0; j < i && first; j++) {
                    first = !terms[j].bytesEquals(terms[i]);
                }
                if (!first) {
                    continue;
                }
                int inPassage = 1;
                for (int j = i + 1; j < n; j++) {
                    if (terms[j].bytesEquals(terms[i])) {
                        inPassage++;
                    }
                }
                score += tf(inPassage, passage.getLength()) * weight(contentLength, inDoc[i]);
            }
            return score * norm(passage.getStartOffset());
        }
    }
}

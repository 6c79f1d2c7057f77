package maraude.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.QueryVisitor;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;

import maraude.archive.analysis.PhoneNumbers;
import maraude.core.archive.TextMatcher;
import maraude.core.archive.TextRange;

/**
 * The ranges of a message text that a search matched: the highlighter the snippets use (same
 * analyzer, so the same folding of ø, œ, ß and accents, the same phone numbers and stems), run over
 * the whole text, its matches given as offsets instead of markers. A number searched in any form
 * ({@code +32 470…} for {@code 0470…}) matches through the phone keys, not the words: the runs of the
 * text with one of the query's keys are matched too. Built once per query and reused for every text;
 * not thread-safe (one per search or per view load).
 */
final class MatchRanges implements TextMatcher {

    /** As for snippets: the highlighter looks at this many chars of a text at most. */
    static final int MAX_LENGTH = 20_000;

    private final Analyzer analyzer;
    private final Query query;
    private final Set<String> phoneKeys = new HashSet<>();
    private FieldHighlighter highlighter;

    MatchRanges(Analyzer analyzer, Query textQuery) {
        this.analyzer = analyzer;
        this.query = textQuery;
        textQuery.visit(new QueryVisitor() {
            @Override
            public void consumeTerms(Query q, Term... terms) {
                for (Term t : terms) {
                    if (ArchiveSchema.PHONES.equals(t.field())) {
                        phoneKeys.add(t.text());
                    }
                }
            }

            @Override
            public QueryVisitor getSubVisitor(Occur occur, Query parent) {
                return occur == Occur.MUST_NOT ? QueryVisitor.EMPTY_VISITOR : this;
            }
        });
    }

    @Override
    public List<TextRange> in(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        if (highlighter == null) {
            highlighter = new RangeHighlighter(UnifiedHighlighter.builderWithoutSearcher(analyzer)
                    .withFormatter(new RangeFormatter()).withBreakIterator(WholeBreakIterator::new)
                    .withWeightMatches(false).withHighlightPhrasesStrictly(false)
                    .withPassageRelevancyOverSpeed(false).withMaxLength(MAX_LENGTH).withMaxNoHighlightPassages(0))
                    .forText(query);
        }
        String head = text.length() <= MAX_LENGTH ? text
                : text.substring(0, Character.isHighSurrogate(text.charAt(MAX_LENGTH - 1)) ? MAX_LENGTH - 1 : MAX_LENGTH);
        try {
            Object r = highlighter.highlightFieldForDoc(null, -1, head);
            @SuppressWarnings("unchecked")
            List<TextRange> ranges = r instanceof List<?> l ? (List<TextRange>) l : List.of();
            if (phoneKeys.isEmpty()) {
                return ranges;
            }
            List<int[]> all = new ArrayList<>();
            for (TextRange t : ranges) {
                all.add(new int[] { t.start(), t.end() });
            }
            for (int[] span : PhoneNumbers.querySpans(head)) {
                if (PhoneNumbers.keysOf(head.substring(span[0], span[1])).stream().anyMatch(phoneKeys::contains)) {
                    all.add(span);
                }
            }
            return merged(all);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // analysing a string in memory: not expected
        }
    }

    /** The match offsets of the passages instead of a snippet. */
    static final class RangeFormatter extends PassageFormatter {

        @Override
        public Object format(Passage[] passages, String content) {
            List<int[]> all = new ArrayList<>();
            for (Passage p : passages) {
                for (int i = 0; i < p.getNumMatches(); i++) {
                    all.add(new int[] { p.getMatchStarts()[i], p.getMatchEnds()[i] });
                }
            }
            return merged(all);
        }
    }

    /** Sorted, overlapping ones merged. */
    static List<TextRange> merged(List<int[]> all) {
        all.sort((a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        List<TextRange> out = new ArrayList<>();
        int start = -1;
        int end = -1;
        for (int[] m : all) {
            if (start >= 0 && m[0] <= end) {
                end = Math.max(end, m[1]);
            } else {
                if (start >= 0) {
                    out.add(new TextRange(start, end));
                }
                start = m[0];
                end = m[1];
            }
        }
        if (start >= 0) {
            out.add(new TextRange(start, end));
        }
        return List.copyOf(out);
    }

    /** Reaches the highlighter's per-field machinery, for texts that are not read from an index. */
    private static final class RangeHighlighter extends UnifiedHighlighter {

        RangeHighlighter(Builder b) {
            super(b);
        }

        FieldHighlighter forText(Query query) {
            return getFieldHighlighter(ArchiveSchema.TEXT, query, extractTerms(query), 1);
        }
    }
}

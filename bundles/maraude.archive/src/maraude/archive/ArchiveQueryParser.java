package maraude.archive;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.function.UnaryOperator;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserBase;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

import maraude.archive.analysis.PhoneNumbers;

/**
 * The archive's query syntax: Lucene's classic syntax (words, "phrases", prefix*, AND/OR/NOT, +/-,
 * parentheses, {@code field:value}) over {@link ArchiveSchema#DEFAULT_SEARCH_FIELDS}, words joined by
 * AND by default, with three additions:
 * <ul>
 * <li>a phone-looking run anywhere ({@code 0470 12 34 56}, {@code +32470123456}) matches that number
 * however it was written (via {@link ArchiveSchema#PHONES}) or the same digits as text;</li>
 * <li>{@code phone:…} searches a number explicitly;</li>
 * <li>an unknown field name ({@code rdv: demain}) is read as plain text, since people type colons.</li>
 * </ul>
 * Text that does not parse (unbalanced quotes or parentheses, a lone operator) is searched again
 * with every special character escaped, so typing never fails.
 */
final class ArchiveQueryParser {

    private final Analyzer analyzer;

    ArchiveQueryParser(Analyzer analyzer) {
        this.analyzer = analyzer;
    }

    /**
     * Parses {@code text}.
     *
     * @throws ParseException only when even the escaped text cannot be parsed
     */
    /** Deepest parenthesis nesting read as syntax; deeper text is searched as plain text. */
    static final int MAX_NESTING = 64;

    /** The deepest nesting of parentheses in {@code text}, outside quotes. */
    static int nesting(String text) {
        int depth = 0;
        int max = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '(') {
                max = Math.max(max, ++depth);
            } else if (!quoted && c == ')' && depth > 0) {
                depth--;
            }
        }
        return max;
    }

    Query parse(String text) throws ParseException {
        if (text.isBlank()) {
            return new MatchAllDocsQuery();
        }
        Query q;
        try {
            if (nesting(text) > MAX_NESTING) {
                // The classic parser, the rewrite and the search recurse once per level: 20,000
                // levels overflow the stack. Nobody types that deep; read it as plain text.
                throw new ParseException("too deep"); //$NON-NLS-1$
            }
            q = newParser().parse(rewritePhones(text, UnaryOperator.identity(), true));
        } catch (ParseException | IllegalArgumentException e) {
            q = newParser().parse(rewritePhones(text, ArchiveQueryParser::escapeAll, false));
        }
        return positive(q);
    }

    private Parser newParser() {
        Parser p = new Parser(analyzer);
        p.setDefaultOperator(QueryParser.Operator.AND);
        p.setAllowLeadingWildcard(false);
        return p;
    }

    /**
     * Replaces every phone-looking run outside quotes with {@code (phone:"run" OR "run")}, passing the
     * other segments through {@code other}.
     */
    static String rewritePhones(String text, UnaryOperator<String> other, boolean honourQuotes) {
        List<int[]> spans = PhoneNumbers.querySpans(text);
        StringBuilder out = new StringBuilder(text.length() + 32);
        int pos = 0;
        for (int[] s : spans) {
            if (honourQuotes && insideQuotes(text, s[0])) {
                continue;
            }
            out.append(other.apply(text.substring(pos, s[0])));
            String run = text.substring(s[0], s[1]).strip();
            out.append("(").append(ArchiveSchema.PHONE_QUERY_FIELD).append(":\"").append(run) //$NON-NLS-1$
                    .append("\" OR \"").append(run).append("\")"); //$NON-NLS-1$ //$NON-NLS-2$
            pos = s[1];
        }
        out.append(other.apply(text.substring(pos)));
        return out.toString();
    }

    private static boolean insideQuotes(String text, int index) {
        int quotes = 0;
        for (int i = 0; i < index; i++) {
            if (text.charAt(i) == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                quotes++;
            }
        }
        return quotes % 2 == 1;
    }

    /** A query made only of exclusions matches nothing in Lucene; "NOT x" means "everything but x". */
    private static Query positive(Query q) {
        if (q instanceof BooleanQuery bq && !bq.clauses().isEmpty()
                && bq.clauses().stream().allMatch(c -> c.getOccur() == BooleanClause.Occur.MUST_NOT)) {
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            b.add(new MatchAllDocsQuery(), BooleanClause.Occur.MUST);
            bq.clauses().forEach(b::add);
            return b.build();
        }
        return q;
    }

    static Query phoneQuery(String written) {
        List<String> keys = PhoneNumbers.keysOf(written);
        if (keys.isEmpty()) {
            return new MatchNoDocsQuery("not a phone number"); //$NON-NLS-1$
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        for (String k : keys) {
            b.add(new TermQuery(new Term(ArchiveSchema.PHONES, k)), BooleanClause.Occur.SHOULD);
        }
        return b.build();
    }

    /** "word: text" read as the two, joined like any two words (AND by default). */
    private static Query both(Query a, Query b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return new BooleanQuery.Builder().add(a, BooleanClause.Occur.MUST).add(b, BooleanClause.Occur.MUST).build();
    }

    /** Escapes special characters and turns operator words into plain words. */
    static String escapeAll(String text) {
        return OPERATOR_WORD.matcher(QueryParserBase.escape(text)).replaceAll(r -> r.group().toLowerCase(Locale.ROOT));
    }

    private static final Pattern OPERATOR_WORD = Pattern.compile("\\b(AND|OR|NOT)\\b"); //$NON-NLS-1$

    private static final class Parser extends MultiFieldQueryParser {

        Parser(Analyzer analyzer) {
            super(ArchiveSchema.DEFAULT_SEARCH_FIELDS, analyzer);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, boolean quoted) throws ParseException {
            if (ArchiveSchema.PHONE_QUERY_FIELD.equals(field)) {
                return phoneQuery(queryText);
            }
            if (field != null && !ArchiveSchema.QUERY_FIELDS.contains(field)) {
                return both(super.getFieldQuery(null, field, quoted), super.getFieldQuery(null, queryText, quoted));
            }
            return super.getFieldQuery(field, queryText, quoted);
        }

        @Override
        protected Query getFieldQuery(String field, String queryText, int slop) throws ParseException {
            if (ArchiveSchema.PHONE_QUERY_FIELD.equals(field)) {
                return phoneQuery(queryText);
            }
            if (field != null && !ArchiveSchema.QUERY_FIELDS.contains(field)) {
                return both(super.getFieldQuery(null, field, slop), super.getFieldQuery(null, queryText, slop));
            }
            return super.getFieldQuery(field, queryText, slop);
        }
    }
}

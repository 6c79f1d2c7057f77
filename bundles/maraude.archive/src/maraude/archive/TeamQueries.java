package maraude.archive;

import java.util.Collection;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;

/**
 * The local archive's query syntax and contact matching, reached from the team archive: the Solr
 * node parses a search exactly as {@code LuceneArchive} does ({@link ArchiveQueryParser}, then
 * {@link ContactMatcher} over the shard's contacts), so both archives find the same messages. Public
 * API of this bundle for the team archive (the client bundle {@code maraude.team} under OSGi, the Solr
 * plugin on a node's class path): the classes it reaches are package-private.
 */
public final class TeamQueries {

    private final ArchiveQueryParser parser;
    private final Analyzer analyzer;

    public TeamQueries() {
        analyzer = ArchiveSchema.analyzer();
        parser = new ArchiveQueryParser(analyzer);
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    /** The parsed text alone (for snippets: only its {@code text} terms matter). */
    public Query parse(String text) throws ParseException {
        return parser.parse(text == null ? "" : text); //$NON-NLS-1$
    }

    /** The contacts of one snapshot, indexed for matching; immutable, built once per snapshot. */
    public static final class People {

        private final ContactMatcher matcher;

        private People(ContactMatcher matcher) {
            this.matcher = matcher;
        }
    }

    public static People people(Collection<Contact> contacts, Collection<Conversation> conversations) {
        return new People(ContactMatcher.of(contacts, conversations));
    }

    /**
     * What {@code LuceneArchive.search} runs before its filters: the parsed text, its name and phone
     * clauses widened to the conversations of the matching contacts, restricted to messages.
     */
    public Query messageQuery(String text, Collection<Contact> contacts, Collection<Conversation> conversations)
            throws ParseException {
        return messageQuery(text, people(contacts, conversations));
    }

    /** As {@link #messageQuery(String, Collection, Collection)}, with contacts indexed beforehand. */
    public Query messageQuery(String text, People people) throws ParseException {
        Query q = people.matcher.expand(parse(text));
        if (ArchiveSchema.matchesMessagesOnly(q)) {
            return q;
        }
        return new BooleanQuery.Builder().add(q, Occur.MUST)
                .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER).build();
    }

    /** A hit's snippet and matched ranges, made as the local archive makes them. */
    public interface Highlights {
        String snippet(String text) throws java.io.IOException;

        java.util.List<maraude.core.archive.TextRange> matches(String text);
    }

    /**
     * The local archive's own {@code Snippets} and {@code MatchRanges} for a parsed query: the team
     * archive's snippets and highlights are the local ones, not a copy that could drift.
     */
    public Highlights highlights(Query textQuery) {
        Snippets snippets = new Snippets(analyzer, textQuery);
        MatchRanges ranges = new MatchRanges(analyzer, textQuery);
        return new Highlights() {
            @Override
            public String snippet(String text) throws java.io.IOException {
                return snippets.of(hitText(text));
            }

            @Override
            public java.util.List<maraude.core.archive.TextRange> matches(String text) {
                return ranges.in(hitText(text));
            }
        };
    }

    /**
     * The text a hit of the local archive shows and highlights: its preview (whitespace collapsed) when
     * that is the whole text, as {@code HitReader} reads it from doc values, else the text itself.
     */
    static String hitText(String text) {
        if (text == null) {
            return null;
        }
        String preview = ArchiveSchema.preview(text);
        return ArchiveSchema.previewIsWhole(preview) ? preview : text;
    }
}

package maraude.archive;

import java.io.IOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.eclipse.osgi.util.NLS;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Platform;

/**
 * Search on the last commit: the query parsed ({@link ArchiveQueryParser}), names and phones matched
 * against the contacts in memory ({@link ContactMatcher}), filters added, one pass that collects the
 * page and the facets ({@link FacetCounter}), then each hit of the page read from doc values
 * ({@link HitReader}) with its snippet ({@link Snippets}).
 */
final class ArchiveSearcher {

    private final Readers readers;
    private final CommittedEntities committed;
    private final Analyzer analyzer;
    private final ArchiveQueryParser parser;

    ArchiveSearcher(Readers readers, CommittedEntities committed, Analyzer analyzer) {
        this.readers = readers;
        this.committed = committed;
        this.analyzer = analyzer;
        this.parser = new ArchiveQueryParser(analyzer);
    }

    SearchResults search(SearchQuery query) {
        Query textQuery;
        try {
            textQuery = parser.parse(query.text());
        } catch (ParseException e) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Archive_badQuery, e.getMessage()), e);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(contactMatcher().expand(textQuery), Occur.MUST);
        if (!query.platforms().isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (Platform p : query.platforms()) {
                any.add(new TermQuery(new Term(ArchiveSchema.PLATFORM, p.key())), Occur.SHOULD);
            }
            b.add(any.build(), Occur.FILTER);
        }
        if (query.contactId() != null && !query.contactId().isBlank()) {
            b.add(new TermQuery(new Term(ArchiveSchema.CONTACT, query.contactId())), Occur.FILTER);
        }
        if (query.direction() != null) {
            b.add(new TermQuery(new Term(ArchiveSchema.DIRECTION, query.direction().key())), Occur.FILTER);
        }
        if (query.workerId() != null && !query.workerId().isBlank()) {
            b.add(new TermQuery(new Term(ArchiveSchema.WORKER, query.workerId())), Occur.FILTER);
        }
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli();
            b.add(LongPoint.newRangeQuery(ArchiveSchema.TIME, from, to), Occur.FILTER);
        }
        Query filtered = b.build();
        // Contacts and conversations are documents too: filter them out unless a required clause
        // can only match messages anyway (a word, a phone, a worker...), which spares a conjunction
        // with a filter matching nearly every document.
        Query full = ArchiveSchema.matchesMessagesOnly(filtered) ? filtered
                : new BooleanQuery.Builder().add(filtered, Occur.MUST)
                        .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER).build();
        int wanted = (int) Math.min(Integer.MAX_VALUE - 1L, (long) query.offset() + query.limit());
        try {
            return readers.with(s -> run(s, full, textQuery, query, wanted), emptyResults());
        } catch (IndexSearcher.TooManyClauses e) {
            throw new ArchiveException(Kind.BAD_INPUT, Messages.Archive_tooManyClauses, e);
        }
    }

    /** Matcher of the committed contacts, rebuilt after a commit or refresh changed them. */
    private ContactMatcher contactMatcher() {
        Map<String, Contact> cs = committed.contacts();
        Map<String, Conversation> vs = committed.conversations();
        MatcherCache c = matcherCache;
        if (c == null || c.contacts() != cs || c.conversations() != vs) {
            c = new MatcherCache(cs, vs, ContactMatcher.of(cs.values(), vs.values()));
            matcherCache = c;
        }
        return c.matcher();
    }

    private record MatcherCache(Map<String, Contact> contacts, Map<String, Conversation> conversations,
            ContactMatcher matcher) {
    }

    private volatile MatcherCache matcherCache;

    private static SearchResults emptyResults() {
        return new SearchResults(0, List.of(), Map.of(), Map.of());
    }

    private SearchResults run(IndexSearcher s, Query full, Query textQuery, SearchQuery query, int wanted)
            throws IOException {
        // Equal scores (short messages with the same words) are frequent: the newest comes first, not
        // whichever the indexing threads happened to write first.
        Sort sort = switch (query.sort()) {
        case RELEVANCE -> new Sort(SortField.FIELD_SCORE, byTime(true), bySourceLine(true));
        case NEWEST -> new Sort(byTime(true), bySourceLine(true));
        case OLDEST -> new Sort(byTime(false), bySourceLine(false));
        };
        Object[] r = s.search(full, new MultiCollectorManager(
                new TopFieldCollectorManager(sort, wanted, null, Integer.MAX_VALUE), new FacetCounter.Manager()));
        TopDocs top = (TopDocs) r[0];
        FacetCounter.Result facets = (FacetCounter.Result) r[1];
        int from = Math.min(query.offset(), top.scoreDocs.length);
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
        Snippets snippets = new Snippets(analyzer, textQuery);
        MatchRanges ranges = new MatchRanges(analyzer, textQuery);
        HitReader reader = new HitReader(s);
        Map<String, Conversation> convs = committed.conversations();
        Map<String, Contact> contacts = committed.contacts();
        SearchHit[] hits = new SearchHit[page.length];
        // In document order: doc values iterators only move forward.
        Integer[] byDoc = new Integer[page.length];
        for (int i = 0; i < byDoc.length; i++) {
            byDoc[i] = i;
        }
        Arrays.sort(byDoc, Comparator.comparingInt(i -> page[i].doc));
        for (int i : byDoc) {
            ScoreDoc sd = page[i];
            HitReader.Fields f = reader.read(sd.doc);
            Conversation conv = convs.get(f.conversationId());
            Contact contact = conv == null ? null : contacts.get(conv.contactId());
            hits[i] = new SearchHit(f.messageId(), f.conversationId(), conv == null ? null : conv.platform(),
                    conv == null ? null : conv.contactId(), contact == null ? null : contact.displayName(),
                    f.direction(), f.instant(), snippets.of(f.text()), score(sd), ranges.in(f.text()));
        }
        return new SearchResults(facets.total(), Arrays.asList(hits), facets.byPlatform(), facets.byMonth());
    }

    private static SortField byTime(boolean newest) {
        return new SortField(ArchiveSchema.TIME, SortField.Type.LONG, newest);
    }

    /** Messages of the same second keep their order in the export. */
    private static SortField bySourceLine(boolean newest) {
        return new SortField(ArchiveSchema.SEQ, SortField.Type.LONG, newest);
    }

    /** The relevance of a hit: the first sort value of a relevance sort, 0 in a sort by date. */
    private static float score(ScoreDoc sd) {
        if (sd instanceof FieldDoc fd && fd.fields.length > 0 && fd.fields[0] instanceof Float score) {
            return score;
        }
        return Float.isNaN(sd.score) ? 0f : sd.score;
    }

    /** What a query matches in any text of a thread, as the highlighter of the snippets matches it. */
    maraude.core.archive.TextMatcher matcher(String queryText) {
        try {
            return new MatchRanges(analyzer, parser.parse(queryText == null ? "" : queryText)); //$NON-NLS-1$
        } catch (ParseException e) {
            return maraude.core.archive.TextMatcher.NONE;
        }
    }
}

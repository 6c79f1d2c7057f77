package maraude.solr.search;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.search.QParser;
import org.apache.solr.search.QParserPlugin;
import org.apache.solr.search.SyntaxError;

import maraude.archive.TeamQueries;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Platform;
import maraude.solr.TeamSchema;

/**
 * {@code {!maraude v=$text}}: the archive's query syntax, parsed on the node as the local archive
 * parses it ({@link TeamQueries}), including "who" and phone clauses answered from the contacts of
 * the shard. A team collection routes every document by its contact ({@link TeamSchema#ROUTE}), so a
 * contact, its conversations and their messages share a shard and the shard-local answer is whole.
 */
public class ArchiveQParserPlugin extends QParserPlugin {

    public static final String NAME = "maraude"; //$NON-NLS-1$

    /** Contacts and conversations per index reader, read once per new searcher. */
    private final Map<IndexReader.CacheKey, TeamQueries.People> cache = new WeakHashMap<>();
    /** Thread-safe (a parser per parse, one analyzer), as the local archive's. */
    private final TeamQueries queries = new TeamQueries();

    @Override
    public QParser createParser(String qstr, SolrParams localParams, SolrParams params, SolrQueryRequest req) {
        return new QParser(qstr, localParams, params, req) {
            @Override
            public Query parse() throws SyntaxError {
                try {
                    return queries.messageQuery(qstr, people(req.getSearcher()));
                } catch (ParseException e) {
                    throw new SyntaxError(e.getMessage(), e);
                } catch (IOException e) {
                    throw new SyntaxError("cannot read the contacts: " + e.getMessage(), e); //$NON-NLS-1$
                }
            }
        };
    }

    /** The shard's contacts, read and indexed once per searcher (a commit opens a new one). */
    private TeamQueries.People people(IndexSearcher s) throws IOException {
        IndexReader.CacheHelper helper = s.getIndexReader().getReaderCacheHelper();
        IndexReader.CacheKey key = helper == null ? null : helper.getKey();
        if (key != null) {
            synchronized (cache) {
                TeamQueries.People p = cache.get(key);
                if (p != null) {
                    return p;
                }
            }
        }
        StoredFields stored = s.storedFields();
        List<Contact> contacts = new ArrayList<>();
        for (Document d : all(s, stored, TeamSchema.TYPE_CONTACT)) {
            contacts.add(new Contact(d.get(TeamSchema.ID), Platform.fromKey(d.get(TeamSchema.PLATFORM)),
                    d.get(TeamSchema.HANDLE), d.get(TeamSchema.NAME)));
        }
        List<Conversation> conversations = new ArrayList<>();
        for (Document d : all(s, stored, TeamSchema.TYPE_CONVERSATION)) {
            conversations.add(new Conversation(d.get(TeamSchema.ID), Platform.fromKey(d.get(TeamSchema.PLATFORM)),
                    d.get(TeamSchema.CONTACT), d.get(TeamSchema.TITLE)));
        }
        TeamQueries.People p = TeamQueries.people(contacts, conversations);
        if (key != null) {
            synchronized (cache) {
                cache.put(key, p);
            }
        }
        return p;
    }

    private static List<Document> all(IndexSearcher s, StoredFields stored, String type) throws IOException {
        TermQuery q = new TermQuery(new Term(TeamSchema.TYPE, type));
        int n = Math.max(1, s.count(q));
        List<Document> out = new ArrayList<>(n);
        for (ScoreDoc sd : s.search(q, n).scoreDocs) {
            out.add(stored.document(sd.doc));
        }
        return out;
    }
}

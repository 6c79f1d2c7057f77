package maraude.templates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * In-memory Lucene index over the templates' example messages and keywords: one document per
 * template, searched with a BM25 query built from the inbound message's terms in three fields
 * (whole words, five-letter prefixes, trigrams).
 */
final class TemplateIndex implements AutoCloseable {

    /** How much each field counts: exact words most, typo-tolerant trigrams least. */
    private static final Map<String, Float> FIELD_WEIGHT = Map.of("w", 1.0f, "p", 0.8f, "g", 0.22f); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    private static final int MAX_QUERY_CHARS = 800;
    private static final String ID = "id"; //$NON-NLS-1$

    /** A template and its BM25 score for one message. */
    record Hit(Template template, float score, List<String> matchedWords) {
    }

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final Analyzer analyzer;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final Map<String, Template> templates = new LinkedHashMap<>();
    /** Prefix stems of each template's examples and keywords, to explain a match in words. */
    private final Map<String, Set<String>> prefixes = new HashMap<>();

    TemplateIndex(List<Template> list) {
        Map<String, Analyzer> per = new HashMap<>();
        per.put("w", new MatchAnalyzer(MatchAnalyzer.Mode.WORD)); //$NON-NLS-1$
        per.put("p", new MatchAnalyzer(MatchAnalyzer.Mode.PREFIX)); //$NON-NLS-1$
        per.put("g", new MatchAnalyzer(MatchAnalyzer.Mode.GRAM)); //$NON-NLS-1$
        analyzer = new PerFieldAnalyzerWrapper(new MatchAnalyzer(MatchAnalyzer.Mode.WORD), per);
        try (IndexWriter w = new IndexWriter(directory, new IndexWriterConfig(analyzer))) {
            for (Template t : list) {
                templates.put(t.id(), t);
                // Keywords are written twice: they are the team's own summary of what the template answers.
                String body = String.join("\n", t.examples()) + "\n" + String.join("\n", t.keywords()) + "\n" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                        + String.join("\n", t.keywords()); //$NON-NLS-1$
                Document d = new Document();
                d.add(new StoredField(ID, t.id()));
                for (String f : MatchAnalyzer.fields()) {
                    d.add(new TextField(f, body, Field.Store.NO));
                }
                w.addDocument(d);
                Set<String> p = new HashSet<>();
                for (Token tok : analyze("p", body)) { //$NON-NLS-1$
                    p.add(tok.term());
                }
                prefixes.put(t.id(), p);
            }
            w.commit();
            reader = DirectoryReader.open(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        searcher = new IndexSearcher(reader);
    }

    /** Every template with a positive score, best first. */
    List<Hit> search(String message) {
        String text = message.length() > MAX_QUERY_CHARS ? message.substring(0, MAX_QUERY_CHARS) : message;
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        int clauses = 0;
        for (String f : MatchAnalyzer.fields()) {
            Set<String> terms = new LinkedHashSet<>();
            for (Token t : analyze(f, text)) {
                terms.add(t.term());
            }
            for (String term : terms) {
                if (clauses++ >= IndexSearcher.getMaxClauseCount() - 1) {
                    break;
                }
                Query q = new BoostQuery(new TermQuery(new Term(f, term)), FIELD_WEIGHT.get(f));
                b.add(q, BooleanClause.Occur.SHOULD);
            }
        }
        List<Hit> hits = new ArrayList<>();
        if (clauses == 0) {
            return hits;
        }
        try {
            TopDocs top = searcher.search(b.build(), Math.max(1, templates.size()));
            List<Token> words = analyze("w", text); //$NON-NLS-1$
            for (ScoreDoc sd : top.scoreDocs) {
                String id = searcher.storedFields().document(sd.doc).get(ID);
                Template t = templates.get(id);
                hits.add(new Hit(t, sd.score, matchedWords(id, words, text)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return hits;
    }

    private List<String> matchedWords(String templateId, List<Token> words, String text) {
        Set<String> stems = prefixes.getOrDefault(templateId, Set.of());
        Set<String> out = new LinkedHashSet<>();
        for (Token w : words) {
            String stem = w.term().length() > MatchAnalyzer.PREFIX_LENGTH
                    ? w.term().substring(0, MatchAnalyzer.PREFIX_LENGTH)
                    : w.term();
            if (stems.contains(stem)) {
                out.add(text.substring(w.start(), w.end()));
            }
        }
        return List.copyOf(out);
    }

    private record Token(String term, int start, int end) {
    }

    private List<Token> analyze(String field, String text) {
        List<Token> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute off = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(new Token(term.toString(), off.startOffset(), off.endOffset()));
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    @Override
    public void close() {
        try {
            reader.close();
            directory.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        analyzer.close();
    }
}

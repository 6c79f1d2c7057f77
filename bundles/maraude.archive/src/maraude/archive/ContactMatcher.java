package maraude.archive;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.ByteRunAutomaton;
import org.apache.lucene.util.automaton.CharacterRunAutomaton;
import org.apache.lucene.util.automaton.Operations;
import org.apache.lucene.util.automaton.LevenshteinAutomata;

import maraude.archive.analysis.NameAnalyzer;
import maraude.archive.analysis.PhoneNumbers;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;

/**
 * Query-time side of "who": contact names, handles and the phone keys of handles are not indexed into
 * every message ({@link ArchiveSchema#WHO}, {@link ArchiveSchema#PHONES}); a query clause on them is
 * answered here, from the contacts held in memory, as the set of conversations of the matching
 * contacts. Built from one snapshot of the committed contacts and conversations, immutable after.
 *
 * <p>
 * Names and handles are analysed by the same {@link NameAnalyzer} as the indexed author, so a clause
 * matches a contact exactly when it would have matched the same words indexed in a message.
 */
final class ContactMatcher {

    /** Name token -> ids of the contacts having it (sorted: prefix clauses walk a sub-map). */
    private final NavigableMap<String, List<String>> byToken = new TreeMap<>();
    /** Contact id -> its name and handle tokens in order (phrases). */
    private final Map<String, List<String>> tokensOf = new HashMap<>();
    /** Phone key of a handle -> contact ids. */
    private final Map<String, List<String>> byPhoneKey = new HashMap<>();
    /** Contact id -> ids of its conversations. */
    private final Map<String, List<String>> conversationsOf = new HashMap<>();

    ContactMatcher(Collection<Contact> contacts, Collection<Conversation> conversations, Analyzer names) {
        for (Contact c : contacts) {
            List<String> tokens = new ArrayList<>();
            tokens(names, c.displayName(), tokens);
            tokens.add(null); // no phrase spans the name and the handle
            tokens(names, c.handle(), tokens);
            tokensOf.put(c.id(), tokens);
            for (String t : tokens) {
                if (t != null) {
                    List<String> ids = byToken.computeIfAbsent(t, k -> new ArrayList<>(1));
                    if (ids.isEmpty() || !ids.get(ids.size() - 1).equals(c.id())) {
                        ids.add(c.id());
                    }
                }
            }
            for (String k : PhoneNumbers.keysOf(c.handle())) {
                byPhoneKey.computeIfAbsent(k, x -> new ArrayList<>(1)).add(c.id());
            }
        }
        for (Conversation v : conversations) {
            conversationsOf.computeIfAbsent(v.contactId(), k -> new ArrayList<>(1)).add(v.id());
        }
    }

    static ContactMatcher of(Collection<Contact> contacts, Collection<Conversation> conversations) {
        try (Analyzer names = new NameAnalyzer()) {
            return new ContactMatcher(contacts, conversations, names);
        }
    }

    private static void tokens(Analyzer a, String text, List<String> out) {
        if (text == null || text.isEmpty()) {
            return;
        }
        try (TokenStream ts = a.tokenStream(ArchiveSchema.WHO, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory analysis
        }
    }

    /**
     * Rewrites {@code q}: every clause on {@link ArchiveSchema#WHO} or {@link ArchiveSchema#PHONES}
     * also matches the messages of the conversations of the contacts it matches.
     */
    Query expand(Query q) {
        if (q instanceof BooleanQuery bq) {
            BooleanQuery.Builder b = new BooleanQuery.Builder().setMinimumNumberShouldMatch(bq.getMinimumNumberShouldMatch());
            boolean changed = false;
            for (var c : bq.clauses()) {
                Query e = expand(c.getQuery());
                changed |= e != c.getQuery();
                b.add(e, c.getOccur());
            }
            return changed ? b.build() : q;
        }
        if (q instanceof BoostQuery bq) {
            Query e = expand(bq.getQuery());
            return e == bq.getQuery() ? q : new BoostQuery(e, bq.getBoost());
        }
        Set<String> contacts = null;
        if (q instanceof TermQuery tq && ArchiveSchema.PHONES.equals(tq.getTerm().field())) {
            contacts = new LinkedHashSet<>(byPhoneKey.getOrDefault(tq.getTerm().text(), List.of()));
        } else if (ArchiveSchema.WHO.equals(fieldOf(q))) {
            contacts = contactsMatching(q);
        }
        if (contacts == null || contacts.isEmpty()) {
            return q;
        }
        Query convs = conversationsQuery(contacts);
        if (convs == null) {
            return q;
        }
        return new BooleanQuery.Builder().add(q, Occur.SHOULD).add(convs, Occur.SHOULD).build();
    }

    /** Messages of the conversations of these contacts, or null if they have none. */
    Query conversationsQuery(Collection<String> contactIds) {
        List<BytesRef> ids = new ArrayList<>();
        for (String c : contactIds) {
            for (String v : conversationsOf.getOrDefault(c, List.of())) {
                ids.add(new BytesRef(v));
            }
        }
        if (ids.isEmpty()) {
            return null;
        }
        return ids.size() == 1 ? new TermQuery(new Term(ArchiveSchema.CONVERSATION, ids.get(0)))
                : new TermInSetQuery(ArchiveSchema.CONVERSATION, ids);
    }

    private static String fieldOf(Query q) {
        if (q instanceof TermQuery tq) {
            return tq.getTerm().field();
        }
        if (q instanceof PhraseQuery pq) {
            return pq.getField();
        }
        if (q instanceof AutomatonQuery aq) {
            return aq.getField();
        }
        if (q instanceof FuzzyQuery fq) {
            return fq.getField();
        }
        return null;
    }

    private Set<String> contactsMatching(Query q) {
        Set<String> out = new LinkedHashSet<>();
        if (q instanceof TermQuery tq) {
            out.addAll(byToken.getOrDefault(tq.getTerm().text(), List.of()));
        } else if (q instanceof PhraseQuery pq) {
            Term[] terms = pq.getTerms();
            if (terms.length == 0) {
                return out;
            }
            for (String id : byToken.getOrDefault(terms[0].text(), List.of())) {
                if (containsPhrase(tokensOf.get(id), terms, pq.getPositions())) {
                    out.add(id);
                }
            }
        } else if (q instanceof AutomatonQuery aq) {
            ByteRunAutomaton run = new ByteRunAutomaton(aq.getAutomaton(), aq.isAutomatonBinary(),
                    Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
            matchTokens(run, out);
        } else if (q instanceof FuzzyQuery fq) {
            String text = fq.getTerm().text();
            int p = Math.min(fq.getPrefixLength(), text.length());
            Automaton lev = new LevenshteinAutomata(text.substring(p), fq.getTranspositions()).toAutomaton(fq.getMaxEdits());
            CharacterRunAutomaton run = new CharacterRunAutomaton(Operations.determinize(
                    Operations.concatenate(Automata.makeString(text.substring(0, p)), lev),
                    Operations.DEFAULT_DETERMINIZE_WORK_LIMIT));
            for (Map.Entry<String, List<String>> e : byToken.entrySet()) {
                if (run.run(e.getKey())) {
                    out.addAll(e.getValue());
                }
            }
        }
        return out;
    }

    private void matchTokens(ByteRunAutomaton run, Set<String> out) {
        for (Map.Entry<String, List<String>> e : byToken.entrySet()) {
            BytesRef b = new BytesRef(e.getKey());
            if (run.run(b.bytes, b.offset, b.length)) {
                out.addAll(e.getValue());
            }
        }
    }

    private static boolean containsPhrase(List<String> tokens, Term[] terms, int[] positions) {
        if (tokens == null) {
            return false;
        }
        outer: for (int start = 0; start < tokens.size(); start++) {
            for (int i = 0; i < terms.length; i++) {
                int at = start + positions[i] - positions[0];
                if (at >= tokens.size() || !terms[i].text().equals(tokens.get(at))) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}

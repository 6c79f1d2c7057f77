package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Platform;

/**
 * "Who" clauses answered from the contacts in memory: a name word, a phrase, a prefix, a typo or a
 * phone number written another way finds the conversations of the matching contacts, searched in a
 * real index of one message per conversation that holds no name at all.
 */
class ContactMatcherTest {

    private static final Contact LUNA = Contact.of(Platform.WHATSAPP, "+32 470 12 34 56", "Luna Martínez");
    private static final Contact LUNA_B = Contact.of(Platform.AD_INBOX, "luna_bxl", "Luna");
    private static final Contact SAM = Contact.of(Platform.INSTAGRAM, "sam.bellerose", "Sam Bellerose");
    private static final Conversation LUNA_WA = Conversation.of(Platform.WHATSAPP, "wa-luna", LUNA, "Luna");
    private static final Conversation LUNA_SMS = Conversation.of(Platform.WHATSAPP, "wa-luna-2", LUNA, "Luna (2)");
    private static final Conversation LUNA_B_AD = Conversation.of(Platform.AD_INBOX, "ad-luna", LUNA_B, "Luna");
    private static final Conversation SAM_IG = Conversation.of(Platform.INSTAGRAM, "ig-sam", SAM, "Sam");

    private static ContactMatcher matcher;
    private static Directory dir;
    private static DirectoryReader reader;

    @BeforeAll
    static void index() throws IOException {
        matcher = ContactMatcher.of(List.of(LUNA, LUNA_B, SAM), List.of(LUNA_WA, LUNA_SMS, LUNA_B_AD, SAM_IG));
        dir = new ByteBuffersDirectory();
        try (IndexWriter w = new IndexWriter(dir, new IndexWriterConfig())) {
            for (Conversation v : List.of(LUNA_WA, LUNA_SMS, LUNA_B_AD, SAM_IG)) {
                Document d = new Document();
                d.add(new StringField(ArchiveSchema.CONVERSATION, v.id(), Field.Store.YES));
                w.addDocument(d);
            }
        }
        reader = DirectoryReader.open(dir);
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        dir.close();
    }

    /** The conversations whose message the expanded query finds. */
    private static Set<String> found(Query q) throws IOException {
        IndexSearcher s = new IndexSearcher(reader);
        StoredFields stored = reader.storedFields();
        Set<String> ids = new TreeSet<>();
        for (ScoreDoc sd : s.search(matcher.expand(q), 100).scoreDocs) {
            ids.add(stored.document(sd.doc).get(ArchiveSchema.CONVERSATION));
        }
        return ids;
    }

    private static Set<String> ids(Conversation... vs) {
        Set<String> out = new TreeSet<>();
        for (Conversation v : vs) {
            out.add(v.id());
        }
        return out;
    }

    private static TermQuery who(String word) {
        return new TermQuery(new Term(ArchiveSchema.WHO, word));
    }

    @Test
    void aNameWordFindsEveryConversationOfEveryContactWithIt() throws IOException {
        assertEquals(ids(LUNA_WA, LUNA_SMS, LUNA_B_AD), found(who("luna")));
        assertEquals(ids(SAM_IG), found(who("bellerose")));
    }

    @Test
    void accentsAreFoldedAsForTheIndexedAuthor() throws IOException {
        assertEquals(ids(LUNA_WA, LUNA_SMS), found(who("martinez")));
    }

    @Test
    void aPhraseMatchesWordsInOrderWithinTheNameOnly() throws IOException {
        assertEquals(ids(LUNA_WA, LUNA_SMS), found(new PhraseQuery(ArchiveSchema.WHO, "luna", "martinez")));
        assertEquals(Set.of(), found(new PhraseQuery(ArchiveSchema.WHO, "martinez", "luna")), "order counts");
        // "Luna" is the name and "luna_bxl" the handle: no phrase spans the two
        assertEquals(Set.of(), found(new PhraseQuery(ArchiveSchema.WHO, "luna", "luna_bxl")));
    }

    @Test
    void prefixesWildcardsAndTyposFindTheContact() throws IOException {
        assertEquals(ids(SAM_IG), found(new PrefixQuery(new Term(ArchiveSchema.WHO, "belle"))));
        assertEquals(ids(LUNA_WA, LUNA_SMS), found(new WildcardQuery(new Term(ArchiveSchema.WHO, "mar*ez"))));
        assertEquals(ids(SAM_IG), found(new FuzzyQuery(new Term(ArchiveSchema.WHO, "bellerosse"), 1)));
    }

    @Test
    void aPhoneNumberWrittenTheLocalWayFindsTheInternationalHandle() throws IOException {
        for (String key : maraude.archive.analysis.PhoneNumbers.keysOf("0470 12 34 56")) {
            assertEquals(ids(LUNA_WA, LUNA_SMS), found(new TermQuery(new Term(ArchiveSchema.PHONES, key))), key);
        }
        assertEquals(Set.of(), found(new TermQuery(new Term(ArchiveSchema.PHONES, "999999999"))));
    }

    @Test
    void clausesInsideBooleanAndBoostQueriesAreExpandedTheRestIsKept() throws IOException {
        Query q = new BooleanQuery.Builder().add(new BoostQuery(who("sam"), 2f), Occur.SHOULD)
                .add(who("martinez"), Occur.SHOULD).build();
        assertEquals(ids(SAM_IG, LUNA_WA, LUNA_SMS), found(q));
        Query must = new BooleanQuery.Builder().add(who("luna"), Occur.MUST)
                .add(new TermQuery(new Term(ArchiveSchema.CONVERSATION, LUNA_B_AD.id())), Occur.MUST).build();
        assertEquals(ids(LUNA_B_AD), found(must));
    }

    @Test
    void aClauseThatMatchesNobodyOrAnotherFieldIsLeftAsItIs() {
        Query nobody = who("kim");
        assertSame(nobody, matcher.expand(nobody));
        Query text = new TermQuery(new Term("text", "luna"));
        assertSame(text, matcher.expand(text));
    }
}

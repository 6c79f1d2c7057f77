package maraude.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.document.Document;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.index.StoredFields;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;

/**
 * The contacts and conversations of the last commit, held in memory (a few thousand: joins,
 * validation and query-time contact matching read them). Each map is replaced whole, never changed,
 * so readers can keep the one they took.
 */
final class CommittedEntities {

    private volatile Map<String, Contact> contacts = Map.of();
    private volatile Map<String, Conversation> conversations = Map.of();

    Map<String, Contact> contacts() {
        return contacts;
    }

    Map<String, Conversation> conversations() {
        return conversations;
    }

    /** Reads them from the commit {@code s} is on. */
    void load(IndexSearcher s) throws IOException {
        Map<String, Contact> cs = new ConcurrentHashMap<>();
        for (Document d : allDocuments(s, ArchiveSchema.TYPE_CONTACT)) {
            Contact c = ArchiveSchema.toContact(d);
            cs.put(c.id(), c);
        }
        Map<String, Conversation> vs = new ConcurrentHashMap<>();
        for (Document d : allDocuments(s, ArchiveSchema.TYPE_CONVERSATION)) {
            Conversation c = ArchiveSchema.toConversation(d);
            vs.put(c.id(), c);
        }
        contacts = cs;
        conversations = vs;
    }

    /** After a commit: the committed ones plus those that were pending (which replace them). */
    void committed(Map<String, Contact> pendingContacts, Map<String, Conversation> pendingConversations) {
        Map<String, Contact> cs = new ConcurrentHashMap<>(contacts);
        cs.putAll(pendingContacts);
        Map<String, Conversation> vs = new ConcurrentHashMap<>(conversations);
        vs.putAll(pendingConversations);
        contacts = cs;
        conversations = vs;
    }

    private static List<Document> allDocuments(IndexSearcher s, String type) throws IOException {
        Query q = ArchiveSchema.typeQuery(type);
        int n = s.count(q);
        List<Document> docs = new ArrayList<>(n);
        if (n == 0) {
            return docs;
        }
        StoredFields stored = s.storedFields();
        for (ScoreDoc sd : s.search(q, n).scoreDocs) {
            docs.add(stored.document(sd.doc));
        }
        return docs;
    }
}

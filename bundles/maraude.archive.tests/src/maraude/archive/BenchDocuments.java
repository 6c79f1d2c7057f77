package maraude.archive;

import org.apache.lucene.document.Document;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * The archive's own message documents for the benchmark's bare-IndexWriter baseline, so that both
 * sides index the same schema. Lives in the test fragment: the product keeps the schema private.
 */
public final class BenchDocuments {

    private BenchDocuments() {
    }

    public static Document message(Message m, Conversation conv, Contact contact) {
        return ArchiveSchema.messageDocument(m, conv, contact);
    }
}

package maraude.imports;

import java.io.IOException;
import java.io.InputStream;

import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * Where an importer puts what it read. A contact and its conversation are always emitted before
 * the conversation's messages. The archive-backed sink batches and commits; tests collect into
 * lists.
 */
public interface ImportSink {

    void contact(Contact contact);

    void conversation(Conversation conversation);

    void message(Message message);

    /**
     * Stores an attachment's bytes (the stream is read to its end, not closed) and returns its
     * reference, to be put in a message.
     */
    Attachment attachment(InputStream content, String mediaType, String fileName) throws IOException;
}

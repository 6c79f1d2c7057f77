package maraude.imports;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveStats;
import maraude.core.archive.ConversationSummary;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/** Delegates to a real archive and runs a hook after each commit (to cancel at a known point). */
final class CountingArchive implements Archive {

    private final Archive a;
    private final Runnable afterCommit;

    CountingArchive(Archive a, Runnable afterCommit) {
        this.a = a;
        this.afterCommit = afterCommit;
    }

    @Override
    public Path location() {
        return a.location();
    }

    @Override
    public AccessMode accessMode() {
        return a.accessMode();
    }

    @Override
    public void putContact(Contact contact) {
        a.putContact(contact);
    }

    @Override
    public void putConversation(Conversation conversation) {
        a.putConversation(conversation);
    }

    @Override
    public boolean addMessage(Message message) {
        return a.addMessage(message);
    }

    @Override
    public Attachment storeAttachment(InputStream content, String mediaType, String fileName) throws IOException {
        return a.storeAttachment(content, mediaType, fileName);
    }

    @Override
    public InputStream openAttachment(String sha256) throws IOException {
        return a.openAttachment(sha256);
    }

    @Override
    public void commit() {
        a.commit();
        afterCommit.run();
    }

    @Override
    public ArchiveStats stats() {
        return a.stats();
    }

    @Override
    public List<Contact> contacts() {
        return a.contacts();
    }

    @Override
    public Optional<Contact> contact(String contactId) {
        return a.contact(contactId);
    }

    @Override
    public List<Conversation> conversations() {
        return a.conversations();
    }

    @Override
    public Optional<Conversation> conversation(String conversationId) {
        return a.conversation(conversationId);
    }

    @Override
    public List<Message> messages(String conversationId) {
        return a.messages(conversationId);
    }

    @Override
    public List<ConversationSummary> summaries() {
        return a.summaries();
    }

    @Override
    public SearchResults search(SearchQuery query) {
        return a.search(query);
    }

    @Override
    public void close() {
        // the test closes the real archive
    }
}

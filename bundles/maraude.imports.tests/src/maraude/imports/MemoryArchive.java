package maraude.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveStats;
import maraude.core.archive.ConversationSummary;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * The Archive contract in memory, with the contract's pending/commit split (uncommitted changes
 * are invisible and dropped on close), for service tests that are about importing, not Lucene.
 */
final class MemoryArchive implements Archive {

    private final Path location;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final Map<String, Contact> pendingContacts = new LinkedHashMap<>();
    private final Map<String, Conversation> pendingConversations = new LinkedHashMap<>();
    private final Map<String, Message> pendingMessages = new LinkedHashMap<>();
    private final Map<String, byte[]> blobs = new HashMap<>();
    int commits;

    MemoryArchive(Path location) {
        this.location = location;
    }

    @Override
    public Path location() {
        return location;
    }

    @Override
    public AccessMode accessMode() {
        return AccessMode.READ_WRITE;
    }

    @Override
    public synchronized void putContact(Contact contact) {
        pendingContacts.put(contact.id(), contact);
    }

    @Override
    public synchronized void putConversation(Conversation conversation) {
        pendingConversations.put(conversation.id(), conversation);
    }

    @Override
    public synchronized boolean addMessage(Message m) {
        Conversation c = pendingConversations.getOrDefault(m.conversationId(), conversations.get(m.conversationId()));
        if (c == null) {
            throw new ArchiveException(ArchiveException.Kind.BAD_INPUT, "unknown conversation");
        }
        if (!pendingContacts.containsKey(c.contactId()) && !contacts.containsKey(c.contactId())) {
            throw new ArchiveException(ArchiveException.Kind.BAD_INPUT, "unknown contact");
        }
        if (messages.containsKey(m.id()) || pendingMessages.containsKey(m.id())) {
            return false;
        }
        pendingMessages.put(m.id(), m);
        return true;
    }

    @Override
    public synchronized Attachment storeAttachment(InputStream content, String mediaType, String fileName)
            throws IOException {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] b = new DigestInputStream(content, md).readAllBytes();
            String sha = java.util.HexFormat.of().formatHex(md.digest());
            blobs.put(sha, b);
            return new Attachment(sha, mediaType, fileName, b.length);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized InputStream openAttachment(String sha256) throws IOException {
        byte[] b = blobs.get(sha256);
        if (b == null) {
            throw new IOException("no attachment");
        }
        return new ByteArrayInputStream(b);
    }

    @Override
    public synchronized void commit() {
        contacts.putAll(pendingContacts);
        conversations.putAll(pendingConversations);
        messages.putAll(pendingMessages);
        pendingContacts.clear();
        pendingConversations.clear();
        pendingMessages.clear();
        commits++;
    }

    @Override
    public synchronized ArchiveStats stats() {
        return new ArchiveStats(contacts.size(), conversations.size(), messages.size(), blobs.size());
    }

    @Override
    public synchronized List<Contact> contacts() {
        return List.copyOf(contacts.values());
    }

    @Override
    public synchronized Optional<Contact> contact(String contactId) {
        return Optional.ofNullable(contacts.get(contactId));
    }

    @Override
    public synchronized List<Conversation> conversations() {
        return List.copyOf(conversations.values());
    }

    @Override
    public synchronized Optional<Conversation> conversation(String conversationId) {
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public synchronized List<Message> messages(String conversationId) {
        List<Message> out = new ArrayList<>();
        for (Message m : messages.values()) {
            if (m.conversationId().equals(conversationId)) {
                out.add(m);
            }
        }
        out.sort(Comparator.comparing((Message m) -> m.instant().toInstant()).thenComparingLong(m -> m.source() == null ? 0 : m.source().line()));
        return out;
    }

    @Override
    public List<ConversationSummary> summaries() {
        throw new UnsupportedOperationException();
    }

    @Override
    public SearchResults search(SearchQuery query) {
        throw new UnsupportedOperationException();
    }

    @Override
    public synchronized void close() {
        pendingContacts.clear();
        pendingConversations.clear();
        pendingMessages.clear();
    }
}

package maraude.testsupport;

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
import java.util.HexFormat;
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
import maraude.core.model.Direction;
import maraude.core.model.Message;

/**
 * The one fake {@link Archive} of the tests, small and honest: pending changes become visible on
 * {@link #commit()} and are dropped on close, a message needs its conversation and that
 * conversation's contact put first (what importers promise), ids deduplicate, attachments are
 * addressed by SHA-256, summaries follow the contract of {@link ConversationSummary}. No search:
 * tests about search use the Lucene archive.
 */
public final class MemoryArchive implements Archive {

    private final Path location;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final Map<String, List<Message>> messages = new LinkedHashMap<>();
    private final Map<String, Message> messageIds = new HashMap<>();
    private final Map<String, byte[]> blobs = new HashMap<>();
    private final List<Object> pending = new ArrayList<>();
    private final Map<String, Message> pendingIds = new HashMap<>();
    private final Map<String, Conversation> pendingConversations = new HashMap<>();
    private final java.util.Set<String> pendingContacts = new java.util.HashSet<>();
    private int commits;
    private boolean closed;

    public MemoryArchive(Path location) {
        this.location = location;
    }

    /** How many times {@link #commit()} ran. */
    public synchronized int commits() {
        return commits;
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
        writable();
        pending.add(contact);
        pendingContacts.add(contact.id());
    }

    @Override
    public synchronized void putConversation(Conversation conversation) {
        writable();
        pending.add(conversation);
        pendingConversations.put(conversation.id(), conversation);
    }

    @Override
    public synchronized boolean addMessage(Message message) {
        writable();
        if (messageIds.containsKey(message.id()) || pendingIds.containsKey(message.id())) {
            return false;
        }
        Conversation c = pendingConversations.getOrDefault(message.conversationId(),
                conversations.get(message.conversationId()));
        if (c == null) {
            throw new ArchiveException(ArchiveException.Kind.BAD_INPUT, "unknown conversation " + message.conversationId());
        }
        if (!pendingContacts.contains(c.contactId()) && !contacts.containsKey(c.contactId())) {
            throw new ArchiveException(ArchiveException.Kind.BAD_INPUT, "unknown contact " + c.contactId());
        }
        pending.add(message);
        pendingIds.put(message.id(), message);
        return true;
    }

    @Override
    public synchronized Attachment storeAttachment(InputStream content, String mediaType, String fileName)
            throws IOException {
        writable();
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] bytes = new DigestInputStream(content, md).readAllBytes();
        String sha = HexFormat.of().formatHex(md.digest());
        blobs.putIfAbsent(sha, bytes);
        return new Attachment(sha, mediaType, fileName, bytes.length);
    }

    @Override
    public synchronized InputStream openAttachment(String sha256) throws IOException {
        byte[] b = blobs.get(sha256);
        if (b == null) {
            throw new IOException("no attachment " + sha256);
        }
        return new ByteArrayInputStream(b);
    }

    @Override
    public synchronized void commit() {
        writable();
        for (Object o : pending) {
            if (o instanceof Contact c) {
                contacts.put(c.id(), c);
            } else if (o instanceof Conversation c) {
                conversations.put(c.id(), c);
            } else if (o instanceof Message m) {
                messages.computeIfAbsent(m.conversationId(), k -> new ArrayList<>()).add(m);
                messageIds.put(m.id(), m);
            }
        }
        dropPending();
        commits++;
    }

    @Override
    public synchronized ArchiveStats stats() {
        return new ArchiveStats(contacts.size(), conversations.size(), messageIds.size(), blobs.size());
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
        List<Message> l = new ArrayList<>(messages.getOrDefault(conversationId, List.of()));
        l.sort(Comparator.comparing((Message m) -> m.instant().toInstant())
                .thenComparingLong(m -> m.source() == null ? 0 : m.source().line()));
        return l;
    }

    @Override
    public synchronized List<ConversationSummary> summaries() {
        List<ConversationSummary> out = new ArrayList<>();
        for (Conversation c : conversations.values()) {
            out.add(summarize(c, contacts.get(c.contactId()), messages(c.id())));
        }
        return out;
    }

    /** Computes a summary from a thread, oldest first, as the contract describes. */
    public static ConversationSummary summarize(Conversation c, Contact contact, List<Message> thread) {
        java.time.Instant first = null;
        java.time.Instant last = null;
        java.time.Instant lastIn = null;
        java.time.Instant lastOut = null;
        java.time.Instant oldestUnanswered = null;
        Direction lastMeaningful = null;
        String preview = "";
        for (Message m : thread) {
            java.time.Instant t = m.instant().toInstant();
            first = first == null ? t : first;
            last = t;
            if (m.direction() == Direction.SYSTEM) {
                continue;
            }
            lastMeaningful = m.direction();
            preview = m.text().length() > 80 ? m.text().substring(0, 80) : m.text();
            if (m.isInbound()) {
                lastIn = t;
                if (oldestUnanswered == null) {
                    oldestUnanswered = t;
                }
            } else {
                lastOut = t;
                oldestUnanswered = null;
            }
        }
        return new ConversationSummary(c.id(), c.platform(), c.contactId(),
                contact == null ? "" : contact.displayName(), c.title(), thread.size(), first, last, lastMeaningful,
                lastIn, lastOut, oldestUnanswered, preview);
    }

    @Override
    public SearchResults search(SearchQuery query) {
        throw new UnsupportedOperationException("no search in the test archive");
    }

    @Override
    public synchronized void close() {
        closed = true;
        dropPending();
    }

    private void dropPending() {
        pending.clear();
        pendingIds.clear();
        pendingConversations.clear();
        pendingContacts.clear();
    }

    private void writable() {
        if (closed) {
            throw new ArchiveException(ArchiveException.Kind.NOT_WRITABLE, "closed");
        }
    }

    /**
     * {@code archive} as seen by the code under test, running {@code afterCommit} after each of its
     * commits (to cancel at a known point, to count batches); closing the view leaves the archive
     * open, for the test to close.
     */
    public static Archive afterEachCommit(Archive archive, Runnable afterCommit) {
        return (Archive) java.lang.reflect.Proxy.newProxyInstance(Archive.class.getClassLoader(),
                new Class<?>[] { Archive.class }, (proxy, method, args) -> {
                    switch (method.getName()) {
                    case "close":
                        if (method.getParameterCount() == 0) {
                            return null;
                        }
                        break;
                    case "hashCode":
                        return System.identityHashCode(proxy);
                    case "equals":
                        return proxy == args[0];
                    case "toString":
                        return "afterEachCommit(" + archive + ")";
                    default:
                        break;
                    }
                    try {
                        Object result = method.invoke(archive, args);
                        if (method.getName().equals("commit") && method.getParameterCount() == 0) {
                            afterCommit.run();
                        }
                        return result;
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}

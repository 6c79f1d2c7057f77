package maraude.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * The team's memory: every contact, conversation, message and attachment ever imported, kept after
 * the platforms delete them.
 *
 * <h2>Life cycle</h2>
 * <ul>
 * <li><b>Opening</b> ({@link ArchiveFactory#open}) creates the folder if needed, recovers from an
 * interrupted session by itself (whatever was not committed is dropped; the last commit is intact)
 * and, in {@link AccessMode#READ_WRITE}, takes the archive's single-writer lock.</li>
 * <li><b>Locking</b>: one writer per archive folder, across processes. A second writer gets an
 * {@link ArchiveException} of kind {@link ArchiveException.Kind#LOCKED}, never a corrupted archive.
 * Readers ({@link AccessMode#READ_ONLY}) see the last commit and take no lock.</li>
 * <li><b>Writing</b>: {@code put}/{@code add} calls are buffered; {@link #commit()} makes them durable
 * and visible at once. Adding a message whose id is already stored changes nothing.</li>
 * <li><b>Closing</b> commits nothing: callers commit what they want kept, then close, which releases
 * the lock. A process killed at any moment leaves the last commit readable.</li>
 * </ul>
 * Implementations are thread-safe.
 */
public interface Archive extends AutoCloseable {

    /** The archive's folder. */
    Path location();

    AccessMode accessMode();

    /** Stores or replaces a contact (same id: replaced). */
    void putContact(Contact contact);

    /** Stores or replaces a conversation (same id: replaced). */
    void putConversation(Conversation conversation);

    /**
     * Adds a message. Its contact and conversation must have been put before (in this batch or an
     * earlier commit).
     *
     * @return {@code true} if the message was new, {@code false} if an identical one (same id) is
     *         already stored or pending, in which case nothing changes
     */
    boolean addMessage(Message message);

    /**
     * Copies bytes into the content-addressed attachment store (no-op when the same content is
     * already there). Stored right away, independently of {@link #commit()}: orphans are harmless.
     */
    Attachment storeAttachment(InputStream content, String mediaType, String fileName) throws IOException;

    /** Opens a stored attachment's bytes; the caller closes the stream. */
    InputStream openAttachment(String sha256) throws IOException;

    /**
     * Whether the attachment store holds {@code sha256}'s bytes (a copy between archives skips those
     * already there). By default opens and closes them; an archive whose bytes are far away answers
     * without reading them.
     */
    default boolean hasAttachment(String sha256) throws IOException {
        try (InputStream in = openAttachment(sha256)) {
            return true;
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException e) {
            return false;
        }
    }

    /**
     * Removes a message (visible at the next commit). Used when the real message of an export replaces
     * a pending reply recorded by the workbench.
     *
     * @return whether a message with that id was stored
     */
    default boolean removeMessage(String messageId) {
        throw new ArchiveException(ArchiveException.Kind.NOT_WRITABLE, "this archive cannot remove messages"); //$NON-NLS-1$
    }

    /** Pending replies (see {@link PendingReplies}) of the last commit: few, read in one query. */
    default List<Message> pendingReplies() {
        return List.of();
    }

    /** Makes every pending change durable and visible to searches and to readers. */
    void commit();

    ArchiveStats stats();

    List<Contact> contacts();

    Optional<Contact> contact(String contactId);

    List<Conversation> conversations();

    Optional<Conversation> conversation(String conversationId);

    /** The whole thread, oldest first (ties broken by source position). */
    List<Message> messages(String conversationId);

    /**
     * The threads of several conversations, each as {@link #messages(String)} gives it (a conversation
     * without messages maps to an empty list), for a reader of many threads at once: the queue's first
     * reading of the waiting threads. By default one {@link #messages(String)} per conversation; an
     * archive whose messages are far away reads many threads per request. Callers pass a few hundred
     * conversations at a time (their messages are held together).
     */
    default java.util.Map<String, List<Message>> threads(java.util.Collection<String> conversationIds) {
        java.util.Map<String, List<Message>> out = new java.util.LinkedHashMap<>();
        for (String id : conversationIds) {
            out.computeIfAbsent(id, this::messages);
        }
        return out;
    }

    /** One line per conversation with what queue and register views need, computed in the index. */
    List<ConversationSummary> summaries();

    SearchResults search(SearchQuery query);

    /**
     * What {@code queryText} (the {@link SearchQuery#text()} syntax) matches in message texts, the way
     * {@link #search} matched them: each {@link SearchHit#matches()} is what this gives for its text.
     * Views highlight with it. An archive without a highlighter matches nothing.
     */
    default TextMatcher matcher(String queryText) {
        return TextMatcher.NONE;
    }

    /**
     * The archive's side files (triage state, quarantine, caches, settings): plain files here; a
     * protected archive encrypts them with its data key.
     */
    default ArchiveFiles files() {
        return new PlainArchiveFiles(location());
    }

    /** Releases the lock and every file handle. Uncommitted changes are dropped. */
    @Override
    void close();
}

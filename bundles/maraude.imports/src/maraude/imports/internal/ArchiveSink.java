package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.osgi.util.NLS;

import maraude.core.archive.Archive;
import maraude.core.archive.ImportedFiles;
import maraude.core.archive.PendingReplies;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.imports.ImportProblem;
import maraude.imports.ImportSink;
import maraude.imports.Messages;

/**
 * Writes into an archive in batches that span files: a commit costs tens of milliseconds (an fsync
 * of every new segment file), so an import of a thousand small exports commits once per
 * {@code batchSize} messages and at the end, not once per file. A file's messages reach the archive
 * (uncommitted) when the file ends, so the archive indexes them on its own threads while the next file
 * is parsed; a file still being read keeps its messages here, so a cancelled file drops its own
 * pending messages ({@link #discard()}) while the files finished before it are committed: the archive
 * only ever commits whole batches, each with its contacts and conversations, and a re-import completes
 * a cancelled or killed one (stable ids: no duplicates). Attachment bytes go to the content store
 * right away (orphans are harmless there).
 * <p>
 * One message's text is capped at {@value #MAX_MESSAGE_CHARS} characters (the longest real
 * messages are a few kB): a longer one is cut, its whole text kept as a text attachment, and a
 * {@code message-too-long} warning reported. Its id stays the one of the whole text, so a re-import
 * finds it again.
 * <p>
 * On an archive that remembers the files it read whole ({@link ImportedFiles}), the key of each file
 * {@link #endFile(String) ended} without a problem is recorded just before the commit that holds its
 * last messages, never earlier: a killed import leaves a file either recorded with all its messages
 * committed, or not recorded (and read again by the next import).
 */
public final class ArchiveSink implements ImportSink {

    /** The most characters of one message's text stored in the index (64 Ki). */
    public static final int MAX_MESSAGE_CHARS = 64 * 1024;

    private final Archive archive;
    /** Null when the archive does not remember files. */
    private final ImportedFiles ledger;
    /** Keys of the files ended since the last commit, recorded with the next one, and their messages. */
    private final List<String> endedKeys = new ArrayList<>();
    private final List<Long> endedMessages = new ArrayList<>();
    /** Messages the current file gave so far. */
    private long fileMessages;
    private final int batchSize;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    /** Messages not yet handed to the archive: the current file's (and none of a file already ended). */
    private final List<Message> pending = new ArrayList<>();
    /** The conversations of {@link #pending}'s messages (a superset after {@link #discard()}). */
    private final Set<String> pendingConversations = new HashSet<>();
    /** Index in {@link #pending} where the current file's messages start. */
    private int fileStart;
    /** Messages handed to the archive since the last commit, and what they counted. */
    private int handed;
    private long handedAdded;
    private long handedDuplicates;
    private long handedAttachments;
    private final Set<String> handedConversations = new HashSet<>();
    private final Set<String> touched = new HashSet<>();
    private long added;
    private long duplicates;
    private long attachments;
    private final Runnable afterCommit;
    private final Consumer<ImportProblem> problems;
    private String fileName = ""; //$NON-NLS-1$
    /** Replies copied in the workbench and not yet seen in an export; read once, on the first flush. */
    private List<Message> pendingReplies;
    private long repliesReplaced;

    public ArchiveSink(Archive archive, int batchSize, Runnable afterCommit) {
        this(archive, batchSize, afterCommit, p -> {
            // problems of the sink (a cut message) are not reported
        });
    }

    public ArchiveSink(Archive archive, int batchSize, Runnable afterCommit, Consumer<ImportProblem> problems) {
        this.archive = archive;
        this.ledger = archive instanceof ImportedFiles f ? f : null;
        this.batchSize = batchSize;
        this.afterCommit = afterCommit;
        this.problems = problems;
    }

    /** The file whose messages come next, as shown in problems. */
    public void beginFile(String name) {
        fileName = name;
        fileStart = pending.size();
        fileMessages = 0;
    }

    @Override
    public void contact(Contact contact) {
        contacts.put(contact.id(), contact);
    }

    @Override
    public void conversation(Conversation conversation) {
        conversations.put(conversation.id(), conversation);
    }

    @Override
    public void message(Message message) {
        fileMessages++;
        pendingConversations.add(message.conversationId());
        pending.add(capped(message));
        if (handed + pending.size() >= batchSize) {
            flush();
        }
    }

    /** The message, or a copy cut at {@link #MAX_MESSAGE_CHARS} with its whole text as an attachment. */
    private Message capped(Message m) {
        String text = m.text();
        if (text.length() <= MAX_MESSAGE_CHARS) {
            return m;
        }
        int cut = MAX_MESSAGE_CHARS;
        if (Character.isLowSurrogate(text.charAt(cut)) && Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--; // never half a character
        }
        List<Attachment> all = new ArrayList<>(m.attachments());
        try (InputStream whole = new Utf8Stream(text)) {
            all.add(archive.storeAttachment(whole, "text/plain", "message.txt")); //$NON-NLS-1$ //$NON-NLS-2$
        } catch (IOException e) {
            // the cut text is still stored; the warning says the message was cut
        }
        long line = m.source() == null ? 0 : m.source().line();
        long offset = m.source() == null ? -1 : m.source().offset();
        problems.accept(new ImportProblem(fileName, line, offset, "message-too-long", //$NON-NLS-1$
                NLS.bind(Messages.problemMessageTooLong, Integer.valueOf(MAX_MESSAGE_CHARS))));
        return new Message(m.id(), m.conversationId(), m.direction(), m.instant(), m.author(), m.workerId(),
                text.substring(0, cut) + '…', all, m.source());
    }

    /** A long text as UTF-8 bytes, encoded a chunk at a time (no copy of the whole text in bytes). */
    private static final class Utf8Stream extends InputStream {

        private static final int CHUNK = 16 * 1024;
        private final String text;
        private int next;
        private byte[] buf = new byte[0];
        private int pos;

        Utf8Stream(String text) {
            this.text = text;
        }

        private boolean fill() {
            while (pos >= buf.length) {
                if (next >= text.length()) {
                    return false;
                }
                int end = Math.min(text.length(), next + CHUNK);
                if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
                    end--;
                }
                buf = text.substring(next, end).getBytes(StandardCharsets.UTF_8);
                pos = 0;
                next = end;
            }
            return true;
        }

        @Override
        public int read() {
            return fill() ? buf[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(len, buf.length - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    @Override
    public Attachment attachment(InputStream content, String mediaType, String fileName) throws IOException {
        return archive.storeAttachment(content, mediaType, fileName);
    }

    /** Writes and commits the pending batch. Contacts and conversations are kept for later batches. */
    public void flush() {
        handOver();
        if (handed == 0 && endedKeys.isEmpty()) {
            return;
        }
        for (int i = 0; i < endedKeys.size(); i++) {
            ledger.markImported(endedKeys.get(i), endedMessages.get(i)); // in the commit that holds the file's last messages
        }
        archive.commit();
        endedKeys.clear();
        endedMessages.clear();
        added += handedAdded;
        duplicates += handedDuplicates;
        attachments += handedAttachments;
        touched.addAll(handedConversations);
        handed = 0;
        handedAdded = 0;
        handedDuplicates = 0;
        handedAttachments = 0;
        handedConversations.clear();
        if (afterCommit != null) {
            afterCommit.run();
        }
    }

    /**
     * Writes the pending messages, with their contacts and conversations, into the archive without
     * committing: the archive indexes them while the next file is read, and the next {@link #flush()}
     * commits them.
     */
    private void handOver() {
        if (pending.isEmpty()) {
            return;
        }
        Set<String> needed = new HashSet<>();
        for (Message m : pending) {
            needed.add(m.conversationId());
        }
        Set<String> neededContacts = new HashSet<>();
        for (String c : needed) {
            Conversation conv = conversations.get(c);
            if (conv != null) {
                neededContacts.add(conv.contactId());
            }
        }
        for (String c : neededContacts) {
            Contact contact = contacts.remove(c);
            if (contact != null) {
                archive.putContact(contact);
            }
        }
        for (String c : needed) {
            Conversation conv = conversations.remove(c);
            if (conv != null) {
                archive.putConversation(conv);
            }
        }
        if (pendingReplies == null) {
            pendingReplies = new ArrayList<>(archive.pendingReplies());
        }
        for (Message m : pending) {
            replacePendingReply(m);
            if (archive.addMessage(m)) {
                handedAdded++;
                handedAttachments += m.attachments().size();
            } else {
                handedDuplicates++;
            }
        }
        handed += pending.size();
        handedConversations.addAll(needed);
        pending.clear();
        pendingConversations.clear();
        fileStart = 0;
    }

    /** The real message of an export takes the place of the pending reply it stands for. */
    private void replacePendingReply(Message real) {
        if (pendingReplies.isEmpty() || !real.isOutbound()) {
            return;
        }
        for (java.util.Iterator<Message> it = pendingReplies.iterator(); it.hasNext();) {
            Message p = it.next();
            if (PendingReplies.replacedBy(p, real)) {
                archive.removeMessage(p.id());
                it.remove();
                repliesReplaced++;
                return;
            }
        }
    }

    /** Pending replies of the workbench replaced by the real messages of the export. */
    public long repliesReplaced() {
        return repliesReplaced;
    }

    /**
     * Cancelled mid-file: drops what the current file put since its start or the last commit, and
     * commits the files finished before it. The archive stays consistent: whole files, or whole
     * batches of the cancelled one.
     */
    public void discard() {
        pending.subList(fileStart, pending.size()).clear();
        pendingConversations.clear();
        for (Message m : pending) {
            pendingConversations.add(m.conversationId());
        }
        keepOnlyNeeded();
        flush();
    }

    /**
     * A file is finished: contacts and conversations it named without any message are not stored; its
     * messages wait for the batch to fill (or {@link #finish()}).
     */
    public void endFile() {
        endFile(null);
    }

    /**
     * {@link #endFile()}, and the file's {@code key} (null: none) is recorded in the archive with the
     * commit that holds its last messages, if the archive remembers files.
     */
    public void endFile(String key) {
        if (key != null && ledger != null) {
            endedKeys.add(key);
            endedMessages.add(fileMessages);
        }
        handOver();
        keepOnlyNeeded();
        if (handed >= batchSize) {
            flush();
        }
    }

    /** Commits what is pending: the end of an import. */
    public void finish() {
        flush();
        contacts.clear();
        conversations.clear();
    }

    private void keepOnlyNeeded() {
        conversations.keySet().retainAll(pendingConversations);
        Set<String> neededContacts = new HashSet<>();
        for (Conversation c : conversations.values()) {
            neededContacts.add(c.contactId());
        }
        contacts.keySet().retainAll(neededContacts);
    }

    public long added() {
        return added;
    }

    public long duplicates() {
        return duplicates;
    }

    public long attachments() {
        return attachments;
    }

    public int conversations() {
        return touched.size();
    }
}

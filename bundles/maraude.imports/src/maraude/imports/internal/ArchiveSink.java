package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import maraude.core.archive.Archive;
import maraude.core.archive.PendingReplies;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.imports.ImportSink;

/**
 * Writes into an archive in batches. Nothing reaches the archive before {@link #flush()}: a
 * cancelled file drops its pending batch ({@link #discard()}), so the archive only ever holds whole
 * batches, each with its contacts and conversations. Attachment bytes go to the content store
 * right away (orphans are harmless there).
 */
public final class ArchiveSink implements ImportSink {

    private final Archive archive;
    private final int batchSize;
    private final Map<String, Contact> contacts = new LinkedHashMap<>();
    private final Map<String, Conversation> conversations = new LinkedHashMap<>();
    private final List<Message> pending = new ArrayList<>();
    private final Set<String> touched = new HashSet<>();
    private long added;
    private long duplicates;
    private long attachments;
    private final Runnable afterCommit;
    /** Replies copied in the workbench and not yet seen in an export; read once, on the first flush. */
    private List<Message> pendingReplies;
    private long repliesReplaced;

    public ArchiveSink(Archive archive, int batchSize, Runnable afterCommit) {
        this.archive = archive;
        this.batchSize = batchSize;
        this.afterCommit = afterCommit;
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
        pending.add(message);
        if (pending.size() >= batchSize) {
            flush();
        }
    }

    @Override
    public Attachment attachment(InputStream content, String mediaType, String fileName) throws IOException {
        return archive.storeAttachment(content, mediaType, fileName);
    }

    /** Writes and commits the pending batch. Contacts and conversations are kept for later batches. */
    public void flush() {
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
        long a = 0;
        long d = 0;
        long att = 0;
        if (pendingReplies == null) {
            pendingReplies = new ArrayList<>(archive.pendingReplies());
        }
        for (Message m : pending) {
            replacePendingReply(m);
            if (archive.addMessage(m)) {
                a++;
                att += m.attachments().size();
            } else {
                d++;
            }
        }
        archive.commit();
        added += a;
        duplicates += d;
        attachments += att;
        touched.addAll(needed);
        pending.clear();
        if (afterCommit != null) {
            afterCommit.run();
        }
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

    /** Drops what is pending (cancelled mid-file): the archive stays at its last commit. */
    public void discard() {
        pending.clear();
        contacts.clear();
        conversations.clear();
    }

    /** Contacts and conversations of a finished file that had no message are not stored. */
    public void endFile() {
        flush();
        contacts.clear();
        conversations.clear();
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

package maraude.archive;

import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.eclipse.osgi.util.NLS;

import maraude.archive.storage.ArchiveStorage;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * The write side of a {@link LuceneArchive}: pending contacts, conversations and messages, dedup
 * against the last commit, commits and maintenance on the writer. Every method runs under one lock.
 *
 * <h2>Dedup</h2> {@link #addMessage} skips an id already pending in this batch (in-memory set, cleared
 * at each commit) or present in the last commit. For the latter, one Bloom filter over the whole index
 * ({@link IdFilter#ofAll}) rules out almost every new id; the few it cannot rule out go to a filter per
 * segment, then to a terms-dictionary lookup: bulk imports stay fast however many segments there are.
 * New messages are then added, not updated, since they are known to be absent.
 *
 * <h2>Indexing threads</h2> The document of a new message is built and inverted on an
 * {@link IndexingPipeline} thread while the caller goes on parsing; the pipeline is drained before
 * every commit, deletion and maintenance, so reads still see commits only.
 */
final class ArchiveWriter {

    private final IndexWriter writer;
    private final IndexingPipeline indexing;
    private final Readers readers;
    private final CommittedEntities committed;
    private final ArchiveStorage storage;

    private final Object lock = new Object();
    private final Map<String, Contact> pendingContacts = new HashMap<>();
    private final Map<String, Conversation> pendingConversations = new HashMap<>();
    private final Set<String> pendingIds = new HashSet<>();
    /** Maintenance work ran on the writer without committing: the committed maps may be stale until the next commit. */
    private boolean maintainedSinceCommit;
    /** Searcher on the last commit used for dedup lookups; held by the write side until the next commit. */
    private IndexSearcher idSearcher;
    private TermsEnum[] idTerms;
    /** Per segment, the postings of the last id looked up there, reused: a re-import looks up every id. */
    private PostingsEnum[] idPostings;
    /** Per segment of {@link #idSearcher}, built on first use: most ids are ruled out without a seek. */
    private IdFilter[] idFilters;
    /**
     * Every id of the last commit and every id {@link #addMessage} has checked since, in one filter
     * built on first use and kept across commits: one test rules out a new message for all segments.
     * The ids a commit adds were checked before, so the commit has nothing to add to it (it used to,
     * in the commit's single-threaded part, while the indexing threads waited). A superset of the
     * last commit's ids is all it must be: a pending id is matched by {@link #pendingIds} first.
     */
    private IdFilter seenIds;
    private boolean closed;

    ArchiveWriter(IndexWriter writer, Readers readers, CommittedEntities committed, ArchiveStorage storage) {
        this.writer = writer;
        this.indexing = new IndexingPipeline(writer);
        this.readers = readers;
        this.committed = committed;
        this.storage = storage;
    }

    void putContact(Contact contact) {
        synchronized (lock) {
            ensureWritable();
            if (unchanged(contact, pendingContacts, committed.contacts())) {
                return; // a re-import names every contact again: rewriting it would make a commit out of nothing
            }
            try {
                writer.updateDocument(ArchiveSchema.idTerm(contact.id()), ArchiveSchema.contactDocument(contact));
            } catch (IOException e) {
                throw readers.failure(e);
            }
            pendingContacts.put(contact.id(), contact);
        }
    }

    void putConversation(Conversation conversation) {
        synchronized (lock) {
            ensureWritable();
            if (unchanged(conversation, pendingConversations, committed.conversations())) {
                return;
            }
            try {
                writer.updateDocument(ArchiveSchema.idTerm(conversation.id()),
                        ArchiveSchema.conversationDocument(conversation));
            } catch (IOException e) {
                throw readers.failure(e);
            }
            pendingConversations.put(conversation.id(), conversation);
        }
    }

    /**
     * Whether {@code value} is already what the writer holds under its id: the pending version, or
     * else the committed one, unless maintenance work changed the writer since the last commit
     * (the committed maps may not say what it deleted then).
     */
    private <T> boolean unchanged(T value, Map<String, T> pending, Map<String, T> committedValues) {
        String id = value instanceof Contact c ? c.id() : ((Conversation) value).id();
        T held = pending.get(id);
        if (held == null && !maintainedSinceCommit) {
            held = committedValues.get(id);
        }
        return value.equals(held);
    }

    /** See {@link maraude.core.archive.ImportedFiles#importedMessages}: the last commit only. */
    long importedMessages(String key) {
        synchronized (lock) {
            ensureWritable();
            try {
                // a terms-dictionary lookup per segment: the id filters, built for a few hundred
                // thousand messages, would cost more than the few files looked up
                BytesRef term = new BytesRef(ArchiveSchema.IMPORTED_FILE_PREFIX + key);
                List<LeafReaderContext> leaves = idSearcher.getIndexReader().leaves();
                for (int i = 0; i < leaves.size(); i++) {
                    TermsEnum te = idTerms[i];
                    if (te == null || !te.seekExact(term)) {
                        continue;
                    }
                    Bits live = leaves.get(i).reader().getLiveDocs();
                    PostingsEnum pe = te.postings(idPostings[i], PostingsEnum.NONE);
                    idPostings[i] = pe;
                    for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
                        if (live == null || live.get(doc)) {
                            NumericDocValues n = leaves.get(i).reader().getNumericDocValues(ArchiveSchema.FILE_MESSAGES);
                            return n != null && n.advanceExact(doc) ? n.longValue() : 0;
                        }
                    }
                }
                return -1;
            } catch (IOException e) {
                throw readers.failure(e);
            }
        }
    }

    /** See {@link maraude.core.archive.ImportedFiles#markImported}: written now, visible after the next commit. */
    void markImported(String key, long messages) {
        synchronized (lock) {
            ensureWritable();
            try {
                writer.updateDocument(ArchiveSchema.idTerm(ArchiveSchema.IMPORTED_FILE_PREFIX + key),
                        ArchiveSchema.importedFileDocument(key, messages));
            } catch (IOException e) {
                throw readers.failure(e);
            }
        }
    }

    boolean removeMessage(String messageId) {
        synchronized (lock) {
            ensureWritable();
            try {
                indexing.drain(); // a delete only reaches documents already in the writer
                boolean stored = pendingIds.remove(messageId) || isCommitted(messageId, false);
                writer.deleteDocuments(new Term(ArchiveSchema.ID, messageId));
                return stored;
            } catch (IOException e) {
                throw readers.failure(e);
            }
        }
    }

    boolean addMessage(Message message) {
        synchronized (lock) {
            ensureWritable();
            Conversation conv = pendingConversations.get(message.conversationId());
            if (conv == null) {
                conv = committed.conversations().get(message.conversationId());
            }
            if (conv == null) {
                throw new ArchiveException(Kind.BAD_INPUT,
                        NLS.bind(Messages.Archive_unknownConversation, message.conversationId()));
            }
            if (pendingIds.contains(message.id())) {
                return false;
            }
            try {
                if (isCommitted(message.id(), true)) {
                    return false;
                }
                Contact contact = pendingContacts.get(conv.contactId());
                if (contact == null) {
                    contact = committed.contacts().get(conv.contactId());
                }
                indexing.add(message, conv, contact);
            } catch (IOException e) {
                throw readers.failure(e);
            }
            pendingIds.add(message.id());
            return true;
        }
    }

    /**
     * Whether a live document with this id is in the last commit; {@code remember} adds the id to
     * {@link #seenIds} (the caller is about to add it).
     */
    private boolean isCommitted(String id, boolean remember) throws IOException {
        BytesRef term = new BytesRef(id);
        List<LeafReaderContext> leaves = idSearcher.getIndexReader().leaves();
        if (seenIds == null || seenIds.full()) {
            seenIds = IdFilter.ofAll(leaves);
            for (String pending : pendingIds) { // to be committed: the filter must have them then
                seenIds.add(new BytesRef(pending));
            }
        }
        if (!(remember ? seenIds.testAndAdd(term) : seenIds.mightContain(term))) {
            return false;
        }
        for (int i = 0; i < leaves.size(); i++) {
            TermsEnum te = idTerms[i];
            if (te == null) {
                continue;
            }
            if (idFilters[i] == null) {
                idFilters[i] = IdFilter.of(leaves.get(i).reader()); // lazily: opening stays fast
            }
            if (idFilters[i].mightContain(term) && te.seekExact(term)) {
                Bits live = leaves.get(i).reader().getLiveDocs();
                if (live == null) {
                    return true; // no deletion in this segment: the term is a live document's (a re-import's common case)
                }
                PostingsEnum pe = te.postings(idPostings[i], PostingsEnum.NONE);
                idPostings[i] = pe;
                for (int doc = pe.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = pe.nextDoc()) {
                    if (live.get(doc)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Points the dedup lookup at the last commit. */
    void resetIdLookup() throws IOException {
        synchronized (lock) {
            IndexSearcher fresh = readers.acquire();
            if (fresh == idSearcher && idTerms != null) {
                // the commit changed nothing (a re-import of messages all there): the per-segment
                // filters built so far still hold, and building them again per batch was most of a re-import
                readers.release(fresh);
                return;
            }
            if (idSearcher != null) {
                readers.release(idSearcher);
            }
            idSearcher = fresh;
            List<LeafReaderContext> leaves = fresh.getIndexReader().leaves();
            idTerms = new TermsEnum[leaves.size()];
            idFilters = new IdFilter[leaves.size()];
            idPostings = new PostingsEnum[leaves.size()];
            for (int i = 0; i < leaves.size(); i++) {
                Terms t = leaves.get(i).reader().terms(ArchiveSchema.ID);
                idTerms[i] = t == null ? null : t.iterator();
            }
        }
    }

    void commit() {
        synchronized (lock) {
            ensureWritable();
            try {
                indexing.drainAndFlush();
                writer.commit();
                readers.refresh();
                committed.committed(pendingContacts, pendingConversations);
                pendingContacts.clear();
                pendingConversations.clear();
                pendingIds.clear();
                maintainedSinceCommit = false;
                resetIdLookup();
            } catch (IOException e) {
                throw readers.failure(e);
            }
        }
    }

    /** See {@link LuceneArchive#maintain}. */
    <T> T maintain(LuceneArchive.WriterMaintenance<T> work) {
        synchronized (lock) {
            ensureWritable();
            try {
                indexing.drain();
                long before = readers.commitGeneration();
                T result = work.run(writer, storage);
                readers.refresh();
                if (readers.commitGeneration() != before) {
                    // the work committed, and a commit holds everything that was pending
                    seenIds = null; // built again from that commit when next needed
                    pendingContacts.clear();
                    pendingConversations.clear();
                    pendingIds.clear();
                        maintainedSinceCommit = false;
                    reloadCommitted();
                } else {
                    maintainedSinceCommit = true;
                }
                return result;
            } catch (IOException e) {
                throw readers.failure(e);
            }
        }
    }

    /** Reloads the committed contacts and conversations and points the dedup lookup at the last commit. */
    void reloadCommitted() throws IOException {
        synchronized (lock) {
            IndexSearcher s = readers.acquire();
            try {
                committed.load(s);
            } finally {
                readers.release(s);
            }
            resetIdLookup();
        }
    }

    int pendingMessages() {
        synchronized (lock) {
            return pendingIds.size();
        }
    }

    void ensureWritable() {
        if (closed) {
            throw new ArchiveException(Kind.NOT_WRITABLE, Messages.Archive_closed);
        }
        if (!writer.isOpen()) {
            // A tragic event (disk full, I/O error) closed the writer: nothing more can be written.
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Archive_io, storage.root(),
                    String.valueOf(writer.getTragicException())), writer.getTragicException());
        }
    }

    /**
     * Drops what was not committed and closes the writer; returns the first failure. Runs under the
     * lock: an import in another thread finishes its current message first.
     */
    IOException close() {
        synchronized (lock) {
            if (closed) {
                return null;
            }
            closed = true;
            IOException failure = null;
            try {
                if (idSearcher != null) {
                    readers.release(idSearcher);
                    idSearcher = null;
                }
            } catch (IOException e) {
                failure = e;
            }
            indexing.close();
            try {
                writer.close(); // commitOnClose=false: rolls back what was not committed
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            return failure;
        }
    }
}

package maraude.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.eclipse.osgi.util.NLS;

import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.ArchiveStats;
import maraude.core.archive.ConversationSummary;
import maraude.core.archive.ImportedFiles;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * The archive on a Lucene index ({@link ArchiveSchema}) plus a content-addressed attachment store,
 * both reached through one {@link ArchiveStorage}. This class opens and closes the parts and answers
 * the simple reads; each responsibility has its class:
 * <ul>
 * <li>{@link ArchiveWriter}: pending writes, dedup against the last commit, commits, maintenance;</li>
 * <li>{@link ArchiveSearcher} (with {@link Snippets}, {@link HitReader}, {@link FacetCounter}): search;</li>
 * <li>{@link ConversationSummaries}: the per-conversation figures of the queue and the dashboard;</li>
 * <li>{@link CommittedEntities}: the committed contacts and conversations held in memory;</li>
 * <li>{@link Readers}: searchers on the last commit and the mapping of Lucene failures.</li>
 * </ul>
 *
 * <h2>Consistency</h2> Reads (search, threads, summaries, lists, stats) see the last commit only, never
 * pending writes: readers are opened on commit points, not near-real-time from the writer. Lucene
 * commits are atomic (a new {@code segments_N} is written, synced, then renamed), so a process killed
 * at any moment leaves the previous commit whole, and the next {@link IndexWriter} drops the
 * unreferenced files by itself.
 *
 * <h2>Read-only</h2> A READ_ONLY archive takes no lock and sees the commit present when it was opened
 * (call {@link #refresh()} to see newer ones). On a folder holding no archive yet it behaves as an
 * empty archive and creates nothing.
 */
public final class LuceneArchive implements Archive, ImportedFiles {

    /**
     * System property: number of threads that index message documents (default: one per processor, at
     * most 4; 0 indexes in the thread that adds the messages).
     */
    public static final String INDEXING_THREADS_PROPERTY = IndexingPipeline.THREADS_PROPERTY;

    /** The number of indexing threads an archive opened now would use ({@link #INDEXING_THREADS_PROPERTY}). */
    public static int defaultIndexingThreads() {
        return IndexingPipeline.defaultThreads();
    }

    /** Indexing buffer: large enough for few flushes, small enough for a 512 MiB heap. */
    private static final double RAM_BUFFER_MB = 64;

    private final ArchiveStorage storage;
    private final AccessMode mode;
    private final Readers readers;
    private final CommittedEntities committed = new CommittedEntities();
    /** Null for a READ_ONLY archive. */
    private final ArchiveWriter writer;
    private final ArchiveSearcher searcher;
    private final ConversationSummaries summaries;
    private final Object closeLock = new Object();
    private volatile boolean closed;

    private LuceneArchive(ArchiveStorage storage, AccessMode mode, IndexWriter writer, SearcherManager searchers,
            Analyzer analyzer) {
        this.storage = storage;
        this.mode = mode;
        this.readers = new Readers(searchers, storage.root());
        this.writer = writer == null ? null : new ArchiveWriter(writer, readers, committed, storage);
        this.searcher = new ArchiveSearcher(readers, committed, analyzer);
        this.summaries = new ConversationSummaries(readers);
    }

    /** Opens the archive in plain files under {@code folder}. */
    public static LuceneArchive open(Path folder, AccessMode mode) {
        return open(new FileSystemStorage(folder), mode);
    }

    /**
     * Opens an archive on any storage (e.g. an encrypting one).
     *
     * @throws ArchiveException LOCKED, CORRUPT or IO
     */
    public static LuceneArchive open(ArchiveStorage storage, AccessMode mode) {
        Path root = storage.root();
        Analyzer analyzer = ArchiveSchema.analyzer();
        IndexWriter writer = null;
        SearcherManager searchers = null;
        try {
            if (mode == AccessMode.READ_WRITE) {
                Files.createDirectories(root);
                Directory dir = storage.indexDirectory();
                IndexWriterConfig cfg = new IndexWriterConfig(analyzer);
                cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
                cfg.setRAMBufferSizeMB(RAM_BUFFER_MB);
                // close() must drop what was not committed (the Archive contract).
                cfg.setCommitOnClose(false);
                writer = new IndexWriter(dir, cfg);
                if (!DirectoryReader.indexExists(dir)) {
                    writer.commit(); // a first, empty commit: readers can open at once
                }
                searchers = new SearcherManager(dir, null);
            } else if (storage.indexExists()) {
                searchers = new SearcherManager(storage.indexDirectory(), null);
            }
            LuceneArchive archive = new LuceneArchive(storage, mode, writer, searchers, analyzer);
            archive.loadCommitted();
            return archive;
        } catch (LockObtainFailedException e) {
            closeQuietly(searchers, writer, storage);
            throw new ArchiveException(Kind.LOCKED, NLS.bind(Messages.Archive_locked, root), e);
        } catch (CorruptIndexException | IndexFormatTooOldException | IndexFormatTooNewException | EOFException
                | NoSuchFileException e) {
            closeQuietly(searchers, writer, storage);
            throw new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Archive_corrupt, root, e.getMessage()), e);
        } catch (IOException | UncheckedIOException e) {
            closeQuietly(searchers, writer, storage);
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Archive_io, root, e.getMessage()), e);
        } catch (RuntimeException e) {
            closeQuietly(searchers, writer, storage);
            throw e;
        }
    }

    private static void closeQuietly(SearcherManager searchers, IndexWriter writer, ArchiveStorage storage) {
        try {
            if (searchers != null) {
                searchers.close();
            }
        } catch (IOException | RuntimeException e) {
            // already failing: the first error is the one reported
        }
        try {
            if (writer != null) {
                writer.rollback();
            }
        } catch (IOException | RuntimeException e) {
            // idem
        }
        try {
            storage.close();
        } catch (IOException | RuntimeException e) {
            // idem
        }
    }

    /** Loads committed contacts and conversations and prepares the dedup lookup. */
    private void loadCommitted() throws IOException {
        if (!readers.exist()) {
            return;
        }
        if (writer != null) {
            writer.reloadCommitted();
            return;
        }
        IndexSearcher s = readers.acquire();
        try {
            committed.load(s);
        } finally {
            readers.release(s);
        }
    }

    @Override
    public Path location() {
        return storage.root();
    }

    /** Side files through the storage: encrypted with the data key when the archive is protected. */
    @Override
    public ArchiveFiles files() {
        return storage.files();
    }

    @Override
    public AccessMode accessMode() {
        return mode;
    }

    // ---- writing ----------------------------------------------------------------------------

    @Override
    public void putContact(Contact contact) {
        writable().putContact(contact);
    }

    @Override
    public void putConversation(Conversation conversation) {
        writable().putConversation(conversation);
    }

    @Override
    public boolean addMessage(Message message) {
        return writable().addMessage(message);
    }

    @Override
    public boolean removeMessage(String messageId) {
        return writable().removeMessage(messageId);
    }

    @Override
    public Attachment storeAttachment(InputStream content, String mediaType, String fileName) throws IOException {
        writable().ensureWritable();
        return storage.attachments().store(content, mediaType, fileName);
    }

    @Override
    public void commit() {
        writable().commit();
    }

    /**
     * Kept as {@link ArchiveSchema#TYPE_IMPORTED_FILE} documents in the index, so they are protected
     * with it and committed with the messages; {@link maraude.archive.maintenance.Retention} drops
     * them all whenever it erases anything.
     */
    @Override
    public long importedMessages(String key) {
        return writable().importedMessages(key);
    }

    @Override
    public void markImported(String key, long messages) {
        writable().markImported(key, messages);
    }

    /** Maintenance work on the writer an open archive holds (retention, erasure). */
    @FunctionalInterface
    public interface WriterMaintenance<T> {
        T run(IndexWriter writer, ArchiveStorage storage) throws IOException;
    }

    /**
     * Runs {@code work} on this archive's writer under the write lock (imports and triage writes
     * wait), so that retention and erasure work while the workbench holds the archive. When
     * {@code work} commits, what was pending is part of that commit; readers then move to it and
     * the contacts and conversations kept in memory are reloaded. Work that only reads commits nothing.
     */
    public <T> T maintain(WriterMaintenance<T> work) {
        return writable().maintain(work);
    }

    long commitGeneration() throws IOException { // package-private: tests see whether a commit wrote anything
        return readers.commitGeneration();
    }

    /** The storage under this archive (maintenance reaches attachments and side files through it). */
    public ArchiveStorage storage() {
        return storage;
    }

    /** Number of messages added since the last commit. */
    public int pendingMessages() {
        return writer == null ? 0 : writer.pendingMessages();
    }

    /** READ_ONLY: moves to the newest commit (a writer elsewhere may have committed since opening). */
    public void refresh() {
        ensureOpen();
        if (!readers.exist()) {
            return;
        }
        try {
            readers.refresh();
            loadCommitted();
        } catch (IOException e) {
            throw readers.failure(e);
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    @Override
    public ArchiveStats stats() {
        ensureOpen();
        try {
            long messages = readers.with(s -> (long) s.count(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE)), 0L);
            return new ArchiveStats(committed.contacts().size(), committed.conversations().size(), messages,
                    storage.attachments().count());
        } catch (IOException e) {
            throw readers.failure(e);
        }
    }

    @Override
    public List<Contact> contacts() {
        ensureOpen();
        List<Contact> list = new ArrayList<>(committed.contacts().values());
        list.sort(Comparator.comparing((Contact c) -> c.displayName().toLowerCase(Locale.ROOT)).thenComparing(Contact::id));
        return list;
    }

    @Override
    public Optional<Contact> contact(String contactId) {
        ensureOpen();
        return Optional.ofNullable(committed.contacts().get(contactId));
    }

    @Override
    public List<Conversation> conversations() {
        ensureOpen();
        List<Conversation> list = new ArrayList<>(committed.conversations().values());
        list.sort(Comparator.comparing(Conversation::id));
        return list;
    }

    @Override
    public Optional<Conversation> conversation(String conversationId) {
        ensureOpen();
        return Optional.ofNullable(committed.conversations().get(conversationId));
    }

    @Override
    public List<Message> messages(String conversationId) {
        ensureOpen();
        return readers.with(s -> {
            Query q = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(ArchiveSchema.CONVERSATION, conversationId)), Occur.FILTER)
                    .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER).build();
            int n = s.count(q);
            List<Message> out = new ArrayList<>(n);
            if (n == 0) {
                return out;
            }
            Sort chrono = new Sort(new SortField(ArchiveSchema.TIME, SortField.Type.LONG),
                    new SortField(ArchiveSchema.SEQ, SortField.Type.LONG));
            StoredFields stored = s.storedFields();
            for (ScoreDoc sd : s.search(q, n, chrono).scoreDocs) {
                out.add(ArchiveSchema.toMessage(stored.document(sd.doc, ArchiveSchema.MESSAGE_STORED)));
            }
            return out;
        }, List.of());
    }

    @Override
    public List<Message> pendingReplies() {
        ensureOpen();
        return readers.with(s -> {
            List<Message> out = new ArrayList<>();
            TopDocs top = s.search(new TermQuery(new Term(ArchiveSchema.PENDING, "1")), 10_000); //$NON-NLS-1$
            for (ScoreDoc sd : top.scoreDocs) {
                out.add(ArchiveSchema.toMessage(s.storedFields().document(sd.doc, ArchiveSchema.MESSAGE_STORED)));
            }
            return out;
        }, List.of());
    }

    @Override
    public InputStream openAttachment(String sha256) throws IOException {
        ensureOpen();
        return storage.attachments().open(sha256);
    }

    @Override
    public boolean hasAttachment(String sha256) throws IOException {
        ensureOpen();
        return storage.attachments().contains(sha256);
    }

    @Override
    public List<ConversationSummary> summaries() {
        ensureOpen();
        return summaries.summaries(committed.conversations(), committed.contacts());
    }

    @Override
    public SearchResults search(SearchQuery query) {
        ensureOpen();
        return searcher.search(query);
    }

    @Override
    public maraude.core.archive.TextMatcher matcher(String queryText) {
        ensureOpen();
        return searcher.matcher(queryText);
    }

    // ---- plumbing ---------------------------------------------------------------------------

    private void ensureOpen() {
        if (closed) {
            throw new ArchiveException(Kind.NOT_WRITABLE, Messages.Archive_closed);
        }
    }

    private ArchiveWriter writable() {
        ensureOpen();
        if (writer == null) {
            throw new ArchiveException(Kind.NOT_WRITABLE, Messages.Archive_readOnly);
        }
        return writer;
    }

    @Override
    public void close() {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = writer == null ? null : writer.close();
            try {
                readers.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            try {
                storage.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            if (failure != null) {
                throw readers.failure(failure);
            }
        }
    }
}

package maraude.archive;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.text.BreakIterator;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFormatTooNewException;
import org.apache.lucene.index.IndexFormatTooOldException;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MultiCollectorManager;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.FieldHighlighter;
import org.apache.lucene.search.uhighlight.LengthGoalBreakIterator;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.search.uhighlight.WholeBreakIterator;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.eclipse.osgi.util.NLS;

import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.ArchiveStats;
import maraude.core.archive.ConversationSummary;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;

/**
 * The archive on a Lucene index ({@link ArchiveSchema}) plus a content-addressed attachment store,
 * both reached through one {@link ArchiveStorage}.
 *
 * <h2>Consistency</h2> Reads (search, threads, summaries, lists, stats) see the last commit only, never
 * pending writes: readers are opened on commit points, not near-real-time from the writer. Lucene
 * commits are atomic (a new {@code segments_N} is written, synced, then renamed), so a process killed
 * at any moment leaves the previous commit whole, and the next {@link IndexWriter} drops the
 * unreferenced files by itself.
 *
 * <h2>Dedup</h2> {@link #addMessage} skips an id already pending in this batch (in-memory set, cleared
 * at each commit) or present in the last commit. For the latter, one Bloom filter over the whole index
 * ({@link IdFilter#ofAll}) rules out almost every new id; the few it cannot rule out go to a filter per
 * segment, then to a terms-dictionary lookup: bulk imports stay fast however many segments there are.
 * New messages are then added, not updated, since they are known to be absent.
 *
 * <h2>Indexing threads</h2> The document of a new message is built and inverted on an
 * {@link IndexingPipeline} thread while the caller goes on parsing; the pipeline is drained before
 * every commit, deletion and maintenance, so the consistency above holds unchanged.
 *
 * <h2>Read-only</h2> A READ_ONLY archive takes no lock and sees the commit present when it was opened
 * (call {@link #refresh()} to see newer ones). On a folder holding no archive yet it behaves as an
 * empty archive and creates nothing.
 */
public final class LuceneArchive implements Archive {

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
    private static final int SNIPPET_CHARS = 160;
    private static final int HIGHLIGHT_MAX_LENGTH = 20_000;
    /**
     * Hard cap on one hit's snippet, markers included: a passage is one "sentence", and a huge
     * message without sentence ends (short lines, a pasted log) would otherwise come back whole.
     */
    static final int SNIPPET_MAX_CHARS = 4 * SNIPPET_CHARS;

    private final ArchiveStorage storage;
    private final AccessMode mode;
    private final Analyzer analyzer;
    private final ArchiveQueryParser parser;
    private final IndexWriter writer;
    /** Null for a READ_ONLY archive: message documents go to the writer through it. */
    private final IndexingPipeline indexing;
    /** Null for a READ_ONLY archive on a folder without index (empty archive). */
    private final SearcherManager searchers;

    private final Object writeLock = new Object();
    /** Committed contacts and conversations (few: kept in memory for joins and validation). */
    private volatile Map<String, Contact> contacts = Map.of();
    private volatile Map<String, Conversation> conversations = Map.of();
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
    private volatile boolean closed;

    private LuceneArchive(ArchiveStorage storage, AccessMode mode, IndexWriter writer, SearcherManager searchers,
            Analyzer analyzer) {
        this.storage = storage;
        this.mode = mode;
        this.writer = writer;
        this.indexing = writer == null ? null : new IndexingPipeline(writer);
        this.searchers = searchers;
        this.analyzer = analyzer;
        this.parser = new ArchiveQueryParser(analyzer);
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
        if (searchers == null) {
            return;
        }
        IndexSearcher s = searchers.acquire();
        try {
            Map<String, Contact> cs = new ConcurrentHashMap<>();
            for (Document d : allDocuments(s, ArchiveSchema.TYPE_CONTACT)) {
                Contact c = ArchiveSchema.toContact(d);
                cs.put(c.id(), c);
            }
            Map<String, Conversation> vs = new ConcurrentHashMap<>();
            for (Document d : allDocuments(s, ArchiveSchema.TYPE_CONVERSATION)) {
                Conversation c = ArchiveSchema.toConversation(d);
                vs.put(c.id(), c);
            }
            contacts = cs;
            conversations = vs;
        } finally {
            searchers.release(s);
        }
        if (writer != null) {
            resetIdLookup();
        }
    }

    private static List<Document> allDocuments(IndexSearcher s, String type) throws IOException {
        Query q = ArchiveSchema.typeQuery(type);
        int n = s.count(q);
        List<Document> docs = new ArrayList<>(n);
        if (n == 0) {
            return docs;
        }
        StoredFields stored = s.storedFields();
        for (ScoreDoc sd : s.search(q, n).scoreDocs) {
            docs.add(stored.document(sd.doc));
        }
        return docs;
    }

    // ---- writing ----------------------------------------------------------------------------

    @Override
    public Path location() {
        return storage.root();
    }

    /** Side files through the storage: encrypted with the data key when the archive is protected. */
    @Override
    public maraude.core.archive.ArchiveFiles files() {
        return storage.files();
    }

    @Override
    public AccessMode accessMode() {
        return mode;
    }

    @Override
    public void putContact(Contact contact) {
        synchronized (writeLock) {
            ensureWritable();
            if (unchanged(contact, pendingContacts, contacts)) {
                return; // a re-import names every contact again: rewriting it would make a commit out of nothing
            }
            try {
                writer.updateDocument(ArchiveSchema.idTerm(contact.id()), ArchiveSchema.contactDocument(contact));
            } catch (IOException e) {
                throw ioFailure(e);
            }
            pendingContacts.put(contact.id(), contact);
        }
    }

    @Override
    public void putConversation(Conversation conversation) {
        synchronized (writeLock) {
            ensureWritable();
            if (unchanged(conversation, pendingConversations, conversations)) {
                return;
            }
            try {
                writer.updateDocument(ArchiveSchema.idTerm(conversation.id()),
                        ArchiveSchema.conversationDocument(conversation));
            } catch (IOException e) {
                throw ioFailure(e);
            }
            pendingConversations.put(conversation.id(), conversation);
        }
    }

    /**
     * Whether {@code value} is already what the writer holds under its id: the pending version, or
     * else the committed one, unless maintenance work changed the writer since the last commit
     * (the committed maps may not say what it deleted then).
     */
    private <T> boolean unchanged(T value, Map<String, T> pending, Map<String, T> committed) {
        String id = value instanceof Contact c ? c.id() : ((Conversation) value).id();
        T held = pending.get(id);
        if (held == null && !maintainedSinceCommit) {
            held = committed.get(id);
        }
        return value.equals(held);
    }

    @Override
    public boolean removeMessage(String messageId) {
        synchronized (writeLock) {
            ensureWritable();
            try {
                indexing.drain(); // a delete only reaches documents already in the writer
                boolean stored = pendingIds.remove(messageId) || isCommitted(messageId, false);
                writer.deleteDocuments(new org.apache.lucene.index.Term(ArchiveSchema.ID, messageId));
                return stored;
            } catch (IOException e) {
                throw ioFailure(e);
            }
        }
    }

    @Override
    public List<Message> pendingReplies() {
        ensureOpen();
        return withSearcher(s -> {
            List<Message> out = new ArrayList<>();
            org.apache.lucene.search.TopDocs top = s.search(
                    new org.apache.lucene.search.TermQuery(new org.apache.lucene.index.Term(ArchiveSchema.PENDING, "1")), //$NON-NLS-1$
                    10_000);
            for (org.apache.lucene.search.ScoreDoc sd : top.scoreDocs) {
                out.add(ArchiveSchema.toMessage(s.storedFields().document(sd.doc, ArchiveSchema.MESSAGE_STORED)));
            }
            return out;
        }, List.of());
    }

    @Override
    public boolean addMessage(Message message) {
        synchronized (writeLock) {
            ensureWritable();
            Conversation conv = pendingConversations.get(message.conversationId());
            if (conv == null) {
                conv = conversations.get(message.conversationId());
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
                    contact = contacts.get(conv.contactId());
                }
                indexing.add(message, conv, contact);
            } catch (IOException e) {
                throw ioFailure(e);
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
                    if (live == null || live.get(doc)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private void resetIdLookup() throws IOException {
        IndexSearcher fresh = searchers.acquire();
        if (fresh == idSearcher && idTerms != null) {
            // the commit changed nothing (a re-import of messages all there): the per-segment
            // filters built so far still hold, and building them again per batch was most of a re-import
            searchers.release(fresh);
            return;
        }
        if (idSearcher != null) {
            searchers.release(idSearcher);
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

    @Override
    public Attachment storeAttachment(InputStream content, String mediaType, String fileName) throws IOException {
        ensureWritable();
        return storage.attachments().store(content, mediaType, fileName);
    }

    @Override
    public InputStream openAttachment(String sha256) throws IOException {
        ensureOpen();
        return storage.attachments().open(sha256);
    }

    @Override
    public void commit() {
        synchronized (writeLock) {
            ensureWritable();
            try {
                indexing.drainAndFlush();
                writer.commit();
                searchers.maybeRefreshBlocking();
                Map<String, Contact> cs = new ConcurrentHashMap<>(contacts);
                cs.putAll(pendingContacts);
                Map<String, Conversation> vs = new ConcurrentHashMap<>(conversations);
                vs.putAll(pendingConversations);
                contacts = cs;
                conversations = vs;
                pendingContacts.clear();
                pendingConversations.clear();
                pendingIds.clear();
                maintainedSinceCommit = false;
                resetIdLookup();
            } catch (IOException e) {
                throw ioFailure(e);
            }
        }
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
        synchronized (writeLock) {
            ensureWritable();
            try {
                indexing.drain();
                long before = commitGeneration();
                T result = work.run(writer, storage);
                searchers.maybeRefreshBlocking();
                if (commitGeneration() != before) {
                    // the work committed, and a commit holds everything that was pending
                    seenIds = null; // built again from that commit when next needed
                    pendingContacts.clear();
                    pendingConversations.clear();
                    pendingIds.clear();
                    maintainedSinceCommit = false;
                    loadCommitted();
                } else {
                    maintainedSinceCommit = true;
                }
                return result;
            } catch (IOException e) {
                throw ioFailure(e);
            }
        }
    }

    long commitGeneration() throws IOException { // package-private: tests see whether a commit wrote anything
        IndexSearcher s = searchers.acquire();
        try {
            return ((DirectoryReader) s.getIndexReader()).getIndexCommit().getGeneration();
        } finally {
            searchers.release(s);
        }
    }

    /** The storage under this archive (maintenance reaches attachments and side files through it). */
    public ArchiveStorage storage() {
        return storage;
    }

    /** Number of messages added since the last commit. */
    public int pendingMessages() {
        synchronized (writeLock) {
            return pendingIds.size();
        }
    }

    /** READ_ONLY: moves to the newest commit (a writer elsewhere may have committed since opening). */
    public void refresh() {
        ensureOpen();
        if (searchers == null) {
            return;
        }
        try {
            searchers.maybeRefreshBlocking();
            loadCommitted();
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    // ---- reading ----------------------------------------------------------------------------

    @Override
    public ArchiveStats stats() {
        ensureOpen();
        try {
            long messages = withSearcher(s -> (long) s.count(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE)), 0L);
            return new ArchiveStats(contacts.size(), conversations.size(), messages, storage.attachments().count());
        } catch (IOException e) {
            throw ioFailure(e);
        }
    }

    @Override
    public List<Contact> contacts() {
        ensureOpen();
        List<Contact> list = new ArrayList<>(contacts.values());
        list.sort(Comparator.comparing((Contact c) -> c.displayName().toLowerCase(Locale.ROOT)).thenComparing(Contact::id));
        return list;
    }

    @Override
    public Optional<Contact> contact(String contactId) {
        ensureOpen();
        return Optional.ofNullable(contacts.get(contactId));
    }

    @Override
    public List<Conversation> conversations() {
        ensureOpen();
        List<Conversation> list = new ArrayList<>(conversations.values());
        list.sort(Comparator.comparing(Conversation::id));
        return list;
    }

    @Override
    public Optional<Conversation> conversation(String conversationId) {
        ensureOpen();
        return Optional.ofNullable(conversations.get(conversationId));
    }

    @Override
    public List<Message> messages(String conversationId) {
        ensureOpen();
        return withSearcher(s -> {
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

    /** Per conversation accumulator of {@link #summaries()}: positions are (time, seq) pairs. */
    private static final class Acc {
        long count;
        long first = Long.MAX_VALUE;
        long lastTime = Long.MIN_VALUE;
        long lastSeq;
        int lastLeaf;
        int lastDoc;
        long meaningfulTime = Long.MIN_VALUE;
        long meaningfulSeq;
        Direction meaningfulDir;
        long lastIn = Long.MIN_VALUE;
        long lastOutTime = Long.MIN_VALUE;
        long lastOutSeq;
        long oldestUnanswered = Long.MAX_VALUE;
        String preview;
    }

    private static boolean after(long t, long s, long refT, long refS) {
        return t > refT || (t == refT && s > refS);
    }

    /**
     * Two passes over doc values of all messages (conversation, time, seq, direction), then one
     * binary doc value per conversation for the preview of its last message. No stored field is read.
     */
    @Override
    public List<ConversationSummary> summaries() {
        ensureOpen();
        Map<String, Conversation> convs = conversations;
        Map<String, Contact> cons = contacts;
        Map<String, Acc> accs = withSearcher(s -> {
            // The per-conversation figures only change with a new commit: the queue, the dashboard
            // and the register all ask after each import, so compute them once per reader.
            SummaryCache cached = summaryCache;
            if (cached != null && cached.reader() == s.getIndexReader()) {
                return cached.accs();
            }
            Map<String, Acc> map = new HashMap<>();
            List<LeafReaderContext> leaves = s.getIndexReader().leaves();
            Direction[] dirs = Direction.values();
            List<Acc[]> perLeaf = new ArrayList<>();
            for (LeafReaderContext ctx : leaves) {
                LeafReader r = ctx.reader();
                SortedDocValues conv = r.getSortedDocValues(ArchiveSchema.CONVERSATION);
                if (conv == null) {
                    perLeaf.add(new Acc[0]);
                    continue;
                }
                Acc[] byOrd = new Acc[conv.getValueCount()];
                for (int o = 0; o < byOrd.length; o++) {
                    byOrd[o] = map.computeIfAbsent(conv.lookupOrd(o).utf8ToString(), k -> new Acc());
                }
                perLeaf.add(byOrd);
                NumericDocValues time = r.getNumericDocValues(ArchiveSchema.TIME);
                NumericDocValues seq = r.getNumericDocValues(ArchiveSchema.SEQ);
                NumericDocValues dir = r.getNumericDocValues(ArchiveSchema.DIRECTION);
                Bits live = r.getLiveDocs();
                for (int doc = conv.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = conv.nextDoc()) {
                    if (live != null && !live.get(doc)) {
                        continue;
                    }
                    Acc a = byOrd[conv.ordValue()];
                    long t = time.advanceExact(doc) ? time.longValue() : 0;
                    long q = seq.advanceExact(doc) ? seq.longValue() : 0;
                    Direction d = dirs[dir.advanceExact(doc) ? (int) dir.longValue() : Direction.SYSTEM.ordinal()];
                    a.count++;
                    a.first = Math.min(a.first, t);
                    if (after(t, q, a.lastTime, a.lastSeq) || a.count == 1) {
                        a.lastTime = t;
                        a.lastSeq = q;
                        a.lastLeaf = ctx.ord;
                        a.lastDoc = doc;
                    }
                    if (d != Direction.SYSTEM && (a.meaningfulDir == null || after(t, q, a.meaningfulTime, a.meaningfulSeq))) {
                        a.meaningfulTime = t;
                        a.meaningfulSeq = q;
                        a.meaningfulDir = d;
                    }
                    if (d == Direction.INBOUND) {
                        a.lastIn = Math.max(a.lastIn, t);
                    } else if (d == Direction.OUTBOUND && (a.lastOutTime == Long.MIN_VALUE
                            || after(t, q, a.lastOutTime, a.lastOutSeq))) {
                        a.lastOutTime = t;
                        a.lastOutSeq = q;
                    }
                }
            }
            // Second pass: the oldest inbound message after each conversation's last outbound one.
            for (LeafReaderContext ctx : leaves) {
                LeafReader r = ctx.reader();
                SortedDocValues conv = r.getSortedDocValues(ArchiveSchema.CONVERSATION);
                if (conv == null) {
                    continue;
                }
                Acc[] byOrd = perLeaf.get(ctx.ord);
                NumericDocValues time = r.getNumericDocValues(ArchiveSchema.TIME);
                NumericDocValues seq = r.getNumericDocValues(ArchiveSchema.SEQ);
                NumericDocValues dir = r.getNumericDocValues(ArchiveSchema.DIRECTION);
                Bits live = r.getLiveDocs();
                for (int doc = dir.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = dir.nextDoc()) {
                    if (dir.longValue() != Direction.INBOUND.ordinal() || (live != null && !live.get(doc))
                            || !conv.advanceExact(doc)) {
                        continue;
                    }
                    Acc a = byOrd[conv.ordValue()];
                    long t = time.advanceExact(doc) ? time.longValue() : 0;
                    long q = seq.advanceExact(doc) ? seq.longValue() : 0;
                    if (a.lastOutTime == Long.MIN_VALUE || after(t, q, a.lastOutTime, a.lastOutSeq)) {
                        a.oldestUnanswered = Math.min(a.oldestUnanswered, t);
                    }
                }
            }
            // Previews from binary doc values, in doc order per segment: no stored field is read.
            List<Acc> byDoc = new ArrayList<>(map.values());
            byDoc.sort(Comparator.comparingInt((Acc a) -> a.lastLeaf).thenComparingInt(a -> a.lastDoc));
            BinaryDocValues preview = null;
            int leaf = -1;
            for (Acc a : byDoc) {
                if (a.lastLeaf != leaf) {
                    leaf = a.lastLeaf;
                    preview = leaves.get(leaf).reader().getBinaryDocValues(ArchiveSchema.PREVIEW);
                }
                a.preview = preview != null && preview.advanceExact(a.lastDoc) ? preview.binaryValue().utf8ToString() : ""; //$NON-NLS-1$
            }
            summaryCache = new SummaryCache(s.getIndexReader(), map);
            return map;
        }, Map.<String, Acc>of());
        List<ConversationSummary> out = new ArrayList<>(convs.size());
        for (Conversation c : convs.values()) {
            Acc a = accs.get(c.id());
            Contact contact = cons.get(c.contactId());
            String name = contact == null ? null : contact.displayName();
            if (a == null) {
                out.add(new ConversationSummary(c.id(), c.platform(), c.contactId(), name, c.title(), 0, null, null,
                        null, null, null, null, null));
            } else {
                out.add(new ConversationSummary(c.id(), c.platform(), c.contactId(), name, c.title(), a.count,
                        instant(a.first), instant(a.lastTime), a.meaningfulDir, instant(a.lastIn), instant(a.lastOutTime),
                        a.oldestUnanswered == Long.MAX_VALUE ? null : Instant.ofEpochMilli(a.oldestUnanswered),
                        a.preview));
            }
        }
        // Most recent activity first; conversations without messages last.
        out.sort(Comparator.comparing(ConversationSummary::lastMessage, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(ConversationSummary::conversationId));
        return out;
    }

    /** Figures of the last summaries() call and the reader they were read from (never mutated after). */
    private record SummaryCache(org.apache.lucene.index.IndexReader reader, Map<String, Acc> accs) {
    }

    private volatile SummaryCache summaryCache;

    private static Instant instant(long millis) {
        return millis == Long.MIN_VALUE || millis == Long.MAX_VALUE ? null : Instant.ofEpochMilli(millis);
    }

    static String preview(String text) {
        return text == null ? "" : ArchiveSchema.preview(text); //$NON-NLS-1$
    }

    @Override
    public SearchResults search(SearchQuery query) {
        ensureOpen();
        Query textQuery;
        try {
            textQuery = parser.parse(query.text());
        } catch (ParseException e) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Archive_badQuery, e.getMessage()), e);
        }
        BooleanQuery.Builder b = new BooleanQuery.Builder();
        b.add(contactMatcher().expand(textQuery), Occur.MUST);
        if (!query.platforms().isEmpty()) {
            BooleanQuery.Builder any = new BooleanQuery.Builder();
            for (Platform p : query.platforms()) {
                any.add(new TermQuery(new Term(ArchiveSchema.PLATFORM, p.key())), Occur.SHOULD);
            }
            b.add(any.build(), Occur.FILTER);
        }
        if (query.contactId() != null && !query.contactId().isBlank()) {
            b.add(new TermQuery(new Term(ArchiveSchema.CONTACT, query.contactId())), Occur.FILTER);
        }
        if (query.direction() != null) {
            b.add(new TermQuery(new Term(ArchiveSchema.DIRECTION, query.direction().key())), Occur.FILTER);
        }
        if (query.workerId() != null && !query.workerId().isBlank()) {
            b.add(new TermQuery(new Term(ArchiveSchema.WORKER, query.workerId())), Occur.FILTER);
        }
        if (query.from() != null || query.to() != null) {
            long from = query.from() == null ? Long.MIN_VALUE : query.from().toEpochMilli();
            long to = query.to() == null ? Long.MAX_VALUE : query.to().toEpochMilli();
            b.add(LongPoint.newRangeQuery(ArchiveSchema.TIME, from, to), Occur.FILTER);
        }
        Query filtered = b.build();
        // Contacts and conversations are documents too: filter them out unless a required clause
        // can only match messages anyway (a word, a phone, a worker...), which spares a conjunction
        // with a filter matching nearly every document.
        Query full = ArchiveSchema.matchesMessagesOnly(filtered) ? filtered
                : new BooleanQuery.Builder().add(filtered, Occur.MUST)
                        .add(ArchiveSchema.typeQuery(ArchiveSchema.TYPE_MESSAGE), Occur.FILTER).build();
        int wanted = (int) Math.min(Integer.MAX_VALUE - 1L, (long) query.offset() + query.limit());
        try {
            return withSearcher(s -> run(s, full, textQuery, query, wanted), emptyResults());
        } catch (IndexSearcher.TooManyClauses e) {
            throw new ArchiveException(Kind.BAD_INPUT, Messages.Archive_tooManyClauses, e);
        }
    }

    /** Matcher of the committed contacts, rebuilt after a commit or refresh changed them. */
    private ContactMatcher contactMatcher() {
        Map<String, Contact> cs = contacts;
        Map<String, Conversation> vs = conversations;
        MatcherCache c = matcherCache;
        if (c == null || c.contacts() != cs || c.conversations() != vs) {
            c = new MatcherCache(cs, vs, ContactMatcher.of(cs.values(), vs.values()));
            matcherCache = c;
        }
        return c.matcher();
    }

    private record MatcherCache(Map<String, Contact> contacts, Map<String, Conversation> conversations,
            ContactMatcher matcher) {
    }

    private volatile MatcherCache matcherCache;

    private static SearchResults emptyResults() {
        return new SearchResults(0, List.of(), Map.of(), Map.of());
    }

    @Override
    public maraude.core.archive.TextMatcher matcher(String queryText) {
        ensureOpen();
        try {
            return new MatchRanges(analyzer, parser.parse(queryText == null ? "" : queryText)); //$NON-NLS-1$
        } catch (ParseException e) {
            return maraude.core.archive.TextMatcher.NONE;
        }
    }

    private SearchResults run(IndexSearcher s, Query full, Query textQuery, SearchQuery query, int wanted)
            throws IOException {
        // Equal scores (short messages with the same words) are frequent: the newest comes first, not
        // whichever the indexing threads happened to write first.
        Sort sort = switch (query.sort()) {
        case RELEVANCE -> new Sort(SortField.FIELD_SCORE, byTime(true), bySourceLine(true));
        case NEWEST -> new Sort(byTime(true), bySourceLine(true));
        case OLDEST -> new Sort(byTime(false), bySourceLine(false));
        };
        Object[] r = s.search(full, new MultiCollectorManager(
                new TopFieldCollectorManager(sort, wanted, null, Integer.MAX_VALUE), new FacetCounter.Manager()));
        TopDocs top = (TopDocs) r[0];
        FacetCounter.Result facets = (FacetCounter.Result) r[1];
        int from = Math.min(query.offset(), top.scoreDocs.length);
        ScoreDoc[] page = Arrays.copyOfRange(top.scoreDocs, from, top.scoreDocs.length);
        Snippets snippets = new Snippets(analyzer, textQuery);
        MatchRanges ranges = new MatchRanges(analyzer, textQuery);
        HitReader reader = new HitReader(s);
        Map<String, Conversation> convs = conversations;
        SearchHit[] hits = new SearchHit[page.length];
        // In document order: doc values iterators only move forward.
        Integer[] byDoc = new Integer[page.length];
        for (int i = 0; i < byDoc.length; i++) {
            byDoc[i] = i;
        }
        Arrays.sort(byDoc, Comparator.comparingInt(i -> page[i].doc));
        for (int i : byDoc) {
            ScoreDoc sd = page[i];
            HitReader.Fields f = reader.read(sd.doc);
            Conversation conv = convs.get(f.conversationId());
            Contact contact = conv == null ? null : contacts.get(conv.contactId());
            hits[i] = new SearchHit(f.messageId(), f.conversationId(), conv == null ? null : conv.platform(),
                    conv == null ? null : conv.contactId(), contact == null ? null : contact.displayName(),
                    f.direction(), f.instant(), snippets.of(f.text()), score(sd), ranges.in(f.text()));
        }
        return new SearchResults(facets.total(), Arrays.asList(hits), facets.byPlatform(), facets.byMonth());
    }

    private static SortField byTime(boolean newest) {
        return new SortField(ArchiveSchema.TIME, SortField.Type.LONG, newest);
    }

    /** Messages of the same second keep their order in the export. */
    private static SortField bySourceLine(boolean newest) {
        return new SortField(ArchiveSchema.SEQ, SortField.Type.LONG, newest);
    }

    /** The relevance of a hit: the first sort value of a relevance sort, 0 in a sort by date. */
    private static float score(ScoreDoc sd) {
        if (sd instanceof FieldDoc fd && fd.fields.length > 0 && fd.fields[0] instanceof Float score) {
            return score;
        }
        return Float.isNaN(sd.score) ? 0f : sd.score;
    }

    /**
     * Snippets by re-analysing the hit's text (no offsets are indexed). A field highlighter (terms and
     * automata extracted from the query) is built once per search, on the first hit that needs it, and
     * reused for every hit of the page: one that takes a short text whole (most messages are shorter
     * than a snippet: no sentence breaking), one that picks the passage closest to
     * {@value #SNIPPET_CHARS} characters in longer texts. Weight matches, strict phrases and passage
     * relevancy are off: each would build an in-memory index per hit; terms of a phrase are then
     * highlighted wherever they occur in the snippet, which reads fine for short messages.
     */
    private static final class Snippets {

        private final Analyzer analyzer;
        private final Query query;
        private FieldHighlighter whole;
        private FieldHighlighter passages;

        Snippets(Analyzer analyzer, Query query) {
            this.analyzer = analyzer;
            this.query = query;
        }

        String of(String text) throws IOException {
            if (text == null) {
                return preview(null);
            }
            FieldHighlighter h;
            if (text.length() <= SNIPPET_CHARS) {
                if (whole == null) {
                    whole = highlighter(analyzer, query, WholeBreakIterator::new);
                }
                h = whole;
            } else {
                if (passages == null) {
                    passages = highlighter(analyzer, query, () -> LengthGoalBreakIterator.createClosestToLength(
                            BreakIterator.getSentenceInstance(Locale.ROOT), SNIPPET_CHARS, 0.5f));
                }
                h = passages;
            }
            // Only the first HIGHLIGHT_MAX_LENGTH characters are looked at (the highlighter's own
            // limit applies to texts it loads itself, not to a text given to it).
            Object formatted = h.highlightFieldForDoc(null, -1, head(text, HIGHLIGHT_MAX_LENGTH));
            return formatted == null ? preview(text) : capSnippet(formatted.toString());
        }

        private static FieldHighlighter highlighter(Analyzer analyzer, Query query,
                java.util.function.Supplier<BreakIterator> breaks) {
            return new QueryHighlighter(UnifiedHighlighter.builderWithoutSearcher(analyzer)
                    .withFormatter(new DefaultPassageFormatter("[[", "]]", "… ", false)) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    .withBreakIterator(breaks).withScorer(new DistinctTermsScorer())
                    .withWeightMatches(false).withHighlightPhrasesStrictly(false).withPassageRelevancyOverSpeed(false)
                    .withMaxLength(HIGHLIGHT_MAX_LENGTH)).forText(query);
        }
    }

    private static String head(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }

    /** A snippet cut at {@link #SNIPPET_MAX_CHARS}, never inside a highlight marker, with a closing one if cut inside a hit. */
    static String capSnippet(String snippet) {
        if (snippet.length() <= SNIPPET_MAX_CHARS) {
            return snippet;
        }
        String cut = head(snippet, SNIPPET_MAX_CHARS);
        while (cut.endsWith("[") || cut.endsWith("]")) { //$NON-NLS-1$ //$NON-NLS-2$
            cut = cut.substring(0, cut.length() - 1);
        }
        boolean open = cut.lastIndexOf("[[") > cut.lastIndexOf("]]"); //$NON-NLS-1$ //$NON-NLS-2$
        return cut + (open ? "]]" : "") + '…'; //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** Reaches the highlighter's per-field machinery, to highlight texts that are not read from an index. */
    private static final class QueryHighlighter extends UnifiedHighlighter {

        QueryHighlighter(Builder b) {
            super(b);
        }

        FieldHighlighter forText(Query query) {
            return getFieldHighlighter(ArchiveSchema.TEXT, query, extractTerms(query), 1);
        }
    }

    /**
     * The default passage score (BM25-like over the distinct terms of the passage), counting distinct
     * terms by comparing the few matches of a passage with each other: the default builds a hash with
     * a 32 KiB block per passage, a tenth of the time of a search at 100k messages.
     */
    static final class DistinctTermsScorer extends PassageScorer {

        @Override
        public float score(Passage passage, int contentLength) {
            int n = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] inDoc = passage.getMatchTermFreqsInDoc();
            float score = 0;
            for (int i = 0; i < n; i++) {
                boolean first = true;
                for (int j = 0; j < i && first; j++) {
                    first = !terms[j].bytesEquals(terms[i]);
                }
                if (!first) {
                    continue;
                }
                int inPassage = 1;
                for (int j = i + 1; j < n; j++) {
                    if (terms[j].bytesEquals(terms[i])) {
                        inPassage++;
                    }
                }
                score += tf(inPassage, passage.getLength()) * weight(contentLength, inDoc[i]);
            }
            return score * norm(passage.getStartOffset());
        }
    }

    // ---- plumbing ---------------------------------------------------------------------------

    @FunctionalInterface
    private interface SearcherFunction<T> {
        T apply(IndexSearcher s) throws IOException;
    }

    private <T> T withSearcher(SearcherFunction<T> f, T whenEmpty) {
        if (searchers == null) {
            return whenEmpty;
        }
        IndexSearcher s;
        try {
            s = searchers.acquire();
        } catch (IOException e) {
            throw ioFailure(e);
        }
        try {
            return f.apply(s);
        } catch (CorruptIndexException e) {
            throw new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Archive_corrupt, location(), e.getMessage()), e);
        } catch (IOException e) {
            throw ioFailure(e);
        } finally {
            try {
                searchers.release(s);
            } catch (IOException e) {
                // releasing a reader cannot lose data
            }
        }
    }

    private ArchiveException ioFailure(IOException e) {
        if (e instanceof CorruptIndexException) {
            return new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Archive_corrupt, location(), e.getMessage()), e);
        }
        return new ArchiveException(Kind.IO, NLS.bind(Messages.Archive_io, location(), e.getMessage()), e);
    }

    private void ensureOpen() {
        if (closed) {
            throw new ArchiveException(Kind.NOT_WRITABLE, Messages.Archive_closed);
        }
    }

    private void ensureWritable() {
        ensureOpen();
        if (writer == null) {
            throw new ArchiveException(Kind.NOT_WRITABLE, Messages.Archive_readOnly);
        }
        if (!writer.isOpen()) {
            // A tragic event (disk full, I/O error) closed the writer: nothing more can be written.
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Archive_io, location(),
                    String.valueOf(writer.getTragicException())), writer.getTragicException());
        }
    }

    @Override
    public void close() {
        synchronized (writeLock) {
            if (closed) {
                return;
            }
            closed = true;
            IOException failure = null;
            try {
                if (idSearcher != null) {
                    searchers.release(idSearcher);
                    idSearcher = null;
                }
                if (searchers != null) {
                    searchers.close();
                }
            } catch (IOException e) {
                failure = e;
            }
            if (indexing != null) {
                indexing.close();
            }
            try {
                if (writer != null) {
                    writer.close(); // commitOnClose=false: rolls back what was not committed
                }
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            try {
                storage.close();
            } catch (IOException e) {
                failure = failure == null ? e : failure;
            }
            if (failure != null) {
                throw ioFailure(failure);
            }
        }
    }

    /** Months in chronological order as "yyyy-mm". */
    static Map<String, Long> monthKeys(Map<Long, Long> yyyymm) {
        Map<String, Long> out = new LinkedHashMap<>();
        new TreeMap<>(yyyymm).forEach((k, v) -> out.put(monthKey(k), v));
        return out;
    }

    /** yyyymm as "yyyy-mm" (String.format costs more than counting the hits of a search). */
    private static String monthKey(long yyyymm) {
        long y = yyyymm / 100;
        long m = yyyymm % 100;
        if (y < 0 || y > 9999) {
            return String.format(Locale.ROOT, "%04d-%02d", y, m); //$NON-NLS-1$
        }
        char[] c = { (char) ('0' + y / 1000), (char) ('0' + y / 100 % 10), (char) ('0' + y / 10 % 10),
                (char) ('0' + y % 10), '-', (char) ('0' + m / 10), (char) ('0' + m % 10) };
        return new String(c);
    }
}

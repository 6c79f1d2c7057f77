package maraude.archive;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.index.IndexWriter;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/**
 * Builds and inverts message documents on indexing threads, beside the caller (an importer parsing
 * its export), since {@link IndexWriter} is made for concurrent {@code addDocument} calls: each thread
 * fills its own in-memory segment. Messages go in batches, with a bounded number of batches in
 * flight, so a fast parser cannot fill the heap.
 *
 * <p>
 * What callers of {@link LuceneArchive} see is unchanged: {@link #drain()} runs before every commit,
 * deletion and maintenance, so all that {@code addMessage} accepted is in the writer before anything
 * else touches it, and readers only ever see commits. A failure on an indexing thread is kept and
 * thrown by the next {@link #add} or {@link #drain}, and from then on the pipeline refuses work: a
 * batch that failed halfway is never committed (closing the archive rolls it back).
 *
 * <p>
 * {@value #THREADS_PROPERTY} sets the number of indexing threads; 0 indexes in the caller's thread.
 * The default is the number of processors, at most {@value #MAX_THREADS}, and 0 on one processor.
 */
final class IndexingPipeline {

    /** System property: number of indexing threads (0: index in the calling thread). */
    static final String THREADS_PROPERTY = "maraude.indexing.threads"; //$NON-NLS-1$
    private static final int MAX_THREADS = 4;
    private static final int BATCH = 256;
    private static final int BATCHES_IN_FLIGHT_PER_THREAD = 2;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private record Item(Message message, Conversation conversation, Contact contact) {
    }

    private final IndexWriter writer;
    private final ExecutorService workers;
    private final Semaphore slots;
    private final int slotCount;
    private List<Item> batch = new ArrayList<>(BATCH);
    private volatile Throwable failure;

    IndexingPipeline(IndexWriter writer) {
        this(writer, defaultThreads());
    }

    IndexingPipeline(IndexWriter writer, int threads) {
        this.writer = writer;
        if (threads <= 0) {
            workers = null;
            slots = null;
            slotCount = 0;
            return;
        }
        int pool = POOLS.incrementAndGet();
        AtomicInteger count = new AtomicInteger();
        workers = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "maraude-indexing-" + pool + '-' + count.incrementAndGet()); //$NON-NLS-1$
            t.setDaemon(true); // never keeps a JVM alive: what is not committed is lost anyway
            return t;
        });
        ((ThreadPoolExecutor) workers).allowCoreThreadTimeOut(true);
        slotCount = threads * BATCHES_IN_FLIGHT_PER_THREAD;
        slots = new Semaphore(slotCount);
    }

    static int defaultThreads() {
        String configured = System.getProperty(THREADS_PROPERTY);
        if (configured != null) {
            try {
                return Math.max(0, Math.min(MAX_THREADS, Integer.parseInt(configured.trim())));
            } catch (NumberFormatException e) {
                // fall through to the default
            }
        }
        int cpus = Runtime.getRuntime().availableProcessors();
        return cpus <= 1 ? 0 : Math.min(MAX_THREADS, cpus);
    }

    /** Number of indexing threads; 0 when documents are indexed in the caller's thread. */
    int threads() {
        return workers == null ? 0 : slotCount / BATCHES_IN_FLIGHT_PER_THREAD;
    }

    /** Queues one message (the caller has checked it is new and holds the archive's write lock). */
    void add(Message message, Conversation conversation, Contact contact) throws IOException {
        rethrowFailure();
        if (workers == null) {
            writer.addDocument(ArchiveSchema.messageDocument(message, conversation, contact));
            return;
        }
        batch.add(new Item(message, conversation, contact));
        if (batch.size() >= BATCH) {
            submit();
        }
    }

    /** Returns once every queued message is in the writer; throws the first failure of an indexing thread. */
    void drain() throws IOException {
        if (workers == null) {
            rethrowFailure();
            return;
        }
        if (!batch.isEmpty()) {
            submit();
        }
        slots.acquireUninterruptibly(slotCount);
        slots.release(slotCount);
        rethrowFailure();
    }

    /**
     * {@link #drain()}, then the indexing threads write the in-memory segments out side by side
     * ({@link IndexWriter#flushNextBuffer()}), so that the commit that follows, which would flush them
     * one after the other in the caller's thread, only syncs.
     */
    void drainAndFlush() throws IOException {
        drain();
        if (workers == null) {
            return;
        }
        int threads = threads();
        slots.acquireUninterruptibly(threads);
        for (int i = 0; i < threads; i++) {
            workers.execute(this::flushBuffers);
        }
        drain();
    }

    private void flushBuffers() {
        try {
            while (failure == null && writer.flushNextBuffer()) {
                // one in-memory segment written per call
            }
        } catch (Throwable t) { // kept and rethrown in the caller's thread
            if (failure == null) {
                failure = t;
            }
        } finally {
            slots.release();
        }
    }

    /** Waits for the batches in flight, drops the rest, stops the threads. Failures are not thrown. */
    void close() {
        batch = new ArrayList<>(0);
        if (workers != null) {
            slots.acquireUninterruptibly(slotCount);
            slots.release(slotCount);
            workers.shutdown();
        }
    }

    private void submit() throws IOException {
        List<Item> full = batch;
        batch = new ArrayList<>(BATCH);
        slots.acquireUninterruptibly();
        rethrowFailureReleasing();
        try {
            workers.execute(() -> index(full));
        } catch (RuntimeException e) { // rejected: the pool is shut down
            slots.release();
            throw e;
        }
    }

    private void index(List<Item> items) {
        try {
            for (Item i : items) {
                if (failure != null) {
                    return;
                }
                writer.addDocument(ArchiveSchema.messageDocument(i.message(), i.conversation(), i.contact()));
            }
        } catch (Throwable t) { // kept and rethrown in the caller's thread, Errors included
            if (failure == null) {
                failure = t;
            }
        } finally {
            slots.release();
        }
    }

    private void rethrowFailureReleasing() throws IOException {
        if (failure != null) {
            slots.release();
            rethrowFailure();
        }
    }

    private void rethrowFailure() throws IOException {
        Throwable t = failure;
        if (t == null) {
            return;
        }
        if (t instanceof IOException e) {
            throw new IOException(e.getMessage(), e);
        }
        if (t instanceof Error e) {
            throw new IOException(String.valueOf(e), e);
        }
        throw new IOException(String.valueOf(t.getMessage()), t);
    }
}

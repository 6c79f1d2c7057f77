package maraude.archive;

import static maraude.archive.TestData.streamMessage;
import static maraude.archive.TestData.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.core.model.Platform;

/**
 * The indexing threads change nothing callers see: the same archive as indexing in the caller's
 * thread, deletes and commits after every accepted message, failures reported and never committed.
 */
class IndexingPipelineTest {

    @TempDir
    Path dir;

    @AfterEach
    void defaultThreads() {
        System.clearProperty(LuceneArchive.INDEXING_THREADS_PROPERTY);
    }

    /** Several thousand messages over many batches, spread over 3 threads, then over none. */
    @Test
    void threadsIndexExactlyWhatTheCallersThreadIndexes() {
        List<String> withThreads = indexAndDescribe(dir.resolve("threads"), 3);
        List<String> inCaller = indexAndDescribe(dir.resolve("caller"), 0);
        assertEquals(inCaller, withThreads);
    }

    private List<String> indexAndDescribe(Path folder, int threads) {
        System.setProperty(LuceneArchive.INDEXING_THREADS_PROPERTY, Integer.toString(threads));
        List<String> out = new ArrayList<>();
        try (LuceneArchive a = LuceneArchive.open(folder, AccessMode.READ_WRITE)) {
            var t1 = thread(a, Platform.WHATSAPP, "+32470111111", "Nina");
            var t2 = thread(a, Platform.SMS, "+32470222222", "Lola");
            int accepted = 0;
            for (int i = 0; i < 3000; i++) {
                // interleaved threads, and every tenth message offered twice: dedup before the threads
                Message m = streamMessage(i % 3 == 0 ? t2 : t1, i);
                accepted += a.addMessage(m) ? 1 : 0;
                if (i % 10 == 0) {
                    assertFalse(a.addMessage(m));
                }
                if (i == 1700) {
                    a.commit(); // a commit in the middle: later ids are checked against it
                    assertFalse(a.addMessage(streamMessage(t1, 1)));
                }
            }
            a.commit();
            assertEquals(3000, accepted);
            assertEquals(3000, a.stats().messages());
            List<Message> thread1 = a.messages(t1.conversation().id());
            assertEquals(2000, thread1.size());
            for (int k = 1; k < thread1.size(); k++) {
                assertTrue(thread1.get(k - 1).instant().isBefore(thread1.get(k).instant()), "chronological at " + k);
            }
            out.add(thread1.get(0).id() + ' ' + thread1.get(1999).id());
            out.add(Long.toString(a.search(query("dépistage")).totalHits()));
            out.add(Long.toString(a.search(query("\"rendez-vous jeudi 13\"")).totalHits()));
            // newest first: relevance ties between equal texts are broken by document number, which
            // depends on the thread that indexed each message
            var r = a.search(new SearchQuery("jeudi 42", null, null, null, null, null, null, SearchQuery.Sort.NEWEST, 0, 20));
            out.add(r.byPlatform() + " " + r.byMonth() + " " + r.hits().stream().map(h -> h.messageId()).toList());
            a.summaries().forEach(s -> out.add(s.conversationId() + ' ' + s.messageCount() + ' ' + s.lastMessage()));
        }
        return out;
    }

    private static SearchQuery query(String text) {
        return new SearchQuery(text, null, null, null, null, null, null, SearchQuery.Sort.RELEVANCE, 0, 20);
    }

    /** A message removed while its document may still be queued for a thread is gone after the commit. */
    @Test
    void removeReachesAMessageStillQueued() {
        System.setProperty(LuceneArchive.INDEXING_THREADS_PROPERTY, "2");
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.SMS, "+32470333333", "Kim");
            List<Message> added = new ArrayList<>();
            for (int i = 0; i < 600; i++) {
                Message m = streamMessage(t, i);
                a.addMessage(m);
                added.add(m);
            }
            assertTrue(a.removeMessage(added.get(599).id()), "the last one, never handed to a thread yet");
            assertTrue(a.removeMessage(added.get(3).id()), "one of the first batch");
            a.commit();
            assertEquals(598, a.stats().messages());
            List<String> ids = a.messages(t.conversation().id()).stream().map(Message::id).toList();
            assertFalse(ids.contains(added.get(599).id()));
            assertFalse(ids.contains(added.get(3).id()));
        }
    }

    /** Pending messages are not committed by close, threads or not. */
    @Test
    void closeDropsWhatWasQueuedButNotCommitted() {
        System.setProperty(LuceneArchive.INDEXING_THREADS_PROPERTY, "2");
        String conversation;
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.SMS, "+32470444444", "Eva");
            conversation = t.conversation().id();
            a.addMessage(streamMessage(t, 0));
            a.commit();
            for (int i = 1; i < 1000; i++) {
                a.addMessage(streamMessage(t, i));
            }
        }
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_ONLY)) {
            assertEquals(1, a.stats().messages());
            assertEquals(1, a.messages(conversation).size());
        }
    }

    /**
     * A disk that fails while the threads write segments: the commit reports it, every later write
     * too, nothing of the batch is committed, and the archive's last commit stays readable.
     */
    @Test
    void aFailureOnAnIndexingThreadFailsTheCommitAndEveryWriteAfter() throws IOException {
        AtomicBoolean diskFull = new AtomicBoolean();
        try (ByteBuffersDirectory ram = new ByteBuffersDirectory();
                FilterDirectory failing = new FilterDirectory(ram) {
                    @Override
                    public IndexOutput createOutput(String name, IOContext context) throws IOException {
                        if (diskFull.get()) {
                            throw new IOException("No space left on device"); //$NON-NLS-1$
                        }
                        return super.createOutput(name, context);
                    }
                }) {
            IndexWriter writer = new IndexWriter(failing, new IndexWriterConfig(ArchiveSchema.analyzer()));
            IndexingPipeline pipeline = new IndexingPipeline(writer, 2);
            Contact c = Contact.of(Platform.SMS, "+32470555555", "Mia");
            Conversation v = Conversation.of(Platform.SMS, "+32470555555", c, "Mia");
            var t = new TestData.Thread(c, v);
            for (int i = 0; i < 300; i++) {
                pipeline.add(streamMessage(t, i), v, c);
            }
            pipeline.drainAndFlush();
            writer.commit();
            for (int i = 300; i < 1000; i++) {
                pipeline.add(streamMessage(t, i), v, c);
            }
            diskFull.set(true);
            IOException failure = assertThrows(IOException.class, pipeline::drainAndFlush);
            // the disk's own error, or the writer closed by it (a flush failure is tragic for Lucene)
            boolean reported = false;
            for (Throwable cause = failure; cause != null && !reported; cause = cause.getCause()) {
                reported = String.valueOf(cause.getMessage()).contains("No space left"); //$NON-NLS-1$
            }
            assertTrue(reported, String.valueOf(failure));
            assertThrows(IOException.class, () -> pipeline.add(streamMessage(t, 2000), v, c));
            assertThrows(IOException.class, pipeline::drain);
            pipeline.close();
            writer.rollback();
            diskFull.set(false);
            try (DirectoryReader r = DirectoryReader.open(ram)) {
                assertEquals(300, r.numDocs(), "the last commit, whole");
            }
        }
    }
}

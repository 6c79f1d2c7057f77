package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.apache.lucene.index.CheckIndex;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Platform;

/** Crash safety and cross-process locking, with a real second JVM. */
class ChildProcessTest {

    @TempDir
    Path dir;

    @Test
    void killedWriterLeavesTheLastCommitWholeAndTheArchiveRecovers() throws Exception {
        Process child = ChildJvm.start("index", dir.toString(), "500");
        int committed = 0;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("COMMITTED ")) {
                    committed = Integer.parseInt(line.substring(10));
                    if (committed >= 5000) {
                        break; // the child is now busy with the next batch
                    }
                }
            }
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        if (committed < 5000) {
            fail("child stopped early after " + committed + " committed messages, exit " + child.exitValue());
        }

        // The index is structurally sound.
        try (Directory d = FSDirectory.open(dir.resolve("index"))) {
            ByteArrayOutputStream log = new ByteArrayOutputStream();
            try (CheckIndex check = new CheckIndex(d)) {
                check.setInfoStream(new PrintStream(log, true, StandardCharsets.UTF_8));
                assertTrue(check.checkIndex().clean, log.toString(StandardCharsets.UTF_8));
            }
        }
        // Reopening for writing recovers by itself; every committed message is there.
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            long stored = a.stats().messages();
            assertTrue(stored >= committed, stored + " < " + committed);
            assertEquals(0, stored % 500, "only whole batches survive: " + stored);
            Contact c = Contact.of(Platform.WHATSAPP, "+32470999999", "Crash");
            TestData.Thread t = new TestData.Thread(c, Conversation.of(Platform.WHATSAPP, "+32470999999", c, "Crash"));
            for (int i = 0; i < stored; i++) {
                assertFalse(a.addMessage(TestData.streamMessage(t, i)), "message " + i + " lost");
            }
            assertTrue(a.addMessage(TestData.streamMessage(t, (int) stored)));
            a.commit();
            assertEquals(stored + 1, a.stats().messages());
            assertEquals(stored + 1, a.messages(t.conversation().id()).size());
            assertEquals(stored + 1, a.search(SearchQuery.of("dépistage")).totalHits());
        }
    }

    @Test
    void writerInAnotherProcessLocksUsOutUntilItDies() throws Exception {
        Process child = ChildJvm.start("hold", dir.toString());
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("HOLDING", out.readLine());
            ArchiveException e = assertThrows(ArchiveException.class, () -> LuceneArchive.open(dir, AccessMode.READ_WRITE));
            assertEquals(Kind.LOCKED, e.kind());
            try (LuceneArchive reader = LuceneArchive.open(dir, AccessMode.READ_ONLY)) {
                assertEquals(0, reader.stats().messages());
            }
            child.destroyForcibly(); // a killed holder leaves no stale lock: the OS releases it
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            assertEquals(0, a.stats().messages());
        }
    }

    @Test
    void classPathForChildrenIsFound() throws Exception {
        String cp = ChildJvm.classPath();
        assertTrue(cp.contains("lucene"), cp);
    }
}

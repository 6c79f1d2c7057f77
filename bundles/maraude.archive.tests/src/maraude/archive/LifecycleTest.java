package maraude.archive;

import static maraude.archive.TestData.T0;
import static maraude.archive.TestData.msg;
import static maraude.archive.TestData.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.storage.FileAttachmentStore;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/** Dedup, upsert, commit/close semantics, locking, read-only, corruption, attachments. */
class LifecycleTest {

    @TempDir
    Path dir;

    @Test
    void sameMessageTwiceChangesNothingPendingCommittedAndAfterReopen() {
        Message m;
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.SMS, "+32470111111", "Nina");
            m = msg(t, Direction.INBOUND, T0, "bonjour");
            assertTrue(a.addMessage(m));
            assertFalse(a.addMessage(m), "pending duplicate");
            // same content built again yields the same stable id
            assertFalse(a.addMessage(msg(t, Direction.INBOUND, T0, "bonjour")));
            a.commit();
            assertFalse(a.addMessage(m), "committed duplicate");
            assertEquals(1, a.stats().messages());
        }
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            assertFalse(a.addMessage(m), "duplicate after reopen");
            a.commit();
            assertEquals(1, a.stats().messages());
            assertEquals(List.of(m), a.messages(m.conversationId()));
        }
    }

    /**
     * Dedup through the whole-index id filter: across commits that add ids to it, past the size it was
     * built for (65,536 ids), and after maintenance that committed and deleted a message.
     */
    @Test
    void duplicatesAreRefusedAcrossCommitsFilterGrowthAndMaintenance() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.SMS, "+32470999999", "Roxy");
            assertTrue(a.addMessage(TestData.streamMessage(t, 0)));
            a.commit();
            for (int i = 1; i < 70_000; i++) {
                assertTrue(a.addMessage(TestData.streamMessage(t, i)));
                if (i % 10_000 == 0) {
                    a.commit();
                    assertFalse(a.addMessage(TestData.streamMessage(t, i - 5_000)), "committed " + (i - 5_000));
                }
            }
            a.commit();
            for (int i : new int[] { 0, 1, 34_567, 62_000, 65_536, 69_999 }) {
                assertFalse(a.addMessage(TestData.streamMessage(t, i)), "committed " + i);
            }
            String gone = TestData.streamMessage(t, 42).id();
            assertTrue(a.addMessage(TestData.streamMessage(t, 70_000)), "pending when the maintenance commits");
            a.maintain((w, storage) -> {
                w.deleteDocuments(ArchiveSchema.idTerm(gone));
                w.commit();
                return null;
            });
            assertFalse(a.addMessage(TestData.streamMessage(t, 43)), "kept after maintenance");
            assertFalse(a.addMessage(TestData.streamMessage(t, 70_000)), "committed by the maintenance");
            assertTrue(a.addMessage(TestData.streamMessage(t, 42)), "deleted by maintenance, so new again");
            a.commit();
            assertEquals(70_001, a.stats().messages());
        }
    }

    @Test
    void putIsAnUpsertById() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            Contact c = Contact.of(Platform.WHATSAPP, "+32470222222", "N.");
            a.putContact(c);
            a.putConversation(Conversation.of(Platform.WHATSAPP, "+32470222222", c, "N."));
            a.commit();
            a.putContact(new Contact(c.id(), c.platform(), c.handle(), "Nadia"));
            a.commit();
        }
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_ONLY)) {
            assertEquals(1, a.stats().contacts());
            assertEquals("Nadia", a.contacts().get(0).displayName());
            assertEquals(1, a.conversations().size());
        }
    }

    @Test
    void puttingWhatIsStoredAgainWritesNoCommitButAChangeOrAMaintenanceDeleteIsWritten() throws Exception {
        Contact c = Contact.of(Platform.WHATSAPP, "+32470444444", "Mila");
        Conversation v = Conversation.of(Platform.WHATSAPP, "+32470444444", c, "Mila");
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            a.putContact(c);
            a.putConversation(v);
            a.addMessage(Message.of(v.id(), Direction.INBOUND, T0, "Mila", null, "salut", List.of(), null));
            a.commit();
            long generation = a.commitGeneration();
            a.putContact(c); // a re-import names them again
            a.putConversation(v);
            assertFalse(a.addMessage(Message.of(v.id(), Direction.INBOUND, T0, "Mila", null, "salut", List.of(), null)));
            a.commit();
            assertEquals(generation, a.commitGeneration(), "nothing new, nothing written");
            a.putContact(new Contact(c.id(), c.platform(), c.handle(), "Mila B."));
            a.commit();
            assertEquals("Mila B.", a.contact(c.id()).orElseThrow().displayName());
            a.maintain((w, storage) -> { // deleted, not yet committed: the maps still show it
                w.deleteDocuments(ArchiveSchema.idTerm(v.id()));
                return null;
            });
            a.putConversation(v);
            a.commit();
        }
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_ONLY)) {
            assertEquals("Mila", a.conversation(v.id()).orElseThrow().title(), "put again after the maintenance delete");
            assertEquals("Mila B.", a.contact(c.id()).orElseThrow().displayName());
            assertEquals(1, a.stats().messages());
        }
    }

    @Test
    void readsSeeTheLastCommitAndCloseDropsTheRest() {
        Message kept, dropped;
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.SMS, "+32470333333", "Zoé");
            kept = msg(t, Direction.INBOUND, T0, "gardé");
            a.addMessage(kept);
            a.commit();
            dropped = msg(t, Direction.INBOUND, T0.plusMinutes(1), "perdu");
            a.addMessage(dropped);
            assertEquals(1, a.pendingMessages());
            assertEquals(0, a.search(SearchQuery.of("perdu")).totalHits(), "pending is invisible");
            assertEquals(1, a.stats().messages());
        }
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            assertEquals(List.of(kept), a.messages(kept.conversationId()));
            assertTrue(a.addMessage(dropped), "an uncommitted message was never stored");
        }
    }

    @Test
    void messageOfUnknownConversationIsRefused() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            Message m = Message.of("t-unknown", Direction.INBOUND, T0, "x", null, "y", List.of(), null);
            ArchiveException e = assertThrows(ArchiveException.class, () -> a.addMessage(m));
            assertEquals(Kind.BAD_INPUT, e.kind());
        }
    }

    @Test
    void secondWriterIsLockedOutReadersAreNot() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            ArchiveException e = assertThrows(ArchiveException.class,
                    () -> new LuceneArchiveFactory().open(dir, AccessMode.READ_WRITE));
            assertEquals(Kind.LOCKED, e.kind());
            assertTrue(e.getMessage().contains(dir.toString()), e.getMessage());
            try (Archive r = new LuceneArchiveFactory().open(dir, AccessMode.READ_ONLY)) {
                assertEquals(0, r.stats().messages());
            }
            // the failed open did not disturb the first writer
            var t = thread(a, Platform.SMS, "+32470444444", "Kim");
            assertTrue(a.addMessage(msg(t, Direction.INBOUND, T0, "toujours là")));
            a.commit();
        }
        try (LuceneArchive again = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            assertEquals(1, again.stats().messages());
        }
    }

    @Test
    void readOnlyRefusesWritesAndSeesNewCommitsOnRefresh() throws IOException {
        try (LuceneArchive w = LuceneArchive.open(dir, AccessMode.READ_WRITE);
                LuceneArchive r = LuceneArchive.open(dir, AccessMode.READ_ONLY)) {
            ArchiveException e = assertThrows(ArchiveException.class, r::commit);
            assertEquals(Kind.NOT_WRITABLE, e.kind());
            assertThrows(ArchiveException.class,
                    () -> r.putContact(Contact.of(Platform.SMS, "+32470555555", "x")));
            assertThrows(ArchiveException.class, () -> r.storeAttachment(
                    new ByteArrayInputStream(new byte[1]), "image/png", "a.png"));
            var t = thread(w, Platform.SMS, "+32470555555", "Mia");
            w.addMessage(msg(t, Direction.INBOUND, T0, "salut"));
            w.commit();
            assertEquals(0, r.stats().messages());
            r.refresh();
            assertEquals(1, r.stats().messages());
            assertEquals(1, r.search(SearchQuery.of("salut")).totalHits());
        }
    }

    @Test
    void readOnlyOnAMissingArchiveIsEmptyAndCreatesNothing() {
        Path missing = dir.resolve("nothing-here");
        try (Archive a = new LuceneArchiveFactory().open(missing, AccessMode.READ_ONLY)) {
            assertEquals(0, a.stats().messages());
            assertEquals(0, a.search(SearchQuery.of("x")).totalHits());
            assertEquals(List.of(), a.summaries());
            assertEquals(List.of(), a.messages("t-x"));
        }
        assertFalse(Files.exists(missing));
    }

    @Test
    void closedArchiveRefusesEverything() {
        LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE);
        a.close();
        a.close(); // idempotent
        assertEquals(Kind.NOT_WRITABLE, assertThrows(ArchiveException.class, a::stats).kind());
        assertEquals(Kind.NOT_WRITABLE, assertThrows(ArchiveException.class, a::commit).kind());
    }

    @Test
    void damagedIndexIsReportedAsCorrupt() throws IOException {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.SMS, "+32470666666", "Eva");
            a.addMessage(msg(t, Direction.INBOUND, T0, "bonjour"));
            a.commit();
        }
        Path segments;
        try (Stream<Path> files = Files.list(dir.resolve("index"))) {
            segments = files.filter(p -> p.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(segments);
        for (int i = bytes.length / 2; i < bytes.length; i++) {
            bytes[i] ^= 0x5A;
        }
        Files.write(segments, bytes);
        for (AccessMode mode : AccessMode.values()) {
            ArchiveException e = assertThrows(ArchiveException.class, () -> LuceneArchive.open(dir, mode));
            assertEquals(Kind.CORRUPT, e.kind(), mode.toString());
            assertTrue(e.getMessage().contains("sauvegarde") || e.getMessage().contains("backup"), e.getMessage());
        }
    }

    @Test
    void attachmentsAreContentAddressedAndStoredOnce() throws IOException {
        byte[] png = "\u0089PNG fake image bytes".getBytes(StandardCharsets.ISO_8859_1);
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            Attachment first = a.storeAttachment(new ByteArrayInputStream(png), "image/png", "IMG-1.png");
            Attachment again = a.storeAttachment(new ByteArrayInputStream(png), "image/png", "copie.png");
            assertEquals(first.sha256(), again.sha256());
            assertEquals(png.length, first.size());
            assertEquals("copie.png", again.fileName());
            Path file = dir.resolve("attachments").resolve(first.sha256().substring(0, 2))
                    .resolve(first.sha256().substring(2));
            assertTrue(Files.isRegularFile(file));
            assertEquals(1, a.stats().attachments());
            try (InputStream in = a.openAttachment(first.sha256())) {
                assertEquals(new String(png, StandardCharsets.ISO_8859_1),
                        new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
            }
            // the attachment travels with its message
            var t = thread(a, Platform.WHATSAPP, "+32470777777", "Ivy");
            Message m = Message.of(t.conversation().id(), Direction.INBOUND, T0, "Ivy", null, "", List.of(first),
                    SourceRef.ofLine("chat.txt", 3));
            a.addMessage(m);
            a.commit();
            assertEquals(List.of(m), a.messages(t.conversation().id()));
            assertThrows(NoSuchFileException.class, () -> a.openAttachment("0".repeat(64)));
            assertThrows(IllegalArgumentException.class, () -> a.openAttachment("../../index/segments_1"));
            assertThrows(IllegalArgumentException.class, () -> a.openAttachment("AB".repeat(32)));
        }
        assertThrows(IllegalArgumentException.class, () -> new FileAttachmentStore(dir).pathOf(null));
    }
}

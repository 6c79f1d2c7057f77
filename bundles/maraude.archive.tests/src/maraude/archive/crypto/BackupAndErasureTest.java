package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.T0;
import static maraude.archive.crypto.ProtectionTestData.assertNowhere;
import static maraude.archive.crypto.ProtectionTestData.filesContaining;
import static maraude.archive.crypto.ProtectionTestData.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchiveFactory;
import maraude.archive.crypto.ProtectionTestData.Thread;
import maraude.archive.maintenance.AuditTrail;
import maraude.archive.maintenance.Retention;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Attachment;
import maraude.core.model.Platform;

/** Backups while in use and restores; purge and forget with raw scans; the audit trail. */
class BackupAndErasureTest {

    @TempDir
    Path tmp;

    private final Keyring keyring = new Keyring(a -> null);
    private final ProtectedArchiveFactory factory = new ProtectedArchiveFactory(keyring);

    static final String KEEP_NAME = "Amandinette";
    static final String FORGET_NAME = "Ludmirabelle";
    static final String FORGET_WORD = "xylophonique";
    static final String OLD_WORD = "ancestralissime";

    /** Two contacts; the one to forget has an attachment of its own and one shared with the other. */
    private void fill(Archive a) throws IOException {
        Thread keep = ProtectionTestData.thread(a, Platform.SMS, "+32470111111", KEEP_NAME);
        Thread forget = ProtectionTestData.thread(a, Platform.WHATSAPP, "+32470222222", FORGET_NAME);
        ProtectionTestData.filler(a, keep, 1500, T0);
        ProtectionTestData.filler(a, forget, 1500, T0.plusDays(1));
        Attachment own = a.storeAttachment(new ByteArrayInputStream(("own " + FORGET_WORD).getBytes(StandardCharsets.UTF_8)),
                "image/jpeg", "own.jpg");
        Attachment shared = a.storeAttachment(new ByteArrayInputStream("shared flyer".getBytes(StandardCharsets.UTF_8)),
                "application/pdf", "flyer.pdf");
        a.addMessage(ProtectionTestData.msg(forget, 9001, T0.plusDays(5), "secret " + FORGET_WORD, List.of(own, shared)));
        a.addMessage(ProtectionTestData.msg(keep, 9002, T0.plusDays(5), "voici le flyer", List.of(shared)));
        a.addMessage(ProtectionTestData.msg(keep, 9003, T0.minusYears(3), "très vieux " + OLD_WORD, List.of()));
        a.commit();
    }

    @Test
    void backupWhileWritingThenRestoreRoundTrips() throws Exception {
        Path root = tmp.resolve("archive");
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
            // a writer keeps committing while backups run
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger commits = new AtomicInteger();
            Thread t = ProtectionTestData.thread(a, Platform.TELEGRAM, "busy", "Busy");
            a.commit();
            java.lang.Thread writer = new java.lang.Thread(() -> {
                int i = 0;
                while (!stop.get()) {
                    a.addMessage(ProtectionTestData.msg(t, i, T0.plusSeconds(i), "busy " + i, List.of()));
                    if (++i % 50 == 0) {
                        a.commit();
                        commits.incrementAndGet();
                    }
                }
            });
            writer.start();
            try {
                for (int k = 0; k < 3; k++) {
                    ArchiveBackup.Result r = ArchiveBackup.backup(root, tmp.resolve("backup" + k), keyring, null,
                            CheapKdf.PARAMS);
                    assertTrue(r.documents() >= 3005, "contacts, conversations and messages: " + r.documents());
                }
            } finally {
                stop.set(true);
                writer.join();
            }
            assertTrue(commits.get() > 0);
        }
        assertNowhere(tmp.resolve("backup2"), FORGET_WORD);
        assertFalse(Files.exists(tmp.resolve("backup2.partial")));
        // the backup is itself an archive that the passphrase opens
        keyring.lock();
        long inBackup;
        try (Archive b = factory.open(tmp.resolve("backup2"), AccessMode.READ_ONLY, pass())) {
            inBackup = b.stats().messages();
            assertEquals(1, b.search(SearchQuery.of(FORGET_WORD)).totalHits());
        }
        // damage the archive, then restore
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            a.commit();
        }
        assertThrows(WrongPassphraseException.class,
                () -> ArchiveBackup.restore(tmp.resolve("backup2"), root, "faux".toCharArray()));
        ArchiveBackup.Restored restored = ArchiveBackup.restore(tmp.resolve("backup2"), root, pass());
        // the restored archive was verified: the former one is not kept aside (no leftover to erase)
        assertNull(restored.setAside());
        assertEquals(2, restored.attachments());
        try (var s = Files.list(root)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith("before-restore-")));
        }
        keyring.lock();
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            assertEquals(inBackup, a.stats().messages());
            assertEquals(2, a.stats().attachments());
            assertEquals(1, a.search(SearchQuery.of(FORGET_WORD)).totalHits());
        }
        List<String> events = AuditTrail.read(root).stream().map(AuditTrail.Entry::event).toList();
        assertTrue(events.contains("backup") && events.contains("restore") && events.contains("lock"), events.toString());
    }

    @Test
    void plainArchiveIsBackedUpEncrypted() throws IOException {
        Path root = tmp.resolve("plain");
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_WRITE)) {
            fill(a);
        }
        ArchiveException none = assertThrows(ArchiveException.class,
                () -> ArchiveBackup.backup(root, tmp.resolve("b"), keyring, null, CheapKdf.PARAMS));
        assertTrue(none.getMessage().contains("MARAUDE_PASSPHRASE"));
        ArchiveBackup.backup(root, tmp.resolve("b"), keyring, pass(), CheapKdf.PARAMS);
        assertNowhere(tmp.resolve("b"), FORGET_WORD);
        assertNowhere(tmp.resolve("b"), FORGET_NAME);
        try (Archive b = factory.open(tmp.resolve("b"), AccessMode.READ_ONLY, pass())) {
            assertEquals(3003, b.stats().messages());
            assertEquals(2, b.stats().attachments());
        }
        assertThrows(ArchiveException.class, () -> ArchiveBackup.backup(root, tmp.resolve("b"), keyring, pass(), CheapKdf.PARAMS),
                "an existing backup is never overwritten");
    }

    @Test
    void restoreRefusesAnArchiveInUseAndADamagedBackup() throws IOException {
        Path root = tmp.resolve("a");
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
            ArchiveBackup.backup(root, tmp.resolve("b"), keyring, null, CheapKdf.PARAMS);
            ArchiveException e = assertThrows(ArchiveException.class, () -> ArchiveBackup.restore(tmp.resolve("b"), root, pass()));
            assertEquals(ArchiveException.Kind.LOCKED, e.kind());
        }
        Path biggest = Files.list(tmp.resolve("b").resolve(EncryptedStorage.INDEX_FOLDER))
                .max((x, y) -> Long.compare(x.toFile().length(), y.toFile().length())).orElseThrow();
        byte[] b = Files.readAllBytes(biggest);
        b[b.length / 3] ^= 4;
        Files.write(biggest, b);
        ArchiveException e = assertThrows(ArchiveException.class, () -> ArchiveBackup.restore(tmp.resolve("b"), root, pass()));
        assertEquals(ArchiveException.Kind.CORRUPT, e.kind());
        try (Archive a = factory.open(root, AccessMode.READ_ONLY, pass())) {
            assertEquals(3003, a.stats().messages(), "the archive was not touched");
        }
        assertThrows(ArchiveException.class, () -> ArchiveBackup.restore(tmp.resolve("nothing"), root, pass()));
    }

    @Test
    void forgettingAContactLeavesNoByteOfItInAPlainArchive() throws IOException {
        Path root = tmp.resolve("plain");
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_WRITE)) {
            fill(a);
        }
        assertFalse(filesContaining(root, FORGET_WORD).isEmpty(), "control: the plain archive holds the word");
        String contactId;
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_ONLY)) {
            contactId = a.contacts().stream().filter(c -> c.displayName().equals(FORGET_NAME)).findFirst().orElseThrow().id();
        }
        Retention.Result r;
        try (FileSystemStorage st = new FileSystemStorage(root)) {
            r = Retention.forgetContact(st, contactId);
        }
        assertEquals(1501, r.messages());
        assertEquals(1, r.conversations());
        assertEquals(1, r.contacts());
        assertEquals(1, r.attachments(), "the shared flyer stays");
        assertNowhere(root, FORGET_WORD);
        assertNowhere(root, FORGET_NAME);
        assertNowhere(root, FORGET_NAME.toLowerCase());
        assertNowhere(root, "+32470222222");
        assertNowhere(root, "32470222222");
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_ONLY)) {
            assertEquals(1502, a.stats().messages());
            assertEquals(1, a.stats().contacts());
            assertEquals(1, a.stats().attachments());
            assertEquals(0, a.search(SearchQuery.of(FORGET_WORD)).totalHits());
        }
        AuditTrail.Entry last = AuditTrail.read(root).get(AuditTrail.read(root).size() - 1);
        assertEquals("erasure", last.event());
        assertEquals(1501L, last.counts().get("messages"));
        assertNowhere(root.resolve(AuditTrail.FILE_NAME), contactId);
    }

    @Test
    void purgeRemovesOldMessagesOnAProtectedArchive() throws IOException {
        Path root = tmp.resolve("p");
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
        }
        Retention.Result r;
        try (EncryptedStorage st = new EncryptedStorage(root, keyring.keyFor(root))) {
            r = Retention.purgeOlderThan(st, T0.toInstant());
        }
        assertEquals(1, r.messages());
        assertEquals(0, r.contacts());
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            assertEquals(3002, a.stats().messages());
            assertEquals(0, a.search(SearchQuery.of(OLD_WORD)).totalHits());
            // while open, erasure is refused, not half done
            try (EncryptedStorage st = new EncryptedStorage(root, keyring.keyFor(root))) {
                ArchiveException e = assertThrows(ArchiveException.class, () -> Retention.purgeOlderThan(st, Instant.now()));
                assertEquals(ArchiveException.Kind.LOCKED, e.kind());
            }
        }
        // the team's marks on what the purge will remove
        try (Archive a = factory.open(root, AccessMode.READ_ONLY, pass())) {
            maraude.core.triage.TriageStateStore store = maraude.core.triage.TriageStateStore.open(a.files());
            String conversation = a.summaries().get(0).conversationId();
            String contact = a.summaries().get(0).contactId();
            store.setState(conversation, maraude.core.triage.WorkerState.HANDLED, Instant.now(), "an", null);
            store.setContactFlags(new maraude.core.triage.ContactFlags(contact, true, true, "se dit client", Instant.now(), "an"));
        }
        // everything older than now: contacts and conversations without messages go too
        try (EncryptedStorage st = new EncryptedStorage(root, keyring.keyFor(root))) {
            r = Retention.purgeOlderThan(st, Instant.now());
        }
        assertEquals(3002, r.messages());
        assertEquals(2, r.contacts());
        try (Archive a = factory.open(root, AccessMode.READ_ONLY, pass())) {
            maraude.core.triage.TriageState left = maraude.core.triage.TriageStateStore.open(a.files()).snapshot();
            assertTrue(left.conversations().isEmpty() && left.contacts().isEmpty(),
                    "the notes and flags of purged conversations and contacts go with them");
        }
        try (Archive a = factory.open(root, AccessMode.READ_ONLY, pass())) {
            assertEquals(0, a.stats().messages());
            assertEquals(0, a.stats().contacts());
            assertEquals(0, a.stats().attachments());
        }
    }

    @Test
    void auditTrailHoldsCountsOnlyAndDetectsEditing() throws IOException {
        Path root = tmp.resolve("audit");
        AuditTrail.record(root, AuditTrail.Event.IMPORT, Map.of("messages", 12L));
        AuditTrail.record(root, AuditTrail.Event.REVEAL, Map.of());
        AuditTrail.record(root, AuditTrail.Event.EXPORT, Map.of("conversations", 2L));
        List<AuditTrail.Entry> es = AuditTrail.read(root);
        assertEquals(List.of("import", "reveal", "export"), es.stream().map(AuditTrail.Entry::event).toList());
        assertTrue(es.stream().allMatch(AuditTrail.Entry::chained));
        assertEquals(12L, es.get(0).counts().get("messages"));
        assertThrows(IllegalArgumentException.class,
                () -> AuditTrail.record(root, AuditTrail.Event.IMPORT, Map.of("Vanessa +32470", 1L)));
        // removing the middle line breaks the chain from there on
        List<String> lines = Files.readAllLines(root.resolve(AuditTrail.FILE_NAME));
        Files.write(root.resolve(AuditTrail.FILE_NAME), List.of(lines.get(0), lines.get(2)));
        es = AuditTrail.read(root);
        assertTrue(es.get(0).chained());
        assertFalse(es.get(1).chained());
    }
}

package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.T0;
import static maraude.archive.crypto.ProtectionTestData.assertNowhere;
import static maraude.archive.crypto.ProtectionTestData.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import maraude.archive.LuceneArchiveFactory;
import maraude.archive.crypto.ProtectionTestData.Thread;
import maraude.archive.maintenance.Retention;
import maraude.archive.storage.ArchiveStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.ArchiveLayout;
import maraude.core.model.Platform;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.QueueSnapshot;

/**
 * The queue's last snapshot ({@link QueueSnapshot}, drawn by the workbench while its archive opens)
 * holds names and previews: read back as written, readable before the index is opened
 * ({@link ArchiveSideFiles}), encrypted on a protected archive, emptied by forget and by a purge that
 * erases something (kept by one that erases nothing), never written back by a writer that started
 * before an erasure, and read as empty when damaged.
 */
class QueueSnapshotErasureTest {

    @TempDir
    Path tmp;

    private final PlainOrProtected archives = new PlainOrProtected();
    private final Keyring keyring = archives.keyring;

    private static final String FORGET_NAME = "Ludmirabelle";
    private static final String KEEP_NAME = "Amandinette";
    private static final String OLD_NAME = "Vieillotte";
    private static final String FORGET_WORD = "xylophonique";
    private static final String OLD_WORD = "vetustorique";
    private static final Instant NOW = T0.plusDays(1).toInstant();

    @ParameterizedTest(name = "protected={0}")
    @ValueSource(booleans = { false, true })
    void forgetAndPurgeEmptyTheSnapshotAndAStaleWriterCannotBringItBack(boolean protect) throws IOException {
        Path root = tmp.resolve("archive");
        if (protect) {
            ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        }
        String forgetId;
        PermanenceQueue first;
        try (Archive a = archives.open(root, AccessMode.READ_WRITE)) {
            Thread forget = ProtectionTestData.thread(a, Platform.WHATSAPP, "+32470222222", FORGET_NAME);
            Thread keep = ProtectionTestData.thread(a, Platform.SMS, "+32470111111", KEEP_NAME);
            Thread old = ProtectionTestData.thread(a, Platform.SMS, "+32470333333", OLD_NAME);
            a.addMessage(ProtectionTestData.msg(forget, 0, T0, "tu as le " + FORGET_WORD + " pour demain ?", List.of()));
            a.addMessage(ProtectionTestData.msg(keep, 0, T0, "bonjour, une question", List.of()));
            a.addMessage(ProtectionTestData.msg(old, 0, T0.minusYears(3), "un ancien message " + OLD_WORD, List.of()));
            a.commit();
            forgetId = forget.contact().id();
            first = PlainOrProtected.triage(a).queue(NOW);
            assertEquals(3, first.size(), "control: three threads wait");
            assertTrue(QueueSnapshot.of(first).writeIfUnchanged(a.files(), QueueSnapshot.version(a.files())));
        }
        // read back before the index is opened, as the workbench does at start (after the unlock)
        keyring.lock();
        if (protect) {
            keyring.unlock(root, pass());
        }
        QueueSnapshot kept = QueueSnapshot.read(ArchiveSideFiles.of(root, keyring));
        assertEquals(QueueSnapshot.of(first).rows(), kept.rows(), "the rows as written");
        assertEquals(first.now(), kept.takenAt());
        assertEquals(3, kept.counts().size());
        assertTrue(kept.rows().stream().anyMatch(r -> r.contactName().equals(FORGET_NAME)
                && r.preview().contains(FORGET_WORD) && r.platform().equals("whatsapp")), "control: names and previews");
        if (protect) {
            assertNowhere(root, FORGET_NAME); // encrypted like the other side files
            assertNowhere(root, FORGET_WORD);
        } else {
            assertFalse(ProtectionTestData.filesContaining(root, FORGET_NAME).isEmpty(), "control: the scan sees clear text");
        }
        assertEquals(List.of(), ArchiveLayout.unexpected(root));

        // a queue computed before the erasure (its version taken then) must not be written after it
        // (each open with the passphrase makes a new key object: side files are taken after it)
        ArchiveFiles side = ArchiveSideFiles.of(root, keyring);
        String before = QueueSnapshot.version(side);
        try (ArchiveStorage st = archives.storage(root, protect)) {
            assertEquals(1, Retention.forgetContact(st, forgetId).contacts());
        }
        assertFalse(QueueSnapshot.of(first).writeIfUnchanged(side, before), "a writer older than the erasure");
        assertNowhere(root, FORGET_NAME);
        assertNowhere(root, FORGET_WORD);
        assertTrue(QueueSnapshot.read(side).isEmpty(), "emptied whole, whoever it was about");
        assertTrue(side.readAllBytes(QueueSnapshot.FILE_NAME).length > 0, "an empty snapshot that reads, not a failure");

        // the next queue writes it again, without the forgotten person
        try (Archive a = archives.open(root, AccessMode.READ_WRITE)) {
            PermanenceQueue q = PlainOrProtected.triage(a).queue(NOW);
            assertEquals(2, q.size());
            assertTrue(QueueSnapshot.of(q).writeIfUnchanged(a.files(), QueueSnapshot.version(a.files())));
        }
        assertEquals(2, QueueSnapshot.read(ArchiveSideFiles.of(root, keyring)).rows().size());

        // a purge that erases nothing keeps it (the daily retention check must not blank the first screen)
        try (ArchiveStorage st = archives.storage(root, protect)) {
            assertEquals(0, Retention.purgeOlderThan(st, T0.minusYears(10).toInstant()).messages());
        }
        assertEquals(2, QueueSnapshot.read(ArchiveSideFiles.of(root, keyring)).rows().size());
        try (ArchiveStorage st = archives.storage(root, protect)) {
            assertEquals(1, Retention.purgeOlderThan(st, T0.minusYears(1).toInstant()).messages());
        }
        assertNowhere(root, OLD_WORD);
        assertTrue(QueueSnapshot.read(ArchiveSideFiles.of(root, keyring)).isEmpty());
        assertEquals(List.of(), ArchiveLayout.unexpected(root));
    }

    @Test
    void aDamagedOrForeignFileReadsAsEmpty() throws IOException {
        Path root = tmp.resolve("plain");
        PermanenceQueue q;
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_WRITE)) {
            Thread t = ProtectionTestData.thread(a, Platform.SMS, "+32470111111", KEEP_NAME);
            ProtectionTestData.filler(a, t, 5, T0);
            a.commit();
            q = PlainOrProtected.triage(a).queue(NOW);
            assertTrue(QueueSnapshot.of(q).writeIfUnchanged(a.files(), QueueSnapshot.version(a.files())));
        }
        ArchiveFiles side = ArchiveSideFiles.of(root, keyring);
        Path file = root.resolve(QueueSnapshot.FILE_NAME);
        byte[] whole = Files.readAllBytes(file);
        assertEquals(1, QueueSnapshot.read(side).rows().size(), "control");
        for (int cut : new int[] { 0, 3, 9, whole.length / 2, whole.length - 1 }) {
            Files.write(file, java.util.Arrays.copyOf(whole, cut));
            assertTrue(QueueSnapshot.read(side).isEmpty(), "cut at " + cut);
        }
        byte[] flipped = whole.clone();
        flipped[40] ^= 0x7f;
        Files.write(file, flipped);
        QueueSnapshot s = QueueSnapshot.read(side); // a flipped byte may still decode: never an exception, never junk rows
        assertTrue(s.isEmpty() || s.rows().size() <= 1);
        Files.write(file, "{\"not\":\"ours\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(QueueSnapshot.read(side).isEmpty());
        Files.delete(file);
        assertTrue(QueueSnapshot.read(side).isEmpty(), "no file: nothing to show");
    }
}

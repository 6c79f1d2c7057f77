package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.T0;
import static maraude.archive.crypto.ProtectionTestData.assertNowhere;
import static maraude.archive.crypto.ProtectionTestData.filesContaining;
import static maraude.archive.crypto.ProtectionTestData.pass;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchiveFactory;
import maraude.archive.crypto.ProtectionTestData.Thread;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Attachment;
import maraude.core.model.Platform;

/** A protected archive end to end: nothing readable on disk, passphrases, tampering, lock, conversion. */
class EncryptedArchiveTest {

    @TempDir
    Path root;

    private final Keyring keyring = new Keyring(a -> null);
    private final ProtectedArchiveFactory factory = new ProtectedArchiveFactory(keyring);

    /** A word that appears only in one message, a pseudonym and a phone number that appear only in the contact. */
    static final String SECRET = "zorglubique";
    static final String PSEUDONYM = "Vanessabelle";
    static final String PHONE = "+32470123987";

    private void fill(Archive a) throws IOException {
        Thread t = ProtectionTestData.thread(a, Platform.WHATSAPP, PHONE, PSEUDONYM);
        ProtectionTestData.filler(a, t, 3000, T0);
        Attachment att = a.storeAttachment(new ByteArrayInputStream(("photo " + SECRET).getBytes(StandardCharsets.UTF_8)),
                "image/jpeg", "IMG-1.jpg");
        a.addMessage(ProtectionTestData.msg(t, 5000, T0.plusDays(3),
                "on se voit au " + SECRET + " demain, appelle " + PHONE, List.of(att)));
        a.commit();
    }

    @Test
    void rawScanOfTheProtectedFolderFindsNoWordOfTheArchive() throws IOException {
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
            assertEquals(1, a.search(SearchQuery.of(SECRET)).totalHits());
        }
        assertNowhere(root, SECRET);
        assertNowhere(root, PSEUDONYM);
        assertNowhere(root, PHONE);
        assertNowhere(root, "rendez-vous");
        assertFalse(Files.exists(root.resolve("index")), "no plain index folder");
        // and it is all there once unlocked again
        keyring.lock();
        try (Archive a = factory.open(root, AccessMode.READ_ONLY, pass())) {
            assertEquals(3001, a.stats().messages());
            assertEquals(PSEUDONYM, a.contacts().get(0).displayName());
            var hit = a.search(SearchQuery.of(SECRET)).hits().get(0);
            Attachment att = a.messages(hit.conversationId()).stream().filter(m -> !m.attachments().isEmpty())
                    .findFirst().orElseThrow().attachments().get(0);
            try (InputStream in = a.openAttachment(att.sha256())) {
                assertEquals("photo " + SECRET, new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
    }

    @Test
    void plainArchiveLeaksAndStaysOpenableByTheService() throws IOException {
        // The control of the scan above: the same data unprotected is readable on disk.
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_WRITE)) {
            fill(a);
        }
        assertFalse(filesContaining(root, SECRET).isEmpty());
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_ONLY)) {
            assertEquals(3001, a.stats().messages());
        }
    }

    @Test
    void wrongPassphraseOpensNothing() throws IOException {
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
        }
        keyring.lock();
        long files = ProtectionTestData.countFiles(root);
        WrongPassphraseException e = assertThrows(WrongPassphraseException.class,
                () -> factory.open(root, AccessMode.READ_WRITE, "correct horse battery stapler".toCharArray()));
        assertEquals(ArchiveException.Kind.BAD_INPUT, e.kind());
        assertTrue(e.getMessage().contains(root.toString()));
        assertFalse(keyring.isUnlocked(root));
        assertEquals(files, ProtectionTestData.countFiles(root));
        // no passphrase at all: a clear refusal too
        ArchiveException none = assertThrows(ArchiveException.class, () -> factory.open(root, AccessMode.READ_ONLY));
        assertTrue(none.getMessage().contains("MARAUDE_PASSPHRASE"), none.getMessage());
        // the lock was not left behind: the right passphrase opens for writing at once
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            assertEquals(3001, a.stats().messages());
        }
    }

    @Test
    void changingThePassphraseRewrapsOnlyTheKey() throws IOException {
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
        }
        byte[] segmentsBefore = segmentsFile();
        char[] fresh = "une autre phrase, plus longue encore".toCharArray();
        assertThrows(WrongPassphraseException.class,
                () -> ArchiveProtection.changePassphrase(root, "nope".toCharArray(), fresh.clone(), CheapKdf.PARAMS));
        ArchiveProtection.changePassphrase(root, pass(), fresh.clone(), CheapKdf.PARAMS);
        assertArrayEquals(segmentsBefore, segmentsFile(), "data files untouched");
        keyring.lock();
        assertThrows(WrongPassphraseException.class, () -> factory.open(root, AccessMode.READ_ONLY, pass()));
        try (Archive a = factory.open(root, AccessMode.READ_ONLY, fresh.clone())) {
            assertEquals(1, a.search(SearchQuery.of(SECRET)).totalHits());
        }
    }

    private byte[] segmentsFile() throws IOException {
        try (Stream<Path> s = Files.list(root.resolve(EncryptedStorage.INDEX_FOLDER))) {
            Path seg = s.filter(p -> p.getFileName().toString().startsWith("segments_")).findFirst().orElseThrow();
            return Files.readAllBytes(seg);
        }
    }

    @Test
    void defaultKdfParametersWork() throws IOException {
        ArchiveProtection.protect(root, pass(), KdfParams.DEFAULT);
        assertEquals(KdfParams.DEFAULT, KeyFile.read(root).params());
        assertThrows(WrongPassphraseException.class, () -> ArchiveProtection.unwrap(root, "x".toCharArray()));
        DataKey k = ArchiveProtection.unwrap(root, pass());
        assertFalse(k.isDestroyed());
        k.destroy();
    }

    @Test
    void tamperedIndexIsReportedCorruptWithTheWayBack() throws IOException {
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
        }
        Path biggest;
        try (Stream<Path> s = Files.list(root.resolve(EncryptedStorage.INDEX_FOLDER))) {
            biggest = s.max((x, y) -> Long.compare(x.toFile().length(), y.toFile().length())).orElseThrow();
        }
        byte[] b = Files.readAllBytes(biggest);
        b[b.length / 2] ^= 0x10;
        Files.write(biggest, b);
        keyring.unlock(root, pass());
        // what a normal open does not read, the integrity check does
        ArchiveException e = assertThrows(ArchiveException.class, () -> {
            try (EncryptedStorage st = new EncryptedStorage(root, keyring.keyFor(root))) {
                maraude.archive.maintenance.IntegrityCheck.verify(st.indexDirectory(), root);
            }
        });
        assertEquals(ArchiveException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("sauvegarde") || e.getMessage().contains("backup"), e.getMessage());
    }

    @Test
    void tamperedOrSwappedAttachmentsAreDetected() throws IOException {
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        Attachment a1;
        Attachment a2;
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            a1 = a.storeAttachment(new ByteArrayInputStream(new byte[70_000]), "image/png", "a.png");
            a2 = a.storeAttachment(new ByteArrayInputStream("deux".getBytes(StandardCharsets.UTF_8)), "text/plain", "b");
            EncryptedAttachmentStore store = new EncryptedStorage(root, keyring.keyFor(root)).attachments();
            Path p1 = store.pathOf(a1.sha256());
            Path p2 = store.pathOf(a2.sha256());
            Files.copy(p2, p1, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            assertThrows(EncryptedFileException.class, () -> {
                try (InputStream in = a.openAttachment(a1.sha256())) {
                    in.readAllBytes();
                }
            });
            byte[] b = Files.readAllBytes(p2);
            b[b.length - 3] ^= 1;
            Files.write(p2, b);
            assertThrows(EncryptedFileException.class, () -> {
                try (InputStream in = a.openAttachment(a2.sha256())) {
                    in.readAllBytes();
                }
            });
        }
    }

    @Test
    void lockDropsTheKeyOfOpenArchives() throws IOException {
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
            factory.lock();
            assertFalse(keyring.isUnlocked(root));
            ArchiveException e = assertThrows(ArchiveException.class, () -> {
                for (var c : a.conversations()) {
                    a.messages(c.id());
                }
                a.search(SearchQuery.of("rendez-vous"));
            });
            assertTrue(e.getMessage().contains("verrouill") || e.getMessage().contains("locked"), e.getMessage());
        }
        try (Archive a = factory.open(root, AccessMode.READ_ONLY, pass())) {
            assertEquals(3001, a.stats().messages());
        }
    }

    @Test
    void protectingAPlainArchiveConvertsItAndLeavesNoPlainFile() throws IOException {
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_WRITE)) {
            fill(a);
        }
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        assertNowhere(root, SECRET);
        assertNowhere(root, PSEUDONYM);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            assertEquals(3001, a.stats().messages());
            assertEquals(1, a.stats().attachments());
            assertEquals(1, a.search(SearchQuery.of(SECRET)).totalHits());
        }
        assertThrows(ArchiveException.class, () -> ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS));
    }

    @Test
    void protectingAnArchiveInUseIsRefused() throws IOException {
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_WRITE)) {
            fill(a);
            ArchiveException e = assertThrows(ArchiveException.class,
                    () -> ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS));
            assertEquals(ArchiveException.Kind.LOCKED, e.kind());
        }
        assertFalse(ArchiveProtection.isProtected(root));
    }

    @Test
    void missingKeyFileIsNamed() throws IOException {
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE, pass())) {
            fill(a);
        }
        Files.delete(root.resolve(KeyFile.FILE_NAME));
        ArchiveException e = assertThrows(ArchiveException.class, () -> factory.open(root, AccessMode.READ_ONLY));
        assertEquals(ArchiveException.Kind.CORRUPT, e.kind());
        assertTrue(e.getMessage().contains("protection.key"));
    }

    @Test
    void damagedKeyFileIsCorruptNotWrongPassphrase() throws IOException {
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        Files.writeString(root.resolve(KeyFile.FILE_NAME), "format=maraude-protection-1\nkdf=argon2id\n");
        ArchiveException e = assertThrows(ArchiveException.class, () -> factory.open(root, AccessMode.READ_ONLY, pass()));
        assertEquals(ArchiveException.Kind.CORRUPT, e.kind());
    }
}

package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.T0;
import static maraude.archive.crypto.ProtectionTestData.pass;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.NativeFSLockFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchive;
import maraude.archive.LuceneArchiveFactory;
import maraude.archive.crypto.ProtectionTestData.Thread;
import maraude.archive.maintenance.IntegrityCheck;
import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.AttachmentStore;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Message;
import maraude.core.model.Platform;

/** kill -9 (child JVMs), disk full, damaged files and a second process, on protected archives. */
class ProtectionFaultsTest {

    @TempDir
    Path tmp;

    private static final String PASS = new String(ProtectionTestData.PASS);
    private final Keyring keyring = new Keyring(a -> pass());
    private final ProtectedArchiveFactory factory = new ProtectedArchiveFactory(keyring);

    private Path protectedArchive(int messages) throws IOException {
        Path root = tmp.resolve("archive");
        ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
        if (messages > 0) {
            try (Archive a = factory.open(root, AccessMode.READ_WRITE)) {
                Thread t = ProtectionTestData.thread(a, Platform.SMS, "+32470444444", "Avant");
                ProtectionTestData.filler(a, t, messages, T0.minusYears(1));
                a.commit();
            }
        }
        return root;
    }

    private long verify(Path root) throws IOException {
        try (EncryptedStorage st = new EncryptedStorage(root, keyring.keyFor(root))) {
            return IntegrityCheck.verify(st.indexDirectory(), root);
        }
    }

    @Test
    void killDuringImportKeepsTheLastCommit() throws Exception {
        Path root = protectedArchive(500);
        long committed;
        try (ProtectionChildJvm child = ProtectionChildJvm.start("import", root.toString(), PASS, "300")) {
            String line = child.await("COMMITTED", 4);
            child.kill();
            committed = Long.parseLong(line.substring("COMMITTED ".length()));
        }
        verify(root);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE)) {
            long n = a.stats().messages();
            assertTrue(n >= 500 + committed, n + " < 500 + " + committed);
            assertEquals(0, (n - 500) % 300, "only whole commits: " + n);
            assertEquals(500, a.search(SearchQuery.of("rendez-vous")).totalHits());
            a.commit(); // and it is writable again
        }
    }

    @Test
    void killDuringPassphraseChangeLeavesOneOfTheTwoWorking() throws Exception {
        Path root = protectedArchive(200);
        String other = "the other passphrase of the team";
        try (ProtectionChildJvm child = ProtectionChildJvm.start("rekey", root.toString(), PASS, other)) {
            child.await("CHANGED", 5);
            child.kill();
        }
        assertTrue(Files.isRegularFile(root.resolve(KeyFile.FILE_NAME)));
        int opened = 0;
        for (String p : List.of(PASS, other)) {
            Keyring k = new Keyring(a -> null);
            try {
                k.unlock(root, p.toCharArray());
                try (Archive a = new ProtectedArchiveFactory(k).open(root, AccessMode.READ_ONLY)) {
                    assertEquals(200, a.stats().messages());
                    opened++;
                }
            } catch (WrongPassphraseException e) {
                // the other one is the current passphrase
            }
        }
        assertEquals(1, opened);
    }

    @Test
    void killDuringBackupLeavesTheArchiveAndEveryFinishedBackupWhole() throws Exception {
        Path root = protectedArchive(2000);
        String dest = tmp.resolve("backup-").toString();
        try (ProtectionChildJvm child = ProtectionChildJvm.start("backup", root.toString(), PASS, dest)) {
            child.await("BACKUP", 2);
            java.lang.Thread.sleep(150); // somewhere inside the next one
            child.kill();
        }
        assertEquals(2002, verify(root)); // messages + contact + conversation
        try (Stream<Path> s = Files.list(tmp)) {
            for (Path b : s.filter(p -> p.getFileName().toString().startsWith("backup-")).toList()) {
                if (b.getFileName().toString().endsWith(".partial")) {
                    continue; // what the kill interrupted: never taken for a backup
                }
                try (Archive a = factory.open(b, AccessMode.READ_ONLY)) {
                    assertEquals(2000, a.stats().messages(), b.toString());
                }
            }
        }
    }

    @Test
    void killDuringPurgeLeavesBeforeOrAfterNothingInBetween() throws Exception {
        Path root = protectedArchive(20_000);
        try (ProtectionChildJvm child = ProtectionChildJvm.start("purge", root.toString(), PASS)) {
            child.await("START", 1);
            java.lang.Thread.sleep(300);
            child.kill();
        }
        verify(root);
        try (Archive a = factory.open(root, AccessMode.READ_WRITE)) {
            long n = a.stats().messages();
            assertTrue(n == 20_000 || n == 0, "messages after the kill: " + n);
        }
    }

    @Test
    void secondProcessIsRefused() throws Exception {
        Path root = protectedArchive(10);
        try (ProtectionChildJvm child = ProtectionChildJvm.start("hold", root.toString(), PASS)) {
            child.await("HOLDING", 1);
            ArchiveException e = assertThrows(ArchiveException.class, () -> factory.open(root, AccessMode.READ_WRITE));
            assertEquals(ArchiveException.Kind.LOCKED, e.kind());
            try (Archive ro = factory.open(root, AccessMode.READ_ONLY)) {
                assertEquals(10, ro.stats().messages(), "readers are welcome");
            }
            child.process.getOutputStream().close();
            child.process.waitFor();
        }
        try (Archive a = factory.open(root, AccessMode.READ_WRITE)) {
            assertEquals(10, a.stats().messages());
        }
    }

    @Test
    void truncatedOrCorruptedFileIsCaughtAtOpenWithTheWayBack() throws IOException {
        for (boolean encrypted : new boolean[] { true, false }) {
            Path root = tmp.resolve("t-" + encrypted);
            if (encrypted) {
                ArchiveProtection.protect(root, pass(), CheapKdf.PARAMS);
            }
            ArchiveFactoryOpener open = mode -> encrypted ? factory.open(root, mode) : new LuceneArchiveFactory().open(root, mode);
            try (Archive a = open.open(AccessMode.READ_WRITE)) {
                Thread t = ProtectionTestData.thread(a, Platform.SMS, "+32470333333", "Trunc");
                ProtectionTestData.filler(a, t, 3000, T0);
                a.commit();
            }
            Path index = root.resolve(encrypted ? EncryptedStorage.INDEX_FOLDER : "index");
            Path cfs;
            try (Stream<Path> s = Files.list(index)) {
                cfs = s.filter(p -> p.toString().endsWith(".cfs")).findFirst().orElseThrow();
            }
            try (RandomAccessFile f = new RandomAccessFile(cfs.toFile(), "rw")) {
                f.setLength(f.length() - 100);
            }
            ArchiveException e = assertThrows(ArchiveException.class, () -> open.open(AccessMode.READ_ONLY).close());
            assertEquals(ArchiveException.Kind.CORRUPT, e.kind(), "encrypted " + encrypted);
            assertTrue(e.getMessage().contains("sauvegarde") || e.getMessage().contains("backup"), e.getMessage());
        }
    }

    @FunctionalInterface
    interface ArchiveFactoryOpener {
        Archive open(AccessMode mode);
    }

    /** A file system that fills up: every write fails once {@code budget} bytes were written. */
    static final class FullDisk extends FilterDirectory {
        final AtomicLong left;

        FullDisk(Directory in, long budget) {
            super(in);
            left = new AtomicLong(budget);
        }

        @Override
        public IndexOutput createOutput(String name, IOContext context) throws IOException {
            return wrap(in.createOutput(name, context));
        }

        @Override
        public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
            return wrap(in.createTempOutput(prefix, suffix, context));
        }

        private IndexOutput wrap(IndexOutput out) {
            return new IndexOutput(out.toString(), out.getName()) {
                @Override
                public void writeByte(byte b) throws IOException {
                    spend(1);
                    out.writeByte(b);
                }

                @Override
                public void writeBytes(byte[] b, int off, int len) throws IOException {
                    spend(len);
                    out.writeBytes(b, off, len);
                }

                private void spend(long n) throws IOException {
                    if (left.addAndGet(-n) < 0) {
                        throw new IOException("No space left on device");
                    }
                }

                @Override
                public long getFilePointer() {
                    return out.getFilePointer();
                }

                @Override
                public long getChecksum() throws IOException {
                    return out.getChecksum();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }
            };
        }
    }

    /** The protected storage of {@code root} over a disk that fills up after {@code budget} bytes. */
    private ArchiveStorage fullDiskStorage(Path root, long budget) {
        DataKey key = keyring.keyFor(root);
        EncryptedStorage real = new EncryptedStorage(root, key);
        return new ArchiveStorage() {
            private Directory dir;

            @Override
            public Path root() {
                return root;
            }

            @Override
            public boolean indexExists() throws IOException {
                return real.indexExists();
            }

            @Override
            public synchronized Directory indexDirectory() throws IOException {
                if (dir == null) {
                    dir = new EncryptedDirectory(new FullDisk(FSDirectory.open(root.resolve(EncryptedStorage.INDEX_FOLDER),
                            NativeFSLockFactory.INSTANCE), budget), key, 1 << 20);
                }
                return dir;
            }

            @Override
            public AttachmentStore attachments() {
                return real.attachments();
            }

            @Override
            public synchronized void close() throws IOException {
                if (dir != null) {
                    dir.close();
                }
            }
        };
    }

    @Test
    void diskFullDuringImportIsClearCorruptsNothingAndCanBeResumed() throws IOException {
        Path root = protectedArchive(1000);
        List<Message> batch = new java.util.ArrayList<>();
        try (Archive a = factory.open(root, AccessMode.READ_ONLY)) {
            assertEquals(1000, a.stats().messages());
        }
        ArchiveException failure = null;
        int added = 0;
        try (LuceneArchive a = LuceneArchive.open(fullDiskStorage(root, 200_000), AccessMode.READ_WRITE)) {
            Thread t = ProtectionTestData.thread(a, Platform.WHATSAPP, "+32470666666", "Plein");

            for (int i = 0; i < 20_000; i++) {
                batch.add(ProtectionTestData.msg(t, i, T0.plusSeconds(i), "disque plein " + i + " rendez-vous", List.of()));
            }
            try {
                for (Message m : batch) {
                    a.addMessage(m);
                    if (++added % 2000 == 0) {
                        a.commit();
                    }
                }
                a.commit();
            } catch (ArchiveException e) {
                failure = e;
            }
        } catch (ArchiveException e) {
            failure = failure == null ? e : failure; // closing after a tragic failure may complain too
        }
        assertNotNull(failure, "200 kB cannot hold 20,000 messages");
        assertEquals(ArchiveException.Kind.IO, failure.kind());
        assertTrue(failure.getMessage().contains("No space left on device"), failure.getMessage());
        long afterFailure = verify(root); // nothing corrupted
        // resume with room again: the same batch, duplicates skipped
        try (Archive a = factory.open(root, AccessMode.READ_WRITE)) {
            long before = a.stats().messages();
            assertTrue(before >= 1000 && afterFailure >= before);
            Thread t = ProtectionTestData.thread(a, Platform.WHATSAPP, "+32470666666", "Plein");
            for (Message m : batch) {
                a.addMessage(m);
            }
            a.commit();
            assertEquals(21_000, a.stats().messages());
        }
        verify(root);
    }
}

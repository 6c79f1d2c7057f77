package maraude.archive.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.eclipse.osgi.util.NLS;

import maraude.archive.maintenance.AuditTrail;
import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * Protection of an archive folder: whether it is protected, which storage opens it, making it
 * protected, changing its passphrase.
 */
public final class ArchiveProtection {

    private ArchiveProtection() {
    }

    public static boolean isProtected(Path root) {
        try {
            RestoreJournal.recover(root);
        } catch (ArchiveException e) {
            // a restore is running elsewhere, or the disk fails: opening will say so
        }
        return KeyFile.exists(root);
    }

    /** The storage of {@code root} for the process's keyring: plain or encrypted as the folder is. */
    public static ArchiveStorage storageFor(Path root) {
        return storageFor(root, Keyring.shared());
    }

    /**
     * The storage of {@code root}: {@link FileSystemStorage} for a plain archive, {@link EncryptedStorage}
     * (keyed from {@code keyring}, which may ask the passphrase) for a protected one.
     *
     * @throws ArchiveException BAD_INPUT without passphrase or with a wrong one, CORRUPT when the
     *                          encrypted index is there but its key file is not
     */
    public static ArchiveStorage storageFor(Path root, Keyring keyring) {
        RestoreJournal.recover(root); // a restore killed half-way: finished or forgotten first
        if (!KeyFile.exists(root)) {
            if (Files.isDirectory(root.resolve(EncryptedStorage.INDEX_FOLDER))
                    && !Files.isDirectory(root.resolve(FileSystemStorage.INDEX_FOLDER))) {
                throw new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Protection_keyFileMissing, root));
            }
            return new FileSystemStorage(root);
        }
        EncryptedStorage s = keyring.storage(root);
        finishConversion(root);
        try {
            EncryptedArchiveFiles.encryptClearFiles(root, s.key());
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Protection_io, root, e.getMessage()), e);
        }
        return s;
    }

    /**
     * The side files of {@code root} for tools that work on the folder without opening the archive
     * (CLI): encrypted with the data key (which may ask the passphrase) when the archive is protected.
     */
    public static maraude.core.archive.ArchiveFiles filesFor(Path root) {
        RestoreJournal.recover(root);
        if (!KeyFile.exists(root)) {
            return new maraude.core.archive.PlainArchiveFiles(root);
        }
        return storageFor(root).files();
    }

    static DataKey unwrap(Path root, char[] passphrase) {
        KeyFile kf;
        try {
            kf = KeyFile.read(root);
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Protection_keyFileUnreadable, root, e.getMessage()), e);
        }
        return kf.unwrap(passphrase, root);
    }

    /**
     * Protects {@code root} with {@code passphrase}: an empty or missing folder becomes an empty
     * protected archive; a plain archive is converted (its last commit and its attachments are
     * encrypted beside it, the key file is written — the single commit point — and the plain files
     * are deleted). A crash before the key file is written leaves the plain archive as it was.
     *
     * @throws ArchiveException BAD_INPUT when already protected, LOCKED when the archive is open for
     *                          writing, IO on disk errors
     */
    public static void protect(Path root, char[] passphrase, KdfParams params) {
        if (KeyFile.exists(root)) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Protection_alreadyProtected, root));
        }
        PassphrasePolicy.check(passphrase);
        try {
            Files.createDirectories(root);
            Path plainIndex = root.resolve(FileSystemStorage.INDEX_FOLDER);
            Path plainAtt = root.resolve(FileSystemStorage.ATTACHMENTS_FOLDER);
            Path encIndex = root.resolve(EncryptedStorage.INDEX_FOLDER);
            Path encAtt = root.resolve(EncryptedStorage.ATTACHMENTS_FOLDER);
            deleteTree(encIndex); // leftovers of an interrupted conversion
            deleteTree(encAtt);
            DataKey key = DataKey.random(KeyFile.DEFAULT_CHUNK_SHIFT);
            try {
                if (Files.isDirectory(plainIndex)) {
                    try (Directory plain = FSDirectory.open(plainIndex, NativeFSLockFactory.INSTANCE);
                            Lock lock = plain.obtainLock(IndexWriter.WRITE_LOCK_NAME);
                            EncryptedDirectory enc = new EncryptedDirectory(
                                    FSDirectory.open(encIndex, NativeFSLockFactory.INSTANCE), key, 0)) {
                        if (DirectoryReader.indexExists(plain)) {
                            copyCommit(plain, enc);
                        }
                    }
                }
                EncryptedAttachmentStore store = new EncryptedAttachmentStore(encAtt, key);
                for (Path f : plainAttachments(plainAtt)) {
                    try (InputStream in = Files.newInputStream(f)) {
                        store.store(in, null, null);
                    }
                }
                // side files (notes, quarantine, caches…) are encrypted in place after the commit
                // point; the marker makes any open finish that if this process dies first
                Files.writeString(root.resolve(EncryptedArchiveFiles.CLEAR_MARKER), ""); //$NON-NLS-1$
                KeyFile.wrap(key, passphrase, params).write(root);
                EncryptedArchiveFiles.encryptClearFiles(root, key);
            } finally {
                key.destroy();
            }
            AuditTrail.recordQuietly(root, AuditTrail.Event.PROTECT, Map.of());
            finishConversion(root);
            maraude.core.archive.ArchiveLayout.restrictTree(root); // owner-only, whatever the umask was
        } catch (LockObtainFailedException e) {
            throw new ArchiveException(Kind.LOCKED, NLS.bind(Messages.Protection_inUse, root), e);
        } catch (IOException | UncheckedIOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Protection_io, root, e.getMessage()), e);
        }
    }

    /** Copies the last commit of {@code from} (every file it references, then its segments file) into {@code to}. */
    static void copyCommit(Directory from, Directory to) throws IOException {
        SegmentInfos infos = SegmentInfos.readLatestCommit(from);
        List<String> files = new ArrayList<>();
        String segments = infos.getSegmentsFileName();
        for (String f : infos.files(true)) {
            if (!f.equals(segments)) {
                files.add(f);
            }
        }
        for (String f : files) {
            to.copyFrom(from, f, f, IOContext.READONCE);
        }
        to.sync(files);
        // The segments file last: until it is there, the copy is no index at all.
        to.copyFrom(from, segments, segments, IOContext.READONCE);
        to.sync(List.of(segments));
        to.syncMetaData();
    }

    /** Plain attachment files ({@code ab/cdef…}, temporary files left out). */
    static List<Path> plainAttachments(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root, 2)) {
            return s.filter(p -> p.getNameCount() - root.getNameCount() == 2)
                    .filter(p -> !p.getParent().getFileName().toString().equals("tmp")) //$NON-NLS-1$
                    .filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** Removes plain files left by a conversion interrupted after its commit point. */
    private static void finishConversion(Path root) {
        Path plainIndex = root.resolve(FileSystemStorage.INDEX_FOLDER);
        Path plainAtt = root.resolve(FileSystemStorage.ATTACHMENTS_FOLDER);
        if (!Files.exists(plainIndex) && !Files.exists(plainAtt)) {
            return;
        }
        try {
            if (Files.isDirectory(plainIndex)) {
                try (Directory plain = FSDirectory.open(plainIndex, NativeFSLockFactory.INSTANCE);
                        Lock lock = plain.obtainLock(IndexWriter.WRITE_LOCK_NAME)) {
                    // nobody writes the plain index any more: it may go
                }
            }
            deleteTree(plainIndex);
            deleteTree(plainAtt);
        } catch (IOException e) {
            // Retried at the next open; the protected archive itself is complete.
        }
    }

    /**
     * Re-wraps the data key under a new passphrase (and fresh salt): one small file is rewritten
     * atomically, the archive's data is untouched.
     *
     * @throws WrongPassphraseException when {@code oldPassphrase} is wrong (nothing changes)
     */
    public static void changePassphrase(Path root, char[] oldPassphrase, char[] newPassphrase, KdfParams params) {
        if (!KeyFile.exists(root)) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Protection_notProtected, root));
        }
        PassphrasePolicy.check(newPassphrase);
        DataKey key = unwrap(root, oldPassphrase);
        try {
            KeyFile.wrap(key, newPassphrase, params).write(root);
            AuditTrail.recordQuietly(root, AuditTrail.Event.PASSPHRASE_CHANGE, Map.of());
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Protection_io, root, e.getMessage()), e);
        } finally {
            key.destroy();
        }
    }

    static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path f : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }

    static void deleteAll(Collection<Path> paths) throws IOException {
        for (Path p : paths) {
            deleteTree(p);
        }
    }
}

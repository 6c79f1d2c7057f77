package maraude.archive.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.NativeFSLockFactory;

import maraude.archive.storage.ArchiveStorage;

/**
 * A protected archive's files: {@code <root>/protection.key}, the encrypted index in
 * {@code <root>/index.enc} (an {@link EncryptedDirectory} over an {@link FSDirectory} with native
 * locks) and encrypted attachments in {@code <root>/attachments.enc}. The folders differ from a plain
 * archive's, so that converting one is a build-beside-then-switch whose single commit point is the
 * appearance of the key file.
 */
public final class EncryptedStorage implements ArchiveStorage {

    public static final String INDEX_FOLDER = "index.enc"; //$NON-NLS-1$
    public static final String ATTACHMENTS_FOLDER = "attachments.enc"; //$NON-NLS-1$
    /** Decrypted chunks kept for searches: a small fraction of a 512 MiB heap. */
    static final long CACHE_BYTES = 32L << 20;

    private final Path root;
    private final DataKey key;
    private final EncryptedAttachmentStore attachments;
    private EncryptedDirectory directory;

    public EncryptedStorage(Path root, DataKey key) {
        this.root = root;
        this.key = key;
        this.attachments = new EncryptedAttachmentStore(root.resolve(ATTACHMENTS_FOLDER), key);
    }

    @Override
    public Path root() {
        return root;
    }

    DataKey key() {
        return key;
    }

    @Override
    public boolean indexExists() throws IOException {
        Path index = root.resolve(INDEX_FOLDER);
        if (!Files.isDirectory(index)) {
            return false;
        }
        // Only file names are looked at: no decryption needed.
        try (Directory d = FSDirectory.open(index, NativeFSLockFactory.INSTANCE)) {
            return DirectoryReader.indexExists(d);
        }
    }

    @Override
    public synchronized Directory indexDirectory() throws IOException {
        if (directory == null) {
            maraude.core.archive.ArchiveLayout.createPrivateDirectories(root);
            maraude.core.archive.ArchiveLayout.restrict(root);
            directory = new EncryptedDirectory(
                    maraude.archive.storage.OwnerOnlyDirectory.open(root.resolve(INDEX_FOLDER), NativeFSLockFactory.INSTANCE),
                    key, CACHE_BYTES);
        }
        return directory;
    }

    @Override
    public EncryptedAttachmentStore attachments() {
        return attachments;
    }

    @Override
    public EncryptedArchiveFiles files() {
        return new EncryptedArchiveFiles(root, key);
    }

    /** Drops decrypted chunks from memory (the key itself is the keyring's to destroy). */
    synchronized void forgetPlaintext() {
        if (directory != null) {
            directory.clearCache();
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (directory != null) {
            directory.close();
            directory = null;
        }
    }
}

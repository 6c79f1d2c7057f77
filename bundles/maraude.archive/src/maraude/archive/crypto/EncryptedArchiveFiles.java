package maraude.archive.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import maraude.core.archive.PlainArchiveFiles;

/**
 * A protected archive's side files: each one a whole {@link ChunkFormat} file under the data key,
 * authenticated with its relative name (a file moved or renamed fails to read, as index files do).
 */
public final class EncryptedArchiveFiles extends PlainArchiveFiles {

    /** Prefix of the authenticated name, keeping side files apart from index and attachment files. */
    private static final String AAD_PREFIX = "side/"; //$NON-NLS-1$
    private final DataKey key;

    EncryptedArchiveFiles(Path root, DataKey key) {
        super(root);
        this.key = key;
    }

    @Override
    public boolean encrypted() {
        return true;
    }

    @Override
    protected OutputStream encode(OutputStream out, String relativeName) throws IOException {
        return EncryptedStreams.encrypting(out, AAD_PREFIX + relativeName, key);
    }

    @Override
    protected InputStream decode(Path file, String relativeName) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(relativeName);
        }
        return EncryptedStreams.decrypting(file, AAD_PREFIX + relativeName, key);
    }
}

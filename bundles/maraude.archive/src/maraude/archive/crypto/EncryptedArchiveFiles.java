package maraude.archive.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

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

    /**
     * Side files a plain archive may hold in clear (files, or folders walked whole). The audit trail
     * holds no identifiers and stays appendable in clear; index and attachments have their own
     * conversion.
     */
    static final List<String> SIDE_FILES = List.of("triage-state.json", "import-us.json", "sources.json", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            "team.properties", "quarantine", "cache"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    /** Present while side files may still be in clear: written before the key file, removed once all are encrypted. */
    static final String CLEAR_MARKER = "side-files.clear"; //$NON-NLS-1$

    /**
     * Encrypts in place (atomic replace, one file at a time) every side file still in clear, then
     * removes the marker. Resumable: a crash leaves each file either clear or encrypted, and the
     * marker makes the next open finish the work.
     */
    static void encryptClearFiles(Path root, DataKey key) throws IOException {
        Path marker = root.resolve(CLEAR_MARKER);
        if (!Files.exists(marker)) {
            return;
        }
        EncryptedArchiveFiles files = new EncryptedArchiveFiles(root, key);
        for (String side : SIDE_FILES) {
            List<String> names = Files.isDirectory(root.resolve(side)) ? files.list(side + '/')
                    : Files.isRegularFile(root.resolve(side)) ? List.of(side) : List.of();
            for (String name : names) {
                Path f = root.resolve(name);
                if (isClear(f, key)) {
                    files.writeAllBytes(name, Files.readAllBytes(f));
                }
            }
        }
        Files.delete(marker);
    }

    private static boolean isClear(Path f, DataKey key) throws IOException {
        byte[] h;
        try (InputStream in = Files.newInputStream(f)) {
            h = in.readNBytes(ChunkFormat.HEADER_BYTES);
        }
        return h.length < ChunkFormat.HEADER_BYTES || ChunkFormat.parseHeader(h, key.chunkShift()) == null;
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

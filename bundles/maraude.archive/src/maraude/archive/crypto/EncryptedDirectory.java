package maraude.archive.crypto;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.BufferedChecksumIndexInput;
import org.apache.lucene.store.ChecksumIndexInput;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;

/**
 * A Lucene {@link Directory} that encrypts every file it writes and authenticates every chunk it reads
 * ({@link ChunkFormat}), over any directory holding the ciphertext (an {@code FSDirectory} on disk).
 * Names, lengths of whole chunks and the lock stay visible; contents do not.
 *
 * <p>Lucene renames exactly one kind of file, {@code pending_segments_N} to {@code segments_N} at
 * commit. Since a file's name is bound into its chunks, a rename re-encrypts the (small) file under
 * the new name into a temporary file, syncs it, then atomically renames that over the destination:
 * the commit stays atomic.
 */
public final class EncryptedDirectory extends FilterDirectory {

    /** Suffix of the temporary file a rename goes through; hidden from Lucene, removed by writers. */
    static final String RENAME_SUFFIX = ".mrdrename"; //$NON-NLS-1$

    private final DataKey key;
    private final ChunkCache cache;

    /**
     * @param cacheBytes bound of the shared cache of decrypted chunks (0: no cache)
     */
    public EncryptedDirectory(Directory ciphertext, DataKey key, long cacheBytes) {
        super(ciphertext);
        this.key = key;
        this.cache = cacheBytes > 0 ? new ChunkCache(cacheBytes) : null;
    }

    DataKey key() {
        return key;
    }

    @Override
    public String[] listAll() throws IOException {
        String[] all = in.listAll();
        if (Arrays.stream(all).noneMatch(n -> n.endsWith(RENAME_SUFFIX))) {
            return all;
        }
        return Arrays.stream(all).filter(n -> !n.endsWith(RENAME_SUFFIX)).toArray(String[]::new);
    }

    @Override
    public long fileLength(String name) throws IOException {
        long enc = in.fileLength(name);
        long plain = ChunkFormat.plainLength(enc, key.chunkShift());
        if (plain < 0) {
            throw new CorruptIndexException("encrypted file has an impossible length " + enc, name); //$NON-NLS-1$
        }
        return plain;
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        return wrapOutput(in.createOutput(name, context), name);
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput raw = in.createTempOutput(prefix, suffix, context);
        return wrapOutput(raw, raw.getName());
    }

    private IndexOutput wrapOutput(IndexOutput raw, String aadName) throws IOException {
        try {
            return new EncryptedIndexOutput(raw, aadName, key);
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public IndexInput openInput(String name, IOContext context) throws IOException {
        IndexInput raw = in.openInput(name, context);
        try {
            long plain = ChunkFormat.plainLength(raw.length(), key.chunkShift());
            byte[] header = new byte[ChunkFormat.HEADER_BYTES];
            if (raw.length() >= header.length) {
                raw.readBytes(header, 0, header.length);
            }
            byte[] fileId = ChunkFormat.parseHeader(header, key.chunkShift());
            if (fileId == null) {
                throw new CorruptIndexException(ChunkFormat.hasMagic(header) ? "unsupported encrypted file header" //$NON-NLS-1$
                        : "not an encrypted file (plain or damaged)", raw); //$NON-NLS-1$
            }
            if (plain < 0) {
                throw new CorruptIndexException("encrypted file truncated (length " + raw.length() + ")", raw); //$NON-NLS-1$ //$NON-NLS-2$
            }
            key.fileKey(); // fail now if locked
            // Merges and one-shot reads stream whole files: caching them would evict what searches use.
            boolean cached = context.context != IOContext.Context.MERGE && !context.readOnce;
            EncryptedIndexInput.FileState f = new EncryptedIndexInput.FileState(name, fileId, plain, raw, key,
                    cached ? cache : null);
            return new EncryptedIndexInput("encrypted(" + raw + ")", f); //$NON-NLS-1$ //$NON-NLS-2$
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    @Override
    public ChecksumIndexInput openChecksumInput(String name, IOContext context) throws IOException {
        return new BufferedChecksumIndexInput(openInput(name, context));
    }

    @Override
    public void copyFrom(Directory from, String src, String dest, IOContext context) throws IOException {
        try (IndexInput is = from.openInput(src, context); IndexOutput os = createOutput(dest, context)) {
            os.copyBytes(is, is.length());
        }
    }

    @Override
    public void rename(String source, String dest) throws IOException {
        String tmp = dest + RENAME_SUFFIX;
        deleteQuietly(tmp);
        try (IndexInput is = openInput(source, IOContext.READONCE);
                IndexOutput os = wrapOutput(in.createOutput(tmp, IOContext.DEFAULT), dest)) {
            os.copyBytes(is, is.length());
        }
        in.sync(List.of(tmp));
        in.rename(tmp, dest);
        in.deleteFile(source);
    }

    private void deleteQuietly(String name) throws IOException {
        try {
            in.deleteFile(name);
        } catch (NoSuchFileException e) {
            // nothing left over
        }
    }

    @Override
    public Lock obtainLock(String name) throws IOException {
        Lock lock = in.obtainLock(name);
        // The writer owns the folder now: drop what an interrupted rename left.
        for (String n : in.listAll()) {
            if (n.endsWith(RENAME_SUFFIX)) {
                deleteQuietly(n);
            }
        }
        return lock;
    }

    /** Drops every decrypted chunk held in memory. */
    public void clearCache() {
        if (cache != null) {
            cache.clear();
        }
    }

    @Override
    public void close() throws IOException {
        clearCache();
        super.close();
    }

    @Override
    public String toString() {
        return "EncryptedDirectory(" + in + ")"; //$NON-NLS-1$ //$NON-NLS-2$
    }
}

package maraude.archive.crypto;

import java.io.EOFException;
import java.io.IOException;

import javax.crypto.AEADBadTagException;

import org.apache.lucene.index.CorruptIndexException;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.util.BitUtil;

/**
 * Random access to an encrypted file: a read decrypts (and authenticates) the chunk it falls in, taken
 * from the directory's shared {@link ChunkCache} when another reader decrypted it recently. Clones and
 * slices share the file and the cache; each has its own position, current chunk and underlying clone
 * (created on first use, since Lucene clones inputs far more often than it reads from the clones).
 */
final class EncryptedIndexInput extends IndexInput {

    /** What clones and slices share. */
    static final class FileState {
        final String name;
        final byte[] nameBytes;
        final byte[] fileId;
        final long cacheId;
        final long plainLength;
        final long lastChunk;
        final int shift;
        final IndexInput raw;
        final DataKey key;
        final ChunkCache cache;

        FileState(String name, byte[] fileId, long plainLength, IndexInput raw, DataKey key, ChunkCache cache) {
            this.name = name;
            this.nameBytes = ChunkFormat.nameBytes(name);
            this.fileId = fileId;
            this.cacheId = ChunkCache.idOf(fileId);
            this.plainLength = plainLength;
            this.shift = key.chunkShift();
            this.lastChunk = ChunkFormat.chunkCount(plainLength, shift) - 1;
            this.raw = raw;
            this.key = key;
            this.cache = cache;
        }
    }

    private final FileState f;
    private final boolean master;
    private final long offset;
    private final long length;
    private final int mask;
    private IndexInput raw;
    private long pos;
    private byte[] chunk;
    private long chunkIndex = -1;
    private boolean closed;

    EncryptedIndexInput(String description, FileState f) {
        this(description, f, true, 0, f.plainLength, f.raw);
    }

    private EncryptedIndexInput(String description, FileState f, boolean master, long offset, long length,
            IndexInput raw) {
        super(description);
        this.f = f;
        this.master = master;
        this.offset = offset;
        this.length = length;
        this.mask = (1 << f.shift) - 1;
        this.raw = raw;
    }

    /** Makes the chunk holding absolute plaintext position {@code abs} current. */
    private void load(long abs) throws IOException {
        long idx = abs >>> f.shift;
        if (idx == chunkIndex) {
            return;
        }
        byte[] c = f.cache == null ? null : f.cache.get(f.cacheId, idx);
        if (c == null) {
            c = decryptChunk(idx);
            if (f.cache != null) {
                f.cache.put(f.cacheId, idx, c);
            }
        }
        chunk = c;
        chunkIndex = idx;
    }

    private byte[] decryptChunk(long idx) throws IOException {
        if (idx > f.lastChunk) {
            throw new EOFException("read past EOF: " + this); //$NON-NLS-1$
        }
        boolean last = idx == f.lastChunk;
        int plainLen = last ? (int) (f.plainLength - (idx << f.shift)) : 1 << f.shift;
        int encLen = plainLen + ChunkFormat.CHUNK_OVERHEAD;
        if (raw == null) {
            raw = f.raw.clone();
        }
        byte[] enc = ChunkCache.scratch(encLen);
        raw.seek(ChunkFormat.encryptedOffset(idx, f.shift));
        raw.readBytes(enc, 0, encLen);
        byte[] plain = new byte[plainLen];
        try {
            ChunkFormat.decrypt(f.key.fileKey(), f.fileId, f.nameBytes, idx, last, enc, encLen, plain);
        } catch (AEADBadTagException e) {
            throw new CorruptIndexException("chunk " + idx + " fails authentication (altered, truncated or moved)", //$NON-NLS-1$ //$NON-NLS-2$
                    this, e);
        }
        return plain;
    }

    @Override
    public byte readByte() throws IOException {
        if (pos >= length) {
            throw new EOFException("read past EOF: " + this); //$NON-NLS-1$
        }
        long abs = offset + pos;
        load(abs);
        pos++;
        return chunk[(int) (abs & mask)];
    }

    @Override
    public void readBytes(byte[] b, int off, int len) throws IOException {
        if (len > length - pos) {
            throw new EOFException("read past EOF: " + this); //$NON-NLS-1$
        }
        while (len > 0) {
            long abs = offset + pos;
            load(abs);
            int in = (int) (abs & mask);
            int k = Math.min(len, chunk.length - in);
            System.arraycopy(chunk, in, b, off, k);
            pos += k;
            off += k;
            len -= k;
        }
    }

    /** Start of an in-chunk read of {@code n} bytes at the position, or -1 when it must go byte by byte. */
    private int fast(int n) throws IOException {
        if (pos + n > length) {
            return -1;
        }
        long abs = offset + pos;
        load(abs);
        int in = (int) (abs & mask);
        return in + n <= chunk.length ? in : -1;
    }

    @Override
    public short readShort() throws IOException {
        int i = fast(Short.BYTES);
        if (i < 0) {
            return super.readShort();
        }
        pos += Short.BYTES;
        return (short) BitUtil.VH_LE_SHORT.get(chunk, i);
    }

    @Override
    public int readInt() throws IOException {
        int i = fast(Integer.BYTES);
        if (i < 0) {
            return super.readInt();
        }
        pos += Integer.BYTES;
        return (int) BitUtil.VH_LE_INT.get(chunk, i);
    }

    @Override
    public long readLong() throws IOException {
        int i = fast(Long.BYTES);
        if (i < 0) {
            return super.readLong();
        }
        pos += Long.BYTES;
        return (long) BitUtil.VH_LE_LONG.get(chunk, i);
    }

    @Override
    public long getFilePointer() {
        return pos;
    }

    @Override
    public void seek(long p) throws IOException {
        if (p < 0 || p > length) {
            throw new EOFException("seek past EOF (" + p + " of " + length + "): " + this); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        pos = p;
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public EncryptedIndexInput clone() {
        EncryptedIndexInput c = new EncryptedIndexInput(toString(), f, false, offset, length, null);
        c.pos = pos;
        c.chunk = chunk; // decrypted chunks are never modified: sharing is safe
        c.chunkIndex = chunkIndex;
        return c;
    }

    @Override
    public IndexInput slice(String sliceDescription, long off, long len) throws IOException {
        if (off < 0 || len < 0 || off + len > length) {
            throw new IllegalArgumentException("slice() " + sliceDescription + " out of bounds: " + this); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return new EncryptedIndexInput(getFullSliceDescription(sliceDescription), f, false, offset + off, len, null);
    }

    @Override
    public void close() throws IOException {
        if (master && !closed) {
            closed = true;
            f.raw.close();
        }
    }
}

package maraude.archive.crypto;

import java.io.IOException;
import java.util.zip.CRC32;

import org.apache.lucene.store.IndexOutput;

/**
 * Buffers one chunk of plaintext, encrypts it when full and writes it to the underlying output.
 * {@link #getChecksum()} is the CRC32 of the plaintext written so far, which is what Lucene's codec
 * footers record and what {@code CodecUtil.checksumEntireFile} recomputes on reading.
 */
final class EncryptedIndexOutput extends IndexOutput {

    private final IndexOutput out;
    private final DataKey key;
    private final byte[] fileId = new byte[ChunkFormat.FILE_ID_BYTES];
    private final byte[] name;
    private final int shift;
    private final byte[] buf;
    private final byte[] enc;
    private final CRC32 crc = new CRC32();
    private int n;
    private int crcUpTo;
    private long chunk;
    private long written;
    private boolean closed;

    /**
     * @param aadName the name the file will be read under (differs from {@code out}'s name only for
     *                the temporary copy a rename goes through)
     */
    EncryptedIndexOutput(IndexOutput out, String aadName, DataKey key) throws IOException {
        super("encrypted(" + out + ")", aadName); //$NON-NLS-1$ //$NON-NLS-2$
        this.out = out;
        this.key = key;
        this.name = ChunkFormat.nameBytes(aadName);
        this.shift = key.chunkShift();
        this.buf = new byte[1 << shift];
        this.enc = new byte[buf.length + ChunkFormat.CHUNK_OVERHEAD];
        ChunkFormat.randomBytes(fileId);
        key.fileKey(); // fail now if the archive was locked
        out.writeBytes(ChunkFormat.header(shift, fileId), ChunkFormat.HEADER_BYTES);
    }

    @Override
    public void writeByte(byte b) throws IOException {
        buf[n++] = b;
        written++;
        if (n == buf.length) {
            flushChunk(false);
        }
    }

    @Override
    public void writeBytes(byte[] b, int offset, int length) throws IOException {
        while (length > 0) {
            int k = Math.min(length, buf.length - n);
            System.arraycopy(b, offset, buf, n, k);
            n += k;
            offset += k;
            length -= k;
            written += k;
            if (n == buf.length) {
                flushChunk(false);
            }
        }
    }

    private void flushChunk(boolean last) throws IOException {
        crc.update(buf, crcUpTo, n - crcUpTo);
        int len = ChunkFormat.encrypt(key.fileKey(), fileId, name, chunk, last, buf, n, enc);
        out.writeBytes(enc, 0, len);
        chunk++;
        n = 0;
        crcUpTo = 0;
    }

    @Override
    public long getFilePointer() {
        return written;
    }

    @Override
    public long getChecksum() throws IOException {
        crc.update(buf, crcUpTo, n - crcUpTo);
        crcUpTo = n;
        return crc.getValue();
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try (IndexOutput o = out) {
            flushChunk(true);
        }
    }
}

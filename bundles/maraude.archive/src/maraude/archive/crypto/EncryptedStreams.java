package maraude.archive.crypto;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.crypto.AEADBadTagException;

/**
 * Whole files in the {@link ChunkFormat} written and read as streams (attachments, backups' side
 * files, any small file the archive keeps): same format, same guarantees as the index files.
 */
public final class EncryptedStreams {

    private EncryptedStreams() {
    }

    /** Encrypts what is written into {@code out} under {@code aadName}; closing finishes and closes {@code out}. */
    static OutputStream encrypting(OutputStream out, String aadName, DataKey key) throws IOException {
        return new Enc(out, aadName, key);
    }

    /** Decrypts {@code file}, read under {@code aadName}; a damaged chunk is an {@link IOException} naming the file. */
    static InputStream decrypting(Path file, String aadName, DataKey key) throws IOException {
        return new Dec(file, aadName, key);
    }

    private static final class Enc extends OutputStream {
        private final OutputStream out;
        private final DataKey key;
        private final byte[] fileId = new byte[ChunkFormat.FILE_ID_BYTES];
        private final byte[] name;
        private final byte[] buf;
        private final byte[] enc;
        private int n;
        private long chunk;
        private boolean closed;

        Enc(OutputStream out, String aadName, DataKey key) throws IOException {
            this.out = out;
            this.key = key;
            this.name = ChunkFormat.nameBytes(aadName);
            this.buf = new byte[1 << key.chunkShift()];
            this.enc = new byte[buf.length + ChunkFormat.CHUNK_OVERHEAD];
            ChunkFormat.randomBytes(fileId);
            key.fileKey();
            out.write(ChunkFormat.header(key.chunkShift(), fileId));
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int k = Math.min(len, buf.length - n);
                System.arraycopy(b, off, buf, n, k);
                n += k;
                off += k;
                len -= k;
                if (n == buf.length) {
                    flushChunk(false);
                }
            }
        }

        private void flushChunk(boolean last) throws IOException {
            int len = ChunkFormat.encrypt(key.fileKey(), fileId, name, chunk++, last, buf, n, enc);
            out.write(enc, 0, len);
            n = 0;
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try (OutputStream o = out) {
                flushChunk(true);
            }
        }
    }

    private static final class Dec extends InputStream {
        private final SeekableByteChannel ch;
        private final Path file;
        private final DataKey key;
        private final byte[] name;
        private final byte[] fileId;
        private final long lastChunk;
        private final long plainLength;
        private final byte[] enc;
        private byte[] plain;
        private int avail;
        private int at;
        private long chunk;

        Dec(Path file, String aadName, DataKey key) throws IOException {
            this.file = file;
            this.key = key;
            this.name = ChunkFormat.nameBytes(aadName);
            this.ch = Files.newByteChannel(file);
            try {
                int shift = key.chunkShift();
                plainLength = ChunkFormat.plainLength(ch.size(), shift);
                byte[] header = new byte[ChunkFormat.HEADER_BYTES];
                if (ch.size() < header.length) {
                    throw damaged("truncated"); //$NON-NLS-1$
                }
                readFully(header, header.length);
                fileId = ChunkFormat.parseHeader(header, shift);
                if (fileId == null) {
                    throw damaged("not an encrypted file"); //$NON-NLS-1$
                }
                if (plainLength < 0) {
                    throw damaged("truncated"); //$NON-NLS-1$
                }
                lastChunk = ChunkFormat.chunkCount(plainLength, shift) - 1;
                enc = new byte[(1 << shift) + ChunkFormat.CHUNK_OVERHEAD];
                plain = new byte[1 << shift];
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }

        private IOException damaged(String why) {
            return new EncryptedFileException(file, why);
        }

        private void readFully(byte[] b, int len) throws IOException {
            java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(b, 0, len);
            while (bb.hasRemaining()) {
                if (ch.read(bb) < 0) {
                    throw new EOFException(file.toString());
                }
            }
        }

        private boolean fill() throws IOException {
            if (at < avail) {
                return true;
            }
            if (chunk > lastChunk) {
                return false;
            }
            boolean last = chunk == lastChunk;
            int plainLen = last ? (int) (plainLength - (chunk << key.chunkShift())) : 1 << key.chunkShift();
            int encLen = plainLen + ChunkFormat.CHUNK_OVERHEAD;
            readFully(enc, encLen);
            try {
                avail = ChunkFormat.decrypt(key.fileKey(), fileId, name, chunk, last, enc, encLen, plain);
            } catch (AEADBadTagException e) {
                throw damaged("chunk " + chunk + " fails authentication (altered or moved)"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            at = 0;
            chunk++;
            return avail > 0 || fill();
        }

        @Override
        public int read() throws IOException {
            return fill() ? plain[at++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int k = Math.min(len, avail - at);
            System.arraycopy(plain, at, b, off, k);
            at += k;
            return k;
        }

        @Override
        public void close() throws IOException {
            ch.close();
            java.util.Arrays.fill(plain, (byte) 0);
        }
    }
}

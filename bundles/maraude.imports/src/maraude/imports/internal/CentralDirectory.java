package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.ZipException;

/**
 * Where each entry's data starts in a zip, read from the central directory (ZIP64 included). The
 * JDK's {@link java.util.zip.ZipFile} has already checked the directory; this only recovers the
 * local header offsets it keeps private, so that {@link ZipContainer} can inflate an entry itself
 * and count the compressed bytes consumed. Anything unexpected gives an empty map (the JDK's
 * stream is then used) or a refused entry; nothing here trusts a size without checking it
 * against the file.
 */
final class CentralDirectory {

    /** An entry as the central directory describes it. */
    record Record(int method, long compressedSize, long localHeader, long crc) {
    }

    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CEN = 0x02014b50;
    private static final int LOC = 0x04034b50;
    private static final long MASK32 = 0xFFFFFFFFL;

    private CentralDirectory() {
    }

    static Map<String, Record> read(Path zip, int maxEntries) {
        try (FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ)) {
            return read(ch, maxEntries);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static Map<String, Record> read(FileChannel ch, int maxEntries) throws IOException {
        long size = ch.size();
        int tail = (int) Math.min(size, 0xFFFF + 22);
        ByteBuffer t = at(ch, size - tail, tail);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (t.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return Map.of();
        }
        long count = t.getShort(eocd + 10) & 0xFFFF;
        long cdSize = t.getInt(eocd + 12) & MASK32;
        long cdOffset = t.getInt(eocd + 16) & MASK32;
        long eocdAt = size - tail + eocd;
        boolean zip64 = false;
        if ((count == 0xFFFF || cdSize == MASK32 || cdOffset == MASK32) && eocdAt >= 20) {
            ByteBuffer loc = at(ch, eocdAt - 20, 20);
            if (loc.getInt(0) == ZIP64_LOCATOR) {
                long z = loc.getLong(8);
                if (z >= 0 && z + 56 <= size) {
                    ByteBuffer z64 = at(ch, z, 56);
                    if (z64.getInt(0) == ZIP64_EOCD) {
                        count = z64.getLong(32);
                        cdSize = z64.getLong(40);
                        cdOffset = z64.getLong(48);
                        zip64 = true;
                    }
                }
            }
        }
        // Data before the zip (a self-extracting stub) shifts every offset, as the JDK allows.
        long shift = zip64 ? 0 : Math.max(0, eocdAt - cdSize - cdOffset);
        cdOffset += shift;
        if (count > maxEntries || cdOffset < 0 || cdSize < 0 || cdSize > Integer.MAX_VALUE - 16
                || cdOffset + cdSize > size) {
            return Map.of();
        }
        ByteBuffer cd = at(ch, cdOffset, (int) cdSize);
        Map<String, Record> out = new HashMap<>();
        int p = 0;
        for (long i = 0; i < count && p + 46 <= cd.limit(); i++) {
            if (cd.getInt(p) != CEN) {
                return Map.of();
            }
            int method = cd.getShort(p + 10) & 0xFFFF;
            long crc = cd.getInt(p + 16) & MASK32;
            long csize = cd.getInt(p + 20) & MASK32;
            long usize = cd.getInt(p + 24) & MASK32;
            int nlen = cd.getShort(p + 28) & 0xFFFF;
            int elen = cd.getShort(p + 30) & 0xFFFF;
            int clen = cd.getShort(p + 32) & 0xFFFF;
            long local = cd.getInt(p + 42) & MASK32;
            int next = p + 46 + nlen + elen + clen;
            if (next > cd.limit()) {
                return Map.of();
            }
            byte[] name = new byte[nlen];
            cd.get(p + 46, name);
            // ZIP64 extra field: the 64-bit values, in this order, of the fields set to 0xFFFFFFFF.
            int e = p + 46 + nlen;
            int end = e + elen;
            while (e + 4 <= end) {
                int id = cd.getShort(e) & 0xFFFF;
                int len = cd.getShort(e + 2) & 0xFFFF;
                int q = e + 4;
                if (id == 0x0001) {
                    if (usize == MASK32 && q + 8 <= end) {
                        q += 8;
                    }
                    if (csize == MASK32 && q + 8 <= end) {
                        csize = cd.getLong(q);
                        q += 8;
                    }
                    if (local == MASK32 && q + 8 <= end) {
                        local = cd.getLong(q);
                    }
                }
                e += 4 + len;
            }
            local += shift;
            if (local >= 0 && csize >= 0 && local + 30 + csize <= size) {
                out.put(new String(name, StandardCharsets.UTF_8), new Record(method, csize, local, crc));
            }
            p = next;
        }
        return out;
    }

    /** The entry's compressed bytes, exactly {@code r.compressedSize()} of them, read from disk. */
    static InputStream rawData(Path zip, Record r) throws IOException {
        FileChannel ch = FileChannel.open(zip, StandardOpenOption.READ);
        try {
            ByteBuffer h = at(ch, r.localHeader(), 30);
            if (h.getInt(0) != LOC) {
                throw new ZipException("bad local header"); //$NON-NLS-1$
            }
            long data = r.localHeader() + 30 + (h.getShort(26) & 0xFFFF) + (h.getShort(28) & 0xFFFF);
            if (data + r.compressedSize() > ch.size()) {
                throw new ZipException("entry data past the end of the zip"); //$NON-NLS-1$
            }
            ch.position(data);
            return new BoundedInput(Channels.newInputStream(ch), r.compressedSize());
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    private static ByteBuffer at(FileChannel ch, long pos, int len) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(len).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, pos + b.position()) < 0) {
                throw new ZipException("zip shorter than its directory says"); //$NON-NLS-1$
            }
        }
        return b.flip().order(ByteOrder.LITTLE_ENDIAN);
    }

    /** At most {@code remaining} bytes of {@code in}. */
    private static final class BoundedInput extends java.io.FilterInputStream {
        private long remaining;

        BoundedInput(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            if (b >= 0) {
                remaining--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(Math.min(n, remaining));
            remaining -= Math.max(0, s);
            return s;
        }

        @Override
        public int available() throws IOException {
            return (int) Math.min(super.available(), remaining);
        }
    }
}

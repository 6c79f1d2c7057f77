package maraude.archive.crypto;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recently decrypted chunks, shared by every reader of one directory, so that the many short-lived
 * clones a search creates do not decrypt the same terms-dictionary block again and again. Bounded in
 * bytes; when full it is simply emptied (cheap, and a search refills what it needs within
 * milliseconds). Keys are the file's random id, never its name, so a deleted file's chunks are never
 * served for another. {@link #clear()} drops all plaintext (lock).
 */
final class ChunkCache {

    private record Key(long file, long chunk) {
    }

    private final ConcurrentHashMap<Key, byte[]> map = new ConcurrentHashMap<>();
    private final AtomicLong bytes = new AtomicLong();
    private final long maxBytes;

    private static final ThreadLocal<byte[][]> SCRATCH = ThreadLocal.withInitial(() -> new byte[1][]);

    ChunkCache(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    static long idOf(byte[] fileId) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (fileId[i] & 0xff);
        }
        long w = 0;
        for (int i = 8; i < 16; i++) {
            w = (w << 8) | (fileId[i] & 0xff);
        }
        return v ^ Long.rotateLeft(w, 31);
    }

    /** A per-thread buffer for ciphertext (used between a read and its decryption only). */
    static byte[] scratch(int size) {
        byte[][] holder = SCRATCH.get();
        if (holder[0] == null || holder[0].length < size) {
            holder[0] = new byte[Math.max(size, 16 * 1024 + ChunkFormat.CHUNK_OVERHEAD)];
        }
        return holder[0];
    }

    byte[] get(long file, long chunk) {
        return map.get(new Key(file, chunk));
    }

    void put(long file, long chunk, byte[] plain) {
        if (bytes.addAndGet(plain.length) > maxBytes) {
            clear();
            bytes.addAndGet(plain.length);
        }
        map.put(new Key(file, chunk), plain);
    }

    void clear() {
        map.clear();
        bytes.set(0);
    }
}

package maraude.archive.crypto;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The on-disk layout of every encrypted file (index files and attachments alike).
 *
 * <pre>
 * header  : "MRDENC" (6) | version 1 (1) | chunk shift (1) | file id (16 random bytes)
 * chunk i : nonce (12 random bytes) | AES-256-GCM ciphertext of up to 2^shift bytes | tag (16)
 * </pre>
 *
 * Every chunk but the last holds exactly one chunk of plaintext; the last holds 0 to chunkSize-1
 * bytes, so the plaintext length follows from the file length alone (no trailer to trust). The
 * additional authenticated data of chunk i is {@code file id | i | last? | file name}: chunks cannot be
 * moved within a file, between files, or dropped from the end, and a file cannot be served under
 * another name, without the tag failing.
 *
 * <p>JCA's SunJCE AES/GCM is used (no provider registration): on HotSpot it runs on the AES-NI and
 * carry-less multiply intrinsics, several times faster than a pure-Java GCM.
 */
final class ChunkFormat {

    static final byte[] MAGIC = { 'M', 'R', 'D', 'E', 'N', 'C' };
    static final int VERSION = 1;
    static final int FILE_ID_BYTES = 16;
    static final int HEADER_BYTES = MAGIC.length + 2 + FILE_ID_BYTES;
    static final int NONCE_BYTES = 12;
    static final int TAG_BYTES = 16;
    static final int CHUNK_OVERHEAD = NONCE_BYTES + TAG_BYTES;
    static final int MIN_SHIFT = 12;
    static final int MAX_SHIFT = 20;

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding"); //$NON-NLS-1$
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM is not available in this JVM", e); //$NON-NLS-1$
        }
    });

    private ChunkFormat() {
    }

    static void randomBytes(byte[] b) {
        RANDOM.nextBytes(b);
    }

    static byte[] header(int shift, byte[] fileId) {
        byte[] h = new byte[HEADER_BYTES];
        System.arraycopy(MAGIC, 0, h, 0, MAGIC.length);
        h[MAGIC.length] = VERSION;
        h[MAGIC.length + 1] = (byte) shift;
        System.arraycopy(fileId, 0, h, MAGIC.length + 2, FILE_ID_BYTES);
        return h;
    }

    /** Whether {@code h} starts like an encrypted file (the first bytes of a plain Lucene file never do). */
    static boolean hasMagic(byte[] h) {
        if (h.length < MAGIC.length) {
            return false;
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (h[i] != MAGIC[i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Checks a header and returns its file id.
     *
     * @return null when the header is not one of ours (caller reports which file)
     */
    static byte[] parseHeader(byte[] h, int expectedShift) {
        if (h.length != HEADER_BYTES || !hasMagic(h) || h[MAGIC.length] != VERSION
                || h[MAGIC.length + 1] != expectedShift) {
            return null;
        }
        byte[] id = new byte[FILE_ID_BYTES];
        System.arraycopy(h, MAGIC.length + 2, id, 0, FILE_ID_BYTES);
        return id;
    }

    /** Plaintext length of an encrypted file of {@code encryptedLength} bytes, or -1 if impossible. */
    static long plainLength(long encryptedLength, int shift) {
        long body = encryptedLength - HEADER_BYTES;
        long full = (1L << shift) + CHUNK_OVERHEAD;
        if (body < CHUNK_OVERHEAD) {
            return -1;
        }
        long fullChunks = body / full;
        long rest = body % full - CHUNK_OVERHEAD;
        if (rest < 0) {
            return -1;
        }
        return (fullChunks << shift) + rest;
    }

    /** Number of chunks holding {@code plainLength} bytes (the last may be empty). */
    static long chunkCount(long plainLength, int shift) {
        return (plainLength >>> shift) + 1;
    }

    static long encryptedOffset(long chunk, int shift) {
        return HEADER_BYTES + chunk * ((1L << shift) + CHUNK_OVERHEAD);
    }

    static byte[] nameBytes(String name) {
        return name.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] aad(byte[] fileId, long chunk, boolean last, byte[] name) {
        byte[] aad = new byte[FILE_ID_BYTES + 9 + name.length];
        System.arraycopy(fileId, 0, aad, 0, FILE_ID_BYTES);
        for (int i = 0; i < 8; i++) {
            aad[FILE_ID_BYTES + i] = (byte) (chunk >>> (56 - 8 * i));
        }
        aad[FILE_ID_BYTES + 8] = (byte) (last ? 1 : 0);
        System.arraycopy(name, 0, aad, FILE_ID_BYTES + 9, name.length);
        return aad;
    }

    /**
     * Encrypts {@code plain[0..len)} as chunk {@code chunk} into {@code out}, which must hold
     * {@code len + CHUNK_OVERHEAD} bytes.
     *
     * @return bytes written to {@code out}
     */
    static int encrypt(SecretKeySpec key, byte[] fileId, byte[] name, long chunk, boolean last, byte[] plain, int len,
            byte[] out) {
        Cipher c = CIPHER.get();
        try {
            byte[] nonce = new byte[NONCE_BYTES];
            RANDOM.nextBytes(nonce);
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            c.updateAAD(aad(fileId, chunk, last, name));
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            return NONCE_BYTES + c.doFinal(plain, 0, len, out, NONCE_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM encryption failed", e); //$NON-NLS-1$
        }
    }

    /**
     * Decrypts one chunk ({@code enc[0..len)} = nonce | ciphertext | tag) into {@code plain}.
     *
     * @return the plaintext length
     * @throws AEADBadTagException when the chunk was altered, moved, or the key is wrong
     */
    static int decrypt(SecretKeySpec key, byte[] fileId, byte[] name, long chunk, boolean last, byte[] enc, int len,
            byte[] plain) throws AEADBadTagException {
        Cipher c = CIPHER.get();
        try {
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, enc, 0, NONCE_BYTES));
            c.updateAAD(aad(fileId, chunk, last, name));
            return c.doFinal(enc, NONCE_BYTES, len - NONCE_BYTES, plain, 0);
        } catch (AEADBadTagException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM decryption failed", e); //$NON-NLS-1$
        }
    }
}

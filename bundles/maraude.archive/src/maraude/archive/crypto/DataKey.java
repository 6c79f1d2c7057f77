package maraude.archive.crypto;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The archive's random 256-bit data key, from which two sub-keys are derived (HMAC-SHA256 with
 * distinct labels): one encrypts files, one names attachments (so that a file name never reveals the
 * SHA-256 of a known picture). {@link #destroy()} wipes what this class holds; the JCA key objects are
 * dropped and left to the garbage collector (the best the JVM allows).
 */
public final class DataKey {

    static final int BYTES = 32;

    private final byte[] raw;
    private volatile SecretKeySpec fileKey;
    private volatile SecretKeySpec nameKey;
    private final int chunkShift;

    DataKey(byte[] raw, int chunkShift) {
        if (raw.length != BYTES) {
            throw new IllegalArgumentException("data key must be 32 bytes"); //$NON-NLS-1$
        }
        this.raw = raw.clone();
        this.chunkShift = chunkShift;
        this.fileKey = new SecretKeySpec(derive(raw, "maraude file encryption v1"), "AES"); //$NON-NLS-1$ //$NON-NLS-2$
        this.nameKey = new SecretKeySpec(derive(raw, "maraude attachment names v1"), "HmacSHA256"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    static DataKey random(int chunkShift) {
        byte[] b = new byte[BYTES];
        ChunkFormat.randomBytes(b);
        try {
            return new DataKey(b, chunkShift);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    private static byte[] derive(byte[] key, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); //$NON-NLS-1$
            mac.init(new SecretKeySpec(key, "HmacSHA256")); //$NON-NLS-1$
            return mac.doFinal(ChunkFormat.nameBytes(label));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    byte[] raw() {
        checkAlive();
        return raw.clone();
    }

    int chunkShift() {
        return chunkShift;
    }

    /** @throws KeyDroppedException once the key was destroyed (archive locked) */
    SecretKeySpec fileKey() throws KeyDroppedException {
        SecretKeySpec k = fileKey;
        if (k == null) {
            throw new KeyDroppedException();
        }
        return k;
    }

    /** Keyed name of an attachment: HMAC(nameKey, sha256) in hex. */
    String attachmentName(String sha256) throws KeyDroppedException {
        SecretKeySpec k = nameKey;
        if (k == null) {
            throw new KeyDroppedException();
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256"); //$NON-NLS-1$
            mac.init(k);
            return HexFormat.of().formatHex(mac.doFinal(ChunkFormat.nameBytes(sha256)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkAlive() {
        if (fileKey == null) {
            throw new IllegalStateException("key destroyed"); //$NON-NLS-1$
        }
    }

    public boolean isDestroyed() {
        return fileKey == null;
    }

    /** Wipes the key: every later read or write through it fails with {@link KeyDroppedException}. */
    public void destroy() {
        fileKey = null;
        nameKey = null;
        Arrays.fill(raw, (byte) 0);
    }
}

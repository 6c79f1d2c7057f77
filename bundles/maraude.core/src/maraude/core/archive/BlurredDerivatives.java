package maraude.core.archive;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where and under which names an archive keeps the blurred derivatives of its pictures (blurred
 * PNGs and explicitness scores, written by the images bundle), so that the archive's erasure
 * (purge, "forget this contact") can remove the derivatives of the attachments it removes without
 * depending on the images bundle.
 *
 * <p>Entries are {@code <FOLDER>/<key>-<size>-<level>.png} and {@code <FOLDER>/<key>.score}, where
 * {@code <key>} is HMAC-SHA256(secret, sha256 of the picture) in hex and the secret is the content of
 * {@code <FOLDER>/}{@value #SECRET_FILE} (read through the archive's {@link ArchiveFiles}, so encrypted
 * on a protected archive). Older versions named entries after the sha256 itself.</p>
 */
public final class BlurredDerivatives {

    /** The cache folder inside the archive's side files. */
    public static final String FOLDER = "cache/blurred"; //$NON-NLS-1$
    /** The cache's naming secret (32 random bytes), inside {@link #FOLDER}. */
    public static final String SECRET_FILE = "names.key"; //$NON-NLS-1$
    private static final String HMAC = "HmacSHA256"; //$NON-NLS-1$
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}"); //$NON-NLS-1$

    private BlurredDerivatives() {
    }

    /** The keyed stem of a picture's entries: HMAC-SHA256(secret, sha256) in lower-case hex. */
    public static String key(byte[] secret, String sha256) throws IOException {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return HexFormat.of().formatHex(mac.doFinal(sha256.getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IOException("blurred cache key: " + e.getClass().getSimpleName(), e); //$NON-NLS-1$
        }
    }

    /**
     * Deletes every derivative (blurred PNGs of any size and level, the score) of the given pictures
     * from the archive's cache, under keyed names and under the older sha-named ones. Values that are
     * not a sha256 are skipped (never used to build a name).
     *
     * @return how many cache files were deleted
     * @throws IOException when the cache's secret exists but cannot be read (e.g. damaged): the caller
     *                     must then treat the cache as unsafe and clear it ({@link #clear})
     */
    public static int forget(ArchiveFiles files, Collection<String> sha256s) throws IOException {
        if (sha256s.isEmpty()) {
            return 0;
        }
        String prefix = FOLDER + '/';
        String secretName = prefix + SECRET_FILE;
        byte[] secret = files.exists(secretName) ? files.readAllBytes(secretName) : null;
        if (secret != null && secret.length < 32) {
            throw new IOException(secretName + ": " + secret.length + " bytes, expected 32"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        Set<String> stems = new HashSet<>();
        for (String sha : sha256s) {
            if (sha == null || !SHA256.matcher(sha).matches()) {
                continue;
            }
            if (secret != null) {
                stems.add(key(secret, sha));
            }
            stems.add(sha);
        }
        // one listing for the whole erasure: a purge may drop thousands of pictures
        int deleted = 0;
        for (String n : files.list(prefix)) {
            String base = n.substring(prefix.length());
            int end = stemEnd(base);
            if (end > 0 && stems.contains(base.substring(0, end)) && files.delete(n)) {
                deleted++;
            }
        }
        return deleted;
    }

    /**
     * Deletes the whole cache but its secret: every blurred copy and score, recomputed on demand.
     *
     * @return how many cache files were deleted
     */
    public static int clear(ArchiveFiles files) throws IOException {
        int deleted = 0;
        for (String n : files.list(FOLDER + '/')) {
            if (!n.equals(FOLDER + '/' + SECRET_FILE) && files.delete(n)) {
                deleted++;
            }
        }
        return deleted;
    }

    /** Where the stem of {@code <stem>-<size>-<level>.png} or {@code <stem>.score} ends; -1 for other names. */
    private static int stemEnd(String base) {
        if (base.endsWith(".score")) { //$NON-NLS-1$
            return base.length() - ".score".length(); //$NON-NLS-1$
        }
        return base.endsWith(".png") ? base.indexOf('-') : -1; //$NON-NLS-1$
    }
}

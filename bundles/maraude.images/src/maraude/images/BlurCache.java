package maraude.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.BlurredDerivatives;
import maraude.core.archive.PlainArchiveFiles;

/**
 * Blurred derivatives and explicitness scores on disk, in a folder given by the caller (inside the
 * archive folder). Holds only blurred PNGs ({@code <key>-<size>-<level>.png}) and one line of
 * numbers per picture ({@code <key>.score}): sharp pixels never come here. Writes go through
 * {@link ArchiveFiles} (temporary file, then an atomic rename), so a crash leaves either nothing or a
 * whole file; on a protected archive they are encrypted.
 *
 * <p>File names do not reveal which pictures the archive holds: {@code <key>} is the HMAC-SHA256 of
 * the picture's sha256 under a random secret of this cache ({@value #SECRET_FILE}, kept through the
 * same {@link ArchiveFiles}, hence encrypted on a protected archive). Without the secret, someone
 * holding the folder cannot test whether a known picture is in it. Entries of older versions, named
 * after the sha256, are renamed once, when the secret is created.</p>
 */
public final class BlurCache {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}"); //$NON-NLS-1$
    /** Names of older versions: {@code <sha256>-<size>-<level>.png}, {@code <sha256>.score}. */
    private static final Pattern LEGACY = Pattern.compile("([0-9a-f]{64})((?:-[0-9]+-[a-z]+\\.png)|(?:\\.score))"); //$NON-NLS-1$
    /** The cache's secret (32 random bytes), beside the entries. */
    static final String SECRET_FILE = BlurredDerivatives.SECRET_FILE;
    private static final String HMAC = "HmacSHA256"; //$NON-NLS-1$

    /** Guarded by {@code this}; loaded or created on first use. */
    private SecretKeySpec secret;

    private final ArchiveFiles files;
    private final String folder;

    public BlurCache(Path dir) {
        this(new PlainArchiveFiles(dir), ""); //$NON-NLS-1$
    }

    /**
     * A cache kept in {@code folder} (e.g. {@code "cache/blurred"}) of an archive's side files: on a
     * protected archive each PNG and score is encrypted like the rest of the archive.
     */
    public BlurCache(ArchiveFiles files, String folder) {
        this.files = files;
        this.folder = folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder; //$NON-NLS-1$
    }

    public Path directory() {
        if (!(files instanceof PlainArchiveFiles p)) {
            return null;
        }
        return folder.isEmpty() ? p.root() : p.resolve(folder);
    }

    /** @throws IllegalArgumentException unless {@code sha256} is 64 lower-case hex digits (no path tricks) */
    static String checkSha(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + (sha256 == null ? "null" : sha256.length() + " chars")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        return sha256;
    }

    private String name(String fileName) {
        return folder.isEmpty() ? fileName : folder + '/' + fileName;
    }

    /** The keyed stem of a picture's entries: HMAC-SHA256(secret, sha256) in hex. */
    String key(String sha256) throws IOException {
        checkSha(sha256);
        // one definition with the archive's erasure, which deletes a removed picture's entries
        return BlurredDerivatives.key(secret().getEncoded(), sha256);
    }

    String blurredName(String sha256, int size, BlurLevel level) throws IOException {
        return name(key(sha256) + '-' + size + '-' + level.name().toLowerCase(Locale.ROOT) + ".png"); //$NON-NLS-1$
    }

    String scoreName(String sha256) throws IOException {
        return name(key(sha256) + ".score"); //$NON-NLS-1$
    }

    /**
     * The secret, read through the archive's files; created (and older entries renamed with it) when
     * there is none. An unreadable secret (a locked protected archive, damage) is an error: the
     * caller treats it as a cache miss and never falls back to names that reveal the picture.
     */
    private synchronized SecretKeySpec secret() throws IOException {
        if (secret != null) {
            return secret;
        }
        String n = name(SECRET_FILE);
        if (files.exists(n)) {
            byte[] k = files.readAllBytes(n);
            if (k.length < 32) {
                throw new IOException(n + ": " + k.length + " bytes, expected 32"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            secret = new SecretKeySpec(k, HMAC);
            return secret;
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        SecretKeySpec created = new SecretKeySpec(k, HMAC);
        renameLegacy(created);
        files.writeAllBytes(n, k);
        // Another process may have written its own secret meanwhile: use whichever is on disk.
        byte[] onDisk = files.readAllBytes(n);
        secret = new SecretKeySpec(onDisk.length >= 32 ? onDisk : k, HMAC);
        return secret;
    }

    /** Moves entries named after the sha256 (older versions) to their keyed names; damaged ones are dropped. */
    private void renameLegacy(SecretKeySpec key) throws IOException {
        String prefix = folder.isEmpty() ? "" : folder + '/'; //$NON-NLS-1$
        List<String> names = files.list(prefix);
        for (String full : names) {
            String base = full.substring(prefix.length());
            Matcher m = LEGACY.matcher(base);
            if (!m.matches()) {
                continue;
            }
            try {
                Mac mac = Mac.getInstance(HMAC);
                mac.init(key);
                String keyed = HexFormat.of().formatHex(mac.doFinal(m.group(1).getBytes(StandardCharsets.US_ASCII)));
                try {
                    files.writeAllBytes(name(keyed + m.group(2)), files.readAllBytes(full));
                } catch (IOException unreadable) {
                    // a damaged entry is recomputed when asked for
                }
                files.delete(full);
            } catch (GeneralSecurityException e) {
                throw new IOException("blurred cache key: " + e.getClass().getSimpleName(), e); //$NON-NLS-1$
            }
        }
    }

    Optional<byte[]> readBlurred(String sha256, int size, BlurLevel level) {
        try {
            String n = blurredName(sha256, size, level);
            if (!files.exists(n)) {
                return Optional.empty();
            }
            byte[] png = files.readAllBytes(n);
            return isWholePng(png) ? Optional.of(png) : Optional.empty(); // torn by a power cut: recompute
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable cache entry (or locked key): recompute
        }
    }

    /**
     * Entries are derived, so they are written without forcing them to disk ({@link ArchiveFiles#writeDerived});
     * a PNG cut short (no IEND chunk at its end) is recomputed.
     */
    void writeBlurred(String sha256, int size, BlurLevel level, byte[] png) throws IOException {
        files.writeDerivedBytes(blurredName(sha256, size, level), png);
    }

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    private static final byte[] PNG_END = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', (byte) 0xAE, 'B', 0x60, (byte) 0x82 };

    static boolean isWholePng(byte[] b) {
        return b.length >= PNG_SIGNATURE.length + PNG_END.length
                && java.util.Arrays.equals(b, 0, PNG_SIGNATURE.length, PNG_SIGNATURE, 0, PNG_SIGNATURE.length)
                && java.util.Arrays.equals(b, b.length - PNG_END.length, b.length, PNG_END, 0, PNG_END.length);
    }

    Optional<ExplicitnessScore> readScore(String sha256) {
        try {
            String n = scoreName(sha256);
            return files.exists(n) ? Optional.of(ExplicitnessScore.parse(new String(files.readAllBytes(n), StandardCharsets.US_ASCII)))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing or damaged: recompute
        }
    }

    /** Deletes every entry of a picture: blurred copies of any size and level, and its score. */
    void forget(String sha256) throws IOException {
        for (String n : files.list(name(key(sha256)))) {
            files.delete(n);
        }
    }

    void writeScore(String sha256, ExplicitnessScore score) throws IOException {
        files.writeDerivedBytes(scoreName(sha256), score.serialize().getBytes(StandardCharsets.US_ASCII));
    }
}

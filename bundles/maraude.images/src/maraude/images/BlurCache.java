package maraude.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;

/**
 * Blurred derivatives and explicitness scores on disk, in a folder given by the caller (inside the
 * archive folder). Holds only blurred PNGs ({@code <sha256>-<size>-<level>.png}) and one line of
 * numbers per picture ({@code <sha256>.score}): sharp pixels never come here. Writes go through
 * {@link ArchiveFiles} (temporary file, then an atomic rename), so a crash leaves either nothing or a
 * whole file; on a protected archive they are encrypted.
 */
public final class BlurCache {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}"); //$NON-NLS-1$

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

    String blurredName(String sha256, int size, BlurLevel level) {
        return name(checkSha(sha256) + '-' + size + '-' + level.name().toLowerCase(Locale.ROOT) + ".png"); //$NON-NLS-1$
    }

    String scoreName(String sha256) {
        return name(checkSha(sha256) + ".score"); //$NON-NLS-1$
    }

    Optional<byte[]> readBlurred(String sha256, int size, BlurLevel level) {
        String n = blurredName(sha256, size, level);
        try {
            return files.exists(n) ? Optional.of(files.readAllBytes(n)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // unreadable cache entry (or locked key): recompute
        }
    }

    void writeBlurred(String sha256, int size, BlurLevel level, byte[] png) throws IOException {
        files.writeAllBytes(blurredName(sha256, size, level), png);
    }

    Optional<ExplicitnessScore> readScore(String sha256) {
        String n = scoreName(sha256);
        try {
            return files.exists(n) ? Optional.of(ExplicitnessScore.parse(new String(files.readAllBytes(n), StandardCharsets.US_ASCII)))
                    : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing or damaged: recompute
        }
    }

    void writeScore(String sha256, ExplicitnessScore score) throws IOException {
        files.writeAllBytes(scoreName(sha256), score.serialize().getBytes(StandardCharsets.US_ASCII));
    }
}

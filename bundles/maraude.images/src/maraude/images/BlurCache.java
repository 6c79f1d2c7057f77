package maraude.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Blurred derivatives and explicitness scores on disk, in a folder given by the caller (inside the
 * archive folder). Holds only blurred PNGs ({@code <sha256>-<size>-<level>.png}) and one line of
 * numbers per picture ({@code <sha256>.score}): sharp pixels never come here. Writes go to a
 * temporary file in the same folder (holding the same blurred bytes) then an atomic rename, so a
 * crash leaves either nothing or a whole file.
 */
public final class BlurCache {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}"); //$NON-NLS-1$

    private final Path dir;

    public BlurCache(Path dir) {
        this.dir = dir;
    }

    public Path directory() {
        return dir;
    }

    /** @throws IllegalArgumentException unless {@code sha256} is 64 lower-case hex digits (no path tricks) */
    static String checkSha(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a sha256: " + (sha256 == null ? "null" : sha256.length() + " chars")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        return sha256;
    }

    Path blurredPath(String sha256, int size, BlurLevel level) {
        return dir.resolve(checkSha(sha256) + '-' + size + '-' + level.name().toLowerCase(Locale.ROOT) + ".png"); //$NON-NLS-1$
    }

    Path scorePath(String sha256) {
        return dir.resolve(checkSha(sha256) + ".score"); //$NON-NLS-1$
    }

    Optional<byte[]> readBlurred(String sha256, int size, BlurLevel level) {
        try {
            return Optional.of(Files.readAllBytes(blurredPath(sha256, size, level)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // unreadable cache entry: recompute
        }
    }

    void writeBlurred(String sha256, int size, BlurLevel level, byte[] png) throws IOException {
        write(blurredPath(sha256, size, level), png);
    }

    Optional<ExplicitnessScore> readScore(String sha256) {
        try {
            return Optional.of(ExplicitnessScore.parse(Files.readString(scorePath(sha256), StandardCharsets.US_ASCII)));
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // missing or damaged: recompute
        }
    }

    void writeScore(String sha256, ExplicitnessScore score) throws IOException {
        write(scorePath(sha256), score.serialize().getBytes(StandardCharsets.US_ASCII));
    }

    private void write(Path target, byte[] bytes) throws IOException {
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".blur-", ".part"); //$NON-NLS-1$ //$NON-NLS-2$
        try {
            Files.write(tmp, bytes);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}

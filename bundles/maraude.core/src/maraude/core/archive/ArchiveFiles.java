package maraude.core.archive;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The archive's side files (triage state, quarantine, "us" memory, sources, caches, team settings):
 * every file the archive folder holds outside the index and the attachment store. Bundles that must
 * not depend on the archive implementation write through this seam, so that a protected archive
 * encrypts them with its data key ({@link Archive#files()}); a plain archive writes plain files.
 * <p>
 * Names are relative, '/'-separated, without "..", e.g. {@code "quarantine/abc.bin"}. Writes are
 * atomic: the file appears with its whole content when the stream is closed, or not at all (the
 * old content is kept when the writer fails or the process dies).
 */
public interface ArchiveFiles {

    /** Opens a file for reading; {@link java.nio.file.NoSuchFileException} when it does not exist. */
    InputStream read(String relativeName) throws IOException;

    /** A stream whose content replaces the file atomically when it is closed. */
    OutputStream write(String relativeName) throws IOException;

    /**
     * Like {@link #write}, atomic too, but not forced to disk before the move: for derived files that
     * the reader checks and recomputes when damaged (blurred thumbnails, scores). After a power cut such
     * a file may be missing or torn, never a mix of old and new in a way that passes the reader's check.
     */
    default OutputStream writeDerived(String relativeName) throws IOException {
        return write(relativeName);
    }

    /**
     * Like {@link #write}, but the content replaces the file only if its {@link #version} is still
     * {@code expectedVersion} ({@code null}: the file must not exist); otherwise closing the stream throws
     * {@link FileChangedException} and nothing is written. By default the version is compared when the
     * stream is closed; a team archive's shared files are compared by the servers in the write itself.
     */
    default OutputStream writeIfVersion(String relativeName, String expectedVersion) throws IOException {
        return WriteOnClose.to(content -> {
            if (!java.util.Objects.equals(version(relativeName), expectedVersion)) {
                throw new FileChangedException(relativeName, null);
            }
            writeAllBytes(relativeName, content);
        });
    }

    /**
     * Whether the file is the team's, kept on a team archive's servers and read by every worker
     * (settings, reply templates) rather than in this machine's folder; {@code false} on a local archive.
     */
    default boolean shared(String relativeName) {
        return false;
    }

    boolean exists(String relativeName);

    /** Deletes the file; {@code false} when there was none. */
    boolean delete(String relativeName) throws IOException;

    /** Names of the regular files whose name starts with {@code prefix} (e.g. {@code "quarantine/"}), sorted. */
    List<String> list(String prefix) throws IOException;

    /**
     * A token that changes whenever the file is replaced (size and modification time), to notice a
     * write by another process; {@code null} when the file does not exist.
     */
    String version(String relativeName) throws IOException;

    /** Whether the content is encrypted (protected archive). */
    boolean encrypted();

    default byte[] readAllBytes(String relativeName) throws IOException {
        try (InputStream in = read(relativeName)) {
            return in.readAllBytes();
        }
    }

    default void writeAllBytes(String relativeName, byte[] bytes) throws IOException {
        try (OutputStream out = write(relativeName)) {
            out.write(bytes);
        }
    }

    /** {@link #writeDerived} of a whole content. */
    default void writeDerivedBytes(String relativeName, byte[] bytes) throws IOException {
        try (OutputStream out = writeDerived(relativeName)) {
            out.write(bytes);
        }
    }
}

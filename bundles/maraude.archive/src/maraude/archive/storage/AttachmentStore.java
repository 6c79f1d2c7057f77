package maraude.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import maraude.core.model.Attachment;

/**
 * Content-addressed attachment bytes: each file is stored once under its SHA-256, whatever the
 * number of messages that carry it.
 */
public interface AttachmentStore {

    /**
     * Copies {@code content} in (the caller closes it), returning its description. Storing the same
     * bytes again is a no-op that returns the same sha256. Written atomically: a crash leaves either
     * no file or the whole file.
     */
    Attachment store(InputStream content, String mediaType, String fileName) throws IOException;

    /**
     * Opens stored bytes.
     *
     * @throws java.nio.file.NoSuchFileException when nothing is stored under that hash
     * @throws IllegalArgumentException           when {@code sha256} is not 64 hex digits
     */
    InputStream open(String sha256) throws IOException;

    boolean contains(String sha256);

    /** Number of stored files. */
    long count() throws IOException;

    /** Relative names ('/'-separated, e.g. {@code ab/cdef…}) of the stored files, temporary ones left out, sorted. */
    default List<String> storedFiles() throws IOException {
        return List.of();
    }

    /**
     * Reads one stored file whole and checks it against its content address (and, encrypted, every
     * chunk's authentication).
     *
     * @return null when intact, else a short reason that quotes no content
     */
    default String damage(String storedFile) throws IOException {
        return null;
    }

    /** The files of a two-level store folder ({@code ab/cdef…}), the {@code tmp} folder left out. */
    static List<String> listTwoLevels(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(p -> p.getNameCount() - root.getNameCount() == 2)
                    .filter(p -> !p.getParent().getFileName().toString().equals("tmp")) //$NON-NLS-1$
                    .filter(Files::isRegularFile)
                    .map(p -> p.getParent().getFileName() + "/" + p.getFileName()).sorted().toList(); //$NON-NLS-1$
        }
    }
}

package maraude.archive.storage;

import java.io.IOException;
import java.io.InputStream;

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
}

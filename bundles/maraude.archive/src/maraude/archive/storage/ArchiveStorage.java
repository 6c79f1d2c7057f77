package maraude.archive.storage;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;

import org.apache.lucene.store.Directory;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;

/**
 * The single place where the archive's bytes reach the disk: the Lucene index goes through
 * {@link #indexDirectory()} and attachments through {@link #attachments()}. Nothing else in the
 * archive opens files, so that an encrypting implementation (protection issue) can replace
 * {@link FileSystemStorage} without touching any caller.
 */
public interface ArchiveStorage extends Closeable {

    /** The archive's folder. */
    Path root();

    /** Whether an index has ever been committed here (without creating anything). */
    boolean indexExists() throws IOException;

    /**
     * The Lucene directory holding the index, created on first call (READ_WRITE) or opened as is. Its
     * lock factory must be a cross-process one: it enforces the single writer.
     */
    Directory indexDirectory() throws IOException;

    /** The content-addressed attachment store. */
    AttachmentStore attachments();

    /** The side files of the archive (plain here; encrypted by a protected archive's storage). */
    default ArchiveFiles files() {
        return new PlainArchiveFiles(root());
    }

    /** Closes the directory and the attachment store. */
    @Override
    void close() throws IOException;
}

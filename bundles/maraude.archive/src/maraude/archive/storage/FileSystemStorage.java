package maraude.archive.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import maraude.core.archive.ArchiveLayout;
import org.apache.lucene.store.NativeFSLockFactory;

/**
 * Plain files: {@code <root>/index} (Lucene, {@link FSDirectory} with OS-level native locks, which the
 * OS releases when a process dies, so a {@code kill -9} never leaves a stale lock) and
 * {@code <root>/attachments/ab/cdef…}.
 */
public class FileSystemStorage implements ArchiveStorage {

    /** Sub-folder of the Lucene index. */
    public static final String INDEX_FOLDER = "index"; //$NON-NLS-1$
    /** Sub-folder of the attachment store. */
    public static final String ATTACHMENTS_FOLDER = "attachments"; //$NON-NLS-1$

    private final Path root;
    private final FileAttachmentStore attachments;
    private Directory directory;

    public FileSystemStorage(Path root) {
        this.root = root;
        this.attachments = new FileAttachmentStore(root.resolve(ATTACHMENTS_FOLDER));
    }

    @Override
    public Path root() {
        return root;
    }

    @Override
    public boolean indexExists() throws IOException {
        Path index = root.resolve(INDEX_FOLDER);
        if (!Files.isDirectory(index)) {
            return false;
        }
        try (Directory d = FSDirectory.open(index, NativeFSLockFactory.INSTANCE)) {
            return DirectoryReader.indexExists(d);
        }
    }

    @Override
    public synchronized Directory indexDirectory() throws IOException {
        if (directory == null) {
            ArchiveLayout.createPrivateDirectories(root);
            ArchiveLayout.restrict(root);
            directory = OwnerOnlyDirectory.open(root.resolve(INDEX_FOLDER), NativeFSLockFactory.INSTANCE);
        }
        return directory;
    }

    @Override
    public AttachmentStore attachments() {
        return attachments;
    }

    @Override
    public synchronized void close() throws IOException {
        if (directory != null) {
            directory.close();
            directory = null;
        }
    }
}

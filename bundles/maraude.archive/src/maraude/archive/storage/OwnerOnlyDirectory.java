package maraude.archive.storage;

import java.io.IOException;
import java.nio.file.Path;

import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.FilterDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexOutput;
import org.apache.lucene.store.Lock;

import maraude.core.archive.ArchiveLayout;

/**
 * An index folder whose files are their owner's only (0600, the folder 0700), as attachments and
 * side files are, whatever the process's umask: Lucene creates its files with the default mode.
 */
public final class OwnerOnlyDirectory extends FilterDirectory {

    private final Path path;

    public OwnerOnlyDirectory(FSDirectory in) throws IOException {
        super(in);
        this.path = in.getDirectory();
        ArchiveLayout.createPrivateDirectories(path);
        ArchiveLayout.restrict(path); // FSDirectory may have created it with the default mode
    }

    /** {@link FSDirectory#open} of {@code folder}, owner-only. */
    public static OwnerOnlyDirectory open(Path folder, org.apache.lucene.store.LockFactory locks) throws IOException {
        return new OwnerOnlyDirectory(FSDirectory.open(folder, locks));
    }

    @Override
    public IndexOutput createOutput(String name, IOContext context) throws IOException {
        IndexOutput out = super.createOutput(name, context);
        ArchiveLayout.restrict(path.resolve(name));
        return out;
    }

    @Override
    public IndexOutput createTempOutput(String prefix, String suffix, IOContext context) throws IOException {
        IndexOutput out = super.createTempOutput(prefix, suffix, context);
        ArchiveLayout.restrict(path.resolve(out.getName()));
        return out;
    }

    @Override
    public Lock obtainLock(String name) throws IOException {
        Lock l = super.obtainLock(name);
        ArchiveLayout.restrict(path.resolve(name));
        return l;
    }
}

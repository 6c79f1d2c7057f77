package maraude.archive;

import java.nio.file.Path;
import java.util.function.Function;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;

/**
 * Opens {@link LuceneArchive}s. Published as the {@link ArchiveFactory} OSGi service (a DS
 * component, immediate so that the workbench finds it as soon as the bundle starts); tests and the CLI may also just call
 * {@code new LuceneArchiveFactory()}. The storage function is the seam for the protection issue: give
 * it one that returns an encrypting {@link ArchiveStorage}.
 */
@Component(service = ArchiveFactory.class, immediate = true)
public class LuceneArchiveFactory implements ArchiveFactory {

    private final Function<Path, ArchiveStorage> storage;

    /**
     * Plain files ({@link FileSystemStorage}), or encrypted ones when the folder is protected
     * ({@link ArchiveProtection#storageFor}: the key comes from the process's keyring).
     */
    public LuceneArchiveFactory() {
        this(ArchiveProtection::storageFor);
    }

    public LuceneArchiveFactory(Function<Path, ArchiveStorage> storage) {
        this.storage = storage;
    }

    @Override
    public Archive open(Path folder, AccessMode mode) {
        LuceneArchive a = LuceneArchive.open(storage.apply(folder), mode);
        maraude.archive.maintenance.ImportAudit.recover(a); // an import killed before its audit line
        return a;
    }
}

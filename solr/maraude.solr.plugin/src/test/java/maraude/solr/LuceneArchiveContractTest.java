package maraude.solr;

import java.nio.file.Path;

import maraude.archive.LuceneArchive;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/** The contract on the local archive: the reference the team archive is held to. */
class LuceneArchiveContractTest extends ArchiveContractTest {

    private Path folder;

    @Override
    protected Archive open(Path local) {
        folder = local.resolve("archive"); //$NON-NLS-1$
        return LuceneArchive.open(folder, AccessMode.READ_WRITE);
    }

    @Override
    protected Archive reopen() {
        return LuceneArchive.open(folder, AccessMode.READ_WRITE);
    }
}

package maraude.core.archive;

import java.nio.file.Path;

/**
 * Opens archives. Provided as an OSGi service by the storage bundle (maraude.archive), so callers
 * (workbench, CLI, tests) never name the implementation.
 */
public interface ArchiveFactory {

    /**
     * Opens (creating if needed, in READ_WRITE) the archive in {@code folder}.
     *
     * @throws ArchiveException of kind LOCKED when another writer holds the archive, CORRUPT when
     *                          its files are damaged, IO otherwise
     */
    Archive open(Path folder, AccessMode mode);
}

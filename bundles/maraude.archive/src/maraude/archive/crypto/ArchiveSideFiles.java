package maraude.archive.crypto;

import java.nio.file.Path;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;

/**
 * An archive's side files without opening its index: what the workbench reads before the archive is
 * open (the team's zone, the queue's last snapshot). Encrypted under the data key on a protected
 * archive, which must then be unlocked in {@code keyring} first; plain files otherwise.
 */
public final class ArchiveSideFiles {

    private ArchiveSideFiles() {
    }

    /**
     * @throws maraude.core.archive.ArchiveException BAD_INPUT when a protected archive is not unlocked
     *                                               and the keyring has no passphrase source
     */
    public static ArchiveFiles of(Path root, Keyring keyring) {
        return ArchiveProtection.isProtected(root) ? new EncryptedArchiveFiles(root, keyring.keyFor(root))
                : new PlainArchiveFiles(root);
    }
}

package maraude.archive.crypto;

import java.nio.file.Path;
import java.util.Arrays;

import maraude.archive.LuceneArchive;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;

/**
 * Opens plain and protected archives alike; the workbench's passphrase dialog and the CLI call
 * {@link #open(Path, AccessMode, char[])}. The archive service ({@code LuceneArchiveFactory}) already
 * opens protected archives through the shared {@link Keyring}; this class is the explicit API.
 */
public final class ProtectedArchiveFactory implements ArchiveFactory {

    private final Keyring keyring;

    public ProtectedArchiveFactory() {
        this(Keyring.shared());
    }

    public ProtectedArchiveFactory(Keyring keyring) {
        this.keyring = keyring;
    }

    public Keyring keyring() {
        return keyring;
    }

    @Override
    public Archive open(Path folder, AccessMode mode) {
        LuceneArchive a = LuceneArchive.open(ArchiveProtection.storageFor(folder, keyring), mode);
        maraude.archive.maintenance.ImportAudit.recover(a); // an import killed before its audit line
        return a;
    }

    /**
     * Unlocks with {@code passphrase} (wiped on return), then opens. A wrong passphrase throws
     * {@link WrongPassphraseException} before anything is opened. On a plain archive the passphrase
     * is ignored.
     */
    public Archive open(Path folder, AccessMode mode, char[] passphrase) {
        try {
            if (ArchiveProtection.isProtected(folder)) {
                keyring.unlock(folder, passphrase);
            }
        } finally {
            Arrays.fill(passphrase, '\0');
        }
        return open(folder, mode);
    }

    /** Drops every key (Ctrl+L, idle): open protected archives stop reading and writing. */
    public void lock() {
        keyring.lock();
    }
}

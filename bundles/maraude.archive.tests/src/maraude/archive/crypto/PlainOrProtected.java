package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.BRUSSELS;
import static maraude.archive.crypto.ProtectionTestData.pass;

import java.io.IOException;
import java.nio.file.Path;

import maraude.archive.LuceneArchiveFactory;
import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.triage.ReadingSettings;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStateStore;

/**
 * Opens a test archive alike whether it is plain or protected (with {@link ProtectionTestData#pass()}),
 * for the erasure tests of the side files the triage keeps.
 */
final class PlainOrProtected {

    final Keyring keyring = new Keyring(a -> null);
    private final ProtectedArchiveFactory factory = new ProtectedArchiveFactory(keyring);

    Archive open(Path root, AccessMode mode) {
        return ArchiveProtection.isProtected(root) ? factory.open(root, mode, pass())
                : new LuceneArchiveFactory().open(root, mode);
    }

    ArchiveStorage storage(Path root, boolean protect) throws IOException {
        return protect ? new EncryptedStorage(root, keyring.keyFor(root)) : new FileSystemStorage(root);
    }

    /** The triage as the CLI builds it, in the team zone of the test data. */
    static TriageService triage(Archive a) {
        return new TriageService(a, TriageStateStore.open(a.files()), TriagePolicy.defaults(), BRUSSELS,
                ReadingSettings.load(a.files()));
    }
}

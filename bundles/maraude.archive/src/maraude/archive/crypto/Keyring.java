package maraude.archive.crypto;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.eclipse.osgi.util.NLS;

import maraude.archive.maintenance.AuditTrail;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * The data keys unlocked in this process, one per archive folder. {@link #lock()} destroys them all and
 * drops decrypted chunks: from then on every read or write of an open protected archive fails, and the
 * next open asks the {@link PassphraseSource} again. The workbench's Ctrl+L and idle lock call
 * {@link #lock()} (see {@link IdleLock}).
 */
public final class Keyring {

    private static final Keyring SHARED = new Keyring(PassphraseSource.environmentOrTerminal());

    private final Map<Path, DataKey> keys = new ConcurrentHashMap<>();
    private final List<EncryptedStorage> handedOut = new CopyOnWriteArrayList<>();
    private volatile PassphraseSource source;

    public Keyring(PassphraseSource source) {
        this.source = source;
    }

    /** The keyring of the process, used by the archive service ({@code LuceneArchiveFactory}). */
    public static Keyring shared() {
        return SHARED;
    }

    public void setPassphraseSource(PassphraseSource source) {
        this.source = source;
    }

    private static Path key(Path root) {
        return root.toAbsolutePath().normalize();
    }

    /**
     * Derives the key from {@code passphrase} and keeps it for later opens of {@code root}.
     *
     * @throws WrongPassphraseException when it does not unlock the archive (nothing is kept)
     * @throws ArchiveException         CORRUPT when the key file is damaged, IO when it cannot be read
     */
    public void unlock(Path root, char[] passphrase) {
        DataKey k;
        try {
            k = ArchiveProtection.unwrap(root, passphrase);
        } catch (WrongPassphraseException e) {
            AuditTrail.recordQuietly(root, AuditTrail.Event.UNLOCK_FAILED, Map.of());
            throw e;
        }
        AuditTrail.recordQuietly(root, AuditTrail.Event.UNLOCK, Map.of());
        DataKey old = keys.put(key(root), k);
        if (old != null && old != k) {
            old.destroy();
        }
    }

    public boolean isUnlocked(Path root) {
        DataKey k = keys.get(key(root));
        return k != null && !k.isDestroyed();
    }

    /** The key of {@code root}, asking the passphrase source when it is not unlocked yet. */
    DataKey keyFor(Path root) {
        DataKey k = keys.get(key(root));
        if (k != null && !k.isDestroyed()) {
            return k;
        }
        char[] p = source == null ? null : source.passphraseFor(root);
        if (p == null) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Protection_needsPassphrase, root));
        }
        try {
            unlock(root, p);
        } finally {
            Arrays.fill(p, '\0');
        }
        return keys.get(key(root));
    }

    EncryptedStorage storage(Path root) {
        EncryptedStorage s = new EncryptedStorage(root, keyFor(root));
        handedOut.removeIf(o -> o.key().isDestroyed());
        handedOut.add(s);
        return s;
    }

    /** Destroys every key and every decrypted chunk held in memory. */
    public void lock() {
        for (Map.Entry<Path, DataKey> e : keys.entrySet()) {
            e.getValue().destroy();
            AuditTrail.recordQuietly(e.getKey(), AuditTrail.Event.LOCK, Map.of());
        }
        keys.clear();
        for (EncryptedStorage s : handedOut) {
            s.forgetPlaintext();
        }
        handedOut.clear();
    }
}

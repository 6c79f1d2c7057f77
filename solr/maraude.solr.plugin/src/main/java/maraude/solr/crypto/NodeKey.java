package maraude.solr.crypto;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.DataKey;
import maraude.archive.crypto.KdfParams;
import maraude.archive.crypto.KeyFile;
import maraude.archive.crypto.NodeKeyAccess;

/**
 * The data key of a Solr node's team indexes. It lives wrapped in a key folder
 * ({@code <folder>/protection.key}, the archive's own key file format: Argon2id over the passphrase,
 * AES-GCM wrapping) and is unwrapped once per JVM from a passphrase read from the node's environment,
 * never from a file or an argument. Every node of a cluster holds a copy of the same key file (it is
 * safe to copy: it is useless without the passphrase), because replication copies index files as
 * they are on disk, encrypted with the sender's key.
 */
public final class NodeKey {

    /** Environment variable holding the passphrase, unless the factory names another one. */
    public static final String DEFAULT_PASSPHRASE_ENV = "MARAUDE_SOLR_PASSPHRASE"; //$NON-NLS-1$

    private static final Map<Path, DataKey> UNWRAPPED = new ConcurrentHashMap<>();

    private NodeKey() {
    }

    /**
     * Creates the key folder with a fresh random data key wrapped under {@code passphrase} (the
     * archive's passphrase policy applies). Done once per cluster; the folder is then copied to every node.
     */
    public static void create(Path keyFolder, char[] passphrase, KdfParams params) {
        ArchiveProtection.protect(keyFolder, passphrase, params);
    }

    public static boolean exists(Path keyFolder) {
        return KeyFile.exists(keyFolder);
    }

    /**
     * The node's data key, unwrapped on first use with the passphrase in environment variable
     * {@code passphraseEnv}.
     *
     * @throws IllegalStateException when the key folder or the passphrase is missing
     */
    public static DataKey of(Path keyFolder, String passphraseEnv) {
        Path folder = keyFolder.toAbsolutePath().normalize();
        DataKey k = UNWRAPPED.get(folder);
        if (k != null && !k.isDestroyed()) {
            return k;
        }
        synchronized (UNWRAPPED) {
            k = UNWRAPPED.get(folder);
            if (k != null && !k.isDestroyed()) {
                return k;
            }
            if (!Files.isRegularFile(folder.resolve(KeyFile.FILE_NAME))) {
                throw new IllegalStateException("no node key in " + folder //$NON-NLS-1$
                        + ": create one (NodeKey.create) and copy it to every node"); //$NON-NLS-1$
            }
            String value = System.getenv(passphraseEnv);
            if (value == null || value.isEmpty()) {
                throw new IllegalStateException("the node's passphrase is not in environment variable " + passphraseEnv); //$NON-NLS-1$
            }
            char[] passphrase = value.toCharArray();
            try {
                k = NodeKeyAccess.unwrap(folder, passphrase);
            } finally {
                Arrays.fill(passphrase, '\0');
            }
            UNWRAPPED.put(folder, k);
            return k;
        }
    }
}

package maraude.archive.crypto;

import java.nio.file.Path;

/**
 * Reaches the archive's package-private key unwrapping for a Solr node
 * ({@code maraude.solr.crypto.NodeKey}). It lives in the archive's package inside the plugin jar: a
 * Solr node loads both jars on one plain class path, where a package may span jars. The key file is
 * the archive's own ({@link KeyFile}, Argon2id + AES-GCM), so a node key is made and checked by the
 * same code as a protected archive's.
 */
public final class NodeKeyAccess {

    private NodeKeyAccess() {
    }

    /**
     * The data key wrapped in {@code keyFolder/protection.key}.
     *
     * @throws WrongPassphraseException when the passphrase does not unwrap it
     */
    public static DataKey unwrap(Path keyFolder, char[] passphrase) {
        return ArchiveProtection.unwrap(keyFolder, passphrase);
    }
}

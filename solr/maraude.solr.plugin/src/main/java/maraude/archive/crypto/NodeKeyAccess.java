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

    /**
     * A 256-bit key for another use of the node's data key, derived with HMAC-SHA256 under a label of
     * its own (as the archive derives its file and name keys), so no two uses share a key.
     */
    public static byte[] derive(DataKey key, String label) {
        byte[] raw = key.raw();
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256"); //$NON-NLS-1$
            mac.init(new javax.crypto.spec.SecretKeySpec(raw, "HmacSHA256")); //$NON-NLS-1$
            return mac.doFinal(label.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }
}

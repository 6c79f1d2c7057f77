package maraude.solr.crypto;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The tests' reading of a node's transaction log through the node key (what a thief with the passphrase would read). */
public final class TransactionLogs {

    private TransactionLogs() {
    }

    /**
     * The clear bytes of {@code log} (a file {@code EncryptedTransactionLog} wrote, beside its nonce),
     * decrypted with the log key of the node key in {@code keyFolder}; null when the log or its nonce is
     * gone (the node deleted it meanwhile).
     */
    public static byte[] decrypt(Path log, Path keyFolder) throws IOException {
        byte[] bytes;
        EncryptedTransactionLog.Ctr ctr;
        try {
            if (!Files.exists(log.resolveSibling(EncryptedTransactionLog.NONCE_PREFIX + log.getFileName()))) {
                return null;
            }
            ctr = EncryptedTransactionLog.Ctr.of(log, true, EncryptingUpdateLog.logKey(keyFolder, NodeKey.DEFAULT_PASSPHRASE_ENV));
            bytes = Files.readAllBytes(log);
        } catch (NoSuchFileException e) {
            return null;
        } catch (org.apache.solr.common.SolrException e) {
            if (Files.exists(log) && Files.exists(log.resolveSibling(EncryptedTransactionLog.NONCE_PREFIX + log.getFileName()))) {
                throw e;
            }
            return null; // its nonce read as the node deleted both
        }
        ctr.apply(bytes, 0, bytes.length, 0);
        return bytes;
    }
}

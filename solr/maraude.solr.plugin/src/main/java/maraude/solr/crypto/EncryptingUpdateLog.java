package maraude.solr.crypto;

import java.nio.file.Path;
import java.util.Collection;

import javax.crypto.spec.SecretKeySpec;

import org.apache.solr.common.SolrException;
import org.apache.solr.core.PluginInfo;
import org.apache.solr.update.TransactionLog;
import org.apache.solr.update.UpdateLog;

import maraude.archive.crypto.NodeKeyAccess;

/**
 * Solr's update log with its transaction logs encrypted ({@link EncryptedTransactionLog}) under a key
 * derived from the node's data key ({@link NodeKey}, the same key folder and passphrase as the
 * {@link EncryptingDirectoryFactory}). Configured in {@code solrconfig.xml}:
 *
 * <pre>
 * &lt;updateLog class="maraude.solr.crypto.EncryptingUpdateLog"&gt;
 *   &lt;str name="keyFolder"&gt;${maraude.keyFolder}&lt;/str&gt;
 * &lt;/updateLog&gt;
 * </pre>
 */
public class EncryptingUpdateLog extends UpdateLog {

    private SecretKeySpec key;

    @Override
    public void init(PluginInfo info) {
        super.init(info);
        Object folder = info.initArgs.get("keyFolder"); //$NON-NLS-1$
        Object env = info.initArgs.get("passphraseEnv"); //$NON-NLS-1$
        if (folder == null || folder.toString().isBlank()) {
            throw new SolrException(SolrException.ErrorCode.SERVER_ERROR, "EncryptingUpdateLog needs a keyFolder"); //$NON-NLS-1$
        }
        try {
            key = new SecretKeySpec(NodeKeyAccess.derive(NodeKey.of(Path.of(folder.toString()),
                    env == null ? NodeKey.DEFAULT_PASSPHRASE_ENV : env.toString()), "maraude solr transaction log v1"), //$NON-NLS-1$
                    "AES"); //$NON-NLS-1$
        } catch (RuntimeException e) {
            throw new SolrException(SolrException.ErrorCode.SERVER_ERROR, e.getMessage(), e);
        }
    }

    @Override
    public TransactionLog newTransactionLog(Path tlogFile, Collection<String> globalStrings, boolean openExisting) {
        return new EncryptedTransactionLog(tlogFile, globalStrings, openExisting, key);
    }
}

package maraude.solr.crypto;

import java.nio.file.Path;
import java.util.Collection;

import javax.crypto.spec.SecretKeySpec;

import org.apache.solr.common.SolrException;
import org.apache.solr.core.PluginInfo;
import org.apache.solr.update.CommitUpdateCommand;
import org.apache.solr.update.TransactionLog;
import org.apache.solr.update.UpdateCommand;
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
 *
 * After a commit that expunges deletes (an erasure: {@code SolrArchive} sends no other), every older
 * log is dropped; see {@link #postCommit}. After a recovery that copied the leader's index, every log
 * written before the copy is dropped; see {@link #indexCopiedFromLeader}.
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
            key = logKey(Path.of(folder.toString()), env == null ? NodeKey.DEFAULT_PASSPHRASE_ENV : env.toString());
        } catch (RuntimeException e) {
            throw new SolrException(SolrException.ErrorCode.SERVER_ERROR, e.getMessage(), e);
        }
    }

    /** The transaction logs' key: derived from the node's data key (key folder, passphrase in {@code passphraseEnv}). */
    static SecretKeySpec logKey(Path keyFolder, String passphraseEnv) {
        return new SecretKeySpec(NodeKeyAccess.derive(NodeKey.of(keyFolder, passphraseEnv), "maraude solr transaction log v1"), //$NON-NLS-1$
                "AES"); //$NON-NLS-1$
    }

    /**
     * After a commit that expunges deletes, the logs written before it are dropped (each file deleted
     * once no reader holds it): they hold the text of the documents the erasure deleted, which the
     * commit has just taken out of the index files, and would keep it until they roll over (Solr keeps
     * old logs for peer sync). {@code expungeDeletes} is the erasure's mark: only an erasure sends it,
     * and Solr passes it on with the commit to every replica of every shard, so each replica drops its
     * own logs after its own commit. What those logs held is in the committed index; a replica that
     * misses updates later cannot peer-sync from this one and copies the leader's index files instead.
     * Updates sent while the commit runs are in the current log, which stays. A commit replayed from a
     * log at start carries no {@code expungeDeletes}.
     */
    @Override
    public void postCommit(CommitUpdateCommand cmd) {
        super.postCommit(cmd);
        if (cmd.expungeDeletes && (cmd.getFlags() & UpdateCommand.REPLAY) == 0) {
            dropOlderLogs();
        }
    }

    private synchronized void dropOlderLogs() {
        while (!logs.isEmpty()) {
            TransactionLog old = logs.removeLast();
            numOldRecords -= old.numRecords();
            old.decref(); // deleted with its nonce when no longer read (EncryptedTransactionLog.close)
        }
        numOldRecords = 0;
    }

    /**
     * This replica's index has just been replaced by its leader's (a recovery's fetch succeeded, see
     * {@link RecoveryReplicationHandler}): every log written before is dropped, the current one too,
     * each file deleted once no reader holds it. A replica whose node was down during an erasure never
     * got the erasure's commit, so its logs still hold the erased text; once it has copied the leader's
     * index they hold nothing that index does not (the leader's index is the truth after a copy), and
     * no later restart can replay them. Only while updates are buffered (a recovery): the updates sent
     * during the copy are in the buffer log, which stays and is replayed over the copied index; the
     * replica starts a new log after it. Without older logs it cannot peer-sync after its next outage
     * and copies the leader's index again.
     *
     * @return whether logs were dropped (false outside a recovery)
     */
    public synchronized boolean indexCopiedFromLeader() {
        if (getState() != State.BUFFERING) {
            return false;
        }
        while (!logs.isEmpty()) {
            TransactionLog old = logs.removeLast();
            if (old != tlog) {
                old.decref();
            }
        }
        numOldRecords = 0;
        if (tlog != null) {
            tlog.decref();
            tlog = null;
            id++; // the next log gets a new name even if the dropped file is still being read
        }
        // the real-time get caches point into the dropped logs; the copied index answers now
        map.clear();
        prevMap = null;
        prevMap2 = null;
        prevMapLog = null;
        prevMapLog2 = null;
        return true;
    }

    @Override
    public TransactionLog newTransactionLog(Path tlogFile, Collection<String> globalStrings, boolean openExisting) {
        return new EncryptedTransactionLog(tlogFile, globalStrings, openExisting, key);
    }
}

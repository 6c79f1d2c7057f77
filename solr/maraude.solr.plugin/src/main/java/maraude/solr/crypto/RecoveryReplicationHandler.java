package maraude.solr.crypto;

import org.apache.solr.common.params.SolrParams;
import org.apache.solr.core.SolrCore;
import org.apache.solr.handler.IndexFetcher.IndexFetchResult;
import org.apache.solr.handler.ReplicationHandler;
import org.apache.solr.update.UpdateLog;

/**
 * Solr's {@code /replication} handler, which also tells the {@link EncryptingUpdateLog} when a
 * recovery has replaced this replica's index by its leader's. Configured in {@code solrconfig.xml}
 * in place of the implicit one:
 *
 * <pre>
 * &lt;requestHandler name="/replication" class="maraude.solr.crypto.RecoveryReplicationHandler"/&gt;
 * </pre>
 *
 * A replica that cannot catch up by peer sync (it missed too much, or an erasure: the leader keeps no
 * log older than it) is recovered by Solr's {@code RecoveryStrategy}, which buffers the updates sent
 * meanwhile, has this handler fetch the leader's index ({@link #doFetch}), then replays the buffer.
 * A fetch that succeeds while the update log buffers is that copy: the index is now the leader's
 * ({@link IndexFetchResult#getSuccessful()} also when it already was, or the leader's is empty), and
 * the update log drops every log written before ({@link EncryptingUpdateLog#indexCopiedFromLeader}).
 * Everything else (serving files to other replicas, backups, commands) is Solr's handler unchanged.
 */
public class RecoveryReplicationHandler extends ReplicationHandler {

    private volatile SolrCore core;

    @Override
    public void inform(SolrCore c) {
        super.inform(c);
        core = c;
    }

    @Override
    public IndexFetchResult doFetch(SolrParams solrParams, boolean forceReplication) {
        IndexFetchResult result = super.doFetch(solrParams, forceReplication);
        SolrCore c = core;
        if (result.getSuccessful() && c != null && !c.isClosed()) {
            UpdateLog ulog = c.getUpdateHandler().getUpdateLog();
            if (ulog instanceof EncryptingUpdateLog encrypting) {
                encrypting.indexCopiedFromLeader();
            }
        }
        return result;
    }
}

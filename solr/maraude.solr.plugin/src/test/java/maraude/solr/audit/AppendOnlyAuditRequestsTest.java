package maraude.solr.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.Principal;

import org.apache.solr.common.SolrException;
import org.apache.solr.common.params.ModifiableSolrParams;
import org.apache.solr.request.LocalSolrQueryRequest;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.request.SolrQueryRequestBase;
import org.apache.solr.response.SolrQueryResponse;
import org.junit.jupiter.api.Test;

/**
 * Which requests without an HTTP call the audit chain takes as the node's own: the shapes Solr 9.10's
 * {@code UpdateLog.LogReplayer} and {@code PeerSync} build (a {@code LocalSolrQueryRequest} with
 * {@code update.distrib=FROMLEADER} and no user) pass; an in-process request that carries a user (a
 * sub-request of a client's) does not. Requests over HTTP are checked on a cluster (the PKI header:
 * TeamForwardCredentialsTest, TeamCliTest, TeamAuditReplayTest).
 */
class AppendOnlyAuditRequestsTest {

    private final AppendOnlyAuditProcessorFactory factory = new AppendOnlyAuditProcessorFactory();

    @Test
    void theNodesOwnReplayAndPeerSyncPass() {
        ModifiableSolrParams replay = new ModifiableSolrParams();
        replay.set("update.distrib", "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$
        replay.set("log_replay", "true"); //$NON-NLS-1$ //$NON-NLS-2$
        ModifiableSolrParams peerSync = new ModifiableSolrParams();
        peerSync.set("update.distrib", "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$
        peerSync.set("peersync", true); //$NON-NLS-1$
        for (ModifiableSolrParams p : new ModifiableSolrParams[] { replay, peerSync }) {
            try (LocalSolrQueryRequest req = new LocalSolrQueryRequest(null, p)) {
                assertTrue(AppendOnlyAuditProcessorFactory.fromNode(req));
                assertNotNull(factory.getInstance(req, new SolrQueryResponse(), null));
            }
        }
    }

    @Test
    void anInProcessRequestWithAUserIsNotTheNodes() {
        ModifiableSolrParams forged = new ModifiableSolrParams();
        forged.set("update.distrib", "FROMLEADER"); //$NON-NLS-1$ //$NON-NLS-2$
        try (LocalSolrQueryRequest local = new LocalSolrQueryRequest(null, forged)) {
            local.setUserPrincipalName("worker"); //$NON-NLS-1$
            assertFalse(AppendOnlyAuditProcessorFactory.fromNode(local));
            refused(local);
        }
        Principal worker = () -> "worker"; //$NON-NLS-1$
        try (SolrQueryRequest sub = new SolrQueryRequestBase(null, forged) {
            @Override
            public Principal getUserPrincipal() {
                return worker;
            }
        }) {
            assertFalse(AppendOnlyAuditProcessorFactory.fromNode(sub));
            refused(sub);
        }
    }

    private void refused(SolrQueryRequest req) {
        SolrException e = assertThrows(SolrException.class, () -> factory.getInstance(req, new SolrQueryResponse(), null));
        assertEquals(403, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("update.distrib is for the nodes only"), e.getMessage()); //$NON-NLS-1$
    }
}

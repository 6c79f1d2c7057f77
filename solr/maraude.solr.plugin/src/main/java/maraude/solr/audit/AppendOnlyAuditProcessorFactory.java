package maraude.solr.audit;

import java.io.IOException;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.servlet.http.HttpServletRequest;

import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrException.ErrorCode;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.SolrParams;
import org.apache.solr.common.params.UpdateParams;
import org.apache.solr.common.util.Utils;
import org.apache.solr.request.DelegatingSolrQueryRequest;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.request.SolrRequestInfo;
import org.apache.solr.response.SolrQueryResponse;
import org.apache.solr.security.PKIAuthenticationPlugin;
import org.apache.solr.servlet.HttpSolrCall;
import org.apache.solr.update.AddUpdateCommand;
import org.apache.solr.update.CommitUpdateCommand;
import org.apache.solr.update.DeleteUpdateCommand;
import org.apache.solr.update.MergeIndexesCommand;
import org.apache.solr.update.RollbackUpdateCommand;
import org.apache.solr.update.processor.DistributingUpdateProcessorFactory;
import org.apache.solr.update.processor.UpdateRequestProcessor;
import org.apache.solr.update.processor.UpdateRequestProcessorFactory;

import maraude.core.archive.AuditLog;
import maraude.solr.AuditEntries;
import maraude.solr.TeamSchema;

/**
 * The update chain of a team's audit collection ({@code COLLECTION_audit}, configset
 * {@code maraude-audit}): makes it append-only for every role, whatever a client sends to
 * {@code /update}.
 *
 * <ul>
 * <li>Deletes (by id and by query), index merges and rollbacks are refused (403), for every user, the
 * admin included: nobody may remove an entry through Solr. (The admin can still drop the whole
 * collection with the Collections API, which is visible: the trail is gone, not quietly thinner.)</li>
 * <li>An addition is a new entry: the server builds the stored document itself, with an id of its own
 * ({@code au-MILLIS-UUID}, never an id the client sent, so nothing is ever overwritten), the server's
 * time, and the request's authenticated user ({@link SolrQueryRequest#getUserPrincipal()}) as the entry's
 * user; of the client's document only the event and the counts are kept (short lower-case names and
 * whole numbers, as {@link AuditLog} checks them; anything else: 400). A request without an
 * authenticated user is refused.</li>
 * <li>Request parameters that would change the chain ({@code update.chain}, {@code processor},
 * {@code post-processor}) are refused, as is a request claiming to be a node's forwarded update
 * ({@code update.distrib}) that Solr did not authenticate as a node's (PKI header): the forwarded copy
 * of an entry was built by the node that took the client's request and is passed on unchanged. The node's
 * own in-process requests (replaying its update log, peer sync) pass: they have no HTTP call and no user
 * ({@link #fromNode}).</li>
 * </ul>
 * The factory runs on every node of an update's path ({@link RunAlways}), so a forged
 * {@code update.distrib} cannot skip it.
 * <p>
 * The node's own forwarding is always signed with Solr's PKI header, also on a cluster whose
 * {@code security.json} sets {@code "forwardCredentials": true}: BasicAuthPlugin then passes the user's own
 * Basic credentials to the next node instead of the PKI header, and such a request cannot be told from the
 * user's own (nothing else in it is the node's). While the rest of the chain runs (where
 * {@code SolrCmdDistributor} sends the forwarded copies and their retries), the processor shows it a
 * request whose user is the same name but not BasicAuthPlugin's principal (which holds the password and
 * is the only one it forwards): Solr's PKI plugin signs the copy instead, naming the same user. The check
 * on the receiving node stays the PKI header, whatever {@code forwardCredentials} says.
 */
public final class AppendOnlyAuditProcessorFactory extends UpdateRequestProcessorFactory
        implements UpdateRequestProcessorFactory.RunAlways {

    private static final String POST_PROCESSOR = "post-processor"; //$NON-NLS-1$
    private static final String PROCESSOR = "processor"; //$NON-NLS-1$
    private static final String REFUSED = "the audit collection is append-only: "; //$NON-NLS-1$

    @Override
    public UpdateRequestProcessor getInstance(SolrQueryRequest req, SolrQueryResponse rsp, UpdateRequestProcessor next) {
        SolrParams p = req.getParams();
        if (p.get(UpdateParams.UPDATE_CHAIN) != null || p.get(PROCESSOR) != null || p.get(POST_PROCESSOR) != null) {
            throw new SolrException(ErrorCode.FORBIDDEN, REFUSED + "no other update chain or processor"); //$NON-NLS-1$
        }
        boolean forwarded = p.get(DistributingUpdateProcessorFactory.DISTRIB_UPDATE_PARAM) != null;
        if (forwarded && !fromNode(req)) {
            throw new SolrException(ErrorCode.FORBIDDEN, REFUSED + "update.distrib is for the nodes only"); //$NON-NLS-1$
        }
        return new AppendOnly(req, forwarded, next);
    }

    /**
     * Whether the request is a node's: one that came over HTTP and that Solr authenticated as another
     * node's (its PKI plugin checked the header), or one the node built itself, in process, to replay its
     * own update log (at start after an unclean stop, or the updates it buffered while recovering) or to
     * apply what peer sync fetched from the leader ({@code UpdateLog.LogReplayer}, {@code PeerSync}: a
     * {@code LocalSolrQueryRequest} with {@code update.distrib=FROMLEADER}, no HTTP call and no user).
     * Every client request reaches the chain with its HTTP call ({@code HttpSolrCall}'s constructor puts
     * itself in the servlet request, where {@code SolrRequestParsers} finds it for the
     * {@link SolrQueryRequest}); an in-process request that carries a user's name (a sub-request of a
     * client's) is not the node's own and is refused.
     */
    static boolean fromNode(SolrQueryRequest req) {
        HttpSolrCall call = req.getHttpSolrCall();
        if (call == null) {
            Principal user = req.getUserPrincipal();
            return user == null || user.getName() == null;
        }
        HttpServletRequest http = call.getReq();
        return http != null && (http.getHeader(PKIAuthenticationPlugin.HEADER_V2) != null
                || http.getHeader(PKIAuthenticationPlugin.HEADER) != null);
    }

    private static final class AppendOnly extends UpdateRequestProcessor {

        private final SolrQueryRequest req;
        private final boolean forwarded;

        AppendOnly(SolrQueryRequest req, boolean forwarded, UpdateRequestProcessor next) {
            super(next);
            this.req = req;
            this.forwarded = forwarded;
        }

        @Override
        public void processAdd(AddUpdateCommand cmd) throws IOException {
            if (!forwarded) {
                cmd.solrDoc = entry(cmd.getSolrInputDocument(), req.getUserPrincipal());
                cmd.overwrite = true;
            }
            boolean signed = signedByNode();
            try {
                super.processAdd(cmd);
            } finally {
                if (signed) {
                    SolrRequestInfo.clearRequestInfo();
                }
            }
        }

        @Override
        public void processCommit(CommitUpdateCommand cmd) throws IOException {
            boolean signed = signedByNode();
            try {
                super.processCommit(cmd);
            } finally {
                if (signed) {
                    SolrRequestInfo.clearRequestInfo();
                }
            }
        }

        @Override
        public void finish() throws IOException {
            boolean signed = signedByNode();
            try {
                super.finish();
            } finally {
                if (signed) {
                    SolrRequestInfo.clearRequestInfo();
                }
            }
        }

        /**
         * Makes what the rest of the chain sends to other nodes carry Solr's PKI header, never the user's
         * credentials: pushes a request info whose request has the same user as a plain principal
         * (BasicAuthPlugin with {@code forwardCredentials} forwards only its own principal type, which holds
         * the password; the PKI plugin signs {@link Principal#getName()}). The caller pops it
         * ({@link SolrRequestInfo#clearRequestInfo()}) when this returns true. A request without a user is
         * left as it is (Solr then signs as the node itself, as before).
         */
        private boolean signedByNode() {
            SolrRequestInfo current = SolrRequestInfo.getRequestInfo();
            Principal user = req.getUserPrincipal();
            if (current == null || user == null || user.getName() == null || user instanceof NodeForwarded) {
                return false;
            }
            Principal plain = new NodeForwarded(user.getName());
            SolrQueryRequest shown = new DelegatingSolrQueryRequest(current.getReq() == null ? req : current.getReq()) {
                @Override
                public Principal getUserPrincipal() {
                    return plain;
                }
            };
            SolrRequestInfo info = new SolrRequestInfo(shown, current.getRsp(), current.getAction());
            SolrRequestInfo.setRequestInfo(info);
            return SolrRequestInfo.getRequestInfo() == info; // not pushed when Solr's stack is full
        }

        @Override
        public void processDelete(DeleteUpdateCommand cmd) throws IOException {
            throw new SolrException(ErrorCode.FORBIDDEN, REFUSED + "an entry cannot be deleted"); //$NON-NLS-1$
        }

        @Override
        public void processMergeIndexes(MergeIndexesCommand cmd) throws IOException {
            throw new SolrException(ErrorCode.FORBIDDEN, REFUSED + "no index can be merged into it"); //$NON-NLS-1$
        }

        @Override
        public void processRollback(RollbackUpdateCommand cmd) throws IOException {
            throw new SolrException(ErrorCode.FORBIDDEN, REFUSED + "no rollback"); //$NON-NLS-1$
        }
    }

    /** A user's name as the node passes it on: not Basic credentials, so signed with the node's PKI header. */
    private record NodeForwarded(String name) implements Principal {

        @Override
        public String getName() {
            return name;
        }
    }

    /**
     * The stored entry: a new id, the server's time, the authenticated user, the client's event and
     * counts once checked.
     */
    static SolrInputDocument entry(SolrInputDocument sent, Principal principal) {
        if (principal == null || principal.getName() == null || principal.getName().isBlank()) {
            throw new SolrException(ErrorCode.UNAUTHORIZED, REFUSED + "an entry needs an authenticated user"); //$NON-NLS-1$
        }
        if (sent.hasChildDocuments()) {
            throw new SolrException(ErrorCode.BAD_REQUEST, REFUSED + "an entry has no child documents"); //$NON-NLS-1$
        }
        Object json = sent.getFieldValue(TeamSchema.TRIAGE);
        if (!(json instanceof String s)) {
            throw new SolrException(ErrorCode.BAD_REQUEST, REFUSED + "an entry is its JSON in the triage field"); //$NON-NLS-1$
        }
        Object parsed;
        try {
            parsed = Utils.fromJSONString(s);
        } catch (RuntimeException e) {
            throw new SolrException(ErrorCode.BAD_REQUEST, REFUSED + "the entry is not JSON"); //$NON-NLS-1$
        }
        if (!(parsed instanceof Map<?, ?> m) || !(m.get("event") instanceof String event) || !AuditLog.isName(event)) { //$NON-NLS-1$
            throw new SolrException(ErrorCode.BAD_REQUEST, REFUSED + "an entry's event is a short lower-case word"); //$NON-NLS-1$
        }
        Map<String, Long> counts = new LinkedHashMap<>();
        Object c = m.get("counts"); //$NON-NLS-1$
        if (c != null) {
            if (!(c instanceof Map<?, ?> cm)) {
                throw new SolrException(ErrorCode.BAD_REQUEST, REFUSED + "an entry's counts are names and numbers"); //$NON-NLS-1$
            }
            for (Map.Entry<?, ?> e : cm.entrySet()) {
                if (!(e.getKey() instanceof String k) || !AuditLog.isName(k)
                        || !(e.getValue() instanceof Long || e.getValue() instanceof Integer)) {
                    throw new SolrException(ErrorCode.BAD_REQUEST, REFUSED + "an entry's counts are names and numbers"); //$NON-NLS-1$
                }
                counts.put(k, ((Number) e.getValue()).longValue());
            }
        }
        return AuditEntries.document(event, principal.getName(), counts, Instant.now(), Utils::toJSONString);
    }
}

package maraude.solr.search;

import java.util.ArrayList;
import java.util.List;

import org.apache.solr.common.SolrException;
import org.apache.solr.common.cloud.ClusterState;
import org.apache.solr.common.cloud.DocCollection;
import org.apache.solr.common.cloud.Replica;
import org.apache.solr.common.cloud.Slice;
import org.apache.solr.common.util.SimpleOrderedMap;
import org.apache.solr.core.CoreContainer;
import org.apache.solr.handler.RequestHandlerBase;
import org.apache.solr.request.SolrQueryRequest;
import org.apache.solr.response.SolrQueryResponse;
import org.apache.solr.security.AuthorizationContext;
import org.apache.solr.security.PermissionNameProvider;

import maraude.solr.TeamSchema;

/**
 * Where each shard's leader is, for a client that sends its updates straight to them
 * ({@value TeamSchema#LEADERS_HANDLER} of a team collection). Solr's own answer, the Collections API's
 * {@code CLUSTERSTATUS}, needs the "collection-admin-read" permission, which a team's workers do not
 * have (it names every collection of the cluster); this handler answers about its own collection only,
 * under the "read" permission of its searches.
 *
 * <p>
 * Response: {@code router} (the collection's router name), {@code field} (its {@code router.field}),
 * {@value TeamSchema#LEADERS}: per active shard, {@code shard}, {@code range} (the hash range as
 * {@code DocRouter.Range} writes it), and, when its leader is on a live node, {@code node} (the node's
 * base URL) and {@code core} (the leader's core).
 */
public final class LeadersHandler extends RequestHandlerBase implements PermissionNameProvider {

    @Override
    public void handleRequestBody(SolrQueryRequest req, SolrQueryResponse rsp) {
        CoreContainer cores = req.getCoreContainer();
        if (cores == null || !cores.isZooKeeperAware() || req.getCore() == null) {
            throw new SolrException(SolrException.ErrorCode.BAD_REQUEST, "not a SolrCloud collection"); //$NON-NLS-1$
        }
        String name = req.getCore().getCoreDescriptor().getCloudDescriptor().getCollectionName();
        ClusterState state = cores.getZkController().getClusterState();
        DocCollection collection = state.getCollectionOrNull(name);
        if (collection == null) {
            throw new SolrException(SolrException.ErrorCode.SERVICE_UNAVAILABLE, "no state for the collection"); //$NON-NLS-1$
        }
        rsp.add("router", collection.getRouter().getName()); //$NON-NLS-1$
        rsp.add("field", collection.getRouter().getRouteField(collection)); //$NON-NLS-1$
        List<SimpleOrderedMap<Object>> shards = new ArrayList<>();
        for (Slice slice : collection.getActiveSlices()) {
            SimpleOrderedMap<Object> s = new SimpleOrderedMap<>();
            s.add("shard", slice.getName()); //$NON-NLS-1$
            s.add("range", slice.getRange() == null ? null : slice.getRange().toString()); //$NON-NLS-1$
            Replica leader = slice.getLeader();
            if (leader != null && leader.getState() == Replica.State.ACTIVE
                    && state.getLiveNodes().contains(leader.getNodeName())) {
                s.add("node", leader.getBaseUrl()); //$NON-NLS-1$
                s.add("core", leader.getCoreName()); //$NON-NLS-1$
            }
            shards.add(s);
        }
        rsp.add(TeamSchema.LEADERS, shards);
    }

    @Override
    public String getDescription() {
        return "The leader of each shard of this collection"; //$NON-NLS-1$
    }

    @Override
    public Name getPermissionName(AuthorizationContext request) {
        return Name.READ_PERM;
    }
}

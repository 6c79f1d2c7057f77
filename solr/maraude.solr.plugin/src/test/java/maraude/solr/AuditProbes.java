package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.impl.HttpJdkSolrClient;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.cloud.Replica;

/**
 * What the tests of the append-only audit chain send and read on an audit collection: raw entries a
 * client could forge, the refusal they must get, and what one core holds.
 */
final class AuditProbes {

    private AuditProbes() {
    }

    /**
     * {@code req} to {@code collection} (with {@code update.distrib=distrib}, claiming to come from a node,
     * when not null) is refused with 403, "append-only".
     */
    static void refused(HttpJdkSolrClient raw, String collection, UpdateRequest req, String distrib) {
        if (distrib != null) {
            req.setParam("update.distrib", distrib); //$NON-NLS-1$
            req.setParam("distrib.from", raw.getBaseURL() + "/" + collection); //$NON-NLS-1$ //$NON-NLS-2$
        }
        SolrException e = assertThrows(SolrException.class, () -> req.process(raw, collection));
        assertEquals(403, e.code(), e.getMessage());
        assertTrue(e.getMessage().contains("append-only"), e.getMessage()); //$NON-NLS-1$
    }

    /** A raw entry as a client could send it, claiming {@code id} and {@code user}. */
    static SolrInputDocument entry(String id, String user, int messages) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField("id", id); //$NON-NLS-1$
        d.addField("worker", user); //$NON-NLS-1$
        d.addField("time", 978307200000L); //$NON-NLS-1$ // 2001
        d.addField("triage", "{\"event\":\"import\",\"user\":\"" + user + "\",\"counts\":{\"messages\":" + messages + "}}"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        return d;
    }

    /** The entries of one replica, read from its own core ({@code distrib=false}) through {@code raw}: "id time worker json", by id. */
    static List<String> held(HttpJdkSolrClient raw, Replica r) throws Exception {
        SolrQuery q = new SolrQuery("*:*").setRows(100).addSort("id", SolrQuery.ORDER.asc); //$NON-NLS-1$ //$NON-NLS-2$
        q.set("distrib", false); //$NON-NLS-1$
        List<String> docs = new ArrayList<>();
        for (var d : raw.query(r.getCoreName(), q).getResults()) {
            docs.add(d.getFieldValue("id") + " " + d.getFieldValue("time") + " " + d.getFieldValue("worker") + " " //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                    + d.getFieldValue("triage")); //$NON-NLS-1$
        }
        return docs;
    }
}

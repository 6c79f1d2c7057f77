package maraude.solr.client;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrRequest;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.client.solrj.response.QueryResponse;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.apache.solr.common.params.CursorMarkParams;
import org.eclipse.osgi.util.NLS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.archive.maintenance.AuditTrail;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.core.archive.AuditLog;
import maraude.solr.AuditEntries;
import maraude.solr.TeamSchema;

/**
 * A team archive's audit trail on the servers: one document per entry in the companion collection
 * {@code COLLECTION}{@value #SUFFIX} (same configset), never in the team's collection, so that Solr's
 * rule-based authorisation can give it its own permissions: every team role may add entries (through
 * {@code /update}), only the team lead and the admin may read them (any other path of that collection).
 *
 * <p>
 * An entry is the event, the acting user and counts, as JSON in the stored {@code triage} field;
 * {@code time} (milliseconds) orders them; {@code worker} holds the user, so that one user's entries can be
 * found. Never message text, names, numbers or contact ids (the event and count names are short lower-case
 * words, checked here and again on the servers).
 *
 * <p>
 * The audit collection's configset ({@code maraude-audit}) makes it append-only on the servers, for every
 * role: its update chain ({@code maraude.solr.audit.AppendOnlyAuditProcessorFactory}) refuses deletes and
 * builds each stored entry itself, with an id of its own, the server's time and the request's
 * authenticated user, keeping only the event and counts sent here; what this client sends as id, time
 * and user is replaced. Reading stays with the lead and the admin. When the audit collection is missing
 * or refuses the write, the entry goes to this machine's side folder instead (as before #18's audit
 * part): the operation is never lost from every trail.
 */
public final class TeamAudit implements AuditLog {

    /** The audit collection of team collection {@code C} is {@code C_audit}. */
    public static final String SUFFIX = "_audit"; //$NON-NLS-1$
    /** The entries' {@code type} and shard route (one shard, or all on one). */
    public static final String TYPE_AUDIT = AuditEntries.TYPE;
    /** Entry ids: {@code au-MILLIS-UUID}, unique, in time order. */
    public static final String ID_PREFIX = AuditEntries.ID_PREFIX;
    private static final int PAGE = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SolrClient client;
    private final String collection;
    private final String user;
    private final Path localFolder;

    TeamAudit(SolrClient client, String teamCollection, String user, Path localFolder) {
        this.client = client;
        this.collection = teamCollection + SUFFIX;
        this.user = user == null ? "" : user; //$NON-NLS-1$
        this.localFolder = localFolder;
    }

    /** The audit collection's name. */
    public String collection() {
        return collection;
    }

    /**
     * On the servers, else (audit collection missing or refused, server down) in this machine's side
     * folder; an IOException only when neither took the entry.
     */
    @Override
    public void record(String event, Map<String, Long> counts) throws IOException {
        if (!AuditLog.isName(event) || !counts.keySet().stream().allMatch(AuditLog::isName)) {
            throw new IllegalArgumentException("audit event and count names are short lower-case words"); //$NON-NLS-1$
        }
        SolrInputDocument d = AuditEntries.document(event, user, counts, Instant.now(), entry -> {
            try {
                return JSON.writeValueAsString(entry);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e); // a map of strings and numbers
            }
        });
        UpdateRequest u = new UpdateRequest();
        u.add(d);
        u.setAction(AbstractUpdateRequest.ACTION.COMMIT, false, true, true); // readable at once
        try {
            u.process(client, collection);
        } catch (SolrServerException | SolrException | IOException e) {
            // the audit collection is missing or refused the entry, or the server is down: this
            // machine's side folder takes it, so the operation is never left out of every trail
            IOException refused = new IOException("the audit collection refused the entry (" + e.getClass().getSimpleName() //$NON-NLS-1$
                    + (e instanceof SolrException se ? " " + se.code() : "") + ")", e); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            try {
                AuditTrail.at(localFolder).record(event, counts);
            } catch (IOException | RuntimeException local) {
                refused.addSuppressed(local);
                throw refused;
            }
        }
    }

    /**
     * Every entry, oldest first.
     *
     * @throws ArchiveException REFUSED when this user may not read the trail (a worker: the lead and
     *                          the admin read it), BAD_INPUT when the audit collection does not exist
     */
    @Override
    public List<Entry> read() throws IOException {
        List<Entry> out = new ArrayList<>();
        String cursor = CursorMarkParams.CURSOR_MARK_START;
        while (true) {
            SolrQuery q = new SolrQuery("*:*").setFields(TeamSchema.TRIAGE).setRows(PAGE) //$NON-NLS-1$
                    .addSort(TeamSchema.TIME, SolrQuery.ORDER.asc).addSort(TeamSchema.ID, SolrQuery.ORDER.asc);
            q.set(CursorMarkParams.CURSOR_MARK_PARAM, cursor);
            QueryResponse r;
            try {
                r = client.query(collection, q, SolrRequest.METHOD.POST);
            } catch (SolrException e) {
                if (e.code() == 401 || e.code() == 403) {
                    throw new ArchiveException(Kind.REFUSED, NLS.bind(Messages.Team_auditRefused, collection, user), e);
                }
                if (e.code() == 404) {
                    throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_auditMissing, collection), e);
                }
                throw new IOException("the audit collection could not be read (" + e.code() + ")", e); //$NON-NLS-1$ //$NON-NLS-2$
            } catch (SolrServerException e) {
                throw new IOException("the audit collection could not be read", e); //$NON-NLS-1$
            }
            for (SolrDocument d : r.getResults()) {
                out.add(entry((String) d.getFirstValue(TeamSchema.TRIAGE)));
            }
            String next = r.getNextCursorMark();
            if (next == null || next.equals(cursor)) {
                return out;
            }
            cursor = next;
        }
    }

    private static Entry entry(String json) throws IOException {
        JsonNode m = JSON.readTree(json);
        Map<String, Long> counts = new LinkedHashMap<>();
        JsonNode c = m.path("counts"); //$NON-NLS-1$
        c.fieldNames().forEachRemaining(k -> counts.put(k, c.get(k).asLong()));
        Instant time;
        try {
            time = Instant.parse(m.path("time").asText()); //$NON-NLS-1$
        } catch (RuntimeException e) {
            time = null;
        }
        JsonNode user = m.get("user"); //$NON-NLS-1$
        return new Entry(time, m.path("event").asText(), user == null ? null : user.asText(), counts, true); //$NON-NLS-1$
    }
}

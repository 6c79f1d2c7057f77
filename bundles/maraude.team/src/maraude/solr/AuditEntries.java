package maraude.solr;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import org.apache.solr.common.SolrInputDocument;

/**
 * One entry of a team's audit collection ({@code COLLECTION_audit}, #18), as the client writes it
 * ({@code TeamAudit}) and as the append-only update chain of the servers builds it again from the
 * request's user and the server's time ({@code AppendOnlyAuditProcessorFactory}): one shape for both.
 * An entry holds an event and counts (short lower-case words and numbers), never text, names or numbers
 * of people.
 */
public final class AuditEntries {

    /** The {@code type} and {@code route} of an entry. */
    public static final String TYPE = "audit"; //$NON-NLS-1$
    /** Every entry's id starts with it, then the time in milliseconds (13 digits) and a random UUID. */
    public static final String ID_PREFIX = "au-"; //$NON-NLS-1$

    private AuditEntries() {
    }

    /**
     * The entry's document: a new id (only added if new: an entry is never replaced), its time, its user,
     * and its JSON ({@code time, event, user, counts}) written by {@code toJson} (Jackson on the client,
     * Solr's own writer on the servers).
     */
    public static SolrInputDocument document(String event, String user, Map<String, Long> counts, Instant now,
            Function<Map<String, Object>, String> toJson) {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("time", now.toString()); //$NON-NLS-1$
        stored.put("event", event); //$NON-NLS-1$
        stored.put("user", user); //$NON-NLS-1$
        stored.put("counts", new LinkedHashMap<>(counts)); //$NON-NLS-1$
        SolrInputDocument d = new SolrInputDocument();
        d.addField(TeamSchema.ID, ID_PREFIX + String.format("%013d", now.toEpochMilli()) + '-' + UUID.randomUUID()); //$NON-NLS-1$
        d.addField(TeamSchema.ROUTE, TYPE);
        d.addField(TeamSchema.TYPE, TYPE);
        d.addField(TeamSchema.TIME, now.toEpochMilli());
        d.addField(TeamSchema.WORKER, user);
        d.addField(TeamSchema.TRIAGE, toJson.apply(stored));
        d.addField(TeamSchema.VERSION, -1L); // added only if new: an entry is never replaced
        return d;
    }
}

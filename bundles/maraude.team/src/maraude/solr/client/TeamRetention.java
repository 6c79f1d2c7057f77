package maraude.solr.client;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.apache.solr.client.solrj.SolrClient;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.AbstractUpdateRequest;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;
import org.eclipse.osgi.util.NLS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.archive.maintenance.RetentionPolicy;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;
import maraude.solr.TeamSchema;

/**
 * A team's retention policy on the servers (#18): one document ({@value #ID}) in the companion collection
 * {@code COLLECTION}{@value #SUFFIX}, so that every worker's machine applies the same policy and Solr's
 * rule-based authorisation can give it its own permissions: every team role reads it, only the team lead and
 * the admin write it ({@code TeamServer.policyPermissions}). The settings are the local
 * {@code team.properties} keys ({@code retention_<platform>}, {@code retention_default}) and periods, as JSON
 * in the stored {@code triage} field; {@code worker} and {@code time} say who set it and when.
 */
public final class TeamRetention {

    /** The policy collection of team collection {@code C} is {@code C_policy}. */
    public static final String SUFFIX = "_policy"; //$NON-NLS-1$
    /** The policy document's id (and type and route). */
    public static final String ID = "retention"; //$NON-NLS-1$
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SolrClient client;
    private final String collection;
    private final String user;

    TeamRetention(SolrClient client, String teamCollection, String user) {
        this.client = client;
        this.collection = teamCollection + SUFFIX;
        this.user = user == null ? "" : user; //$NON-NLS-1$
    }

    /**
     * The stored settings (empty: no policy set, everything kept).
     *
     * @throws ArchiveException BAD_INPUT when the policy collection does not exist, REFUSED when this user
     *                          may not read it, IO when the servers fail
     */
    public Map<String, String> settings() {
        SolrDocument d;
        try {
            d = client.getById(collection, ID);
        } catch (SolrException e) {
            throw refused(e, "read"); //$NON-NLS-1$
        } catch (SolrServerException | IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Team_failed, new Object[] { collection, "read", //$NON-NLS-1$
                    e.getClass().getSimpleName() }), e);
        }
        if (d == null || d.getFirstValue(TeamSchema.TRIAGE) == null) {
            return Map.of();
        }
        try {
            JsonNode m = JSON.readTree((String) d.getFirstValue(TeamSchema.TRIAGE));
            Map<String, String> out = new TreeMap<>();
            m.fieldNames().forEachRemaining(k -> out.put(k, m.get(k).asText()));
            return out;
        } catch (IOException | RuntimeException e) {
            throw new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Team_policyCorrupt, collection), e);
        }
    }

    /**
     * Replaces the policy with {@code settings} (checked first: IllegalArgumentException naming the key, nothing
     * written); returns the number of platforms with a period.
     *
     * @throws ArchiveException REFUSED for a worker (the lead and the admin set it), BAD_INPUT when the policy
     *                          collection does not exist, IO when the servers fail
     */
    public int write(Map<String, String> settings) {
        Map<String, String> clean = new TreeMap<>();
        settings.forEach((k, v) -> clean.put(k.strip().toLowerCase(Locale.ROOT), v.strip()));
        if (!clean.keySet().stream().allMatch(k -> k.startsWith(RetentionPolicy.KEY_PREFIX))) {
            throw new IllegalArgumentException("retention_<platform> or retention_default keys only"); //$NON-NLS-1$
        }
        int platforms = RetentionPolicy.parse(clean).periods().size(); // the same checks as team.properties
        Instant now = Instant.now();
        SolrInputDocument d = new SolrInputDocument();
        d.addField(TeamSchema.ID, ID);
        d.addField(TeamSchema.ROUTE, ID);
        d.addField(TeamSchema.TYPE, ID);
        d.addField(TeamSchema.TIME, now.toEpochMilli());
        d.addField(TeamSchema.WORKER, user);
        try {
            d.addField(TeamSchema.TRIAGE, JSON.writeValueAsString(new LinkedHashMap<>(clean)));
            UpdateRequest u = new UpdateRequest();
            u.add(d);
            u.setAction(AbstractUpdateRequest.ACTION.COMMIT, false, true, true); // every worker reads it at once
            u.process(client, collection);
        } catch (SolrException e) {
            throw refused(e, "write"); //$NON-NLS-1$
        } catch (SolrServerException | IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Team_failed, new Object[] { collection, "write", //$NON-NLS-1$
                    e.getClass().getSimpleName() }), e);
        }
        return platforms;
    }

    private ArchiveException refused(SolrException e, String what) {
        if (e.code() == 401 || e.code() == 403) {
            return new ArchiveException(Kind.REFUSED, NLS.bind(Messages.Team_policyRefused, collection, user), e);
        }
        if (e.code() == 404) {
            return new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Team_policyMissing, collection), e);
        }
        return new ArchiveException(Kind.IO, NLS.bind(Messages.Team_failed, new Object[] { collection, what,
                e.getClass().getSimpleName() }), e);
    }
}

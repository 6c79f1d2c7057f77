package maraude.solr.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.FileChangedException;
import maraude.solr.TeamSchema;

/**
 * A team archive's side files: this machine's folder, except the few that are the team's and shared by
 * its workers ({@link #ON_SERVER}: the readings of the waiting threads, see
 * {@code maraude.core.triage.ReadingCache}, and the team's settings and reply templates {@link #SHARED}),
 * which are documents
 * of the collection (id
 * {@value TeamSchema#SIDE_FILE_PREFIX} + name, the bytes in {@link TeamSchema#BYTES}): encrypted at rest
 * with the index, never in clear on a worker's disk, erased on the servers by {@code forget} and
 * {@code purge} (the readings are emptied with them; the settings stay), and computed by one worker for all.
 * <p>
 * {@link #version} is the document's {@code _version_}; a {@linkplain #writeDerived derived write} is
 * conditional on the version this object saw last for that name (none: the document must not exist),
 * so a process that read the readings before an erasure or another worker's write never writes its
 * older ones back (Solr refuses: an {@link IOException}). {@link #write} replaces whatever is there.
 * A copy of such a file left in the local folder by an earlier version is deleted on first use.
 */
final class TeamSideFiles implements ArchiveFiles {

    /** Side files kept on the servers that an erasure empties (words of the people). */
    static final Set<String> ERASED = Set.of(maraude.core.triage.ReadingCache.FILE_NAME);
    /**
     * The team's settings ({@code team.properties}: time zone, reading language, closings, retention,
     * placeholders) and reply templates ({@link #TEMPLATES}); no word of the people. Kept on the servers
     * so that every worker reads the same ones.
     * A copy an earlier version left in this machine's folder is read while the servers hold none, and
     * deleted by the first write to the servers.
     */
    static final Set<String> SHARED = Set.of(maraude.core.archive.TeamZone.SETTINGS_FILE, TeamSideFiles.TEMPLATES);
    /**
     * The team's reply templates ({@code maraude.templates.TemplateLibrary#TEAM_FILE}; this bundle does
     * not depend on the templates), shared like the settings so that every worker suggests the same replies.
     * A save is a {@linkplain #writeIfVersion conditional write}: two workers saving at once never silently
     * overwrite each other.
     */
    static final String TEMPLATES = "templates.json"; //$NON-NLS-1$
    /** The side files kept on the servers. */
    static final Set<String> ON_SERVER = union(ERASED, SHARED);

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new java.util.HashSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }

    private final SolrArchive archive;
    private final ArchiveFiles local;
    /** Per server-side name: the last {@code _version_} seen (0: the document did not exist). */
    private final Map<String, Long> seen = new ConcurrentHashMap<>();
    private final Set<String> localCopyChecked = ConcurrentHashMap.newKeySet();

    TeamSideFiles(SolrArchive archive, ArchiveFiles local) {
        this.archive = archive;
        this.local = local;
    }

    private boolean onServer(String name) throws IOException {
        if (!ON_SERVER.contains(name)) {
            return false;
        }
        if (ERASED.contains(name) && localCopyChecked.add(name)) {
            local.delete(name); // an earlier version kept it here, in clear
        }
        return true;
    }

    private static String id(String name) {
        return TeamSchema.SIDE_FILE_PREFIX + name;
    }

    private SolrDocument latest(String name, String fields) throws IOException {
        try {
            return archive.realTimeGet(id(name), TeamSchema.TEAM_ROUTE, fields);
        } catch (SolrServerException | RuntimeException e) {
            throw new IOException("side file " + name, e); //$NON-NLS-1$
        }
    }

    @Override
    public InputStream read(String name) throws IOException {
        if (!onServer(name)) {
            return local.read(name);
        }
        SolrDocument d = latest(name, TeamSchema.BYTES);
        Object v = d == null ? null : d.getFirstValue(TeamSchema.BYTES);
        if (v instanceof byte[] b) {
            return new ByteArrayInputStream(b);
        }
        if (v instanceof java.nio.ByteBuffer bb) {
            byte[] bytes = new byte[bb.remaining()];
            bb.get(bytes);
            return new ByteArrayInputStream(bytes);
        }
        if (v instanceof String b64) { // a text response writer sends binary fields in Base64
            return new ByteArrayInputStream(java.util.Base64.getDecoder().decode(b64));
        }
        if (SHARED.contains(name)) {
            return local.read(name); // an earlier version's copy, until the first write to the servers
        }
        throw new NoSuchFileException(name);
    }

    @Override
    public OutputStream write(String name) throws IOException {
        return onServer(name) ? upload(name, () -> null) : local.write(name);
    }

    @Override
    public OutputStream writeDerived(String name) throws IOException {
        return onServer(name) ? upload(name, () -> {
            Long expected = seen.get(name);
            return expected == null ? null : expected == 0 ? -1L : expected; // -1: must not exist yet
        }) : local.writeDerived(name);
    }

    /**
     * On the servers, the write carries the version the caller read as the document's
     * {@code _version_} (none: {@code -1}, the document must not exist), so Solr refuses it (409) when
     * another worker wrote meanwhile. A shared file read from an earlier version's local copy
     * ({@code local-…}) may replace it only while the servers hold none and that copy is unchanged.
     */
    @Override
    public OutputStream writeIfVersion(String name, String expectedVersion) throws IOException {
        if (!onServer(name)) {
            return local.writeIfVersion(name, expectedVersion);
        }
        return upload(name, () -> {
            if (expectedVersion == null || expectedVersion.startsWith(LOCAL_VERSION)) {
                String localNow = SHARED.contains(name) ? local.version(name) : null;
                String wanted = expectedVersion == null ? null : expectedVersion.substring(LOCAL_VERSION.length());
                if (!java.util.Objects.equals(localNow, wanted)) {
                    throw new FileChangedException(name, null);
                }
                return -1L;
            }
            try {
                return Long.parseLong(expectedVersion);
            } catch (NumberFormatException e) {
                throw new FileChangedException(name, e);
            }
        });
    }

    @Override
    public boolean shared(String name) {
        return ON_SERVER.contains(name);
    }

    /** The {@code _version_} a write must find, or null for none; evaluated when the stream closes. */
    private interface Expected {
        Long version() throws IOException;
    }

    private static final String LOCAL_VERSION = "local-"; //$NON-NLS-1$

    /** The bytes are sent when the stream is closed, over the version {@code expected} gives (null: any). */
    private OutputStream upload(String name, Expected expected) {
        return maraude.core.archive.WriteOnClose.to(content -> {
            SolrInputDocument d = new SolrInputDocument();
            d.addField(TeamSchema.ID, id(name));
            d.addField(TeamSchema.ROUTE, TeamSchema.TEAM_ROUTE);
            d.addField(TeamSchema.TYPE, TeamSchema.TYPE_SIDE_FILE);
            d.addField(TeamSchema.BYTES, content);
            Long version = expected.version();
            if (version != null) {
                d.addField(TeamSchema.VERSION, version);
            }
            UpdateRequest u = new UpdateRequest();
            u.add(d);
            try {
                archive.send(u);
            } catch (SolrServerException | RuntimeException e) {
                seen.remove(name);
                if (conflict(e)) {
                    throw new FileChangedException(name, e);
                }
                if (status(e) == SolrException.ErrorCode.FORBIDDEN.code) {
                    // the server's authorisation: e.g. the team lead's role, which reads only
                    throw (IOException) new java.nio.file.AccessDeniedException(name).initCause(e);
                }
                throw new IOException("side file " + name, e); //$NON-NLS-1$
            }
            version(name); // the version this write made
            if (SHARED.contains(name)) {
                local.delete(name); // the servers' copy is the one now
            }
        });
    }

    private static boolean conflict(Exception e) {
        return status(e) == SolrException.ErrorCode.CONFLICT.code;
    }

    /** The HTTP status of a Solr refusal, or 0. */
    private static int status(Exception e) {
        return e instanceof SolrException se ? se.code() : e.getCause() instanceof SolrException c ? c.code() : 0;
    }

    @Override
    public boolean exists(String name) {
        try {
            return version(name) != null;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean delete(String name) throws IOException {
        if (!onServer(name)) {
            return local.delete(name);
        }
        boolean existed = version(name) != null;
        if (SHARED.contains(name)) {
            existed |= local.delete(name);
        }
        UpdateRequest u = new UpdateRequest();
        u.deleteById(id(name), TeamSchema.TEAM_ROUTE);
        try {
            archive.send(u);
        } catch (SolrServerException | RuntimeException e) {
            throw new IOException("side file " + name, e); //$NON-NLS-1$
        }
        seen.put(name, 0L);
        return existed;
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> out = new ArrayList<>(local.list(prefix));
        for (String name : ON_SERVER) {
            if (name.startsWith(prefix) && !out.contains(name) && exists(name)) {
                out.add(name);
            }
        }
        out.sort(null);
        return out;
    }

    @Override
    public String version(String name) throws IOException {
        if (!onServer(name)) {
            return local.version(name);
        }
        SolrDocument d = latest(name, TeamSchema.VERSION);
        Object v = d == null ? null : d.getFirstValue(TeamSchema.VERSION);
        long version = v instanceof Number n ? n.longValue() : 0L;
        seen.put(name, version);
        if (version == 0 && SHARED.contains(name)) {
            String older = local.version(name);
            return older == null ? null : LOCAL_VERSION + older;
        }
        return version == 0 ? null : Long.toString(version);
    }

    /**
     * Empties every side file kept on the servers that holds words of the people ({@link #ERASED}; the
     * team's settings stay), whatever version is there (an erasure): each is
     * replaced by an empty one, read as "nothing kept", rather than deleted, so a process that read it
     * before cannot write its older content back (its write expects the version it saw).
     */
    void emptyAll() throws IOException {
        for (String name : ERASED) {
            onServer(name);
            try (OutputStream out = upload(name, () -> null)) {
                // nothing: an empty file
            }
        }
    }

    /** This machine's files are plain; those on the servers are encrypted there (see the class comment). */
    @Override
    public boolean encrypted() {
        return local.encrypted();
    }
}

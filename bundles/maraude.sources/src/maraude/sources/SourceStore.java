package maraude.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;
import maraude.core.model.Platform;

/**
 * The sources of one archive, in {@code <archive>/sources.json}. Every change rewrites the file
 * through a temporary file and an atomic rename, so a crash leaves either the old or the new list,
 * never half a file. Credentials are not stored here (see {@link CredentialStore}).
 */
public final class SourceStore {

    public static final String FILE = "sources.json"; //$NON-NLS-1$
    private static final int VERSION = 1;
    private static final long MAX_BYTES = 4 << 20;

    private final ArchiveFiles files;
    private final Path file;
    private final Map<String, Source> sources = new LinkedHashMap<>();

    private SourceStore(ArchiveFiles files, Path file) {
        this.files = files;
        this.file = file;
    }

    /** Loads the sources of the plain archive in {@code archiveFolder} (none when the file does not exist). */
    public static SourceStore open(Path archiveFolder) throws IOException {
        return open(new PlainArchiveFiles(archiveFolder));
    }

    /** Loads the sources kept in the archive's side files (encrypted when the archive is protected). */
    public static SourceStore open(ArchiveFiles files) throws IOException {
        Path shown = files instanceof PlainArchiveFiles p ? p.resolve(FILE) : Path.of(FILE);
        SourceStore s = new SourceStore(files, shown);
        s.reload();
        return s;
    }

    public Path file() {
        return file;
    }

    public synchronized void reload() throws IOException {
        sources.clear();
        if (!files.exists(FILE)) {
            return;
        }
        byte[] bytes;
        try (java.io.InputStream in = files.read(FILE)) {
            bytes = in.readNBytes((int) MAX_BYTES + 1);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IOException(file + ": larger than " + MAX_BYTES + " bytes, refused"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": unreadable (" + e.getClass().getSimpleName() + ")", e); //$NON-NLS-1$ //$NON-NLS-2$
        }
        if (root == null || !root.path("sources").isArray()) { //$NON-NLS-1$
            throw new IOException(file + ": no \"sources\" array"); //$NON-NLS-1$
        }
        int i = 0;
        for (JsonNode n : root.path("sources")) { //$NON-NLS-1$
            try {
                Source s = read(n);
                sources.put(s.id(), s);
            } catch (RuntimeException e) {
                throw new IOException(file + ": source #" + i + " invalid: " + e.getMessage(), e); //$NON-NLS-1$ //$NON-NLS-2$
            }
            i++;
        }
    }

    public synchronized List<Source> list() {
        return List.copyOf(sources.values());
    }

    public synchronized Optional<Source> get(String id) {
        return Optional.ofNullable(sources.get(id));
    }

    /** Adds or replaces a source and saves at once. */
    public synchronized void put(Source source) throws IOException {
        Source previous = sources.put(source.id(), source);
        try {
            save();
        } catch (IOException e) {
            if (previous == null) {
                sources.remove(source.id());
            } else {
                sources.put(source.id(), previous);
            }
            throw e;
        }
    }

    public synchronized boolean remove(String id) throws IOException {
        Source previous = sources.remove(id);
        if (previous == null) {
            return false;
        }
        try {
            save();
        } catch (IOException e) {
            sources.put(id, previous);
            throw e;
        }
        return true;
    }

    private void save() throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode root = mapper.createObjectNode();
        root.put("version", VERSION); //$NON-NLS-1$
        ArrayNode arr = root.putArray("sources"); //$NON-NLS-1$
        for (Source s : sources.values()) {
            arr.add(write(mapper, s));
        }
        files.writeAllBytes(FILE, mapper.writeValueAsBytes(root));
    }

    static ObjectNode write(ObjectMapper mapper, Source s) {
        ObjectNode n = mapper.createObjectNode();
        n.put("id", s.id()); //$NON-NLS-1$
        n.put("kind", s.kind().key()); //$NON-NLS-1$
        n.put("platform", s.platform().key()); //$NON-NLS-1$
        n.put("profile", s.profile()); //$NON-NLS-1$
        n.put("location", s.location()); //$NON-NLS-1$
        n.put("every", s.every().toString()); //$NON-NLS-1$
        n.put("retention", s.retention() == null ? null : s.retention().toString()); //$NON-NLS-1$
        n.put("delay", s.delay().toString()); //$NON-NLS-1$
        n.put("created", str(s.created())); //$NON-NLS-1$
        n.put("last_pull", str(s.lastPull())); //$NON-NLS-1$
        n.put("last_attempt", str(s.lastAttempt())); //$NON-NLS-1$
        n.put("next_pull", str(s.nextPull())); //$NON-NLS-1$
        n.put("state", s.state().key()); //$NON-NLS-1$
        n.put("last_error", s.lastError()); //$NON-NLS-1$
        n.put("last_added", s.lastAdded()); //$NON-NLS-1$
        return n;
    }

    static Source read(JsonNode n) {
        String retention = text(n, "retention"); //$NON-NLS-1$
        String every = text(n, "every"); //$NON-NLS-1$
        String delay = text(n, "delay"); //$NON-NLS-1$
        String platform = text(n, "platform"); //$NON-NLS-1$
        String state = text(n, "state"); //$NON-NLS-1$
        String kind = text(n, "kind"); //$NON-NLS-1$
        if (kind == null) {
            throw new IllegalArgumentException("no kind"); //$NON-NLS-1$
        }
        return new Source(text(n, "id"), SourceKind.fromKey(kind), //$NON-NLS-1$
                platform == null ? null : Platform.fromKey(platform), text(n, "profile"), text(n, "location"), //$NON-NLS-1$ //$NON-NLS-2$
                every == null ? null : Duration.parse(every), retention == null ? null : Duration.parse(retention),
                delay == null ? null : Duration.parse(delay), instant(n, "created"), instant(n, "last_pull"), //$NON-NLS-1$ //$NON-NLS-2$
                instant(n, "last_attempt"), instant(n, "next_pull"), //$NON-NLS-1$ //$NON-NLS-2$
                state == null ? null : SourceState.fromKey(state), text(n, "last_error"), n.path("last_added").asLong()); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private static String text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static Instant instant(JsonNode n, String f) {
        String s = text(n, f);
        return s == null ? null : Instant.parse(s);
    }

    /** A fresh id for a new source: the kind and a number not used yet. */
    public synchronized String newId(SourceKind kind) {
        String base = kind.key().replace('_', '-');
        for (int i = 1;; i++) {
            String id = base + '-' + i;
            if (!sources.containsKey(id)) {
                return id;
            }
        }
    }

    /** For callers that add many sources: the list as it is now. */
    public synchronized List<String> ids() {
        return new ArrayList<>(sources.keySet());
    }
}

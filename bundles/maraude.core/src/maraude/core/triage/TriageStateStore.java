package maraude.core.triage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;
import maraude.core.model.Platform;

/**
 * Persists the team's {@link TriageState} as {@value #FILE_NAME} in the archive folder: JSON with a
 * format version, written to a temporary file, forced to disk, then moved over the old one atomically,
 * so a crash leaves either the old or the new file, never half of one. Every change is written at
 * once (the file is small). Before each change the file is re-read if another process changed it.
 * Thread-safe.
 */
public final class TriageStateStore {

    public static final String FILE_NAME = "triage-state.json"; //$NON-NLS-1$
    /** Format version written; files with a higher version are refused rather than misread. */
    public static final int VERSION = 1;
    private static final long MAX_BYTES = 64L << 20;

    private final ArchiveFiles files;
    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper();
    private TriageState state;
    private String loadedVersion;

    private TriageStateStore(ArchiveFiles files, Path file) {
        this.files = files;
        this.file = file;
    }

    /** Opens (or starts empty) the store of the plain archive in {@code folder}. */
    public static TriageStateStore open(Path folder) {
        Objects.requireNonNull(folder, "folder"); //$NON-NLS-1$
        return open(new PlainArchiveFiles(folder));
    }

    /**
     * Opens (or starts empty) the store kept in {@code files}, usually {@code archive.files()}: on a
     * protected archive the notes are encrypted like the rest.
     */
    public static TriageStateStore open(ArchiveFiles files) {
        Objects.requireNonNull(files, "files"); //$NON-NLS-1$
        Path shown = files instanceof PlainArchiveFiles p ? p.resolve(FILE_NAME) : Path.of(FILE_NAME);
        TriageStateStore s = new TriageStateStore(files, shown);
        synchronized (s) {
            s.reload();
        }
        return s;
    }

    public Path file() {
        return file;
    }

    /** The current state (re-read if another process changed the file). */
    public synchronized TriageState snapshot() {
        reloadIfChanged();
        return state;
    }

    // ------------------------------------------------------------------------------ changes

    /** Sets a worker state on a conversation (notes are kept). */
    public ConversationState setState(String conversationId, WorkerState ws, Instant at, String workerId,
            Instant snoozedUntil) {
        Objects.requireNonNull(ws, "state"); //$NON-NLS-1$
        Objects.requireNonNull(at, "at"); //$NON-NLS-1$
        if (ws == WorkerState.SNOOZED && (snoozedUntil == null || !snoozedUntil.isAfter(at))) {
            throw new IllegalArgumentException("a snooze needs an end after its start"); //$NON-NLS-1$
        }
        return updateConversation(conversationId,
                old -> new ConversationState(conversationId, ws, at, workerId,
                        ws == WorkerState.SNOOZED ? snoozedUntil : null, old == null ? null : old.notes()));
    }

    /** Removes the worker state of a conversation (the thread goes back to where the rules put it). */
    public ConversationState clearState(String conversationId) {
        return updateConversation(conversationId, old -> new ConversationState(conversationId, null, null, null, null,
                old == null ? null : old.notes()));
    }

    public ConversationState addNote(String conversationId, ConversationState.Note note) {
        Objects.requireNonNull(note, "note"); //$NON-NLS-1$
        return updateConversation(conversationId, old -> {
            List<ConversationState.Note> notes = new ArrayList<>(old == null ? List.of() : old.notes());
            notes.add(note);
            return old == null ? new ConversationState(conversationId, null, null, null, null, notes)
                    : new ConversationState(conversationId, old.state(), old.setAt(), old.setBy(), old.snoozedUntil(),
                            notes);
        });
    }

    public synchronized void setContactFlags(ContactFlags flags) {
        Objects.requireNonNull(flags, "flags"); //$NON-NLS-1$
        change(s -> {
            Map<String, ContactFlags> m = new HashMap<>(s.contacts());
            m.put(flags.contactId(), flags);
            return new TriageState(s.conversations(), m, s.campaigns(), s.sessions(), s.services());
        });
    }

    /** Adds or replaces (same id) a campaign. */
    public synchronized void putCampaign(Campaign c) {
        Objects.requireNonNull(c, "campaign"); //$NON-NLS-1$
        change(s -> {
            List<Campaign> l = new ArrayList<>(s.campaigns());
            l.removeIf(x -> x.id().equals(c.id()));
            l.add(c);
            return new TriageState(s.conversations(), s.contacts(), l, s.sessions(), s.services());
        });
    }

    public synchronized void removeCampaign(String id) {
        change(s -> {
            List<Campaign> l = new ArrayList<>(s.campaigns());
            l.removeIf(x -> x.id().equals(id));
            return new TriageState(s.conversations(), s.contacts(), l, s.sessions(), s.services());
        });
    }

    /** Records that a service was offered in a conversation. */
    public synchronized ServiceOffer offerService(String conversationId, ServiceKind kind, Instant at, String workerId) {
        ServiceOffer o = new ServiceOffer(UUID.randomUUID().toString(), conversationId, kind, at, workerId);
        change(s -> {
            List<ServiceOffer> l = new ArrayList<>(s.services());
            l.add(o);
            return new TriageState(s.conversations(), s.contacts(), s.campaigns(), s.sessions(), l);
        });
        return o;
    }

    /** Removes a service tag (a mistake undone); false when it was not there. */
    public synchronized boolean withdrawService(String offerId) {
        reloadIfChanged();
        if (state.services().stream().noneMatch(o -> o.id().equals(offerId))) {
            return false;
        }
        change(s -> {
            List<ServiceOffer> l = new ArrayList<>(s.services());
            l.removeIf(o -> o.id().equals(offerId));
            return new TriageState(s.conversations(), s.contacts(), s.campaigns(), s.sessions(), l);
        });
        return true;
    }

    /** Starts a permanence for a worker. */
    public synchronized PermanenceSession startSession(String workerId, Instant at) {
        PermanenceSession p = new PermanenceSession(UUID.randomUUID().toString(), workerId, at, null, ""); //$NON-NLS-1$
        change(s -> {
            List<PermanenceSession> l = new ArrayList<>(s.sessions());
            l.add(p);
            return new TriageState(s.conversations(), s.contacts(), s.campaigns(), l, s.services());
        });
        return p;
    }

    /** Ends a permanence, leaving a handover note for the next worker. */
    public synchronized PermanenceSession endSession(String sessionId, Instant at, String handoverNote) {
        PermanenceSession[] out = new PermanenceSession[1];
        change(s -> {
            List<PermanenceSession> l = new ArrayList<>(s.sessions());
            for (int i = 0; i < l.size(); i++) {
                PermanenceSession p = l.get(i);
                if (p.id().equals(sessionId)) {
                    if (!p.isOpen()) {
                        throw new IllegalStateException("session already ended: " + sessionId); //$NON-NLS-1$
                    }
                    out[0] = new PermanenceSession(p.id(), p.workerId(), p.start(), at, handoverNote);
                    l.set(i, out[0]);
                }
            }
            if (out[0] == null) {
                throw new IllegalArgumentException("no session " + sessionId); //$NON-NLS-1$
            }
            return new TriageState(s.conversations(), s.contacts(), s.campaigns(), l, s.services());
        });
        return out[0];
    }

    /**
     * The right to be forgotten: removes the contact's flags (caution note included) and the state
     * and notes of its conversations.
     *
     * @return whether anything was removed
     */
    public synchronized boolean forgetContact(String contactId, java.util.Collection<String> conversationIds) {
        Objects.requireNonNull(contactId, "contactId"); //$NON-NLS-1$
        return forget(java.util.List.of(contactId), conversationIds);
    }

    /**
     * Drops everything the team recorded about these contacts (flags, caution notes) and
     * conversations (states, notes): for the right to be forgotten and for retention purges.
     *
     * @return whether anything was recorded about them
     */
    public synchronized boolean forget(java.util.Collection<String> contactIds, java.util.Collection<String> conversationIds) {
        reloadIfChanged();
        boolean changed = contactIds.stream().anyMatch(state.contacts()::containsKey)
                || conversationIds.stream().anyMatch(state.conversations()::containsKey)
                || state.services().stream().anyMatch(o -> conversationIds.contains(o.conversationId()));
        if (changed) {
            change(s -> {
                Map<String, ConversationState> convs = new HashMap<>(s.conversations());
                convs.keySet().removeAll(conversationIds);
                Map<String, ContactFlags> contacts = new HashMap<>(s.contacts());
                contacts.keySet().removeAll(contactIds);
                List<ServiceOffer> services = new ArrayList<>(s.services());
                services.removeIf(o -> conversationIds.contains(o.conversationId()));
                return new TriageState(convs, contacts, s.campaigns(), s.sessions(), services);
            });
        }
        return changed;
    }

    private synchronized ConversationState updateConversation(String id, UnaryOperator<ConversationState> f) {
        Objects.requireNonNull(id, "conversationId"); //$NON-NLS-1$
        ConversationState[] out = new ConversationState[1];
        change(s -> {
            Map<String, ConversationState> m = new HashMap<>(s.conversations());
            out[0] = f.apply(m.get(id));
            m.put(id, out[0]);
            return new TriageState(m, s.contacts(), s.campaigns(), s.sessions(), s.services());
        });
        return out[0];
    }

    private void change(UnaryOperator<TriageState> f) {
        reloadIfChanged();
        TriageState next = f.apply(state);
        write(next);
        state = next;
    }

    // ------------------------------------------------------------------------------ file

    private void reloadIfChanged() {
        try {
            if (!java.util.Objects.equals(files.version(FILE_NAME), loadedVersion)) {
                reload();
            }
        } catch (IOException e) {
            throw new TriageStoreException(file + ": " + e.getMessage(), e); //$NON-NLS-1$
        }
    }

    private void reload() {
        try {
            String v = files.version(FILE_NAME);
            if (v == null) {
                state = TriageState.EMPTY;
                loadedVersion = null;
                return;
            }
            byte[] bytes;
            try (InputStream in = files.read(FILE_NAME)) {
                bytes = in.readNBytes((int) MAX_BYTES + 1);
            }
            if (bytes.length > MAX_BYTES) {
                throw new TriageStoreException(file + ": file too large (more than " + MAX_BYTES + " bytes)", null); //$NON-NLS-1$ //$NON-NLS-2$
            }
            state = parse(bytes);
            loadedVersion = v;
        } catch (NoSuchFileException e) {
            state = TriageState.EMPTY;
            loadedVersion = null;
        } catch (IOException e) {
            throw new TriageStoreException(file + ": " + e.getMessage(), e); //$NON-NLS-1$
        }
    }

    TriageState parse(byte[] bytes) {
        JsonNode root;
        try {
            root = mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            throw new TriageStoreException(file + where + ": not valid JSON (" + e.getOriginalMessage() + ")", e); //$NON-NLS-1$ //$NON-NLS-2$
        } catch (IOException e) {
            throw new TriageStoreException(file + ": " + e.getMessage(), e); //$NON-NLS-1$
        }
        if (root == null || !root.isObject()) {
            throw new TriageStoreException(file + ": expected a JSON object", null); //$NON-NLS-1$
        }
        JsonNode v = root.get("version"); //$NON-NLS-1$
        if (v == null || !v.canConvertToInt()) {
            throw new TriageStoreException(file + ": missing format version", null); //$NON-NLS-1$
        }
        if (v.asInt() > VERSION || v.asInt() < 1) {
            throw new TriageStoreException(file + ": format version " + v.asInt() //$NON-NLS-1$
                    + " is not supported (this program reads up to " + VERSION + ")", null); //$NON-NLS-1$ //$NON-NLS-2$
        }
        try {
            Map<String, ConversationState> convs = new HashMap<>();
            for (JsonNode n : array(root, "conversations")) { //$NON-NLS-1$
                List<ConversationState.Note> notes = new ArrayList<>();
                for (JsonNode x : array(n, "notes")) { //$NON-NLS-1$
                    notes.add(new ConversationState.Note(instant(x, "at", true), text(x, "author"), text(x, "text"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                }
                String st = text(n, "state"); //$NON-NLS-1$
                ConversationState cs = new ConversationState(required(n, "conversationId"), //$NON-NLS-1$
                        st.isEmpty() ? null : WorkerState.fromKey(st), instant(n, "setAt", false), //$NON-NLS-1$
                        text(n, "setBy"), instant(n, "snoozedUntil", false), notes); //$NON-NLS-1$ //$NON-NLS-2$
                convs.put(cs.conversationId(), cs);
            }
            Map<String, ContactFlags> contacts = new HashMap<>();
            for (JsonNode n : array(root, "contacts")) { //$NON-NLS-1$
                ContactFlags f = new ContactFlags(required(n, "contactId"), n.path("doNotContact").asBoolean(false), //$NON-NLS-1$ //$NON-NLS-2$
                        n.path("caution").asBoolean(false), text(n, "cautionNote"), instant(n, "updatedAt", false), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        text(n, "updatedBy"), text(n, "language")); //$NON-NLS-1$ //$NON-NLS-2$
                contacts.put(f.contactId(), f);
            }
            List<Campaign> campaigns = new ArrayList<>();
            for (JsonNode n : array(root, "campaigns")) { //$NON-NLS-1$
                String p = text(n, "platform"); //$NON-NLS-1$
                campaigns.add(new Campaign(required(n, "id"), text(n, "name"), instant(n, "sentAt", true), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        p.isEmpty() ? null : Platform.fromKey(p), n.path("recipients").asInt(0))); //$NON-NLS-1$
            }
            List<PermanenceSession> sessions = new ArrayList<>();
            for (JsonNode n : array(root, "sessions")) { //$NON-NLS-1$
                sessions.add(new PermanenceSession(required(n, "id"), text(n, "workerId"), instant(n, "start", true), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        instant(n, "end", false), text(n, "handoverNote"))); //$NON-NLS-1$ //$NON-NLS-2$
            }
            List<ServiceOffer> services = new ArrayList<>();
            for (JsonNode n : array(root, "services")) { //$NON-NLS-1$
                services.add(new ServiceOffer(required(n, "id"), required(n, "conversationId"), //$NON-NLS-1$ //$NON-NLS-2$
                        ServiceKind.fromKey(required(n, "kind")), instant(n, "at", true), text(n, "by"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
            return new TriageState(convs, contacts, campaigns, sessions, services);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TriageStoreException(file + ": invalid content: " + e.getMessage(), e); //$NON-NLS-1$
        }
    }

    private static Iterable<JsonNode> array(JsonNode n, String field) {
        JsonNode a = n.get(field);
        if (a == null || a.isNull()) {
            return List.of();
        }
        if (!a.isArray()) {
            throw new IllegalArgumentException("'" + field + "' must be an array"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return a;
    }

    private static String required(JsonNode n, String field) {
        String s = text(n, field);
        if (s.isEmpty()) {
            throw new IllegalArgumentException("missing '" + field + "'"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return s;
    }

    private static String text(JsonNode n, String field) {
        JsonNode x = n.get(field);
        return x == null || x.isNull() ? "" : x.asText(); //$NON-NLS-1$
    }

    private static Instant instant(JsonNode n, String field, boolean required) {
        String s = text(n, field);
        if (s.isEmpty()) {
            if (required) {
                throw new IllegalArgumentException("missing '" + field + "'"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            return null;
        }
        try {
            return Instant.parse(s);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO instant: " + s, e); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    byte[] serialize(TriageState s) throws IOException {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", VERSION); //$NON-NLS-1$
        ArrayNode convs = root.putArray("conversations"); //$NON-NLS-1$
        s.conversations().values().stream().sorted((a, b) -> a.conversationId().compareTo(b.conversationId()))
                .forEach(c -> {
                    ObjectNode n = convs.addObject();
                    n.put("conversationId", c.conversationId()); //$NON-NLS-1$
                    if (c.state() != null) {
                        n.put("state", c.state().key()); //$NON-NLS-1$
                        n.put("setAt", c.setAt().toString()); //$NON-NLS-1$
                        n.put("setBy", c.setBy()); //$NON-NLS-1$
                    }
                    if (c.snoozedUntil() != null) {
                        n.put("snoozedUntil", c.snoozedUntil().toString()); //$NON-NLS-1$
                    }
                    ArrayNode notes = n.putArray("notes"); //$NON-NLS-1$
                    for (ConversationState.Note note : c.notes()) {
                        ObjectNode x = notes.addObject();
                        x.put("at", note.at().toString()); //$NON-NLS-1$
                        x.put("author", note.author()); //$NON-NLS-1$
                        x.put("text", note.text()); //$NON-NLS-1$
                    }
                });
        ArrayNode contacts = root.putArray("contacts"); //$NON-NLS-1$
        s.contacts().values().stream().sorted((a, b) -> a.contactId().compareTo(b.contactId())).forEach(f -> {
            ObjectNode n = contacts.addObject();
            n.put("contactId", f.contactId()); //$NON-NLS-1$
            n.put("doNotContact", f.doNotContact()); //$NON-NLS-1$
            n.put("caution", f.caution()); //$NON-NLS-1$
            n.put("cautionNote", f.cautionNote()); //$NON-NLS-1$
            n.put("updatedAt", f.updatedAt() == null ? null : f.updatedAt().toString()); //$NON-NLS-1$
            n.put("updatedBy", f.updatedBy()); //$NON-NLS-1$
            if (f.language() != null) {
                n.put("language", f.language()); //$NON-NLS-1$
            }
        });
        ArrayNode camps = root.putArray("campaigns"); //$NON-NLS-1$
        for (Campaign c : s.campaigns()) {
            ObjectNode n = camps.addObject();
            n.put("id", c.id()); //$NON-NLS-1$
            n.put("name", c.name()); //$NON-NLS-1$
            n.put("sentAt", c.sentAt().toString()); //$NON-NLS-1$
            n.put("platform", c.platform() == null ? null : c.platform().key()); //$NON-NLS-1$
            n.put("recipients", c.recipients()); //$NON-NLS-1$
        }
        ArrayNode sessions = root.putArray("sessions"); //$NON-NLS-1$
        for (PermanenceSession p : s.sessions()) {
            ObjectNode n = sessions.addObject();
            n.put("id", p.id()); //$NON-NLS-1$
            n.put("workerId", p.workerId()); //$NON-NLS-1$
            n.put("start", p.start().toString()); //$NON-NLS-1$
            n.put("end", p.end() == null ? null : p.end().toString()); //$NON-NLS-1$
            n.put("handoverNote", p.handoverNote()); //$NON-NLS-1$
        }
        ArrayNode services = root.putArray("services"); //$NON-NLS-1$
        for (ServiceOffer o : s.services()) {
            ObjectNode n = services.addObject();
            n.put("id", o.id()); //$NON-NLS-1$
            n.put("conversationId", o.conversationId()); //$NON-NLS-1$
            n.put("kind", o.kind().key()); //$NON-NLS-1$
            n.put("at", o.at().toString()); //$NON-NLS-1$
            n.put("by", o.by()); //$NON-NLS-1$
        }
        return mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
    }

    private void write(TriageState s) {
        try {
            byte[] bytes = serialize(s);
            try (OutputStream out = files.write(FILE_NAME)) {
                out.write(bytes);
            }
            loadedVersion = files.version(FILE_NAME);
        } catch (IOException e) {
            throw new TriageStoreException(file + ": cannot write (" + e.getMessage() + ")", e); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }
}

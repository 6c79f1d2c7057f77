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
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
public final class TriageStateStore implements TriageStates {

    public static final String FILE_NAME = "triage-state.json"; //$NON-NLS-1$
    /** Format version written; files with a higher version are refused rather than misread. */
    public static final int VERSION = 1;
    private static final long MAX_BYTES = 64L << 20;

    /** Made on first use: a queue on an archive without notes yet needs no Jackson (a tenth of a second cold). */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private final ArchiveFiles files;
    private final Path file;
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

    // ---- the file's format: one record per JSON object, field names as written since version 1

    /**
     * The whole file. Absent lists and null fields read as empty (files of earlier versions left some
     * fields out); unknown fields are ignored.
     */
    record StateFile(Integer version, List<ConversationJson> conversations, List<ContactJson> contacts,
            List<CampaignJson> campaigns, List<SessionJson> sessions, List<ServiceJson> services) {
    }

    /** {@code state}, {@code setAt} and {@code setBy} null when no state is set. */
    record ConversationJson(String conversationId, String state, String setAt, String setBy, String snoozedUntil,
            List<NoteJson> notes) {
    }

    record NoteJson(String at, String author, String text) {
    }

    record ContactJson(String contactId, boolean doNotContact, boolean caution, String cautionNote, String updatedAt,
            String updatedBy, String language) {
    }

    record CampaignJson(String id, String name, String sentAt, String platform, int recipients) {
    }

    record SessionJson(String id, String workerId, String start, String end, String handoverNote) {
    }

    record ServiceJson(String id, String conversationId, String kind, String at, String by) {
    }

    TriageState parse(byte[] bytes) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new TriageStoreException(file + where(e) + ": not valid JSON (" + e.getOriginalMessage() + ")", e); //$NON-NLS-1$ //$NON-NLS-2$
        } catch (IOException e) {
            throw new TriageStoreException(file + ": " + e.getMessage(), e); //$NON-NLS-1$
        }
        if (root == null || !root.isObject()) {
            throw new TriageStoreException(file + ": expected a JSON object", null); //$NON-NLS-1$
        }
        // the version first: a newer file is refused as such, not as content this version cannot bind
        JsonNode v = root.get("version"); //$NON-NLS-1$
        if (v == null || !v.canConvertToInt()) {
            throw new TriageStoreException(file + ": missing format version", null); //$NON-NLS-1$
        }
        if (v.asInt() > VERSION || v.asInt() < 1) {
            throw new TriageStoreException(file + ": format version " + v.asInt() //$NON-NLS-1$
                    + " is not supported (this program reads up to " + VERSION + ")", null); //$NON-NLS-1$ //$NON-NLS-2$
        }
        StateFile doc;
        try {
            doc = Json.MAPPER.treeToValue(root, StateFile.class);
        } catch (JsonProcessingException e) {
            throw new TriageStoreException(file + ": invalid content: " + e.getOriginalMessage(), e); //$NON-NLS-1$
        }
        try {
            return state(doc);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new TriageStoreException(file + ": invalid content: " + e.getMessage(), e); //$NON-NLS-1$
        }
    }

    private static String where(JsonProcessingException e) {
        var loc = e.getLocation();
        return loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    private static TriageState state(StateFile doc) {
        Map<String, ConversationState> convs = new HashMap<>();
        for (ConversationJson n : list(doc.conversations())) {
            List<ConversationState.Note> notes = new ArrayList<>();
            for (NoteJson x : list(n.notes())) {
                notes.add(new ConversationState.Note(instant(x.at(), "at", true), text(x.author()), text(x.text()))); //$NON-NLS-1$
            }
            String st = text(n.state());
            ConversationState cs = new ConversationState(required(n.conversationId(), "conversationId"), //$NON-NLS-1$
                    st.isEmpty() ? null : WorkerState.fromKey(st), instant(n.setAt(), "setAt", false), //$NON-NLS-1$
                    text(n.setBy()), instant(n.snoozedUntil(), "snoozedUntil", false), notes); //$NON-NLS-1$
            convs.put(cs.conversationId(), cs);
        }
        Map<String, ContactFlags> contacts = new HashMap<>();
        for (ContactJson n : list(doc.contacts())) {
            ContactFlags f = new ContactFlags(required(n.contactId(), "contactId"), n.doNotContact(), n.caution(), //$NON-NLS-1$
                    text(n.cautionNote()), instant(n.updatedAt(), "updatedAt", false), text(n.updatedBy()), //$NON-NLS-1$
                    text(n.language()));
            contacts.put(f.contactId(), f);
        }
        List<Campaign> campaigns = new ArrayList<>();
        for (CampaignJson n : list(doc.campaigns())) {
            String p = text(n.platform());
            campaigns.add(new Campaign(required(n.id(), "id"), text(n.name()), instant(n.sentAt(), "sentAt", true), //$NON-NLS-1$ //$NON-NLS-2$
                    p.isEmpty() ? null : Platform.fromKey(p), n.recipients()));
        }
        List<PermanenceSession> sessions = new ArrayList<>();
        for (SessionJson n : list(doc.sessions())) {
            sessions.add(new PermanenceSession(required(n.id(), "id"), text(n.workerId()), //$NON-NLS-1$
                    instant(n.start(), "start", true), instant(n.end(), "end", false), text(n.handoverNote()))); //$NON-NLS-1$ //$NON-NLS-2$
        }
        List<ServiceOffer> services = new ArrayList<>();
        for (ServiceJson n : list(doc.services())) {
            services.add(new ServiceOffer(required(n.id(), "id"), required(n.conversationId(), "conversationId"), //$NON-NLS-1$ //$NON-NLS-2$
                    ServiceKind.fromKey(required(n.kind(), "kind")), instant(n.at(), "at", true), text(n.by()))); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return new TriageState(convs, contacts, campaigns, sessions, services);
    }

    private static <T> List<T> list(List<T> l) {
        return l == null ? List.of() : l;
    }

    private static String required(String s, String field) {
        if (s == null || s.isEmpty()) {
            throw new IllegalArgumentException("missing '" + field + "'"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return s;
    }

    private static String text(String s) {
        return s == null ? "" : s; //$NON-NLS-1$
    }

    private static Instant instant(String s, String field, boolean required) {
        if (s == null || s.isEmpty()) {
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
        List<ConversationJson> convs = s.conversations().values().stream()
                .sorted((a, b) -> a.conversationId().compareTo(b.conversationId()))
                .map(c -> new ConversationJson(c.conversationId(), c.state() == null ? null : c.state().key(),
                        c.state() == null ? null : iso(c.setAt()), c.state() == null ? null : c.setBy(),
                        iso(c.snoozedUntil()),
                        c.notes().stream().map(n -> new NoteJson(iso(n.at()), n.author(), n.text())).toList()))
                .toList();
        List<ContactJson> contacts = s.contacts().values().stream()
                .sorted((a, b) -> a.contactId().compareTo(b.contactId()))
                .map(f -> new ContactJson(f.contactId(), f.doNotContact(), f.caution(), f.cautionNote(),
                        iso(f.updatedAt()), f.updatedBy(), f.language()))
                .toList();
        List<CampaignJson> campaigns = s.campaigns().stream().map(c -> new CampaignJson(c.id(), c.name(),
                iso(c.sentAt()), c.platform() == null ? null : c.platform().key(), c.recipients())).toList();
        List<SessionJson> sessions = s.sessions().stream().map(p -> new SessionJson(p.id(), p.workerId(),
                iso(p.start()), iso(p.end()), p.handoverNote())).toList();
        List<ServiceJson> services = s.services().stream().map(o -> new ServiceJson(o.id(), o.conversationId(),
                o.kind().key(), iso(o.at()), o.by())).toList();
        return Json.MAPPER.writerWithDefaultPrettyPrinter()
                .writeValueAsBytes(new StateFile(VERSION, convs, contacts, campaigns, sessions, services));
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
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

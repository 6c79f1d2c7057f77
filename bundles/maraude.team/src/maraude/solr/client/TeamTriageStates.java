package maraude.solr.client;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import org.apache.solr.client.solrj.SolrQuery;
import org.apache.solr.client.solrj.SolrServerException;
import org.apache.solr.client.solrj.request.UpdateRequest;
import org.apache.solr.common.SolrDocument;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.SolrInputDocument;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.core.model.Conversation;
import maraude.core.model.Platform;
import maraude.core.triage.Campaign;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.ConversationState;
import maraude.core.triage.PermanenceSession;
import maraude.core.triage.ServiceKind;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.TriageConflictException;
import maraude.core.triage.TriageState;
import maraude.core.triage.TriageStates;
import maraude.core.triage.TriageStoreException;
import maraude.core.triage.WorkerState;
import maraude.solr.TeamSchema;

/**
 * The triage state of a team archive, shared by every worker: one document per record in the team's
 * collection ({@link TeamSchema#TYPE_TRIAGE_CONVERSATION} and the other {@code TYPE_TRIAGE_*}), written
 * with Solr's optimistic concurrency on {@code _version_}.
 *
 * <h2>Conflicts</h2>
 * <ul>
 * <li>A conversation's state ({@link #setState}, {@link #clearState}), a contact's flags
 * ({@link #setContactFlags}: do-not-contact, caution, language) and a campaign are written only if the
 * document is still the version this client last saw (its {@link #snapshot()}): when another worker
 * changed it meanwhile, Solr refuses the write (HTTP 409), this client reads the other change and
 * throws {@link TriageConflictException} ("another worker changed this meanwhile"). Nothing is
 * overwritten silently; the worker sees the other change and decides again.</li>
 * <li>Additions ({@link #addNote}, {@link #offerService}, {@link #startSession}) are applied to the
 * latest version (read by real-time get) and sent again on a refused version, so two notes written at
 * once are both kept: nothing to decide, nothing lost.</li>
 * </ul>
 *
 * <h2>Visibility</h2> Every write is sent with a soft commit and returns once searchable (the update
 * log holds it durably; the nodes' hard commits follow). Other clients learn of it by
 * {@link #refresh()}, which {@link #subscribe} runs every few seconds: a "changed since" query on
 * {@code _version_}, plus a count that notices erasures.
 * Thread-safe.
 */
public final class TeamTriageStates implements TriageStates, AutoCloseable {

    /** Default interval of {@link #subscribe(Consumer)}. */
    public static final Duration DEFAULT_POLL = Duration.ofSeconds(2);
    /**
     * How far back a "changed since" query looks before the highest version seen: versions come from
     * each shard leader's clock (milliseconds shifted by 20 bits), and a write becomes searchable up to
     * a second after its version was given. Generous: a change seen twice is compared and ignored.
     */
    private static final long VERSION_WINDOW = 60_000L << 20;
    /** Sends of an addition whose base version moved meanwhile. */
    private static final int MERGES = 8;

    private static final String TYPES = "{!terms f=" + TeamSchema.TYPE + "}" //$NON-NLS-1$ //$NON-NLS-2$
            + String.join(",", TeamSchema.TYPE_TRIAGE_CONVERSATION, TeamSchema.TYPE_TRIAGE_CONTACT, //$NON-NLS-1$
                    TeamSchema.TYPE_TRIAGE_SERVICE, TeamSchema.TYPE_TRIAGE_CAMPAIGN, TeamSchema.TYPE_TRIAGE_SESSION);
    private static final String FIELDS = String.join(",", TeamSchema.ID, TeamSchema.TRIAGE, TeamSchema.VERSION); //$NON-NLS-1$

    /** One record as last seen: its document's version and its value (a record of the triage model). */
    private record Seen(String type, long version, Object value) {
    }

    private final SolrArchive archive;
    private final Map<String, Seen> seen = new HashMap<>();
    private TriageState snapshot = TriageState.EMPTY;
    private long maxVersion;
    private final List<Consumer<TriageState>> listeners = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService poller;

    TeamTriageStates(SolrArchive archive) {
        this.archive = archive;
        reloadAll();
    }

    /** The team's triage state in the collection of {@code archive} (read whole once, then kept up to date). */
    public static TeamTriageStates of(SolrArchive archive) {
        return new TeamTriageStates(archive);
    }

    // ---------------------------------------------------------------------------- reading

    @Override
    public synchronized TriageState snapshot() {
        return snapshot;
    }

    /**
     * Reads what other workers changed since the last read (a "changed since" query on
     * {@code _version_}; everything again when records disappeared, after an erasure).
     *
     * @return whether anything changed; listeners were told if so
     */
    public boolean refresh() {
        TriageState changed;
        synchronized (this) {
            long total;
            List<SolrDocument> docs = new ArrayList<>();
            try {
                SolrQuery q = new SolrQuery(TYPES).addFilterQuery(TeamSchema.VERSION + ":[" //$NON-NLS-1$
                        + Math.max(0, maxVersion - VERSION_WINDOW) + " TO *]").setFields(FIELDS).setRows(10_000); //$NON-NLS-1$
                docs.addAll(archive.select(q).getResults());
                total = archive.select(new SolrQuery(TYPES).setRows(0)).getResults().getNumFound();
            } catch (SolrServerException | IOException | RuntimeException e) {
                throw failure(e);
            }
            boolean any = false;
            for (SolrDocument d : docs) {
                any |= see(d);
            }
            if (total != seen.size()) {
                reloadAll();
                any = true;
            }
            if (!any) {
                return false;
            }
            rebuild();
            changed = snapshot;
        }
        listeners.forEach(l -> l.accept(changed));
        return true;
    }

    private synchronized void reloadAll() {
        Map<String, Seen> all = new HashMap<>();
        long[] max = { 0 };
        try {
            archive.forEachDocument(TYPES, FIELDS, d -> {
                Seen s = parse(d);
                all.put((String) d.getFirstValue(TeamSchema.ID), s);
                max[0] = Math.max(max[0], s.version());
            });
        } catch (RuntimeException e) {
            throw failure(e);
        }
        seen.clear();
        seen.putAll(all);
        maxVersion = max[0];
        rebuild();
    }

    /** Takes a document read from the collection; whether it was new or newer than what was seen. */
    private boolean see(SolrDocument d) {
        String id = (String) d.getFirstValue(TeamSchema.ID);
        Seen s = parse(d);
        maxVersion = Math.max(maxVersion, s.version());
        Seen old = seen.get(id);
        if (old != null && old.version() >= s.version()) {
            return false;
        }
        seen.put(id, s);
        return true;
    }

    private void rebuild() {
        Map<String, ConversationState> convs = new HashMap<>();
        Map<String, ContactFlags> contacts = new HashMap<>();
        List<Campaign> campaigns = new ArrayList<>();
        List<PermanenceSession> sessions = new ArrayList<>();
        List<ServiceOffer> services = new ArrayList<>();
        for (Seen s : seen.values()) {
            if (s.value() instanceof ConversationState c) {
                convs.put(c.conversationId(), c);
            } else if (s.value() instanceof ContactFlags f) {
                contacts.put(f.contactId(), f);
            } else if (s.value() instanceof Campaign c) {
                campaigns.add(c);
            } else if (s.value() instanceof PermanenceSession p) {
                sessions.add(p);
            } else if (s.value() instanceof ServiceOffer o) {
                services.add(o);
            }
        }
        campaigns.sort((a, b) -> a.id().compareTo(b.id()));
        sessions.sort((a, b) -> a.start().compareTo(b.start()));
        services.sort((a, b) -> a.at().compareTo(b.at()));
        snapshot = new TriageState(convs, contacts, campaigns, sessions, services);
    }

    // ---------------------------------------------------------------------------- live updates

    /** As {@link #subscribe(Consumer, Duration)} every {@link #DEFAULT_POLL}. */
    @Override
    public AutoCloseable subscribe(Consumer<TriageState> listener) {
        return subscribe(listener, DEFAULT_POLL);
    }

    /**
     * Calls {@code listener} (on a background thread) with the new snapshot whenever a poll every
     * {@code every} finds changes by other workers. A failed poll (a node restarting) is tried again
     * at the next tick.
     */
    public synchronized AutoCloseable subscribe(Consumer<TriageState> listener, Duration every) {
        Objects.requireNonNull(listener, "listener"); //$NON-NLS-1$
        listeners.add(listener);
        if (poller == null) {
            poller = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "maraude-team-triage-poll"); //$NON-NLS-1$
                t.setDaemon(true);
                return t;
            });
            poller.scheduleWithFixedDelay(() -> {
                try {
                    refresh();
                } catch (RuntimeException e) {
                    // the next tick tries again; the snapshot stays the last one read
                }
            }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
        }
        return () -> listeners.remove(listener);
    }

    @Override
    public synchronized void close() {
        listeners.clear();
        if (poller != null) {
            poller.shutdownNow();
            poller = null;
        }
    }

    // ---------------------------------------------------------------------------- changes

    @Override
    public ConversationState setState(String conversationId, WorkerState ws, Instant at, String workerId,
            Instant snoozedUntil) {
        Objects.requireNonNull(ws, "state"); //$NON-NLS-1$
        Objects.requireNonNull(at, "at"); //$NON-NLS-1$
        if (ws == WorkerState.SNOOZED && (snoozedUntil == null || !snoozedUntil.isAfter(at))) {
            throw new IllegalArgumentException("a snooze needs an end after its start"); //$NON-NLS-1$
        }
        return (ConversationState) replace(conversationKey(conversationId), old -> new ConversationState(conversationId, ws,
                at, workerId, ws == WorkerState.SNOOZED ? snoozedUntil : null,
                old == null ? null : ((ConversationState) old).notes()));
    }

    @Override
    public ConversationState clearState(String conversationId) {
        return (ConversationState) replace(conversationKey(conversationId), old -> new ConversationState(conversationId,
                null, null, null, null, old == null ? null : ((ConversationState) old).notes()));
    }

    @Override
    public ConversationState addNote(String conversationId, ConversationState.Note note) {
        Objects.requireNonNull(note, "note"); //$NON-NLS-1$
        return (ConversationState) merge(conversationKey(conversationId), old -> {
            ConversationState o = (ConversationState) old;
            List<ConversationState.Note> notes = new ArrayList<>(o == null ? List.of() : o.notes());
            notes.add(note);
            return o == null ? new ConversationState(conversationId, null, null, null, null, notes)
                    : new ConversationState(conversationId, o.state(), o.setAt(), o.setBy(), o.snoozedUntil(), notes);
        });
    }

    @Override
    public void setContactFlags(ContactFlags flags) {
        Objects.requireNonNull(flags, "flags"); //$NON-NLS-1$
        replace(new Key("tf-" + flags.contactId(), TeamSchema.TYPE_TRIAGE_CONTACT, flags.contactId(), flags.contactId()), //$NON-NLS-1$
                old -> flags);
    }

    @Override
    public void putCampaign(Campaign c) {
        Objects.requireNonNull(c, "campaign"); //$NON-NLS-1$
        replace(new Key("tc-" + c.id(), TeamSchema.TYPE_TRIAGE_CAMPAIGN, TeamSchema.TEAM_ROUTE, null), old -> c); //$NON-NLS-1$
    }

    @Override
    public void removeCampaign(String id) {
        delete("tc-" + id, TeamSchema.TEAM_ROUTE); //$NON-NLS-1$
    }

    @Override
    public ServiceOffer offerService(String conversationId, ServiceKind kind, Instant at, String workerId) {
        ServiceOffer o = new ServiceOffer(UUID.randomUUID().toString(), conversationId, kind, at, workerId);
        Key k = new Key("ts-" + o.id(), TeamSchema.TYPE_TRIAGE_SERVICE, route(conversationId), conversationId); //$NON-NLS-1$
        merge(k, old -> o);
        return o;
    }

    @Override
    public boolean withdrawService(String offerId) {
        String id = "ts-" + offerId; //$NON-NLS-1$
        Seen s;
        synchronized (this) {
            s = seen.get(id);
        }
        if (s == null) {
            return false;
        }
        return delete(id, route(((ServiceOffer) s.value()).conversationId()));
    }

    @Override
    public PermanenceSession startSession(String workerId, Instant at) {
        PermanenceSession p = new PermanenceSession(UUID.randomUUID().toString(), workerId, at, null, ""); //$NON-NLS-1$
        merge(new Key("tp-" + p.id(), TeamSchema.TYPE_TRIAGE_SESSION, TeamSchema.TEAM_ROUTE, null), old -> p); //$NON-NLS-1$
        return p;
    }

    @Override
    public PermanenceSession endSession(String sessionId, Instant at, String handoverNote) {
        return (PermanenceSession) merge(new Key("tp-" + sessionId, TeamSchema.TYPE_TRIAGE_SESSION, TeamSchema.TEAM_ROUTE, //$NON-NLS-1$
                null), old -> {
                    PermanenceSession p = (PermanenceSession) old;
                    if (p == null) {
                        throw new IllegalArgumentException("no session " + sessionId); //$NON-NLS-1$
                    }
                    if (!p.isOpen()) {
                        throw new IllegalStateException("session already ended: " + sessionId); //$NON-NLS-1$
                    }
                    return new PermanenceSession(p.id(), p.workerId(), p.start(), at, handoverNote);
                });
    }

    @Override
    public boolean forgetContact(String contactId, Collection<String> conversationIds) {
        Objects.requireNonNull(contactId, "contactId"); //$NON-NLS-1$
        return forget(List.of(contactId), conversationIds);
    }

    /**
     * Deletes the records about these contacts and conversations (flags, states, notes, services) on
     * the servers; the caller's erasure forces the merge that takes their bytes out of the index files.
     */
    @Override
    public boolean forget(Collection<String> contactIds, Collection<String> conversationIds) {
        Set<String> of = new java.util.TreeSet<>(contactIds);
        of.addAll(conversationIds);
        if (of.isEmpty()) {
            return false;
        }
        String q = "{!terms f=" + TeamSchema.TRIAGE_OF + "}" + String.join(",", of); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        try {
            long found = archive.select(new SolrQuery(TYPES).addFilterQuery(q).setRows(0)).getResults().getNumFound();
            if (found == 0) {
                return false;
            }
            UpdateRequest u = new UpdateRequest();
            u.deleteByQuery(q); // triage_of is on triage records only
            visibleAtOnce(u);
            archive.send(u);
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure(e);
        }
        synchronized (this) {
            seen.values().removeIf(s -> about(s.value(), of));
            rebuild();
        }
        return true;
    }

    private static boolean about(Object v, Set<String> of) {
        return v instanceof ConversationState c && of.contains(c.conversationId())
                || v instanceof ContactFlags f && of.contains(f.contactId())
                || v instanceof ServiceOffer o && of.contains(o.conversationId());
    }

    // ---------------------------------------------------------------------------- writing

    /** A record's document: id, type, route (its shard) and what it is about (null: the team's). */
    private record Key(String id, String type, String route, String of) {
    }

    private Key conversationKey(String conversationId) {
        Objects.requireNonNull(conversationId, "conversationId"); //$NON-NLS-1$
        return new Key("tv-" + conversationId, TeamSchema.TYPE_TRIAGE_CONVERSATION, route(conversationId), conversationId); //$NON-NLS-1$
    }

    /** A conversation's records live with its contact (the collection's routing), so an erasure finds them on one shard. */
    private String route(String conversationId) {
        return archive.conversation(conversationId).map(Conversation::contactId).orElse(conversationId);
    }

    /**
     * Writes {@code f(what this client saw)} if the document is still at the version seen; else reads
     * the other change and throws {@link TriageConflictException}.
     */
    private Object replace(Key k, UnaryOperator<Object> f) {
        Seen s;
        synchronized (this) {
            s = seen.get(k.id());
        }
        Object next = f.apply(s == null ? null : s.value());
        // -1: "must not exist yet", as this client saw no such record
        if (!write(k, next, s == null ? -1 : s.version())) {
            refreshOne(k);
            throw new TriageConflictException(Messages.Team_conflict, null);
        }
        return next;
    }

    /** Writes {@code f(the latest version)}, again on a newer version, until it holds. */
    private Object merge(Key k, UnaryOperator<Object> f) {
        for (int attempt = 0; attempt < MERGES; attempt++) {
            SolrDocument latest;
            try {
                latest = archive.realTimeGet(k.id(), k.route(), FIELDS);
            } catch (SolrServerException | IOException | RuntimeException e) {
                throw failure(e);
            }
            Seen s = latest == null ? null : parse(latest);
            Object next = f.apply(s == null ? null : s.value());
            if (write(k, next, s == null ? -1 : s.version())) {
                return next;
            }
        }
        throw new TriageConflictException(Messages.Team_conflict, null);
    }

    /**
     * The update and a soft commit in one request, answered once every replica searches with it: the
     * other clients' next poll sees it, and so does a reload of this one (human-paced writes: a soft
     * commit each is cheap beside the collection's own imports).
     */
    private static void visibleAtOnce(UpdateRequest u) {
        u.setAction(org.apache.solr.client.solrj.request.AbstractUpdateRequest.ACTION.COMMIT, false, true, true);
    }

    /** One conditional write; false when Solr refused the expected version (HTTP 409). */
    private boolean write(Key k, Object value, long expectedVersion) {
        SolrInputDocument d = new SolrInputDocument();
        d.addField(TeamSchema.ID, k.id());
        d.addField(TeamSchema.ROUTE, k.route());
        d.addField(TeamSchema.TYPE, k.type());
        if (k.of() != null) {
            d.addField(TeamSchema.TRIAGE_OF, k.of());
        }
        d.addField(TeamSchema.TRIAGE, text(json(value)));
        d.addField(TeamSchema.VERSION, expectedVersion);
        UpdateRequest u = new UpdateRequest();
        u.add(d);
        visibleAtOnce(u);
        u.setParam("versions", "true"); //$NON-NLS-1$ //$NON-NLS-2$
        long version;
        try {
            var r = archive.send(u);
            Object adds = r.getResponse().get("adds"); //$NON-NLS-1$
            Object v = adds instanceof org.apache.solr.common.util.NamedList<?> nl ? nl.get(k.id()) : null;
            version = v instanceof Number n ? n.longValue() : 0;
        } catch (SolrException e) {
            if (e.code() == SolrException.ErrorCode.CONFLICT.code) {
                return false;
            }
            throw failure(e);
        } catch (SolrServerException | IOException | RuntimeException e) {
            if (e.getCause() instanceof SolrException se && se.code() == SolrException.ErrorCode.CONFLICT.code) {
                return false;
            }
            throw failure(e);
        }
        if (version <= 0) {
            // the node did not say (a forwarded update): the version is read back; a version of zero
            // would mean "no check" at the next write, the silent overwrite this class exists to prevent
            try {
                SolrDocument latest = archive.realTimeGet(k.id(), k.route(), FIELDS);
                if (latest == null) {
                    throw new TriageStoreException(NlsFailure.of(new IllegalStateException()), null);
                }
                Seen s = parse(latest);
                if (!text(json(s.value())).equals(text(json(value)))) {
                    // changed again by someone else since: what this client saw is that change
                    synchronized (this) {
                        see(latest);
                        rebuild();
                    }
                    return true;
                }
                version = s.version();
            } catch (SolrServerException | IOException e) {
                throw failure(e);
            }
        }
        synchronized (this) {
            seen.put(k.id(), new Seen(k.type(), version, value));
            maxVersion = Math.max(maxVersion, version);
            rebuild();
        }
        return true;
    }

    private boolean delete(String id, String route) {
        UpdateRequest u = new UpdateRequest();
        u.deleteById(id, route);
        visibleAtOnce(u);
        try {
            archive.send(u);
        } catch (SolrServerException | IOException | RuntimeException e) {
            throw failure(e);
        }
        synchronized (this) {
            boolean was = seen.remove(id) != null;
            rebuild();
            return was;
        }
    }

    /** After a refused write: the other worker's version of that record, at once. */
    private void refreshOne(Key k) {
        TriageState changed;
        try {
            SolrDocument latest = archive.realTimeGet(k.id(), k.route(), FIELDS);
            synchronized (this) {
                if (latest == null) {
                    seen.remove(k.id());
                } else {
                    see(latest);
                }
                rebuild();
                changed = snapshot;
            }
        } catch (SolrServerException | IOException | RuntimeException e) {
            return; // the poll will read it
        }
        listeners.forEach(l -> l.accept(changed));
    }

    private static TriageStoreException failure(Exception e) {
        if (e instanceof TriageStoreException t) {
            return t;
        }
        return new TriageStoreException(NlsFailure.of(e), e);
    }

    /** Never the server's text (it may quote a document): the exception's class and status only. */
    private static final class NlsFailure {
        static String of(Exception e) {
            return org.eclipse.osgi.util.NLS.bind(Messages.Team_failed, new Object[] { "triage", "state", //$NON-NLS-1$ //$NON-NLS-2$
                    e.getClass().getSimpleName() + (e instanceof SolrException se ? " " + se.code() : "") }); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    // ---------------------------------------------------------------------------- JSON

    /** Maps a record's JSON text (Jackson, as the local store; numbers, lists and maps only). */
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String text(Map<String, Object> m) {
        try {
            return JSON.writeValueAsString(m);
        } catch (JsonProcessingException e) {
            throw new TriageStoreException("a triage record could not be written as JSON", e); //$NON-NLS-1$
        }
    }

    private static Map<String, Object> json(Object v) {
        Map<String, Object> m = new LinkedHashMap<>();
        if (v instanceof ConversationState c) {
            m.put("conversationId", c.conversationId()); //$NON-NLS-1$
            m.put("state", c.state() == null ? null : c.state().key()); //$NON-NLS-1$
            m.put("setAt", iso(c.setAt())); //$NON-NLS-1$
            m.put("setBy", c.setBy()); //$NON-NLS-1$
            m.put("snoozedUntil", iso(c.snoozedUntil())); //$NON-NLS-1$
            List<Object> notes = new ArrayList<>();
            for (ConversationState.Note n : c.notes()) {
                Map<String, Object> nm = new LinkedHashMap<>();
                nm.put("at", iso(n.at())); //$NON-NLS-1$
                nm.put("author", n.author()); //$NON-NLS-1$
                nm.put("text", n.text()); //$NON-NLS-1$
                notes.add(nm);
            }
            m.put("notes", notes); //$NON-NLS-1$
        } else if (v instanceof ContactFlags f) {
            m.put("contactId", f.contactId()); //$NON-NLS-1$
            m.put("doNotContact", f.doNotContact()); //$NON-NLS-1$
            m.put("caution", f.caution()); //$NON-NLS-1$
            m.put("cautionNote", f.cautionNote()); //$NON-NLS-1$
            m.put("updatedAt", iso(f.updatedAt())); //$NON-NLS-1$
            m.put("updatedBy", f.updatedBy()); //$NON-NLS-1$
            m.put("language", f.language()); //$NON-NLS-1$
        } else if (v instanceof Campaign c) {
            m.put("id", c.id()); //$NON-NLS-1$
            m.put("name", c.name()); //$NON-NLS-1$
            m.put("sentAt", iso(c.sentAt())); //$NON-NLS-1$
            m.put("platform", c.platform() == null ? null : c.platform().key()); //$NON-NLS-1$
            m.put("recipients", c.recipients()); //$NON-NLS-1$
        } else if (v instanceof PermanenceSession p) {
            m.put("id", p.id()); //$NON-NLS-1$
            m.put("workerId", p.workerId()); //$NON-NLS-1$
            m.put("start", iso(p.start())); //$NON-NLS-1$
            m.put("end", iso(p.end())); //$NON-NLS-1$
            m.put("handoverNote", p.handoverNote()); //$NON-NLS-1$
        } else if (v instanceof ServiceOffer o) {
            m.put("id", o.id()); //$NON-NLS-1$
            m.put("conversationId", o.conversationId()); //$NON-NLS-1$
            m.put("kind", o.kind().key()); //$NON-NLS-1$
            m.put("at", iso(o.at())); //$NON-NLS-1$
            m.put("by", o.by()); //$NON-NLS-1$
        } else {
            throw new IllegalArgumentException("not a triage record"); //$NON-NLS-1$
        }
        return m;
    }

    @SuppressWarnings("unchecked")
    private static Seen parse(SolrDocument d) {
        String type = typeOf((String) d.getFirstValue(TeamSchema.ID));
        long version = ((Number) d.getFirstValue(TeamSchema.VERSION)).longValue();
        Map<String, Object> m;
        try {
            m = JSON.readValue((String) d.getFirstValue(TeamSchema.TRIAGE), Map.class);
        } catch (JsonProcessingException | ClassCastException e) {
            throw new TriageStoreException("a triage record of the team archive is not valid JSON", e); //$NON-NLS-1$
        }
        Object value = switch (type) {
        case TeamSchema.TYPE_TRIAGE_CONVERSATION -> {
            List<ConversationState.Note> notes = new ArrayList<>();
            for (Object o : (List<Object>) m.getOrDefault("notes", List.of())) { //$NON-NLS-1$
                Map<String, Object> n = (Map<String, Object>) o;
                notes.add(new ConversationState.Note(instant(n.get("at")), str(n.get("author")), str(n.get("text")))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
            String st = str(m.get("state")); //$NON-NLS-1$
            yield new ConversationState(str(m.get("conversationId")), st.isEmpty() ? null : WorkerState.fromKey(st), //$NON-NLS-1$
                    instant(m.get("setAt")), str(m.get("setBy")), instant(m.get("snoozedUntil")), notes); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        case TeamSchema.TYPE_TRIAGE_CONTACT -> new ContactFlags(str(m.get("contactId")), //$NON-NLS-1$
                Boolean.TRUE.equals(m.get("doNotContact")), Boolean.TRUE.equals(m.get("caution")), //$NON-NLS-1$ //$NON-NLS-2$
                str(m.get("cautionNote")), instant(m.get("updatedAt")), str(m.get("updatedBy")), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                (String) m.get("language")); //$NON-NLS-1$
        case TeamSchema.TYPE_TRIAGE_CAMPAIGN -> new Campaign(str(m.get("id")), str(m.get("name")), //$NON-NLS-1$ //$NON-NLS-2$
                instant(m.get("sentAt")), m.get("platform") == null ? null : Platform.fromKey(str(m.get("platform"))), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                ((Number) m.getOrDefault("recipients", 0)).intValue()); //$NON-NLS-1$
        case TeamSchema.TYPE_TRIAGE_SESSION -> new PermanenceSession(str(m.get("id")), str(m.get("workerId")), //$NON-NLS-1$ //$NON-NLS-2$
                instant(m.get("start")), instant(m.get("end")), str(m.get("handoverNote"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        case TeamSchema.TYPE_TRIAGE_SERVICE -> new ServiceOffer(str(m.get("id")), str(m.get("conversationId")), //$NON-NLS-1$ //$NON-NLS-2$
                ServiceKind.fromKey(str(m.get("kind"))), instant(m.get("at")), str(m.get("by"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        default -> throw new TriageStoreException("unknown triage record", null); //$NON-NLS-1$
        };
        return new Seen(type, version, value);
    }

    /** The kind of a record, by its id's prefix ({@code type} is indexed, not stored). */
    private static String typeOf(String id) {
        String prefix = id == null || id.length() < 3 ? "" : id.substring(0, 3); //$NON-NLS-1$
        return switch (prefix) {
        case "tv-" -> TeamSchema.TYPE_TRIAGE_CONVERSATION; //$NON-NLS-1$
        case "tf-" -> TeamSchema.TYPE_TRIAGE_CONTACT; //$NON-NLS-1$
        case "ts-" -> TeamSchema.TYPE_TRIAGE_SERVICE; //$NON-NLS-1$
        case "tc-" -> TeamSchema.TYPE_TRIAGE_CAMPAIGN; //$NON-NLS-1$
        case "tp-" -> TeamSchema.TYPE_TRIAGE_SESSION; //$NON-NLS-1$
        default -> ""; //$NON-NLS-1$
        };
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }

    private static Instant instant(Object o) {
        return o == null || o.toString().isEmpty() ? null : Instant.parse(o.toString());
    }

    private static String str(Object o) {
        return o == null ? "" : o.toString(); //$NON-NLS-1$
    }
}

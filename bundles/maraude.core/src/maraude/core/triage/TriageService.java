package maraude.core.triage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import maraude.core.archive.Archive;
import maraude.core.archive.ConversationSummary;
import maraude.core.classify.ConversationLanguage;
import maraude.core.classify.ConversationReading;
import maraude.core.classify.Languages;
import maraude.core.classify.ThreadReading;

/**
 * The facade the workbench and the CLI use: an archive, the team's state store, a policy and a zone.
 * Every query takes {@code now}, so results are reproducible ({@code --now}).
 *
 * <pre>
 * TriageService t = new TriageService(archive, TriageStateStore.open(archive.files()),
 *         TriagePolicy.defaults(), TeamZone.of(archive.files()));
 * PermanenceQueue q = t.queue(Instant.now());       // from summaries only: fast
 * t.markHandled(q.items().get(0).conversationId(), "camille", Instant.now());
 * List&lt;RegisterEntry&gt; due = t.followUpsDueThisWeek(Instant.now()); // reads threads (cached)
 * </pre>
 *
 * The queue and the follow-up side need only {@link Archive#summaries()}. The register, campaigns,
 * backlog reply times and reports read each thread once ({@link ThreadFacts}) and keep the facts while
 * the thread's message count and last instant stay the same. The queue also reads the text of the
 * threads waiting for a reply ({@link ConversationReading}: language, intent, urgency): what a thread
 * says by itself ({@link ThreadReading}) is kept while the thread and the rules do not change, in
 * memory and on disk ({@link ReadingCache}), so that a new process reads only the threads that changed;
 * the clock, the worker's language override and the contact's other conversations are applied on each
 * query. Thread-safe.
 */
public final class TriageService {

    private final Archive archive;
    private final TriageStates store;
    private final TriagePolicy policy;
    private final ZoneId zone;
    private final ReadingSettings reading;
    private final Map<String, CachedFacts> factsCache = new ConcurrentHashMap<>();
    private final Map<String, ReadingCache.Kept> threadReadings = new ConcurrentHashMap<>();
    /** Null: readings kept in memory only. */
    private final ReadingCache disk;
    private final java.util.concurrent.atomic.AtomicBoolean readingsChanged = new java.util.concurrent.atomic.AtomicBoolean();

    private record CachedFacts(long count, Instant last, ThreadFacts facts) {
    }

    public TriageService(Archive archive, TriageStates store, TriagePolicy policy, ZoneId zone) {
        this(archive, store, policy, zone, ReadingSettings.defaults());
    }

    /** Readings kept on disk beside the archive ({@link ReadingCache}) when its side files can be written. */
    public TriageService(Archive archive, TriageStates store, TriagePolicy policy, ZoneId zone,
            ReadingSettings reading) {
        this(archive, store, policy, zone, reading, true);
    }

    /**
     * @param keepReadings whether readings are kept on disk ({@link ReadingCache}); false: in memory
     *                     only, each thread read once per service
     */
    public TriageService(Archive archive, TriageStates store, TriagePolicy policy, ZoneId zone,
            ReadingSettings reading, boolean keepReadings) {
        this.disk = keepReadings ? diskCache(archive, reading) : null;
        this.reading = Objects.requireNonNull(reading, "reading"); //$NON-NLS-1$
        this.archive = Objects.requireNonNull(archive, "archive"); //$NON-NLS-1$
        this.store = Objects.requireNonNull(store, "store"); //$NON-NLS-1$
        this.policy = Objects.requireNonNull(policy, "policy"); //$NON-NLS-1$
        this.zone = Objects.requireNonNull(zone, "zone"); //$NON-NLS-1$
    }

    private static ReadingCache diskCache(Archive archive, ReadingSettings reading) {
        try {
            return new ReadingCache(archive.files(), reading.classifier().rulesFingerprint());
        } catch (RuntimeException e) {
            return null; // an archive without side files (a test double): memory only
        }
    }

    public TriagePolicy policy() {
        return policy;
    }

    public ZoneId zone() {
        return zone;
    }

    public TriageStates store() {
        return store;
    }

    public ReadingSettings readingSettings() {
        return reading;
    }

    // ------------------------------------------------------------------------------------- queries

    /** The queue, with the waiting threads' text read (language, intent, urgency). */
    public PermanenceQueue queue(Instant now) {
        return queue(archive.summaries(), store.snapshot(), now);
    }

    private PermanenceQueue queue(List<ConversationSummary> sums, TriageState st, Instant now) {
        Map<String, ConversationReading> readings = new HashMap<>();
        loadKeptReadings();
        readWaitingThreads(sums);
        ByContact byContact = new ByContact(sums);
        for (ConversationSummary s : sums) {
            if (Triage.awaitsReply(s)) {
                readings.put(s.conversationId(), reading(s, byContact, st, now));
            }
        }
        keepReadings(sums);
        return Triage.queue(sums, st, policy, now, readings, reading.autoCloseAfter());
    }

    /** The reading of one conversation (language, intent and urgency of what waits); null when unknown. */
    public ConversationReading reading(String conversationId, Instant now) {
        List<ConversationSummary> sums = archive.summaries();
        for (ConversationSummary s : sums) {
            if (s.conversationId().equals(conversationId)) {
                loadKeptReadings();
                ConversationReading r = reading(s, new ByContact(sums), store.snapshot(), now);
                keepReadings(sums);
                return r;
            }
        }
        return null;
    }

    private ConversationReading reading(ConversationSummary s, ByContact byContact, TriageState st, Instant now) {
        String override = st.contact(s.contactId()).language();
        // the contact's other conversations only when the override and the thread do not tell
        return threadReading(s).resolve(override, () -> contactPrior(s, byContact), reading.teamLanguage(), now);
    }

    /**
     * The summaries of each contact, grouped once per queue when a contact's other conversations are
     * first asked for (a scan of every summary per waiting thread made the queue quadratic: 25 s at
     * 1,000,000 messages).
     */
    private static final class ByContact {
        private final List<ConversationSummary> sums;
        private Map<String, List<ConversationSummary>> groups;

        ByContact(List<ConversationSummary> sums) {
            this.sums = sums;
        }

        List<ConversationSummary> of(String contactId) {
            if (groups == null) {
                groups = new HashMap<>();
                for (ConversationSummary o : sums) {
                    groups.computeIfAbsent(o.contactId(), k -> new ArrayList<>()).add(o);
                }
            }
            return groups.getOrDefault(contactId, List.of());
        }
    }

    /** Waiting threads read per call of {@link Archive#threads}: their messages are held together. */
    static final int THREADS_PER_READ = 500;

    /**
     * Reads the waiting threads whose reading is not kept (or kept for other messages) many at a time
     * ({@link Archive#threads}: on a team archive, one request for many threads instead of one each), as
     * {@link #threadReading} would read them one by one: the same messages, the same readings.
     */
    private void readWaitingThreads(List<ConversationSummary> sums) {
        Map<String, ReadingCache.Key> toRead = new java.util.LinkedHashMap<>();
        for (ConversationSummary s : sums) {
            if (Triage.awaitsReply(s)) {
                ReadingCache.Key key = ReadingCache.Key.of(s);
                ReadingCache.Kept kept = threadReadings.get(s.conversationId());
                if (kept == null || !kept.key().equals(key)) {
                    toRead.put(s.conversationId(), key);
                }
            }
        }
        List<String> ids = new ArrayList<>(toRead.keySet());
        for (int i = 0; i < ids.size(); i += THREADS_PER_READ) {
            Map<String, List<maraude.core.model.Message>> threads = archive.threads(ids.subList(i, Math.min(ids.size(), i + THREADS_PER_READ)));
            threads.forEach((id, messages) -> {
                threadReadings.put(id, new ReadingCache.Kept(toRead.get(id), ThreadReading.of(reading.classifier(), messages)));
                readingsChanged.set(true);
            });
        }
    }

    /** What the thread says by itself: kept while its summary shows the same messages, else read again. */
    private ThreadReading threadReading(ConversationSummary s) {
        ReadingCache.Key key = ReadingCache.Key.of(s);
        ReadingCache.Kept kept = threadReadings.get(s.conversationId());
        if (kept != null && kept.key().equals(key)) {
            return kept.reading();
        }
        ThreadReading r = ThreadReading.of(reading.classifier(), archive.messages(s.conversationId()));
        threadReadings.put(s.conversationId(), new ReadingCache.Kept(key, r));
        readingsChanged.set(true);
        return r;
    }

    /** Takes the readings another process kept (or an erasure emptied) since the last look at the file. */
    private void loadKeptReadings() {
        if (disk == null) {
            return;
        }
        synchronized (disk) {
            Map<String, ReadingCache.Kept> fresh = disk.readIfChanged();
            if (fresh != null) {
                threadReadings.clear();
                threadReadings.putAll(fresh);
                readingsChanged.set(false);
            }
        }
    }

    /** Forgets readings of conversations that are gone; writes the file when a thread was read. */
    private void keepReadings(List<ConversationSummary> sums) {
        java.util.Set<String> live = new java.util.HashSet<>(sums.size() * 2);
        for (ConversationSummary s : sums) {
            live.add(s.conversationId());
        }
        boolean removed = threadReadings.keySet().retainAll(live);
        if (disk == null || !(readingsChanged.getAndSet(false) | removed)) {
            return;
        }
        synchronized (disk) {
            Map<String, ReadingCache.Kept> copy = new HashMap<>(threadReadings);
            copy.keySet().retainAll(live);
            disk.writeIfUnchanged(copy);
        }
    }

    /** The language of the contact's other conversations, newest first, when one of them tells. */
    private String contactPrior(ConversationSummary s, ByContact byContact) {
        List<ConversationSummary> others = new ArrayList<>();
        for (ConversationSummary o : byContact.of(s.contactId())) {
            if (!o.conversationId().equals(s.conversationId())) {
                others.add(o);
            }
        }
        others.sort((a, b) -> String.valueOf(b.lastMessage()).compareTo(String.valueOf(a.lastMessage())));
        for (ConversationSummary o : others) {
            ConversationLanguage.Decision d = threadReading(o).language();
            if (d != null) {
                return d.language();
            }
        }
        return null;
    }

    public List<FollowUpItem> followUpSide(Instant now) {
        return Triage.followUpSide(archive.summaries(), store.snapshot(), now);
    }

    public List<RegisterEntry> register(Instant now) {
        List<ConversationSummary> sums = archive.summaries();
        return Triage.register(facts(sums).values(), Triage.names(sums), store.snapshot(), policy, now, zone);
    }

    public List<RegisterEntry> followUpsDueThisWeek(Instant now) {
        return Triage.dueThisWeek(register(now), now, zone);
    }

    public List<CampaignResult> campaigns() {
        return Triage.campaigns(facts(archive.summaries()).values(), store.snapshot().campaigns(), policy);
    }

    /** Dashboard figures; reply times per week over [from, to). */
    public BacklogStats backlog(Instant now, Instant from, Instant to) {
        List<ConversationSummary> sums = archive.summaries();
        TriageState st = store.snapshot();
        Map<String, ThreadFacts> facts = facts(sums);
        PermanenceQueue q = queue(sums, st, now); // the queue the worker sees: auto-closed closings are out
        List<RegisterEntry> reg = Triage.register(facts.values(), Triage.names(sums), st, policy, now, zone);
        return Triage.backlog(q, facts, reg, policy, from, to, zone);
    }

    /** Thread facts of every conversation, by conversation id (read from the archive when changed). */
    public Map<String, ThreadFacts> facts() {
        return facts(archive.summaries());
    }

    private Map<String, ThreadFacts> facts(List<ConversationSummary> sums) {
        Map<String, ThreadFacts> out = new HashMap<>(sums.size() * 2);
        List<String> live = new ArrayList<>(sums.size());
        for (ConversationSummary s : sums) {
            live.add(s.conversationId());
            CachedFacts c = factsCache.get(s.conversationId());
            if (c == null || c.count != s.messageCount() || !Objects.equals(c.last, s.lastMessage())) {
                ThreadFacts f = ThreadFacts.of(s.conversationId(), s.platform(), s.contactId(),
                        archive.messages(s.conversationId()));
                c = new CachedFacts(s.messageCount(), s.lastMessage(), f);
                factsCache.put(s.conversationId(), c);
            }
            out.put(s.conversationId(), c.facts);
        }
        factsCache.keySet().retainAll(live);
        return out;
    }

    // ------------------------------------------------------------------------------------- actions

    public ConversationState markHandled(String conversationId, String workerId, Instant now) {
        return store.setState(conversationId, WorkerState.HANDLED, now, workerId, null);
    }

    public ConversationState markNoReplyNeeded(String conversationId, String workerId, Instant now) {
        return store.setState(conversationId, WorkerState.NO_REPLY_NEEDED, now, workerId, null);
    }

    public ConversationState markWaitingForPerson(String conversationId, String workerId, Instant now) {
        return store.setState(conversationId, WorkerState.WAITING_FOR_PERSON, now, workerId, null);
    }

    public ConversationState snooze(String conversationId, String workerId, Instant now, Instant until) {
        return store.setState(conversationId, WorkerState.SNOOZED, now, workerId, until);
    }

    /**
     * The worker's language for a contact, remembered for all its conversations; null goes back to the
     * language read from the threads.
     *
     * @throws IllegalArgumentException for a language the service does not write in
     */
    public ContactFlags setLanguage(String contactId, String language, String workerId, Instant now) {
        if (language != null && !Languages.isSupported(language)) {
            throw new IllegalArgumentException("unsupported language: " + language); //$NON-NLS-1$
        }
        ContactFlags f = store.snapshot().contact(contactId).withLanguage(language, now, workerId);
        store.setContactFlags(f);
        return f;
    }

    /** Marks a contact "do not contact again" (or lifts it): no follow-up, no campaign. */
    public ContactFlags setDoNotContact(String contactId, boolean value, String workerId, Instant now) {
        ContactFlags f = store.snapshot().contact(contactId).withDoNotContact(value, now, workerId);
        store.setContactFlags(f);
        return f;
    }

    public ConversationState addNote(String conversationId, String workerId, Instant now, String text) {
        return store.addNote(conversationId, new ConversationState.Note(now, workerId, text));
    }
}

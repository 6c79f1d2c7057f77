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
import maraude.core.model.Message;

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
 * threads waiting for a reply ({@link ConversationReading}: language, intent, urgency), kept likewise
 * while the thread and the contact's language override do not change. Thread-safe.
 */
public final class TriageService {

    private final Archive archive;
    private final TriageStateStore store;
    private final TriagePolicy policy;
    private final ZoneId zone;
    private final ReadingSettings reading;
    private final Map<String, CachedFacts> factsCache = new ConcurrentHashMap<>();
    private final Map<String, CachedReading> readingCache = new ConcurrentHashMap<>();

    private record CachedFacts(long count, Instant last, ThreadFacts facts) {
    }

    /** A reading holds PEP hours computed at {@code at}: it is redone when the hour changes. */
    private record CachedReading(long count, Instant last, String override, String prior, long hour,
            ConversationReading reading) {
    }

    public TriageService(Archive archive, TriageStateStore store, TriagePolicy policy, ZoneId zone) {
        this(archive, store, policy, zone, ReadingSettings.defaults());
    }

    public TriageService(Archive archive, TriageStateStore store, TriagePolicy policy, ZoneId zone,
            ReadingSettings reading) {
        this.reading = Objects.requireNonNull(reading, "reading"); //$NON-NLS-1$
        this.archive = Objects.requireNonNull(archive, "archive"); //$NON-NLS-1$
        this.store = Objects.requireNonNull(store, "store"); //$NON-NLS-1$
        this.policy = Objects.requireNonNull(policy, "policy"); //$NON-NLS-1$
        this.zone = Objects.requireNonNull(zone, "zone"); //$NON-NLS-1$
    }

    public TriagePolicy policy() {
        return policy;
    }

    public ZoneId zone() {
        return zone;
    }

    public TriageStateStore store() {
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
        for (ConversationSummary s : sums) {
            if (Triage.awaitsReply(s)) {
                readings.put(s.conversationId(), reading(s, sums, st, now));
            }
        }
        return Triage.queue(sums, st, policy, now, readings, reading.autoCloseAfter());
    }

    /** The reading of one conversation (language, intent and urgency of what waits); null when unknown. */
    public ConversationReading reading(String conversationId, Instant now) {
        List<ConversationSummary> sums = archive.summaries();
        for (ConversationSummary s : sums) {
            if (s.conversationId().equals(conversationId)) {
                return reading(s, sums, store.snapshot(), now);
            }
        }
        return null;
    }

    private ConversationReading reading(ConversationSummary s, List<ConversationSummary> sums, TriageState st,
            Instant now) {
        String override = st.contact(s.contactId()).language();
        long hour = now.getEpochSecond() / 3600;
        CachedReading c = readingCache.get(s.conversationId());
        if (c != null && c.count == s.messageCount() && Objects.equals(c.last, s.lastMessage())
                && Objects.equals(c.override, override) && c.hour == hour) {
            return c.reading;
        }
        List<Message> thread = archive.messages(s.conversationId());
        // the thread is read once: the contact's other conversations only when it does not tell
        String[] prior = new String[1];
        ConversationReading r = ConversationReading.readAskingPrior(reading.classifier(), thread, override, () -> {
            prior[0] = contactPrior(s, sums);
            return prior[0];
        }, reading.teamLanguage(), now);
        readingCache.put(s.conversationId(), new CachedReading(s.messageCount(), s.lastMessage(), override, prior[0], hour, r));
        return r;
    }

    /** The language of the contact's other conversations, newest first, when one of them tells. */
    private String contactPrior(ConversationSummary s, List<ConversationSummary> sums) {
        List<ConversationSummary> others = new ArrayList<>();
        for (ConversationSummary o : sums) {
            if (o.contactId().equals(s.contactId()) && !o.conversationId().equals(s.conversationId())) {
                others.add(o);
            }
        }
        others.sort((a, b) -> String.valueOf(b.lastMessage()).compareTo(String.valueOf(a.lastMessage())));
        for (ConversationSummary o : others) {
            ConversationLanguage.Decision d = ConversationLanguage.fromThread(reading.classifier().detector(),
                    lines(archive.messages(o.conversationId())));
            if (d != null) {
                return d.language();
            }
        }
        return null;
    }

    private static List<ConversationLanguage.Line> lines(List<Message> thread) {
        List<ConversationLanguage.Line> l = new ArrayList<>(thread.size());
        for (Message m : thread) {
            if (m.direction() != maraude.core.model.Direction.SYSTEM) {
                l.add(new ConversationLanguage.Line(m.direction() == maraude.core.model.Direction.INBOUND, m.text()));
            }
        }
        return l;
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

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

/**
 * The facade the workbench and the CLI use: an archive, the team's state store, a policy and a zone.
 * Every query takes {@code now}, so results are reproducible ({@code --now}).
 *
 * <pre>
 * TriageService t = new TriageService(archive, TriageStateStore.open(archive.files()),
 *         TriagePolicy.defaults(), ZoneId.of("Europe/Brussels"));
 * PermanenceQueue q = t.queue(Instant.now());       // from summaries only: fast
 * t.markHandled(q.items().get(0).conversationId(), "camille", Instant.now());
 * List&lt;RegisterEntry&gt; due = t.followUpsDueThisWeek(Instant.now()); // reads threads (cached)
 * </pre>
 *
 * The queue and the follow-up side need only {@link Archive#summaries()}. The register, campaigns,
 * backlog reply times and reports read each thread once ({@link ThreadFacts}) and keep the facts while
 * the thread's message count and last instant stay the same. Thread-safe.
 */
public final class TriageService {

    private final Archive archive;
    private final TriageStateStore store;
    private final TriagePolicy policy;
    private final ZoneId zone;
    private final Map<String, CachedFacts> factsCache = new ConcurrentHashMap<>();

    private record CachedFacts(long count, Instant last, ThreadFacts facts) {
    }

    public TriageService(Archive archive, TriageStateStore store, TriagePolicy policy, ZoneId zone) {
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

    // ------------------------------------------------------------------------------------- queries

    public PermanenceQueue queue(Instant now) {
        return Triage.queue(archive.summaries(), store.snapshot(), policy, now);
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
        PermanenceQueue q = Triage.queue(sums, st, policy, now);
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

    public ConversationState addNote(String conversationId, String workerId, Instant now, String text) {
        return store.addNote(conversationId, new ConversationState.Note(now, workerId, text));
    }
}

package maraude.core.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.ConversationSummary;
import maraude.core.demo.DemoGenerator;
import maraude.core.demo.DemoProgress;
import maraude.core.demo.GeneratedConversation;
import maraude.testsupport.MemoryArchive;

/** The facade over generated data in an archive: the story of one permanence. */
class TriageServiceTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 4, 14, 16, 30, 0, 0, ZoneId.of("Europe/Brussels"));

    @Test
    void aPermanenceOnGeneratedData(@TempDir Path dir) throws IOException {
        MemoryArchive archive = new MemoryArchive(dir);
        DemoGenerator gen = new DemoGenerator(3, NOW);
        gen.populate(archive, 15_000, DemoProgress.NONE);
        long awaiting = gen.stream(15_000).filter(GeneratedConversation::awaitsReply).count();
        TriageService t = new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(),
                NOW.getZone());
        Instant now = NOW.toInstant();

        PermanenceQueue q = t.queue(now);
        assertEquals(awaiting, q.size());
        assertEquals(q.size(), java.util.Arrays.stream(q.byBand()).sum());
        for (int band = 0; band < 4; band++) {
            assertTrue(q.byBand()[band] > 0, "band " + band + " is empty");
        }
        Set<String> queueIds = q.items().stream().map(QueueItem::conversationId).collect(Collectors.toSet());
        Set<String> followIds = t.followUpSide(now).stream().map(f -> f.summary().conversationId())
                .collect(Collectors.toSet());
        Set<String> both = new HashSet<>(queueIds);
        both.retainAll(followIds);
        assertTrue(both.isEmpty(), "the two queues share threads");
        assertTrue(t.followUpSide(now).stream().anyMatch(FollowUpItem::neverAnswered));

        // A worker starts a permanence, handles the most urgent thread, snoozes the next one.
        PermanenceSession s = t.store().startSession("camille", now);
        String first = q.items().get(0).conversationId();
        String second = q.items().get(1).conversationId();
        t.markHandled(first, "camille", now);
        t.snooze(second, "camille", now, now.plusSeconds(86_400));
        t.addNote(second, "camille", now, "rappeler demain");
        PermanenceQueue after = t.queue(now.plusSeconds(60));
        assertEquals(q.size() - 2, after.size());
        assertEquals(1, after.hidden().get(WorkerState.HANDLED));
        assertEquals(1, after.hidden().get(WorkerState.SNOOZED));
        t.store().endSession(s.id(), now.plusSeconds(3600), "deux fils traités");
        assertEquals(now.plusSeconds(3600), t.queue(now.plusSeconds(7200)).newSince());
        assertEquals(q.size() - 1, t.queue(now.plusSeconds(2 * 86_400)).size(), "the snooze ended");

        // Register, follow-ups and the dashboard.
        List<RegisterEntry> reg = t.register(now);
        assertEquals(archive.contacts().size(), reg.size());
        assertTrue(reg.stream().anyMatch(RegisterEntry::neverAnswered));
        assertTrue(reg.stream().anyMatch(r -> r.followUpsSent() > 0), "generated relances are detected");
        List<RegisterEntry> due = t.followUpsDueThisWeek(now.plusSeconds(60L * 86_400));
        assertFalse(due.isEmpty());
        BacklogStats b = t.backlog(now, now.minusSeconds(42L * 86_400), now);
        assertEquals(after.size(), java.util.Arrays.stream(b.total()).sum(),
                "backlog at 'now': the handled and snoozed threads are out of it");
        assertTrue(b.byWorker().keySet().containsAll(Set.of("camille", "youssef", "an")), b.byWorker().keySet().toString());
        assertTrue(b.replyTimesByWeek().stream().filter(w -> w.count() > 0).count() >= 5);
        ConversationSummary oldest = b.oldestWaiting().summary();
        assertTrue(q.items().stream().allMatch(i -> !i.waitingSince().isBefore(oldest.oldestUnansweredInbound())));
    }
}

package maraude.core.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.classify.Intent;
import maraude.core.classify.UrgencyKind;
import maraude.testsupport.MemoryArchive;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.QueueItem;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStateStore;

/** The demo's showcase threads show every case the queue reads, as a newcomer would see them. */
class DemoShowcaseTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 4, 14, 16, 30, 0, 0, ZoneId.of("Europe/Brussels"));

    @Test
    void theQueueOfTheShowcase(@TempDir Path dir) {
        MemoryArchive archive = new MemoryArchive(dir);
        DemoShowcase.populate(archive, NOW);
        TriageService t = new TriageService(archive, TriageStateStore.open(dir), TriagePolicy.defaults(), NOW.getZone());
        PermanenceQueue q = t.queue(NOW.toInstant());

        QueueItem first = q.items().get(0);
        assertEquals(UrgencyKind.PEP, first.reading().urgency().get(0).kind());
        assertEquals(66, first.reading().pepHoursLeft());
        assertEquals(3, q.urgent(), "PEP, violence, police");
        assertEquals(12, q.closings(),
                "merciii, dankjewel!!, great thx, muchas gracias, obrigadaaa, mulțumesc frumos, and the six short endings");
        assertEquals(2, q.optOuts());
        assertEquals(q.size() - 14, q.needsReply());
        for (QueueItem item : q.items().subList(0, 3)) {
            assertTrue(item.urgent(), item.summary().contactName());
        }
        assertEquals(Intent.CLOSING, q.items().get(q.size() - 1).intent(), "closings come last");

        // Each thread in its language, whatever short word ends it.
        Map<String, String> languageByName = q.items().stream()
                .collect(Collectors.toMap(i -> i.summary().contactName(), QueueItem::language));
        for (GeneratedConversation g : DemoShowcase.threads(NOW)) {
            assertEquals(g.language(), languageByName.get(g.contact().displayName()), g.contact().displayName());
        }
    }
}

package maraude.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.model.Platform;

/** When sources are pulled, and when the workbench warns. */
class SchedulerPolicyTest {

    private static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z"); //$NON-NLS-1$

    private static Source web() {
        return Source.create("qr", SourceKind.WEB_INBOX, Platform.AD_INBOX, "p", "https://x.example/", T0); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    @Test
    void newSourceIsDueAtOnce() {
        assertEquals(T0, SourceScheduler.nextPull(web()));
    }

    @Test
    void neverLaterThanHalfTheRetentionAfterTheLastGoodPull() {
        Source lazy = web().withEvery(Duration.ofDays(6)).withOutcome(T0, T0.plusSeconds(30), SourceState.OK, null, 3);
        assertEquals(T0.plus(Duration.ofHours(84)), SourceScheduler.nextPull(lazy));
        Source eager = web().withEvery(Duration.ofHours(4)).withOutcome(T0, T0.plusSeconds(30), SourceState.OK, null, 3);
        assertEquals(T0.plus(Duration.ofHours(4)), SourceScheduler.nextPull(eager));
        Source folder = Source.create("f", SourceKind.WATCHED_FOLDER, Platform.WHATSAPP, null, "/x", T0) //$NON-NLS-1$ //$NON-NLS-2$
                .withOutcome(T0, T0, SourceState.OK, null, 0);
        assertEquals(T0.plus(Source.FOLDER_EVERY), SourceScheduler.nextPull(folder));
        assertNull(SourceScheduler.nextPull(Source.create("p", SourceKind.PHONE_DROP, Platform.WHATSAPP, null, null, T0))); //$NON-NLS-1$
    }

    @Test
    void failuresAreRetriedSoonAndFlaggedBeforeMessagesVanish(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(T0);
        SourceStore store = SourceStore.open(dir);
        SourceScheduler s = new SourceScheduler(store, Map.of(), clock);
        Source ok = web().withOutcome(T0, T0.plusSeconds(10), SourceState.OK, null, 5);
        Instant failedAt = T0.plus(Duration.ofHours(12));
        Source failing = ok.withOutcome(failedAt, failedAt, SourceState.FAILING, "HTTP 503", 0); //$NON-NLS-1$
        assertEquals(T0, failing.lastPull(), "a failure keeps the last good pull"); //$NON-NLS-1$
        assertEquals(failedAt.plus(SourceScheduler.RETRY), SourceScheduler.nextPull(failing));

        SourceStatus early = s.status(failing, failedAt.plusSeconds(60));
        assertTrue(early.failing());
        assertFalse(early.due());
        assertFalse(early.overdue());
        assertFalse(early.atRisk());
        assertEquals(T0.plus(Duration.ofDays(7)), early.deadline());

        SourceStatus late = s.status(failing, T0.plus(Duration.ofDays(6)));
        assertTrue(late.due());
        assertTrue(late.overdue());
        assertTrue(late.atRisk(), "less than a quarter of the week left"); //$NON-NLS-1$
    }

    @Test
    void unknownKindIsRecordedAsFailureNotThrown(@TempDir Path dir) throws Exception {
        MutableClock clock = new MutableClock(T0);
        SourceStore store = SourceStore.open(dir);
        store.put(web());
        SourceScheduler s = new SourceScheduler(store, Map.of(), clock);
        PullResult r = s.pull("qr", null, null); //$NON-NLS-1$
        assertEquals(SourceState.FAILING, r.state());
        assertEquals(SourceState.FAILING, store.get("qr").orElseThrow().state()); //$NON-NLS-1$
    }
}

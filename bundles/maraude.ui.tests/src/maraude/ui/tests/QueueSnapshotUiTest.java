package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceRegistration;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;
import maraude.core.archive.PlainArchiveFiles;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.QueueSnapshot;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStateStore;
import maraude.ui.WidgetIds;
import maraude.ui.lifecycle.ArchiveSession;
import maraude.ui.parts.QueuePart;

/**
 * #16, the first screen: the real workbench builds its window while the archive opens in a job, and
 * the queue draws the snapshot kept at the last queue (greyed, nothing in it can be acted on) until
 * the live queue replaces it. The archive's opening is held back by an archive service that waits
 * for the test (ranked above the real one, which it then calls), so "before the archive is open" is
 * a state the test controls rather than a race it hopes to win.
 */
class QueueSnapshotUiTest {

    private WorkbenchDriver workbench;
    private ServiceRegistration<ArchiveFactory> held;

    @AfterEach
    void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
        if (held != null) {
            held.unregister();
        }
    }

    @Test
    void theQueueIsDrawnFromItsSnapshotBeforeTheArchiveOpensThenReplacedByTheLiveQueue() throws Exception {
        Path folder = Files.createTempDirectory("maraude-ui-snapshot"); //$NON-NLS-1$
        QueueSnapshot written;
        String handledName;
        String handledId;
        int live;
        try (Archive archive = TestArchives.factory().open(folder, AccessMode.READ_WRITE)) {
            TestArchives.populateDemo(archive, 600);
            TriageService triage = new TriageService(archive, TriageStateStore.open(archive.files()),
                    TriagePolicy.defaults(), ZoneId.of("Europe/Brussels")); //$NON-NLS-1$
            PermanenceQueue q = triage.queue(Instant.now());
            assertTrue(q.size() > 3, "control: the demo archive has a queue"); //$NON-NLS-1$
            written = QueueSnapshot.of(q);
            assertTrue(written.writeIfUnchanged(archive.files(), QueueSnapshot.version(archive.files())));
            // then one conversation is handled: the live queue differs from the snapshot by that row
            QueueSnapshot.Row first = written.rows().stream().filter(r -> !r.closing()).findFirst().orElseThrow();
            handledName = first.contactName();
            handledId = first.conversationId();
            triage.markHandled(first.conversationId(), "test", Instant.now()); //$NON-NLS-1$
            live = triage.queue(Instant.now()).size();
            assertEquals(q.size() - 1, live, "control");
        }

        CountDownLatch open = new CountDownLatch(1);
        held = holdTheArchiveUntil(open);
        workbench = WorkbenchDriver.start(folder);
        workbench.waitUntil(() -> workbench.sync(() -> workbench.part(QueuePart.ID).getObject()) != null, "the queue part"); //$NON-NLS-1$
        QueuePart queue = (QueuePart) workbench.sync(() -> workbench.part(QueuePart.ID).getObject());
        ArchiveSession session = workbench.sync(() -> workbench.application().getContext().get(ArchiveSession.class));
        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        Label counters = workbench.widget(WidgetIds.QUEUE_COUNTERS);

        // the window is there and the queue drawn, while the archive is still held back
        assertFalse(workbench.sync(session::isOpen), "the archive is not open yet"); //$NON-NLS-1$
        assertTrue(workbench.sync(queue::showsSnapshot), "the queue shows its snapshot"); //$NON-NLS-1$
        long shownLines = written.rows().stream().filter(r -> !r.closing()).count() + (written.counts().closings() > 0 ? 1 : 0);
        assertEquals(shownLines, (long) workbench.sync(table::getItemCount));
        assertEquals(handledName, workbench.sync(() -> table.getItem(0).getText(QueuePart.COL_CONTACT).replace(" ⚠", ""))); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(workbench.sync(() -> table.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND).getRGB()),
                workbench.sync(() -> table.getForeground().getRGB()), "greyed"); //$NON-NLS-1$
        assertTrue(workbench.sync(counters::getText).contains(String.valueOf(written.counts().size())));
        assertEquals(List.of(), workbench.sync(queue::rows), "no queue item to act on yet"); //$NON-NLS-1$
        // H, S, Enter on a snapshot's line do nothing (they are not queue items), and wait for nothing
        workbench.syncRun(() -> {
            table.setSelection(0);
            queue.markHandled();
            queue.snooze();
            queue.openSelected();
        });
        workbench.screenshot("queue-snapshot-before-open"); //$NON-NLS-1$

        open.countDown();
        workbench.waitUntil(() -> !workbench.sync(queue::showsSnapshot) && workbench.sync(queue::rows).size() == live,
                "the live queue to replace the snapshot"); //$NON-NLS-1$
        assertTrue(workbench.sync(session::isOpen));
        assertFalse(workbench.sync(queue::rows).stream().anyMatch(r -> r.conversationId().equals(handledId)),
                "the handled conversation left with the live queue"); //$NON-NLS-1$
        assertNotEquals(workbench.sync(() -> table.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND).getRGB()),
                workbench.sync(() -> table.getForeground().getRGB()), "no longer greyed"); //$NON-NLS-1$
        // the live queue is now the next start's snapshot
        workbench.waitUntil(() -> QueueSnapshot.read(new PlainArchiveFiles(folder)).counts().size() == live,
                "the snapshot to follow the live queue"); //$NON-NLS-1$
    }

    /** An archive service ranked above the real one, whose opening waits for {@code open}. */
    private static ServiceRegistration<ArchiveFactory> holdTheArchiveUntil(CountDownLatch open) throws Exception {
        ArchiveFactory real = TestArchives.factory();
        BundleContext bc = FrameworkUtil.getBundle(QueueSnapshotUiTest.class).getBundleContext();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(Constants.SERVICE_RANKING, Integer.MAX_VALUE);
        return bc.registerService(ArchiveFactory.class, (f, mode) -> {
            try {
                if (!open.await(120, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never let the archive open"); //$NON-NLS-1$
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return real.open(f, mode);
        }, props);
    }
}

package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import maraude.archive.LuceneArchive;
import maraude.archive.crypto.Keyring;
import maraude.core.archive.Archive;
import maraude.ui.Messages;
import maraude.ui.parts.QueuePart;

/**
 * Ctrl+L while a purge holds the archive's writer: the window hides and the UI thread keeps running
 * at once; the archive closes and the key goes when the purge has committed, then the passphrase is
 * asked again.
 */
class LockDuringPurgeTest {

    private static final char[] PASSPHRASE = "phare de nuit sur la digue".toCharArray(); //$NON-NLS-1$
    private static WorkbenchDriver workbench;

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES) // a regression fails the suite instead of stalling CI
    void ctrlLDuringAPurgeDoesNotFreezeTheWindow() throws Exception {
        Path folder = TestArchives.protectedDemo("maraude-lock-purge", 300, PASSPHRASE); //$NON-NLS-1$
        workbench = WorkbenchDriver.start(folder, d -> d.answerPassphrase(Messages.Lock_startTitle, new String(PASSPHRASE)));
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the queue of the protected archive"); //$NON-NLS-1$

        // a long purge: it holds the archive's writer until released
        LuceneArchive lucene = assertInstanceOf(LuceneArchive.class,
                workbench.sync(() -> workbench.application().getContext().get(Archive.class)));
        CountDownLatch inPurge = new CountDownLatch(1);
        CountDownLatch finishPurge = new CountDownLatch(1);
        Thread purge = new Thread(() -> lucene.maintain((w, storage) -> {
            inPurge.countDown();
            try {
                finishPurge.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }), "test-purge"); //$NON-NLS-1$
        purge.start();
        assertTrue(inPurge.await(60, TimeUnit.SECONDS));
        try {
            Shell main = workbench.mainShell();
            workbench.focus(main);
            workbench.key('l', 0, SWT.MOD1); // Ctrl+L
            // Never a blocking call into the UI thread here: were it stuck behind the purge, the test
            // would hang instead of failing. Each check is posted and waited for with a bound.
            boolean hidden = false;
            for (int i = 0; i < 200 && !hidden; i++) {
                AtomicBoolean seen = new AtomicBoolean();
                CountDownLatch ran = new CountDownLatch(1);
                workbench.display().asyncExec(() -> {
                    seen.set(!main.isVisible());
                    ran.countDown();
                });
                assertTrue(ran.await(60, TimeUnit.SECONDS), "the UI thread runs while the purge finishes"); //$NON-NLS-1$
                hidden = seen.get();
                if (!hidden) {
                    Thread.sleep(50);
                }
            }
            assertTrue(hidden, "the window hides at once"); //$NON-NLS-1$
            assertTrue(Keyring.shared().isUnlocked(folder), "the purge keeps the key until its commit"); //$NON-NLS-1$
        } finally {
            finishPurge.countDown();
        }
        purge.join(TimeUnit.MINUTES.toMillis(2));
        assertFalse(purge.isAlive(), "the purge commits and returns once released"); //$NON-NLS-1$
        Shell locked = workbench.shellTitled(Messages.Lock_title);
        assertFalse(Keyring.shared().isUnlocked(folder), "the key is dropped once the archive is closed"); //$NON-NLS-1$
        assertTrue(workbench.sync(locked::isVisible));
        workbench.answerPassphrase(Messages.Lock_title, new String(PASSPHRASE));
        workbench.waitUntil(() -> workbench.sync(workbench.mainShell()::isVisible), "the window back after unlocking"); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the queue to read the reopened archive"); //$NON-NLS-1$
    }
}

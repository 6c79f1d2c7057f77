package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.eclipse.jface.dialogs.TitleAreaDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import maraude.archive.crypto.Keyring;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;
import maraude.ui.parts.ConversationPart;
import maraude.ui.parts.QueuePart;

/**
 * A protected archive: the workbench asks the passphrase at start (a wrong one opens nothing), and
 * Ctrl+L hides everything, drops the key and asks again.
 */
class ArchiveLockTest {

    private static final char[] PASSPHRASE = "lanterne rouge sur la mer".toCharArray(); //$NON-NLS-1$
    private static WorkbenchDriver workbench;

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void passphraseAtStartThenCtrlLLocksAndAsksAgain() throws Exception {
        Path folder = TestArchives.protectedDemo("maraude-protected", 800, PASSPHRASE); //$NON-NLS-1$

        workbench = WorkbenchDriver.start(folder, d -> {
            d.answerPassphrase(Messages.Lock_startTitle, "not the passphrase"); //$NON-NLS-1$
            // A wrong passphrase opens nothing and asks again, saying so.
            Shell again = d.shellTitled(Messages.Lock_startTitle);
            String error = d.sync(() -> again.getData() instanceof TitleAreaDialog t ? t.getErrorMessage() : null);
            assertTrue(Messages.Lock_wrong.equals(error), "the dialog says the passphrase was wrong: " + error); //$NON-NLS-1$
            d.answerPassphrase(Messages.Lock_startTitle, new String(PASSPHRASE));
        });
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the queue of the protected archive"); //$NON-NLS-1$
        ConversationPart conversation = (ConversationPart) workbench.sync(workbench.part(ConversationPart.ID)::getObject);
        org.eclipse.swt.widgets.Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        workbench.syncRun(() -> {
            table.setSelection(0);
            queue.openSelected();
        });
        workbench.waitUntil(() -> workbench.sync(conversation::conversationId) != null, "a conversation to open"); //$NON-NLS-1$

        Shell main = workbench.mainShell();
        workbench.focus(main);
        workbench.key('l', 0, SWT.MOD1); // Ctrl+L
        Shell locked = workbench.shellTitled(Messages.Lock_title);
        assertFalse(workbench.sync(main::isVisible), "the window is hidden while locked"); //$NON-NLS-1$
        assertFalse(Keyring.shared().isUnlocked(folder), "the key is dropped"); //$NON-NLS-1$
        assertTrue(workbench.sync(conversation::conversationId) == null, "the conversation view is cleared"); //$NON-NLS-1$
        workbench.screenshot("locked"); //$NON-NLS-1$
        assertTrue(workbench.sync(locked::isVisible));

        workbench.answerPassphrase(Messages.Lock_title, new String(PASSPHRASE));
        workbench.waitUntil(() -> workbench.sync(main::isVisible), "the window to come back after unlocking"); //$NON-NLS-1$
        assertTrue(Keyring.shared().isUnlocked(folder));
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the queue to read the reopened archive"); //$NON-NLS-1$
    }
}

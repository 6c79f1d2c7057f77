package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;
import maraude.ui.ArchiveEvents;
import maraude.ui.parts.QueuePart;
import maraude.ui.retention.Messages;
import maraude.ui.retention.RetentionJob;

/**
 * The team keeps WhatsApp messages 24 months: the workbench erases older ones at start, and the
 * command "apply the retention period now" asks with the count, then the conversations leave the
 * queue and the search.
 */
class RetentionUiTest {

    private static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels"); //$NON-NLS-1$
    private static WorkbenchDriver workbench;

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    /** A conversation with one unanswered inbound message (so it waits in the queue). */
    private static String oldThread(Archive a, Platform p, String handle, ZonedDateTime when, String text) {
        Contact c = Contact.of(p, handle, handle);
        Conversation v = Conversation.of(p, handle, c, handle);
        a.putContact(c);
        a.putConversation(v);
        a.addMessage(Message.of(v.id(), Direction.INBOUND, when, handle, null, text, List.of(),
                SourceRef.ofLine("chat.txt", 1))); //$NON-NLS-1$
        return v.id();
    }

    private static boolean inQueue(QueuePart queue, String conversationId) {
        return workbench.sync(() -> queue.rows().stream().anyMatch(r -> r.summary().conversationId().equals(conversationId)));
    }

    @Test
    void oldMessagesLeaveAtStartAndWithTheCommand() throws Exception {
        ZonedDateTime now = TestArchives.now();
        Path folder = Files.createTempDirectory("maraude-retention"); //$NON-NLS-1$
        String atStart;
        String sms;
        try (Archive archive = TestArchives.factory().open(folder, AccessMode.READ_WRITE)) {
            TestArchives.populateDemo(archive, 400);
            atStart = oldThread(archive, Platform.WHATSAPP, "+32470555001", now.minusMonths(30), "bonjour vieillissimot"); //$NON-NLS-1$ //$NON-NLS-2$
            sms = oldThread(archive, Platform.SMS, "+32470555002", now.minusYears(5), "bonjour smsfossilaire"); //$NON-NLS-1$ //$NON-NLS-2$
            archive.commit();
        }
        Files.writeString(folder.resolve("team.properties"), "retention_whatsapp=24m\n", StandardCharsets.UTF_8); //$NON-NLS-1$ //$NON-NLS-2$

        workbench = WorkbenchDriver.start(folder);
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        RetentionJob daily = workbench.sync(() -> workbench.application().getContext().get(RetentionJob.class));
        assertNotNull(daily, "the workbench schedules the retention job"); //$NON-NLS-1$
        workbench.waitUntil(() -> daily.lastResult() != null, "the retention job at start"); //$NON-NLS-1$
        assertTrue(daily.lastResult().messages() >= 1);
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty() && !inQueue(queue, atStart),
                "the queue without the 30-month-old WhatsApp conversation"); //$NON-NLS-1$
        assertTrue(inQueue(queue, sms), "no retention for SMS: the old SMS stays"); //$NON-NLS-1$

        // a 26-month-old conversation arrives (an old export imported meanwhile)
        Archive open = workbench.sync(() -> workbench.application().getContext().get(Archive.class));
        String late = oldThread(open, Platform.WHATSAPP, "+32470555003", now.minusMonths(26), "bonjour tardivissime"); //$NON-NLS-1$ //$NON-NLS-2$
        open.commit();
        workbench.sync(() -> workbench.application().getContext().get(IEventBroker.class)).post(ArchiveEvents.CHANGED, Boolean.TRUE);
        workbench.waitUntil(() -> inQueue(queue, late), "the late conversation in the queue"); //$NON-NLS-1$
        workbench.searchAndWait("tardivissime", "1"); //$NON-NLS-1$ //$NON-NLS-2$

        workbench.executeCommand("maraude.command.retention"); //$NON-NLS-1$
        Shell confirm = workbench.shellTitled(Messages.Retention_title);
        String question = workbench.sync(() -> WorkbenchDriver.labels(confirm));
        assertTrue(question.startsWith("1 "), "the question counts the message that would go: " + question); //$NON-NLS-1$ //$NON-NLS-2$
        workbench.screenshot("retention-confirm"); //$NON-NLS-1$
        workbench.press(confirm, maraude.ui.dialogs.Messages.Button_ok);
        Shell done = workbench.shellTitled(Messages.Retention_title);
        workbench.press(done, maraude.ui.dialogs.Messages.Button_ok);

        workbench.waitUntil(() -> !inQueue(queue, late), "the late conversation to leave the queue"); //$NON-NLS-1$
        assertTrue(inQueue(queue, sms));
        workbench.searchAndWait("tardivissime", maraude.ui.Messages.Search_noHits); //$NON-NLS-1$
        workbench.searchAndWait("smsfossilaire", "1"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(0, open.search(maraude.core.archive.SearchQuery.of("vieillissimot")).totalHits()); //$NON-NLS-1$
    }
}

package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.classify.Intent;
import maraude.core.classify.UrgencyKind;
import maraude.core.demo.DemoShowcase;
import maraude.core.triage.QueueItem;
import maraude.core.triage.TriageStateStore;
import maraude.templates.Suggestion;
import maraude.ui.ArchiveEvents;
import maraude.ui.WidgetIds;
import maraude.ui.conversation.ReplyPanel;
import maraude.ui.parts.ConversationPart;
import maraude.ui.parts.DashboardPart;
import maraude.ui.parts.QueuePart;

/**
 * Issue 14 in the workbench: the queue reads the messages. An urgent PEP thread comes first with its
 * hours left; a French thread ending "merciii" gets French suggestions and a French neutral opening;
 * the closings sit on one collapsed "no reply needed? (N)" line that Enter expands; H confirms one
 * closing, D marks an opt-out "do not contact", H on the closings' line confirms them all, and the
 * counters follow.
 */
@TestMethodOrder(OrderAnnotation.class)
class ReadingQueueUiTest {

    private static Path archiveFolder;
    private static WorkbenchDriver workbench;
    private static QueuePart queue;

    @BeforeAll
    static void startOnTheShowcase() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-ui-reading"); //$NON-NLS-1$
        try (Archive archive = TestArchives.factory().open(archiveFolder, AccessMode.READ_WRITE)) {
            DemoShowcase.populate(archive, TestArchives.now());
        }
        workbench = WorkbenchDriver.start(archiveFolder);
        queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(queue::rows).size() == DemoShowcase.threads(TestArchives.now()).size(),
                "the showcase queue to load"); //$NON-NLS-1$
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    private static int indexOf(String contactName) {
        List<QueueItem> rows = workbench.sync(queue::rows);
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).summary().contactName().equals(contactName)) {
                return i;
            }
        }
        throw new AssertionError("not in the queue: " + contactName); //$NON-NLS-1$
    }

    @Test
    @Order(1)
    void theUrgentPepThreadComesFirstWithItsHoursLeft() throws Exception {
        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        QueueItem first = workbench.sync(queue::rows).get(0);
        assertEquals(UrgencyKind.PEP, first.reading().urgency().get(0).kind());
        int hours = first.reading().pepHoursLeft();
        assertTrue(hours <= 66 && hours >= 60, "72 h from a message written 6 h ago: " + hours); //$NON-NLS-1$
        String what = workbench.sync(() -> table.getItem(0).getText(QueuePart.COL_WHAT));
        assertTrue(what.contains("PEP") && what.contains(Integer.toString(hours)), what); //$NON-NLS-1$
        assertEquals("fr", workbench.sync(() -> table.getItem(0).getText(QueuePart.COL_LANGUAGE))); //$NON-NLS-1$
        workbench.screenshot("queue-urgent-first"); //$NON-NLS-1$
    }

    @Test
    @Order(2)
    void aFrenchThreadEndingMerciiiGetsFrenchSuggestionsAndAFrenchOpening() throws Exception {
        // from the archive, not the queue: the other test confirms Lila's closing and it leaves the queue
        String id;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            id = reader.summaries().stream().filter(s -> s.contactName().equals("Lila (démo)")).findFirst() //$NON-NLS-1$
                    .orElseThrow().conversationId();
        }
        ConversationPart part = (ConversationPart) workbench.sync(workbench.part(ConversationPart.ID)::getObject);
        ReplyPanel reply = workbench.sync(part::reply);
        workbench.syncRun(() -> workbench.application().getContext().get(IEventBroker.class).send(
                ArchiveEvents.OPEN_CONVERSATION, new ArchiveEvents.OpenConversation(id, null, null)));
        workbench.waitUntil(() -> id.equals(workbench.sync(reply::conversationId))
                && !workbench.sync(reply::suggestions).isEmpty(), "suggestions for the merciii thread"); //$NON-NLS-1$
        assertEquals("fr", workbench.sync(reply::conversationLanguage)); //$NON-NLS-1$
        for (Suggestion s : workbench.sync(reply::suggestions)) {
            assertEquals("fr", s.language(), s.templateId()); //$NON-NLS-1$
        }
        assertEquals("fr", workbench.sync(reply::openingLanguage), "the neutral opening is French"); //$NON-NLS-1$ //$NON-NLS-2$
        String header = workbench.sync(() -> ((org.eclipse.swt.widgets.Button) workbench.widget(ConversationPart.LANGUAGE_BUTTON)).getText());
        assertTrue(header.contains(maraude.templates.Messages.languageName("fr")), header); //$NON-NLS-1$
        workbench.screenshot("merciii-french"); //$NON-NLS-1$
    }

    @Test
    @Order(3)
    void hConfirmsAClosingAndDMarksAnOptOutAndTheCountersFollow() throws Exception {
        QueuePart q = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        Label counters = workbench.widget(WidgetIds.QUEUE_COUNTERS);
        int size = workbench.sync(q::rows).size();
        int closings = count(Intent.CLOSING);
        int optOuts = count(Intent.OPT_OUT);
        assertTrue(closings >= 6 && optOuts == 2, closings + " closings, " + optOuts + " opt-outs"); //$NON-NLS-1$ //$NON-NLS-2$

        // The closings sit on one collapsed line "no reply needed? (N)"; Enter shows them.
        String lilaId = workbench.sync(q::rows).get(indexOf("Lila (démo)")).conversationId(); //$NON-NLS-1$
        int group = workbench.sync(q::closingsLine);
        assertTrue(group >= 0, "a line for the closings"); //$NON-NLS-1$
        assertEquals(-1, (int) workbench.sync(() -> q.lineOf(lilaId)), "the closings are collapsed"); //$NON-NLS-1$
        assertEquals(size - closings + 1, (int) workbench.sync(table::getItemCount));
        assertTrue(workbench.sync(() -> table.getItem(group).getText(QueuePart.COL_WHAT)).contains("(" + closings + ")"), //$NON-NLS-1$ //$NON-NLS-2$
                workbench.sync(() -> table.getItem(group).getText(QueuePart.COL_WHAT)));
        workbench.focus(workbench.mainShell());
        workbench.syncRun(() -> {
            table.setFocus();
            table.setSelection(group);
        });
        workbench.waitUntil(() -> workbench.sync(table::isFocusControl), "the queue table to have the keyboard"); //$NON-NLS-1$
        workbench.key('\r', SWT.CR, 0);
        workbench.waitUntil(() -> workbench.sync(() -> q.lineOf(lilaId)) > group, "Enter to show the closings"); //$NON-NLS-1$
        assertEquals(size + 1, (int) workbench.sync(table::getItemCount));
        workbench.screenshot("queue-closings-expanded"); //$NON-NLS-1$
        // a click on the line collapses them, another one shows them again
        click(table, group);
        workbench.waitUntil(() -> workbench.sync(() -> q.lineOf(lilaId)) == -1, "a click to collapse the closings"); //$NON-NLS-1$
        click(table, group);
        workbench.waitUntil(() -> workbench.sync(() -> q.lineOf(lilaId)) > group, "a click to show the closings"); //$NON-NLS-1$

        // H on one closing still confirms that one only.
        workbench.syncRun(() -> table.setSelection(q.lineOf(lilaId)));
        workbench.key('h', 0, 0);
        workbench.waitUntil(() -> workbench.sync(q::rows).size() == size - 1, "H to confirm the closing"); //$NON-NLS-1$
        assertEquals(closings - 1, count(Intent.CLOSING));
        workbench.waitUntil(() -> workbench.sync(counters::getText).contains((closings - 1) + " "), //$NON-NLS-1$
                "the counters to count one closing less"); //$NON-NLS-1$
        assertTrue(workbench.sync(() -> table.getItem(q.closingsLine()).getText(QueuePart.COL_WHAT)).contains("(" + (closings - 1) + ")")); //$NON-NLS-1$ //$NON-NLS-2$

        QueueItem maelleItem = workbench.sync(q::rows).get(indexOf("Maëlle (démo)")); //$NON-NLS-1$
        String contact = maelleItem.summary().contactId();
        int maelle = workbench.sync(() -> q.lineOf(maelleItem.conversationId()));
        workbench.syncRun(() -> table.setSelection(maelle));
        workbench.key('d', 0, 0);
        workbench.waitUntil(() -> workbench.sync(q::rows).size() == size - 2, "D to mark the opt-out"); //$NON-NLS-1$
        assertEquals(optOuts - 1, count(Intent.OPT_OUT));
        assertTrue(TriageStateStore.open(archiveFolder).snapshot().contact(contact).doNotContact(),
                "the contact is marked do-not-contact"); //$NON-NLS-1$
        assertTrue(workbench.sync(workbench.part(QueuePart.ID)::getLabel).contains(Integer.toString(size - 2)));
        workbench.screenshot("queue-after-closing-and-opt-out"); //$NON-NLS-1$

        // H on the closings' line confirms all of them, one key.
        workbench.syncRun(() -> table.setSelection(q.closingsLine()));
        workbench.key('h', 0, 0);
        int left = size - 2 - (closings - 1);
        workbench.waitUntil(() -> workbench.sync(q::rows).size() == left, "H on the line to confirm every closing"); //$NON-NLS-1$
        assertEquals(0, count(Intent.CLOSING));
        assertEquals(-1, (int) workbench.sync(q::closingsLine), "no closings line left"); //$NON-NLS-1$
        assertEquals(left, (int) workbench.sync(table::getItemCount));
        assertTrue(workbench.sync(workbench.part(QueuePart.ID)::getLabel).contains(Integer.toString(left)));
        workbench.screenshot("queue-after-all-closings"); //$NON-NLS-1$

        DashboardPart dashboard = (DashboardPart) workbench.showPart("maraude.perspective.coordination", DashboardPart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(dashboard::queue) != null
                && workbench.sync(dashboard::queue).optOuts() == optOuts - 1
                && workbench.sync(dashboard::queue).closings() == 0, "the dashboard counters"); //$NON-NLS-1$
        Label reading = workbench.widget(DashboardPart.READING_COUNTERS);
        assertFalse(workbench.sync(reading::getText).isEmpty());
    }

    /**
     * A click of the first button on a line of the table, as SWT reports it to the part (a press
     * posted through Xvfb reaches GTK's table at the wrong place without a window manager).
     */
    private static void click(Table table, int line) {
        workbench.syncRun(() -> {
            org.eclipse.swt.graphics.Rectangle cell = table.getItem(line).getBounds(QueuePart.COL_WHAT);
            org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
            e.button = 1;
            e.count = 1;
            e.x = cell.x + 10;
            e.y = cell.y + cell.height / 2;
            table.notifyListeners(SWT.MouseDown, e);
        });
        workbench.flush();
    }

    private static int count(Intent intent) {
        return (int) workbench.sync(queue::rows).stream().filter(r -> r.intent() == intent && !r.urgent()).count();
    }
}

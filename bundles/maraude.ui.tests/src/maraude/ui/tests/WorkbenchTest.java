package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ConversationSummary;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Direction;
import maraude.core.report.FundersReport;
import maraude.core.report.ReportBuilder;
import maraude.core.triage.ServiceKind;
import maraude.core.triage.ServiceOffer;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageState;
import maraude.core.triage.TriageStateStore;
import maraude.ui.WidgetIds;
import maraude.ui.conversation.ServicesBar;
import maraude.ui.parts.ConversationPart;
import maraude.ui.parts.ContactRegisterPart;
import maraude.ui.parts.DashboardPart;
import maraude.ui.parts.QueuePart;
import maraude.ui.parts.SearchPart;

/**
 * The real workbench on a demo archive: a worker on permanence sees the queue, searches past
 * exchanges with the keyboard and opens the conversation at the hit.
 */
@TestMethodOrder(OrderAnnotation.class)
class WorkbenchTest {

    private static Path archiveFolder;
    private static WorkbenchDriver workbench;
    private static List<ConversationSummary> summaries;

    @BeforeAll
    static void startOnDemoArchive() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-ui-test"); //$NON-NLS-1$
        try (Archive archive = TestArchives.factory().open(archiveFolder, AccessMode.READ_WRITE)) {
            TestArchives.populateDemo(archive, 3_000);
            summaries = archive.summaries();
        }
        workbench = WorkbenchDriver.start(archiveFolder);
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    @Order(1)
    void queueConversationAndSearchPartsAreThereWithDemoData() throws Exception {
        MPart queue = workbench.part(QueuePart.ID);
        MPart search = workbench.part(SearchPart.ID);
        MPart conversation = workbench.part(ConversationPart.ID);
        assertNotNull(workbench.sync(queue::getObject), "the queue part is rendered"); //$NON-NLS-1$
        assertNotNull(workbench.sync(conversation::getObject), "the conversation part is rendered"); //$NON-NLS-1$
        assertNotNull(search);

        QueuePart queuePart = (QueuePart) workbench.sync(queue::getObject);
        workbench.waitUntil(() -> !workbench.sync(queuePart::rows).isEmpty(), "the queue to load"); //$NON-NLS-1$
        long awaiting = workbench.sync(queuePart::rows).size();
        long inboundLast = summaries.stream()
                .filter(s -> s.lastMeaningfulDirection() == Direction.INBOUND && s.oldestUnansweredInbound() != null)
                .count();
        assertTrue(awaiting <= inboundLast, "only conversations whose last word is theirs wait"); //$NON-NLS-1$
        assertTrue(awaiting > 0, "the demo archive has conversations waiting for a reply"); //$NON-NLS-1$
        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        // the closings ("merci", "ok") sit on one collapsed line "no reply needed? (N)"
        long closings = workbench.sync(queuePart::rows).stream()
                .filter(r -> r.intent() == maraude.core.classify.Intent.CLOSING && !r.urgent()).count();
        long lines = awaiting - closings + (closings > 0 ? 1 : 0);
        workbench.waitUntil(() -> workbench.sync(table::getItemCount) == lines,
                "the queue to list every waiting conversation, the closings on one line"); //$NON-NLS-1$
        assertTrue(workbench.sync(queue::getLabel).contains(Long.toString(awaiting)), "the queue title counts them"); //$NON-NLS-1$
        workbench.screenshot("workbench-demo"); //$NON-NLS-1$
    }

    @Test
    @Order(2)
    void searchWithTheKeyboardAndOpenTheConversationAtTheHit() throws Exception {
        String word = TestArchives.distinctiveWord(archiveFolder, summaries);
        SearchResults expected;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            expected = reader.search(SearchQuery.of(word));
        }
        assertTrue(expected.totalHits() > 0);

        workbench.flush();
        Shell shell = workbench.mainShell();
        workbench.focus(shell);
        workbench.key('f', 0, SWT.MOD1); // Ctrl+F focuses the query field
        Text query = workbench.widget(WidgetIds.SEARCH_TEXT);
        workbench.waitUntil(() -> workbench.sync(query::isFocusControl), "Ctrl+F to focus the search field"); //$NON-NLS-1$
        workbench.type(word);
        workbench.waitUntil(() -> word.equals(workbench.sync(query::getText)), "the typed query"); //$NON-NLS-1$

        Label count = workbench.widget(WidgetIds.SEARCH_COUNT);
        String countText = Long.toString(expected.totalHits());
        workbench.waitUntil(() -> workbench.sync(count::getText).startsWith(countText), "the hit count"); //$NON-NLS-1$
        Table hits = workbench.widget(WidgetIds.SEARCH_TABLE);
        assertEquals(Math.min(expected.totalHits(), 500L), (long) workbench.sync(hits::getItemCount));

        workbench.key('\r', SWT.CR, 0); // Enter opens the first hit
        ConversationPart conversation = (ConversationPart) workbench.sync(workbench.part(ConversationPart.ID)::getObject);
        String expectedConversation = expected.hits().get(0).conversationId();
        workbench.waitUntil(() -> expectedConversation.equals(workbench.sync(conversation::conversationId)),
                "the conversation of the first hit to open"); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(conversation::highlights).isEmpty(), "the hit to be highlighted"); //$NON-NLS-1$
        assertFalse(workbench.sync(() -> ((org.eclipse.swt.custom.StyledText) workbench.widget(WidgetIds.CONVERSATION_TEXT)).getText()).isEmpty());
        workbench.screenshot("search-opened"); //$NON-NLS-1$
    }

    @Test
    @Order(3)
    void noteTheServicesOfferedInTheOpenConversationWithdrawAMistakeAndSeeThemInTheReport() throws Exception {
        ConversationPart conversation = (ConversationPart) workbench.sync(workbench.part(ConversationPart.ID)::getObject);
        String id = workbench.sync(conversation::conversationId);
        assertNotNull(id, "the search opened a conversation"); //$NON-NLS-1$
        ServicesBar bar = workbench.sync(conversation::services);
        Combo kinds = workbench.widget(WidgetIds.CONVERSATION_SERVICE_KIND);
        Button add = workbench.widget(WidgetIds.CONVERSATION_SERVICE_ADD);
        for (ServiceKind k : List.of(ServiceKind.KIT, ServiceKind.SCREENING)) {
            workbench.syncRun(() -> kinds.select(k.ordinal()));
            int before = workbench.sync(bar::shown).size();
            workbench.syncRun(() -> add.notifyListeners(SWT.Selection, new Event()));
            workbench.waitUntil(() -> workbench.sync(bar::shown).size() == before + 1, "the tag to show"); //$NON-NLS-1$
        }
        Shell shell = workbench.mainShell();
        workbench.press(shell, ServiceKind.KIT.label() + " \u00D7"); // a kit noted by mistake //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(bar::shown).size() == 1, "the mistaken tag to go"); //$NON-NLS-1$
        workbench.screenshot("services-offered"); //$NON-NLS-1$

        TriageState recorded = TriageStateStore.open(archiveFolder).snapshot();
        assertEquals(List.of(ServiceKind.SCREENING), recorded.services(id).stream().map(ServiceOffer::kind).toList());
        java.time.Instant now = workbench.now();
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            TriageService triage = new TriageService(reader, TriageStateStore.open(archiveFolder), TriagePolicy.defaults(),
                    java.time.ZoneId.systemDefault());
            FundersReport report = ReportBuilder.build(triage.facts().values(), recorded,
                    TriagePolicy.defaults(), now.minus(java.time.Duration.ofDays(1)), now.plusSeconds(60),
                    java.time.ZoneId.systemDefault());
            assertEquals(1, report.total().servicesOffered().get(ServiceKind.SCREENING));
            assertEquals(0, report.total().servicesOffered().get(ServiceKind.KIT));
        }
    }

    @Test
    @Order(4)
    void walkTheQueueWithTheKeyboardMarkOneHandledAndSeeCountersAndDashboardChange() throws Exception {
        DashboardPart dashboard = (DashboardPart) workbench.showPart("maraude.perspective.coordination", DashboardPart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(dashboard::stats) != null, "the dashboard figures"); //$NON-NLS-1$
        int awaitingBefore = total(workbench.sync(dashboard::stats).total());
        workbench.screenshot("dashboard"); //$NON-NLS-1$
        Path xlsx = Files.createTempDirectory("maraude-report").resolve("rapport.xlsx"); //$NON-NLS-1$ //$NON-NLS-2$
        workbench.sync(() -> dashboard.writeReport(xlsx, 12)).join();
        assertTrue(Files.size(xlsx) > 1000, "the report spreadsheet is written"); //$NON-NLS-1$
        assertTrue(Files.size(xlsx.resolveSibling("rapport-backlog.png")) > 1000, "with its charts beside it"); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(Files.size(xlsx.resolveSibling("rapport-replies.png")) > 1000); //$NON-NLS-1$

        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        Label counters = workbench.widget(WidgetIds.QUEUE_COUNTERS);
        workbench.waitUntil(() -> workbench.sync(queue::rows).size() == awaitingBefore, "the queue to match the dashboard"); //$NON-NLS-1$
        workbench.focus(workbench.mainShell());
        workbench.syncRun(table::setFocus);
        workbench.waitUntil(() -> workbench.sync(table::isFocusControl), "the queue table to have the keyboard"); //$NON-NLS-1$
        int before = workbench.sync(table::getSelectionIndex);
        int expected = before < 0 ? 1 : before + 2; // GTK may select the first row when the table gets the focus
        workbench.key('j', 0, 0);
        workbench.key('j', 0, 0);
        workbench.waitUntil(() -> workbench.sync(table::getSelectionIndex) == expected,
                () -> "J twice to move two rows down; selection " + workbench.sync(table::getSelectionIndex) //$NON-NLS-1$
                        + ", focus " + workbench.sync(() -> String.valueOf(workbench.display().getFocusControl()))); //$NON-NLS-1$
        String handled = workbench.sync(() -> queue.rows().get(expected).conversationId());
        workbench.key('k', 0, 0);
        workbench.waitUntil(() -> workbench.sync(table::getSelectionIndex) == expected - 1, "K to move one row up"); //$NON-NLS-1$
        workbench.key('j', 0, 0);
        workbench.waitUntil(() -> workbench.sync(table::getSelectionIndex) == expected, "J to come back"); //$NON-NLS-1$
        workbench.key('h', 0, 0);
        workbench.waitUntil(() -> workbench.sync(queue::rows).size() == awaitingBefore - 1, "H to take it out of the queue"); //$NON-NLS-1$
        assertTrue(workbench.sync(queue::rows).stream().noneMatch(q -> q.conversationId().equals(handled)));
        workbench.waitUntil(() -> workbench.sync(counters::getText).startsWith(Integer.toString(awaitingBefore - 1)),
                "the counters to count one less"); //$NON-NLS-1$
        workbench.waitUntil(() -> total(workbench.sync(dashboard::stats).total()) == awaitingBefore - 1,
                "the dashboard to count one less"); //$NON-NLS-1$
        workbench.screenshot("queue-after-handled"); //$NON-NLS-1$

        ContactRegisterPart register = (ContactRegisterPart) workbench.showPart("maraude.perspective.coordination", //$NON-NLS-1$
                ContactRegisterPart.ID);
        long contacts;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            contacts = reader.stats().contacts();
        }
        workbench.waitUntil(() -> workbench.sync(register::rows).size() == contacts, "the register to list every contact"); //$NON-NLS-1$
        Combo kind = workbench.widget(WidgetIds.REGISTER_KIND);
        workbench.syncRun(() -> {
            kind.select(2); // unknown public
            kind.notifyListeners(SWT.Selection, new Event());
        });
        assertTrue(workbench.sync(register::rows).stream().allMatch(r -> r.neverAnswered()));
        workbench.screenshot("register-unknown-public"); //$NON-NLS-1$
    }

    private static int total(int[] counts) {
        int n = 0;
        for (int c : counts) {
            n += c;
        }
        return n;
    }

    @Test
    @Order(5)
    void importAFixtureThroughTheWizardAndSeeItsConversationInTheQueue() throws Exception {
        Path chat = TestArchives.fixtures().resolve("whatsapp/pustur_short_chat_android_en_2017.txt"); //$NON-NLS-1$
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.executeCommand("maraude.command.import"); //$NON-NLS-1$ (opens the modal wizard)

        Text path = workbench.widget(WidgetIds.IMPORT_PATH);
        workbench.syncRun(() -> path.setText(chat.toString()));
        Button add = workbench.widget(WidgetIds.IMPORT_ADD_PATH);
        workbench.syncRun(() -> add.notifyListeners(SWT.Selection, new Event()));
        org.eclipse.swt.widgets.List list = workbench.widget(WidgetIds.IMPORT_LIST);
        assertEquals(1, (int) workbench.sync(list::getItemCount));
        Button finish = workbench.widget(WidgetIds.IMPORT_FINISH);
        workbench.waitUntil(() -> workbench.sync(finish::isEnabled), "Finish to be enabled"); //$NON-NLS-1$
        workbench.syncRun(() -> finish.notifyListeners(SWT.Selection, new Event()));

        Shell summary = workbench.shellTitled(maraude.ui.imports.Messages.Import_summaryTitle);
        workbench.screenshot("import-summary"); //$NON-NLS-1$
        workbench.syncRun(summary::close);

        java.util.Set<String> before = new java.util.HashSet<>();
        summaries.forEach(s -> before.add(s.conversationId()));
        java.util.List<String> imported;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            imported = reader.summaries().stream().map(ConversationSummary::conversationId).filter(id -> !before.contains(id))
                    .toList();
        }
        assertEquals(1, imported.size(), "the chat is one new conversation"); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(queue::rows).stream().anyMatch(q -> q.conversationId().equals(imported.get(0))),
                "the imported conversation to wait in the queue"); //$NON-NLS-1$
    }

    @Test
    @Order(6)
    void startAndEndAPermanenceWithAHandoverNote() throws Exception {
        workbench.executeCommand("maraude.command.permanence.start"); //$NON-NLS-1$
        Shell started = workbench.shellTitled(maraude.ui.Messages.Permanence_started);
        workbench.syncRun(started::close);
        maraude.core.triage.TriageStateStore store = maraude.core.triage.TriageStateStore.open(archiveFolder);
        assertTrue(store.snapshot().sessions().stream().anyMatch(maraude.core.triage.PermanenceSession::isOpen));

        workbench.executeCommand("maraude.command.permanence.end"); //$NON-NLS-1$
        Shell end = workbench.shellTitled(maraude.ui.Messages.Permanence_end);
        Text note = workbench.first(end, Text.class);
        workbench.syncRun(() -> note.setText("Rappeler Luna pour le colis")); //$NON-NLS-1$
        workbench.press(end, maraude.ui.dialogs.Messages.Button_ok);
        workbench.waitUntil(() -> maraude.core.triage.TriageStateStore.open(archiveFolder).snapshot().lastEndedSession()
                .map(p -> p.handoverNote().equals("Rappeler Luna pour le colis")).orElse(false), "the handover note to be saved"); //$NON-NLS-1$ //$NON-NLS-2$

        workbench.executeCommand("maraude.command.permanence.start"); //$NON-NLS-1$
        Shell next = workbench.shellTitled(maraude.ui.Messages.Permanence_started);
        org.eclipse.swt.widgets.Label message = workbench.sync(() -> findLabelContaining(next, "Rappeler Luna")); //$NON-NLS-1$
        workbench.screenshot("permanence-handover"); //$NON-NLS-1$
        assertNotNull(message, () -> "the next permanence starts with the handover note: " + workbench.sync(() -> texts(next))); //$NON-NLS-1$
        workbench.syncRun(next::close);
    }

    private static String texts(org.eclipse.swt.widgets.Control c) {
        StringBuilder sb = new StringBuilder(c.getClass().getSimpleName());
        if (c instanceof org.eclipse.swt.widgets.Label l) {
            sb.append('[').append(l.getText()).append(']');
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                sb.append(' ').append(texts(child));
            }
        }
        return sb.toString();
    }

    private static org.eclipse.swt.widgets.Label findLabelContaining(org.eclipse.swt.widgets.Control c, String text) {
        if (c instanceof org.eclipse.swt.widgets.Label l && l.getText().contains(text)) {
            return l;
        }
        if (c instanceof org.eclipse.swt.widgets.Composite comp) {
            for (org.eclipse.swt.widgets.Control child : comp.getChildren()) {
                org.eclipse.swt.widgets.Label f = findLabelContaining(child, text);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }
}

package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ConversationSummary;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.templates.Finding;
import maraude.templates.Suggestion;
import maraude.templates.TeamSettings;
import maraude.templates.TemplateLibrary;
import maraude.templates.TemplateSuggester;
import maraude.templates.UnfilledPlaceholdersException;
import maraude.ui.ArchiveEvents;
import maraude.ui.WidgetIds;
import maraude.ui.Workers;
import maraude.ui.conversation.Messages;
import maraude.ui.conversation.PendingReplies;
import maraude.ui.conversation.ReplyPanel;
import maraude.ui.parts.ConversationPart;
import maraude.ui.parts.QueuePart;

/**
 * Replying in the real workbench: a waiting conversation gets three suggestions with their reasons,
 * one is inserted, a revealing first line typed on the keyboard is flagged, the neutral opening fixes
 * it, an unfilled placeholder blocks copying, and "Copy" puts the text on the clipboard and records
 * it as a pending outbound message, which takes the conversation out of the queue.
 */
class ReplyPanelTest {

    private static final String WORKER = "Camille Test"; //$NON-NLS-1$
    private static Path archiveFolder;
    private static WorkbenchDriver workbench;
    /** Waiting conversations with three complete suggestions, and those suggestions. */
    private static final Map<String, List<Suggestion>> candidates = new LinkedHashMap<>();

    @BeforeAll
    static void startOnDemoArchive() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-ui-reply"); //$NON-NLS-1$
        Files.writeString(archiveFolder.resolve("team.properties"), String.join("\n", //$NON-NLS-1$ //$NON-NLS-2$
                "permanence_hours=du lundi au vendredi, de 10 h \u00e0 16 h", //$NON-NLS-1$
                "service_address=rue de l'Exemple 1, 1000 Bruxelles", //$NON-NLS-1$
                "service_name=Espace Test", //$NON-NLS-1$
                "next_bus_date=mardi 14 octobre", //$NON-NLS-1$
                "next_bus_place=Gare du Nord", //$NON-NLS-1$
                "appointment_date=jeudi 16 octobre", //$NON-NLS-1$
                "appointment_place=au local", //$NON-NLS-1$
                "pep_contact=le 02 000 00 00"), StandardCharsets.UTF_8); //$NON-NLS-1$
        System.setProperty(Workers.PROPERTY, WORKER);
        try (Archive archive = TestArchives.factory().open(archiveFolder, AccessMode.READ_WRITE)) {
            TestArchives.populateDemo(archive, 3_000);
            List<ConversationSummary> summaries = archive.summaries();
            List<ConversationSummary> queue = summaries.stream()
                    .filter(s -> s.lastMeaningfulDirection() == Direction.INBOUND && s.oldestUnansweredInbound() != null)
                    .toList();
            TeamSettings settings = TeamSettings.load(archiveFolder.resolve("team.properties")); //$NON-NLS-1$
            // The workbench suggests in the conversation's language, read from the whole thread.
            maraude.core.triage.TriageService triage = new maraude.core.triage.TriageService(archive,
                    maraude.core.triage.TriageStateStore.open(archiveFolder), maraude.core.triage.TriagePolicy.defaults(),
                    java.time.ZoneId.systemDefault());
            try (TemplateSuggester suggester = new TemplateSuggester(TemplateLibrary.loadDefault())) {
                for (ConversationSummary s : queue) {
                    List<Message> thread = archive.messages(s.conversationId());
                    if (TemplateSuggester.recentInbound(thread, 5).isEmpty()) {
                        continue;
                    }
                    Map<String, String> values = new LinkedHashMap<>();
                    values.put("pseudonym", archive.contact(s.contactId()).orElseThrow().displayName()); //$NON-NLS-1$
                    String lang = triage.reading(s.conversationId(), TestArchives.now().toInstant()).language().language();
                    List<Suggestion> found = suggester.suggest(TemplateSuggester.recentInbound(thread, 5),
                            maraude.templates.SuggestionContext.fromConversation(thread, settings, values, null,
                                    TestArchives.now().withZoneSameInstant(java.time.ZoneId.systemDefault())).withConversationLanguage(lang));
                    // the first suggestion, filled, must be safe as it stands: a demo pseudonym such as
                    // "…escort…" in its first line is rightly flagged, whatever day the demo was made
                    if (found.size() == 3 && found.stream().allMatch(x -> x.missingPlaceholders().isEmpty())
                            && maraude.templates.OutingCheck.check(found.get(0).text(),
                                    maraude.templates.CheckContext.defaults().withLanguage(found.get(0).language())).isEmpty()) {
                        candidates.put(s.conversationId(), found);
                        if (candidates.size() == 40) {
                            break;
                        }
                    }
                }
            }
        }
        assertFalse(candidates.isEmpty(), "waiting conversations with three complete suggestions"); //$NON-NLS-1$
        workbench = WorkbenchDriver.start(archiveFolder);
    }

    @AfterAll
    static void close() throws Exception {
        System.clearProperty(Workers.PROPERTY);
        if (workbench != null) {
            workbench.close();
        }
    }

    private static String clipboardText() {
        return workbench.sync(() -> {
            Clipboard cb = new Clipboard(workbench.display());
            try {
                return (String) cb.getContents(TextTransfer.getInstance());
            } finally {
                cb.dispose();
            }
        });
    }

    private static void click(String widgetId) {
        Button b = workbench.widget(widgetId);
        workbench.syncRun(() -> b.notifyListeners(SWT.Selection, null));
    }

    @Test
    void suggestInsertWarnFixBlockCopyAndLeaveTheQueue() throws Exception {
        QueuePart queue = (QueuePart) workbench.sync(workbench.part(QueuePart.ID)::getObject);
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the queue to load"); //$NON-NLS-1$
        List<String> queued = workbench.sync(queue::rows).stream().map(q -> q.summary().conversationId()).toList();
        String waiting = candidates.keySet().stream().filter(queued::contains).findFirst()
                .orElseThrow(() -> new AssertionError("no candidate in the permanence queue")); //$NON-NLS-1$
        List<Suggestion> expected = candidates.get(waiting);
        ConversationPart part = (ConversationPart) workbench.sync(workbench.part(ConversationPart.ID)::getObject);
        ReplyPanel reply = workbench.sync(part::reply);
        workbench.syncRun(() -> workbench.application().getContext().get(IEventBroker.class).send(
                ArchiveEvents.OPEN_CONVERSATION, new ArchiveEvents.OpenConversation(waiting, null, null)));

        // Three suggestions, the same the suggester gives for this conversation, reasons shown.
        workbench.waitUntil(() -> workbench.sync(reply::suggestions).size() == 3, "three suggestions"); //$NON-NLS-1$
        List<Suggestion> shown = workbench.sync(reply::suggestions);
        assertEquals(expected.stream().map(Suggestion::templateId).toList(),
                shown.stream().map(Suggestion::templateId).toList());
        for (int i = 0; i < 3; i++) {
            Label about = workbench.widget(WidgetIds.indexed(WidgetIds.REPLY_SUGGESTION, i));
            String text = workbench.sync(about::getText);
            assertFalse(shown.get(i).reasons().isEmpty());
            for (String reason : shown.get(i).reasons()) {
                assertTrue(text.contains(reason), "reason shown: " + reason); //$NON-NLS-1$
            }
        }

        // Insert the first one: the draft is its text, placeholders filled, nothing to warn about.
        click(WidgetIds.indexed(WidgetIds.REPLY_INSERT, 0));
        StyledText editor = workbench.widget(WidgetIds.REPLY_EDITOR);
        assertEquals(shown.get(0).text(), workbench.sync(editor::getText));
        assertEquals(List.of(), workbench.sync(reply::findings), "the template itself is safe"); //$NON-NLS-1$

        // Type a revealing first line with the keyboard.
        workbench.focus(workbench.mainShell());
        workbench.syncRun(() -> {
            editor.setFocus();
            editor.setCaretOffset(0);
        });
        workbench.waitUntil(() -> workbench.sync(editor::isFocusControl), "the editor to have the keyboard"); //$NON-NLS-1$
        String revealing = "depistage gratuit"; //$NON-NLS-1$
        workbench.type(revealing);
        workbench.key('\r', SWT.CR, 0);
        workbench.waitUntil(() -> workbench.sync(editor::getText).startsWith(revealing), "the typed line"); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(reply::findings).isEmpty(), "the live check to warn"); //$NON-NLS-1$
        Finding f = workbench.sync(reply::findings).get(0);
        assertEquals(Finding.REVEALING_WORD, f.kind());
        assertEquals(0, f.start());
        StyleRange underline = workbench.sync(() -> editor.getStyleRangeAtOffset(0));
        assertTrue(underline != null && underline.underline && underline.underlineStyle == SWT.UNDERLINE_SQUIGGLE,
                "the word is underlined"); //$NON-NLS-1$
        Label warnings = workbench.widget(WidgetIds.REPLY_WARNINGS);
        assertTrue(workbench.sync(warnings::getText).contains(f.message()));
        assertTrue(workbench.sync(warnings::getText).contains(f.suggestion()), "with the neutral opening to use"); //$NON-NLS-1$
        workbench.screenshot("reply-warning"); //$NON-NLS-1$

        // Fix it with the suggested neutral opening.
        Button opening = workbench.widget(WidgetIds.REPLY_USE_OPENING);
        assertTrue(workbench.sync(opening::isVisible));
        click(WidgetIds.REPLY_USE_OPENING);
        workbench.waitUntil(() -> workbench.sync(reply::findings).isEmpty(), "the warning to go"); //$NON-NLS-1$
        String fixed = workbench.sync(editor::getText);
        assertFalse(fixed.startsWith(revealing));
        assertTrue(fixed.endsWith(shown.get(0).text()), "the template stays below the new opening"); //$NON-NLS-1$

        // An unfilled placeholder blocks copying, with the templates' message.
        String before = clipboardText();
        workbench.syncRun(() -> editor.append("\n{lieu_secret}")); //$NON-NLS-1$
        click(WidgetIds.REPLY_COPY);
        Label status = workbench.widget(WidgetIds.REPLY_STATUS);
        assertEquals(new UnfilledPlaceholdersException(List.of("lieu_secret")).getMessage(), workbench.sync(status::getText)); //$NON-NLS-1$
        assertEquals(before, clipboardText(), "nothing copied"); //$NON-NLS-1$

        // Copy the fixed text.
        workbench.syncRun(() -> editor.setText(fixed));
        click(WidgetIds.REPLY_COPY);
        workbench.waitUntil(() -> Messages.Reply_copied.equals(workbench.sync(status::getText)), "the reply to be recorded"); //$NON-NLS-1$
        assertEquals(fixed.strip(), clipboardText());
        workbench.waitUntil(() -> workbench.sync(queue::rows).stream().noneMatch(q -> q.summary().conversationId().equals(waiting)),
                "the conversation to leave the queue"); //$NON-NLS-1$
        assertEquals(queued.size() - 1, workbench.sync(queue::rows).size());
        StyledText thread = workbench.widget(WidgetIds.CONVERSATION_TEXT);
        workbench.waitUntil(() -> workbench.sync(thread::getText).contains(Messages.Conversation_pending),
                "the thread to show the pending reply"); //$NON-NLS-1$
        workbench.screenshot("reply-copied"); //$NON-NLS-1$

        // What another reader of the archive sees: the pending outbound message, by the worker.
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            List<Message> pending = reader.messages(waiting).stream().filter(PendingReplies::isPending).toList();
            assertEquals(1, pending.size());
            Message m = pending.get(0);
            assertEquals(Direction.OUTBOUND, m.direction());
            assertEquals(fixed.strip(), m.text());
            assertEquals(WORKER, m.author());
            assertEquals(WORKER, m.workerId());
            assertEquals(shown.get(0).templateId(), PendingReplies.templateId(m));
            ConversationSummary s = reader.summaries().stream().filter(x -> x.conversationId().equals(waiting)).findFirst()
                    .orElseThrow();
            assertEquals(Direction.OUTBOUND, s.lastMeaningfulDirection());
            assertNotEquals(before, m.text());
        }
    }
}

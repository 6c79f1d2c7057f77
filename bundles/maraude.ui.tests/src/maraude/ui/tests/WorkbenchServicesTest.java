package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Event;
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
import maraude.core.archive.TeamZone;
import maraude.core.model.Platform;
import maraude.core.triage.ConversationState;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.WorkerState;
import maraude.sources.Source;
import maraude.sources.SourceKind;
import maraude.sources.SourceState;
import maraude.sources.SourceStore;
import maraude.sources.folder.WatchedFolderPuller;
import maraude.ui.WidgetIds;
import maraude.ui.Workers;
import maraude.ui.parts.QueuePart;
import maraude.ui.preferences.Messages;
import maraude.ui.preferences.PreferencesDialog;
import maraude.ui.preferences.UiPreferences;
import maraude.ui.sources.SourcePulls;
import maraude.ui.sources.SourcesPart;

/**
 * The workbench as a worker lives in it: a source that is due is pulled from start while the
 * Sources view has never been opened; the team's time zone (team.properties) is the one of the
 * workbench's context, its triage and the CLI; the worker named in Fichier › Préférences is the
 * one recorded when a conversation is marked handled.
 */
@TestMethodOrder(OrderAnnotation.class)
class WorkbenchServicesTest {

    /** Far from the test machine's zone, so that a fallback to the system zone shows. */
    private static final String TEAM_ZONE = "Pacific/Chatham"; //$NON-NLS-1$
    private static final String WORKER = "Aïcha T."; //$NON-NLS-1$

    private static Path archiveFolder;
    private static Path watched;
    private static WorkbenchDriver workbench;
    private static String workerProperty;

    @BeforeAll
    static void start() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-services-ui"); //$NON-NLS-1$
        watched = Files.createTempDirectory("maraude-services-ui-drop"); //$NON-NLS-1$
        Files.copy(TestArchives.fixtures().resolve("whatsapp/pustur_short_chat_android_en_2017.txt"), //$NON-NLS-1$
                watched.resolve("WhatsApp Chat with Sam.txt")); //$NON-NLS-1$
        // Created two days ago and never pulled: due at once.
        SourceStore.open(archiveFolder).put(Source.create("due-folder", SourceKind.WATCHED_FOLDER, Platform.OTHER, //$NON-NLS-1$
                null, watched.toString(), TestArchives.now().toInstant().minus(Duration.ofDays(2))));
        Files.writeString(archiveFolder.resolve(TeamZone.SETTINGS_FILE), TeamZone.KEY + "=" + TEAM_ZONE + "\n", //$NON-NLS-1$ //$NON-NLS-2$
                StandardCharsets.UTF_8);
        System.setProperty(SourcePulls.CHECK_SECONDS, "2"); //$NON-NLS-1$
        // The preference decides here, not a -D left by another test.
        workerProperty = System.getProperty(Workers.PROPERTY);
        System.clearProperty(Workers.PROPERTY);
        workbench = WorkbenchDriver.start(archiveFolder);
    }

    @AfterAll
    static void close() throws Exception {
        System.clearProperty(SourcePulls.CHECK_SECONDS);
        if (workerProperty != null) {
            System.setProperty(Workers.PROPERTY, workerProperty);
        }
        UiPreferences.put(UiPreferences.WORKER, null);
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    @Order(1)
    void aDueSourceIsPulledWithTheSourcesViewNeverOpened() throws Exception {
        Path done = watched.resolve(WatchedFolderPuller.DONE).resolve("WhatsApp Chat with Sam.txt"); //$NON-NLS-1$
        workbench.waitUntil(() -> Files.exists(done), "the application's check to pull the due folder"); //$NON-NLS-1$
        workbench.waitUntil(() -> {
            try {
                Source s = SourceStore.open(archiveFolder).get("due-folder").orElseThrow(); //$NON-NLS-1$
                return s.state() == SourceState.OK && s.lastPull() != null;
            } catch (java.io.IOException e) {
                return false;
            }
        }, "the pull to be recorded in sources.json"); //$NON-NLS-1$
        assertNull(workbench.sync(() -> workbench.part(SourcesPart.ID).getObject()),
                "the Sources view was never created"); //$NON-NLS-1$
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            assertEquals(1, reader.summaries().size(), "the pulled chat is in the archive"); //$NON-NLS-1$
        }
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the pulled conversation to wait in the queue"); //$NON-NLS-1$
    }

    @Test
    @Order(2)
    void theTeamZoneIsTheContextsTheTriagesAndTheClis() {
        IEclipseContext app = workbench.application().getContext();
        ZoneId expected = ZoneId.of(TEAM_ZONE);
        assertEquals(expected, workbench.sync(() -> app.get(ZoneId.class)), "the context's zone"); //$NON-NLS-1$
        assertEquals(expected, workbench.sync(() -> app.get(TriageService.class).zone()), "the queue's zone"); //$NON-NLS-1$
        // What the CLI's commands read for the archive they open (see TeamZoneParityTest for backlog --json).
        assertEquals(expected, TeamZone.of(archiveFolder), "the CLI's zone"); //$NON-NLS-1$
        assertNotNull(workbench.sync(() -> app.get(java.time.Clock.class)), "one clock in the context"); //$NON-NLS-1$
    }

    @Test
    @Order(3)
    void theWorkerSetInThePreferencesIsTheOneRecordedOnHandled() throws Exception {
        workbench.executeCommand("maraude.command.preferences"); //$NON-NLS-1$
        Shell dialog = workbench.shellTitled(Messages.Prefs_title);
        Text name = workbench.widget(PreferencesDialog.ID_WORKER);
        workbench.syncRun(() -> name.setText(WORKER));
        org.eclipse.swt.widgets.Combo zone = workbench.widget(PreferencesDialog.ID_ZONE);
        assertEquals(TEAM_ZONE, workbench.sync(zone::getText), "the dialog shows the team's zone"); //$NON-NLS-1$
        workbench.screenshot("preferences"); //$NON-NLS-1$
        org.eclipse.swt.widgets.Button ok = workbench.widget("prefs.ok"); //$NON-NLS-1$
        workbench.syncRun(() -> ok.notifyListeners(SWT.Selection, new Event()));
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the preferences to close"); //$NON-NLS-1$
        assertEquals(WORKER, UiPreferences.workerName(), "saved in the instance preferences"); //$NON-NLS-1$
        assertEquals(WORKER, workbench.sync(() -> workbench.application().getContext().get(Workers.CONTEXT_KEY)));

        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "a conversation in the queue"); //$NON-NLS-1$
        String id = workbench.sync(queue::rows).get(0).conversationId();
        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        workbench.syncRun(() -> {
            table.setSelection(0);
            table.notifyListeners(SWT.Selection, new Event());
            queue.markHandled();
        });
        workbench.waitUntil(() -> {
            ConversationState st = TriageStateStore.open(archiveFolder).snapshot().conversation(id);
            return st != null && st.state() == WorkerState.HANDLED;
        }, "the conversation to be recorded as handled"); //$NON-NLS-1$
        ConversationState st = TriageStateStore.open(archiveFolder).snapshot().conversation(id);
        assertEquals(WORKER, st.setBy(), "handled by the worker of the preferences"); //$NON-NLS-1$
        assertTrue(List.of(TeamZone.read(new maraude.core.archive.PlainArchiveFiles(archiveFolder)).getProperty(TeamZone.KEY))
                .contains(TEAM_ZONE), "the team's zone kept by OK"); //$NON-NLS-1$
    }
}

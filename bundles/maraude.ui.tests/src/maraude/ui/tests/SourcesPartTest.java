package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Platform;
import maraude.sources.Source;
import maraude.sources.SourceKind;
import maraude.sources.SourceState;
import maraude.sources.SourceStatus;
import maraude.sources.SourceStore;
import maraude.sources.folder.WatchedFolderPuller;
import maraude.ui.WidgetIds;
import maraude.ui.parts.QueuePart;
import maraude.ui.sources.Messages;
import maraude.ui.sources.SourcesPart;

/**
 * The Sources view in the real workbench: a watched folder configured in the archive is listed;
 * a WhatsApp export dropped in it is pulled by "Pull now", the row shows the pull, the export is
 * moved to done/ and its conversation waits in the queue. A folder added through the view is pulled
 * by the background check without any click.
 */
@TestMethodOrder(OrderAnnotation.class)
class SourcesPartTest {

    private static final String SOURCE_ID = "inbox-folder"; //$NON-NLS-1$

    private static Path archiveFolder;
    private static Path watched;
    private static WorkbenchDriver workbench;

    @BeforeAll
    static void start() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-sources-ui"); //$NON-NLS-1$
        watched = Files.createTempDirectory("maraude-sources-ui-drop"); //$NON-NLS-1$
        // Created "tomorrow": not due, so the background check leaves it to the button.
        Source s = Source.create(SOURCE_ID, SourceKind.WATCHED_FOLDER, Platform.OTHER, null, watched.toString(),
                TestArchives.now().toInstant().plus(Duration.ofDays(1)));
        SourceStore.open(archiveFolder).put(s);
        // A background check every two seconds instead of five minutes.
        System.setProperty(SourcesPart.CHECK_SECONDS, "2"); //$NON-NLS-1$
        workbench = WorkbenchDriver.start(archiveFolder);
    }

    @AfterAll
    static void close() throws Exception {
        System.clearProperty(SourcesPart.CHECK_SECONDS);
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    @Order(1)
    void pullNowImportsTheDroppedExportMovesItToDoneAndShowsItInTheQueue() throws Exception {
        SourcesPart sources = (SourcesPart) workbench.showPart("maraude.perspective.coordination", SourcesPart.ID); //$NON-NLS-1$
        Table table = workbench.widget(WidgetIds.SOURCES_TABLE);
        // The other test may have added a folder first: this one finds its source by id.
        workbench.waitUntil(() -> rowOf(table, SOURCE_ID) >= 0, "the configured source to be listed"); //$NON-NLS-1$
        int row = rowOf(table, SOURCE_ID);
        assertEquals(Messages.Sources_never, workbench.sync(() -> table.getItem(row).getText(3)));
        assertEquals(SourcesPart.stateText(SourceState.NEW), workbench.sync(() -> table.getItem(row).getText(5)));
        assertNull(source(sources).lastPull());
        List<String> before;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            before = reader.summaries().stream().map(s -> s.conversationId()).toList();
        }

        Path chat = watched.resolve("WhatsApp Chat with Sam.txt"); //$NON-NLS-1$
        Files.copy(TestArchives.fixtures().resolve("whatsapp/pustur_short_chat_android_en_2017.txt"), chat); //$NON-NLS-1$

        Button pull = workbench.widget(WidgetIds.SOURCES_PULL);
        workbench.syncRun(() -> {
            table.setSelection(row);
            table.notifyListeners(SWT.Selection, new Event());
        });
        workbench.waitUntil(() -> workbench.sync(pull::isEnabled), "Pull now to be enabled on a selected source"); //$NON-NLS-1$
        Instant clicked = workbench.now();
        workbench.syncRun(() -> pull.notifyListeners(SWT.Selection, new Event()));

        workbench.waitUntil(() -> source(sources).state() == SourceState.OK && source(sources).lastPull() != null,
                "the source to show a successful pull"); //$NON-NLS-1$
        Source pulled = source(sources);
        assertFalse(pulled.lastPull().isBefore(clicked.minusSeconds(1)), "the last pull is the one just made"); //$NON-NLS-1$
        assertTrue(pulled.lastAdded() > 0, "the pull added the chat's messages"); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(() -> table.getItem(indexOf(table, SOURCE_ID)).getText(5))
                .equals(SourcesPart.stateText(SourceState.OK))
                && !workbench.sync(() -> table.getItem(indexOf(table, SOURCE_ID)).getText(3)).equals(Messages.Sources_never),
                "the table to show the state and the last pull"); //$NON-NLS-1$
        workbench.screenshot("sources-after-pull"); //$NON-NLS-1$

        assertFalse(Files.exists(chat), "the export left the watched folder"); //$NON-NLS-1$
        assertTrue(Files.exists(watched.resolve(WatchedFolderPuller.DONE).resolve(chat.getFileName())),
                "the export was moved to done/"); //$NON-NLS-1$
        assertEquals(SourceState.OK, SourceStore.open(archiveFolder).get(SOURCE_ID).orElseThrow().state(),
                "the outcome is saved in sources.json"); //$NON-NLS-1$

        List<String> conversations;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            conversations = reader.summaries().stream().map(s -> s.conversationId()).filter(c -> !before.contains(c)).toList();
        }
        assertEquals(1, conversations.size(), "the chat is one conversation"); //$NON-NLS-1$
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(queue::rows).stream().anyMatch(q -> q.conversationId().equals(conversations.get(0))),
                "the pulled conversation to wait in the queue"); //$NON-NLS-1$
    }

    @Test
    @Order(2)
    void aFolderAddedInTheViewIsPulledByTheBackgroundCheck() throws Exception {
        SourcesPart sources = (SourcesPart) workbench.showPart("maraude.perspective.coordination", SourcesPart.ID); //$NON-NLS-1$
        Path second = Files.createTempDirectory("maraude-sources-ui-second"); //$NON-NLS-1$
        // The export is there before the source: a first look at an empty folder would wait five minutes.
        Path chat = second.resolve("WhatsApp Chat with Kim.txt"); //$NON-NLS-1$
        Files.copy(TestArchives.fixtures().resolve("whatsapp/mtln_android_en_us_12h.txt"), chat); //$NON-NLS-1$
        Instant firstPulled = SourceStore.open(archiveFolder).get(SOURCE_ID).orElseThrow().lastPull();
        int before;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            before = reader.summaries().size();
        }

        // What the DirectoryDialog answers goes here.
        workbench.syncRun(() -> sources.addWatchedFolder(second));
        workbench.waitUntil(() -> workbench.sync(sources::rows).size() == 2, "the added folder to be listed"); //$NON-NLS-1$
        Source added = workbench.sync(sources::rows).stream().map(SourceStatus::source)
                .filter(s -> !s.id().equals(SOURCE_ID)).findFirst().orElseThrow();
        assertEquals(SourceKind.WATCHED_FOLDER, added.kind());
        assertEquals(second.toAbsolutePath().normalize().toString(), added.location());

        workbench.waitUntil(() -> Files.exists(second.resolve(WatchedFolderPuller.DONE).resolve(chat.getFileName())),
                "the background check to pull the due folder"); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(sources::rows).stream().map(SourceStatus::source)
                .anyMatch(s -> s.id().equals(added.id()) && s.state() == SourceState.OK && s.lastPull() != null),
                "the view to show the background pull"); //$NON-NLS-1$
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            assertEquals(before + 1, reader.summaries().size(), "the background pull archived the chat"); //$NON-NLS-1$
        }
        assertEquals(firstPulled, SourceStore.open(archiveFolder).get(SOURCE_ID).orElseThrow().lastPull(),
                "the source that was not due was left alone"); //$NON-NLS-1$
        workbench.screenshot("sources-background"); //$NON-NLS-1$
    }

    /** The row of the source {@code id} in the table, or -1. */
    private static int rowOf(Table table, String id) {
        return workbench.sync(() -> indexOf(table, id));
    }

    /** {@link #rowOf} on the UI thread. */
    private static int indexOf(Table table, String id) {
        for (int i = 0; i < table.getItemCount(); i++) {
            if (table.getItem(i).getText(0).equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The configured source as the view shows it. */
    private static Source source(SourcesPart sources) {
        return workbench.sync(sources::rows).stream().map(SourceStatus::source).filter(s -> s.id().equals(SOURCE_ID))
                .findFirst().orElseThrow();
    }
}

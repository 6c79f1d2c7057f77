package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.IPresentationEngine;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.ui.WidgetIds;
import maraude.ui.parts.QueuePart;
import maraude.ui.parts.SearchPart;

/**
 * The workbench on a 1366×768 laptop screen: the window starts maximised, the search box has a row
 * of its own at least 250 px wide, the snippet column takes what the other columns leave, and each
 * perspective is saved as a screenshot under target/screenshots; the queue fits its column without
 * scrolling sideways and none of its headers is cut (columns it has no room for say what they would
 * show in the row's tooltip); an emoji typed in the search box
 * is drawn in colour (the colour-emoji font of the README's install line), not as an empty box.
 */
@TestMethodOrder(OrderAnnotation.class)
class LaptopLayoutTest {

    private static final int WIDTH = 1366;
    private static final int HEIGHT = 768;
    private static WorkbenchDriver workbench;
    private static String word;

    @BeforeAll
    static void start() throws Exception {
        Path folder = Files.createTempDirectory("maraude-layout-ui"); //$NON-NLS-1$
        java.util.List<maraude.core.archive.ConversationSummary> summaries;
        try (Archive archive = TestArchives.factory().open(folder, AccessMode.READ_WRITE)) {
            TestArchives.populateDemo(archive, 600);
            summaries = archive.summaries();
        }
        word = TestArchives.distinctiveWord(folder, summaries);
        workbench = WorkbenchDriver.start(folder);
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    @Order(1)
    void theWindowStartsMaximised() {
        MWindow window = workbench.application().getChildren().get(0);
        assertTrue(workbench.sync(() -> window.getTags().contains(IPresentationEngine.WINDOW_MAXIMIZED_TAG)),
                "maximised on first start"); //$NON-NLS-1$
        // Xvfb has no window manager: the laptop screen is the window's size from here on.
        Shell shell = workbench.mainShell();
        workbench.syncRun(() -> {
            shell.setMaximized(false);
            shell.setBounds(0, 0, WIDTH, HEIGHT);
            shell.layout(true, true);
        });
        workbench.flush();
        assertEquals(new Rectangle(0, 0, WIDTH, HEIGHT), workbench.sync(shell::getBounds));
    }

    @Test
    @Order(2)
    void theSearchBoxHasARowOfItsOwnAtLeast250PxWide() throws Exception {
        workbench.showPart("maraude.perspective.permanence", "maraude.part.search"); //$NON-NLS-1$ //$NON-NLS-2$
        workbench.searchAndWait(word, ""); //$NON-NLS-1$
        Text query = workbench.widget(WidgetIds.SEARCH_TEXT);
        workbench.flush();
        int width = workbench.sync(() -> query.getSize().x);
        assertTrue(width >= SearchPart.MIN_QUERY_WIDTH, "search box " + width + " px wide"); //$NON-NLS-1$ //$NON-NLS-2$
        Table table = workbench.widget(WidgetIds.SEARCH_TABLE);
        workbench.waitUntil(() -> workbench.sync(table::getItemCount) > 0, "search hits"); //$NON-NLS-1$
        workbench.flush();
        workbench.syncRun(() -> {
            TableColumn[] cols = table.getColumns();
            int sum = 0;
            for (TableColumn c : cols) {
                sum += c.getWidth();
            }
            int client = table.getClientArea().width;
            assertTrue(Math.abs(client - sum) <= 2 || cols[cols.length - 1].getWidth() == SearchPart.MIN_SNIPPET_WIDTH,
                    "the snippet takes the rest: columns " + sum + " px, table " + client + " px"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            for (int i = 1; i < cols.length - 1; i++) {
                assertTrue(cols[i].getWidth() >= headerWidth(table, cols[i].getText()),
                        "header " + cols[i].getText() + " not cut"); //$NON-NLS-1$ //$NON-NLS-2$
            }
        });
        workbench.screenshot("layout-1366-search"); //$NON-NLS-1$
    }

    /** The perspective switch as its key binding runs it: the command with its parameter. */
    private static void switchWithTheCommand(String perspective) {
        workbench.display().asyncExec(() -> {
            org.eclipse.e4.core.contexts.IEclipseContext ctx = workbench.application().getChildren().get(0).getContext();
            org.eclipse.e4.core.commands.ECommandService commands = ctx.get(org.eclipse.e4.core.commands.ECommandService.class);
            org.eclipse.e4.core.commands.EHandlerService handlers = ctx.get(org.eclipse.e4.core.commands.EHandlerService.class);
            handlers.executeHandler(commands.createCommand("maraude.command.perspective", //$NON-NLS-1$
                    java.util.Map.of(maraude.ui.handlers.SwitchPerspectiveHandler.PARAMETER, perspective)));
        });
    }

    private static String activePerspectiveId() {
        return workbench.sync(() -> {
            MWindow w = workbench.application().getChildren().get(0);
            org.eclipse.e4.ui.workbench.modeling.EModelService models = workbench.application().getContext()
                    .get(org.eclipse.e4.ui.workbench.modeling.EModelService.class);
            org.eclipse.e4.ui.model.application.ui.advanced.MPerspective p = models.getActivePerspective(w);
            return p == null ? null : p.getElementId();
        });
    }

    /** The width of a header's text as GTK draws it, in bold. */
    private static int boldWidth(Table table, String text) {
        org.eclipse.swt.graphics.Font bold = QueuePart.headerFont(table);
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table);
        try {
            gc.setFont(bold);
            return gc.textExtent(text).x;
        } finally {
            gc.dispose();
            bold.dispose();
        }
    }

    private static int headerWidth(Table table, String text) {
        org.eclipse.swt.graphics.GC gc = new org.eclipse.swt.graphics.GC(table);
        try {
            return gc.textExtent(text).x;
        } finally {
            gc.dispose();
        }
    }

    @Test
    @Order(3)
    void eachPerspectiveIsSavedAsAScreenshot() throws Exception {
        for (String p : new String[] { "maraude.perspective.permanence", "maraude.perspective.coordination" }) { //$NON-NLS-1$ //$NON-NLS-2$
            switchWithTheCommand(p);
            workbench.waitUntil(() -> p.equals(activePerspectiveId()), "perspective " + p); //$NON-NLS-1$
            if (p.endsWith("permanence")) { //$NON-NLS-1$
                // the screen a worker starts on: the queue in front, not the search of the test before
                QueuePart queue = (QueuePart) workbench.showPart(p, QueuePart.ID);
                workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the queue to load"); //$NON-NLS-1$
            }
            workbench.flush();
            Path shot = workbench.screenshot("perspective-" + p.substring(p.lastIndexOf('.') + 1)); //$NON-NLS-1$
            assertTrue(Files.size(shot) > 10_000, "a real screenshot of " + p); //$NON-NLS-1$
        }
        // The key bindings of the model: Ctrl+1 back to Permanence, Ctrl+2 to Coordination.
        workbench.focus(workbench.mainShell());
        workbench.key('1', 0, org.eclipse.swt.SWT.CTRL);
        workbench.waitUntil(() -> "maraude.perspective.permanence".equals(activePerspectiveId()), "Ctrl+1 to show Permanence"); //$NON-NLS-1$ //$NON-NLS-2$
        workbench.key('2', 0, org.eclipse.swt.SWT.CTRL);
        workbench.waitUntil(() -> "maraude.perspective.coordination".equals(activePerspectiveId()), "Ctrl+2 to show Coordination"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    @Order(4)
    void anEmojiIsDrawnInColour() throws Exception {
        workbench.showPart("maraude.perspective.permanence", "maraude.part.search"); //$NON-NLS-1$ //$NON-NLS-2$
        Text query = workbench.widget(WidgetIds.SEARCH_TEXT);
        workbench.syncRun(() -> query.setText("\uD83D\uDE18\uD83D\uDE18\uD83D\uDE18")); //$NON-NLS-1$ 😘😘😘
        workbench.flush();
        Thread.sleep(300);
        workbench.flush();
        Rectangle box = workbench.sync(() -> workbench.display().map(query.getParent(), null, query.getBounds()));
        workbench.screenshot("emoji-search-box"); //$NON-NLS-1$
        ImageData pixels = ScreenPixels.capture(workbench, box);
        int coloured = 0;
        PaletteData palette = pixels.palette;
        for (int y = 0; y < pixels.height; y++) {
            for (int x = 0; x < pixels.width; x++) {
                RGB c = palette.getRGB(pixels.getPixel(x, y));
                // the face's yellow: strong red and green, little blue (text and frame are greys)
                if (c.red > 180 && c.green > 120 && c.blue < 90) {
                    coloured++;
                }
            }
        }
        assertTrue(coloured > 20, "the emoji drawn in colour (" + coloured + " yellow pixels)"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    @Order(5)
    void resetLayoutBringsBackTheShippedSizesAndTabs() throws Exception {
        org.eclipse.e4.ui.workbench.modeling.EModelService models = workbench.application().getContext()
                .get(org.eclipse.e4.ui.workbench.modeling.EModelService.class);
        org.eclipse.e4.ui.model.application.ui.MUIElement left = workbench
                .sync(() -> models.find("maraude.stack.left", workbench.application())); //$NON-NLS-1$
        org.eclipse.e4.ui.model.application.ui.MUIElement lead = workbench
                .sync(() -> models.find("maraude.stack.lead", workbench.application())); //$NON-NLS-1$
        String shipped = workbench.sync(left::getContainerData);
        org.eclipse.e4.ui.model.application.ui.basic.MPart search = workbench.part("maraude.part.search"); //$NON-NLS-1$
        // What a worker does by dragging: a wider left column, the Search tab moved to the other stack.
        workbench.syncRun(() -> {
            left.setContainerData("80"); //$NON-NLS-1$
            ((org.eclipse.e4.ui.model.application.ui.basic.MPartStack) left).getChildren().remove(search);
            ((org.eclipse.e4.ui.model.application.ui.basic.MPartStack) lead).getChildren().add(search);
        });
        workbench.executeCommand("maraude.command.resetlayout"); //$NON-NLS-1$
        Shell confirm = workbench.shellTitled(maraude.ui.preferences.Messages.Layout_resetTitle);
        workbench.press(confirm, maraude.ui.dialogs.Messages.Button_ok);
        workbench.waitUntil(() -> shipped.equals(workbench.sync(left::getContainerData)), "the shipped size back"); //$NON-NLS-1$
        assertEquals(left, workbench.sync(search::getParent), "the Search tab back in its stack"); //$NON-NLS-1$
        workbench.screenshot("layout-reset"); //$NON-NLS-1$
    }

    @Test
    @Order(6)
    void noHeaderOfTheQueueIsCut() throws Exception {
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the queue to load"); //$NON-NLS-1$
        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        workbench.flush();
        assertEquals(new Rectangle(0, 0, WIDTH, HEIGHT), workbench.sync(workbench.mainShell()::getBounds));
        workbench.syncRun(() -> {
            TableColumn[] cols = table.getColumns();
            int sum = 0;
            for (TableColumn c : cols) {
                sum += c.getWidth();
            }
            // the band, what to do and who are always there; the others only when there is room
            for (int main : new int[] { QueuePart.COL_BAND, QueuePart.COL_WHAT, QueuePart.COL_CONTACT }) {
                assertTrue(!queue.isHidden(main) && cols[main].getWidth() > 0, "column " + cols[main].getText() + " shown"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            for (int i = 1; i < cols.length; i++) {
                if (queue.isHidden(i) || i == QueuePart.COL_PREVIEW) {
                    continue;
                }
                int header = boldWidth(table, cols[i].getText());
                assertTrue(header <= cols[i].getWidth(),
                        "header " + cols[i].getText() + ": " + header + " px of text in a " + cols[i].getWidth() + " px column"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            }
            // the lines on screen are not cut either (the preview excepted: it takes the rest)
            for (int r = 0; r < Math.min(15, table.getItemCount()); r++) {
                for (int i = 1; i < cols.length - 1; i++) {
                    if (queue.isHidden(i)) {
                        continue;
                    }
                    String text = table.getItem(r).getText(i);
                    assertTrue(headerWidth(table, text) <= cols[i].getWidth(), "cell " + r + "," + i + " cut"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                }
            }
            // no sideways scrolling: the columns fit the table and the preview keeps a readable width
            int client = table.getClientArea().width;
            assertTrue(sum <= client + 2, "columns " + sum + " px in a table of " + client + " px"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            assertTrue(cols[QueuePart.COL_PREVIEW].getWidth() >= QueuePart.MIN_PREVIEW_WIDTH, "the preview's width"); //$NON-NLS-1$
            org.eclipse.swt.widgets.ScrollBar sideways = table.getHorizontalBar();
            assertTrue(sideways == null || !sideways.isVisible() || sideways.getMaximum() <= sideways.getThumb(),
                    "no horizontal scroll bar"); //$NON-NLS-1$
            // the preview header reads whole
            assertTrue(boldWidth(table, cols[QueuePart.COL_PREVIEW].getText()) <= cols[QueuePart.COL_PREVIEW].getWidth(),
                    "header " + cols[QueuePart.COL_PREVIEW].getText()); //$NON-NLS-1$
        });
        workbench.screenshot("layout-1366-queue"); //$NON-NLS-1$
    }
}

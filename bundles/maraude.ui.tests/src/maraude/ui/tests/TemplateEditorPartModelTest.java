package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;
import maraude.templates.Category;
import maraude.templates.Template;
import maraude.templates.TemplateLibrary;
import maraude.ui.ArchiveEvents;
import maraude.ui.WidgetIds;
import maraude.ui.templates.Messages;
import maraude.ui.templates.TemplateEditorPart;

/**
 * The template editor as a part of the model: categories read as the worker says them ("Premier
 * contact", not first_contact), and a change not saved makes the part dirty (the save prompt on
 * quit asks then); its @Persist saves it into the team's file and the part is clean again. On a team
 * archive a save over another worker's is refused and said so.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemplateEditorPartModelTest {

    private static WorkbenchDriver workbench;
    private static Path archiveFolder;
    private static TemplateEditorPart editor;

    @BeforeAll
    static void start() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-templates-model"); //$NON-NLS-1$
        workbench = WorkbenchDriver.start(archiveFolder);
        editor = (TemplateEditorPart) workbench.showPart("maraude.perspective.coordination", TemplateEditorPart.ID); //$NON-NLS-1$
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    @Order(1)
    void categoriesAreShownByTheirNamesAndAnEditMakesThePartDirtyUntilPersisted() throws Exception {
        Combo category = workbench.widget(WidgetIds.TEMPLATES_CATEGORY);
        List<String> items = Arrays.asList(workbench.sync(category::getItems));
        assertEquals(Category.values().length, items.size());
        assertEquals(Messages.Category_first_contact, items.get(Category.FIRST_CONTACT.ordinal()));
        assertFalse(items.contains(Category.FIRST_CONTACT.key()), "no internal key shown"); //$NON-NLS-1$
        Table table = workbench.widget(WidgetIds.TEMPLATES_TABLE);
        workbench.waitUntil(() -> workbench.sync(table::getItemCount) > 0, "the shipped templates listed"); //$NON-NLS-1$
        List<String> names = Arrays.stream(Category.values()).map(TemplateEditorPart::categoryName).toList();
        for (int i = 0; i < workbench.sync(table::getItemCount); i++) {
            int row = i;
            String shown = workbench.sync(() -> table.getItem(row).getText(2));
            assertTrue(names.contains(shown), "category column shows a name, not " + shown); //$NON-NLS-1$
        }

        MPart part = workbench.part(TemplateEditorPart.ID);
        assertFalse(workbench.sync(part::isDirty), "clean before any edit"); //$NON-NLS-1$
        // A shipped template edited: saving it writes the team's copy.
        workbench.syncRun(() -> {
            table.setSelection(0);
            table.notifyListeners(org.eclipse.swt.SWT.Selection, null);
        });
        Text id = workbench.widget(WidgetIds.TEMPLATES_ID);
        Text text = workbench.widget(WidgetIds.TEMPLATES_TEXT);
        workbench.waitUntil(() -> !workbench.sync(id::getText).isBlank(), "a template in the editor"); //$NON-NLS-1$
        String edited = workbench.sync(id::getText);
        assertFalse(workbench.sync(part::isDirty), "showing a template is no edit"); //$NON-NLS-1$
        workbench.syncRun(() -> text.setText(text.getText() + " \u00c0 bient\u00f4t.")); //$NON-NLS-1$
        assertTrue(workbench.sync(part::isDirty), "an unsaved edit makes the part dirty"); //$NON-NLS-1$
        assertTrue(workbench.sync(editor::isDirty));

        // What the save prompt on quit runs: the part's @Persist.
        workbench.syncRun(() -> {
            org.eclipse.e4.ui.workbench.modeling.EPartService parts = workbench.application().getChildren().get(0)
                    .getContext().get(org.eclipse.e4.ui.workbench.modeling.EPartService.class);
            assertTrue(parts.savePart(part, false));
        });
        workbench.waitUntil(() -> !workbench.sync(part::isDirty), "the part to be clean once saved"); //$NON-NLS-1$
        Path team = archiveFolder.resolve(TemplateLibrary.TEAM_FILE);
        workbench.waitUntil(() -> Files.exists(team), "the team file to be written"); //$NON-NLS-1$
        assertTrue(TemplateLibrary.load(team).templates().stream().anyMatch(t -> t.id().equals(edited)),
                "the edited template saved as the team's copy"); //$NON-NLS-1$
    }

    /**
     * On a team archive (here an archive whose side files say the templates are the team's, kept in a
     * folder standing for the servers) a save made while another worker saved is refused and said so;
     * the edit stays in the editor and, saved again, goes over the other worker's set without losing it.
     */
    @Test
    @Order(2)
    void onATeamArchiveASaveOverAnotherWorkersSaveIsRefusedAndTheEditKeptToSaveAgain() throws Exception {
        Path servers = Files.createTempDirectory("maraude-templates-servers"); //$NON-NLS-1$
        ArchiveFiles shared = new PlainArchiveFiles(servers) {
            @Override
            public boolean shared(String name) {
                return true;
            }
        };
        MPart part = workbench.part(TemplateEditorPart.ID);
        IEclipseContext context = workbench.sync(part::getContext);
        Archive local = workbench.sync(() -> context.get(Archive.class));
        Archive team = (Archive) Proxy.newProxyInstance(Archive.class.getClassLoader(), new Class<?>[] { Archive.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("files")) { //$NON-NLS-1$
                        return shared;
                    }
                    try {
                        return method.invoke(local, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        Table table = workbench.widget(WidgetIds.TEMPLATES_TABLE);
        Text id = workbench.widget(WidgetIds.TEMPLATES_ID);
        Text text = workbench.widget(WidgetIds.TEMPLATES_TEXT);
        try {
            workbench.syncRun(() -> {
                context.set(Archive.class, team);
                context.get(IEventBroker.class).post(ArchiveEvents.CHANGED, Boolean.TRUE);
            });
            // read from the (empty) servers: no team copy listed any more, the local one was the folder's
            workbench.waitUntil(() -> workbench.sync(() -> Arrays.stream(table.getItems()).map(i -> i.getText(3))
                    .noneMatch(o -> o.equals(Messages.Editor_originTeam) || o.equals(Messages.Editor_originOverride))),
                    "the team's (empty) templates read"); //$NON-NLS-1$
            workbench.syncRun(() -> {
                table.setSelection(0);
                table.notifyListeners(org.eclipse.swt.SWT.Selection, null);
            });
            workbench.waitUntil(() -> !workbench.sync(id::getText).isBlank(), "a template in the editor"); //$NON-NLS-1$
            String mine = workbench.sync(id::getText);
            workbench.syncRun(() -> text.setText(text.getText() + " Bisous.")); //$NON-NLS-1$

            Template theirs = new Template("team.fr.kit-jeudi", Category.KIT, "fr", "Kit jeudi", false, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    "Bonjour, le colis part jeudi.", List.of(), List.of("tu as des capotes ?")); //$NON-NLS-1$ //$NON-NLS-2$
            TemplateLibrary.writeTeam(servers, List.of(theirs)); // another worker saves meanwhile
            workbench.syncRun(editor::save);
            workbench.waitUntil(() -> workbench.sync(editor::statusText).equals(Messages.Editor_saveConflict),
                    () -> "the conflict said, not " + workbench.sync(editor::statusText)); //$NON-NLS-1$
            assertTrue(workbench.sync(part::isDirty), "the edit is kept"); //$NON-NLS-1$
            assertEquals(List.of(theirs), TemplateLibrary.loadTeam(servers), "nothing written over theirs"); //$NON-NLS-1$

            workbench.syncRun(editor::save);
            workbench.waitUntil(() -> !workbench.sync(part::isDirty), "saved again"); //$NON-NLS-1$
            List<String> saved = TemplateLibrary.loadTeam(servers).stream().map(Template::id).toList();
            assertEquals(List.of(theirs.id(), mine), saved, "theirs kept, mine added"); //$NON-NLS-1$
        } finally {
            workbench.syncRun(() -> {
                context.remove(Archive.class);
                context.get(IEventBroker.class).post(ArchiveEvents.CHANGED, Boolean.TRUE);
            });
        }
    }
}

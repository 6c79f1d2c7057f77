package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Label;
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
import maraude.templates.Category;
import maraude.templates.Template;
import maraude.templates.TemplateLibrary;
import maraude.ui.WidgetIds;
import maraude.ui.templates.TemplateEditorPart;

/**
 * A coordinator adapts a shipped template in the workbench: the outing check warns about a revealing
 * first line as it is typed, the fixed text is saved as the team's copy in {@code <archive>/templates.json},
 * and the archive's effective library then serves the edited text.
 */
@TestMethodOrder(OrderAnnotation.class)
class TemplateEditorTest {

    private static final String COORDINATION = "maraude.perspective.coordination"; //$NON-NLS-1$
    private static final String REVEALING = "Bonjour, ici le service de prévention pour travailleuses du sexe.\n" //$NON-NLS-1$
            + "On peut t'envoyer un colis gratuit."; //$NON-NLS-1$
    private static final String FIXED = "Bonjour, j'espère que tu vas bien, on prend de tes nouvelles ?\n" //$NON-NLS-1$
            + "On peut t'envoyer un colis gratuit par la poste : préservatifs, lubrifiant, lingettes."; //$NON-NLS-1$

    private static Path archiveFolder;
    private static WorkbenchDriver workbench;
    private static TemplateEditorPart editor;

    @BeforeAll
    static void start() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-templates-ui"); //$NON-NLS-1$
        try (Archive archive = TestArchives.factory().open(archiveFolder, AccessMode.READ_WRITE)) {
            TestArchives.populateDemo(archive, 200);
        }
        workbench = WorkbenchDriver.start(archiveFolder);
        editor = (TemplateEditorPart) workbench.showPart(COORDINATION, TemplateEditorPart.ID);
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    private void select(Combo combo, String item) {
        workbench.syncRun(() -> {
            combo.select(combo.indexOf(item));
            combo.notifyListeners(SWT.Selection, null);
        });
    }

    private void press(String buttonId) {
        Button b = workbench.widget(buttonId);
        workbench.syncRun(() -> b.notifyListeners(SWT.Selection, null));
    }

    @Test
    @Order(1)
    void editAShippedTemplateGetAWarningFixItAndSaveTheTeamCopy() throws Exception {
        Table table = workbench.widget(WidgetIds.TEMPLATES_TABLE);
        workbench.waitUntil(() -> !workbench.sync(editor::rows).isEmpty(), "the templates to load"); //$NON-NLS-1$
        int all = workbench.sync(editor::rows).size();
        assertEquals(TemplateLibrary.loadDefault().templates().size(), all, "no team file yet: the shipped library"); //$NON-NLS-1$

        select(workbench.widget(WidgetIds.TEMPLATES_FILTER_LANGUAGE), "fr"); //$NON-NLS-1$
        select(workbench.widget(WidgetIds.TEMPLATES_FILTER_CATEGORY), maraude.ui.templates.TemplateEditorPart.categoryName(Category.KIT));
        List<Template> rows = workbench.sync(editor::rows);
        assertFalse(rows.isEmpty());
        assertTrue(rows.stream().allMatch(t -> t.language().equals("fr") && t.category() == Category.KIT), //$NON-NLS-1$
                "the filters keep French kit templates only"); //$NON-NLS-1$
        assertEquals(rows.size(), (int) workbench.sync(table::getItemCount));
        Template original = rows.get(0);

        workbench.syncRun(() -> {
            table.setSelection(0);
            table.notifyListeners(SWT.Selection, null);
        });
        Text id = workbench.widget(WidgetIds.TEMPLATES_ID);
        Text text = workbench.widget(WidgetIds.TEMPLATES_TEXT);
        Label warnings = workbench.widget(WidgetIds.TEMPLATES_WARNINGS);
        workbench.waitUntil(() -> original.id().equals(workbench.sync(id::getText)), "the template in the editor"); //$NON-NLS-1$
        assertEquals(original.text(), workbench.sync(text::getText));
        assertFalse(workbench.sync(editor::hasWarnings), "the shipped text is outing-safe"); //$NON-NLS-1$

        workbench.syncRun(() -> text.setText(REVEALING));
        assertTrue(workbench.sync(editor::hasWarnings), "a revealing first line is flagged as typed"); //$NON-NLS-1$
        String shown = workbench.sync(warnings::getText);
        assertTrue(shown.contains("⚠"), shown); //$NON-NLS-1$
        assertTrue(workbench.sync(warnings::isVisible));
        workbench.screenshot("template-editor-warning"); //$NON-NLS-1$

        workbench.syncRun(() -> text.setText(FIXED));
        assertFalse(workbench.sync(editor::hasWarnings), "the fixed text keeps the revealing words out of the preview"); //$NON-NLS-1$
        assertFalse(workbench.sync(warnings::getText).contains("⚠")); //$NON-NLS-1$
        assertTrue(workbench.sync(editor::isDirty));

        press(WidgetIds.TEMPLATES_SAVE);
        Path teamFile = archiveFolder.resolve("templates.json"); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(editor::isDirty) && Files.isRegularFile(teamFile), "the team file saved"); //$NON-NLS-1$
        List<Template> team = TemplateLibrary.load(teamFile).templates();
        assertEquals(1, team.size(), "only the edited template goes to the team file"); //$NON-NLS-1$
        assertEquals(original.id(), team.get(0).id());
        assertEquals(FIXED, team.get(0).text());
        assertEquals(original.examples(), team.get(0).examples(), "the rest of the template is kept"); //$NON-NLS-1$
        assertEquals(FIXED, TemplateLibrary.forArchive(archiveFolder).byId(original.id()).orElseThrow().text());

        workbench.waitUntil(() -> workbench.sync(() -> table.getItemCount() > 0 && table.getItem(0).getText(3)
                .equals(maraude.ui.templates.Messages.Editor_originOverride)), "the list to mark the team's copy"); //$NON-NLS-1$
        assertEquals(all, (int) workbench.sync(() -> TemplateLibrary.forArchive(archiveFolder).templates().size()),
                "the team's copy overrides the shipped template instead of doubling it"); //$NON-NLS-1$
        workbench.screenshot("template-editor-saved"); //$NON-NLS-1$
    }

    @Test
    @Order(2)
    void aMalformedSetIsRefusedWithItsLineAndNothingChanges() throws Exception {
        Path teamFile = archiveFolder.resolve("templates.json"); //$NON-NLS-1$
        // whether or not the other test saved a team copy first: whatever is there stays as it is
        byte[] before = Files.exists(teamFile) ? Files.readAllBytes(teamFile) : null;
        Path bad = Files.createTempDirectory("maraude-sets").resolve("bad-set.json"); //$NON-NLS-1$ //$NON-NLS-2$
        Files.writeString(bad, "{\"format\": \"maraude-templates\", \"version\": 1, \"templates\": [\n" //$NON-NLS-1$
                + "  {\"id\": \"x.one\", \"category\": \"nope\", \"language\": \"fr\", \"text\": \"Bonjour\", \"examples\": [\"salut\"]}\n" //$NON-NLS-1$
                + "]}\n"); //$NON-NLS-1$
        workbench.syncRun(() -> editor.importSet(bad));
        workbench.waitUntil(() -> workbench.sync(editor::statusText).contains(bad.getFileName().toString()),
                () -> "the refusal in the status line, got: " + workbench.sync(editor::statusText)); //$NON-NLS-1$
        String status = workbench.sync(editor::statusText);
        assertTrue(status.matches("(?s).*bad-set\\.json\\D+2\\D.*"), "names line 2: " + status); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(status.contains("nope"), status); //$NON-NLS-1$
        assertTrue(before == null ? !Files.exists(teamFile) : java.util.Arrays.equals(before, Files.readAllBytes(teamFile)),
                "the team file is untouched"); //$NON-NLS-1$
    }
}

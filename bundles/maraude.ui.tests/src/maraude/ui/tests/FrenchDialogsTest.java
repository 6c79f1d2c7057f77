package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import maraude.ui.dialogs.Dialogs;
import maraude.ui.preferences.Messages;

/**
 * A French workbench (the product's default, {@code -nl fr}) says "Annuler", "Oui", "Non" on its
 * dialogs, although the Eclipse language packs are not there: the first-start question, a
 * confirmation, a question. Runs in its own French runtime ({@code -Dosgi.nl=fr}, see the pom).
 */
class FrenchDialogsTest {

    private static WorkbenchDriver workbench;
    private static final List<String> firstStartButtons = new ArrayList<>();
    private static FirstStart firstStart;

    @BeforeAll
    static void start() throws Exception {
        // named in a -Dtest=... of the default (English) run: this test belongs to the French one
        org.junit.jupiter.api.Assumptions.assumeTrue("fr".equals(System.getProperty("osgi.nl")), "a French runtime"); //$NON-NLS-1$ //$NON-NLS-2$
        firstStart = FirstStart.answer("Inès", "OK", //$NON-NLS-1$ //$NON-NLS-2$
                ask -> firstStartButtons.addAll(buttonsAsked(ask)));
        workbench = firstStart.workbench;
    }

    /** The question's buttons, read on the UI thread of the workbench being started. */
    private static List<String> buttonsAsked(Shell ask) {
        AtomicReference<List<String>> read = new AtomicReference<>();
        ask.getDisplay().syncExec(() -> read.set(buttons(ask)));
        return read.get();
    }

    @AfterAll
    static void close() throws Exception {
        if (firstStart != null) {
            firstStart.close();
        }
    }

    @Test
    void theFirstStartQuestionSaysOkAndAnnuler() {
        assertEquals("Qui travaille sur ce poste\u00a0?", Messages.Worker_firstTitle, "a French runtime"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of("Annuler", "OK"), firstStartButtons); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void confirmationsAndQuestionsAreInFrench() {
        assertEquals(List.of("Annuler", "OK"), buttonsOf(shell -> Dialogs.confirm(shell, "Confirmer", "?"), "Confirmer")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(List.of("Non", "Oui"), buttonsOf(shell -> Dialogs.question(shell, "Supprimer", "?"), "Supprimer")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        assertEquals(List.of("Annuler", "OK"), //$NON-NLS-1$ //$NON-NLS-2$
                buttonsOf(shell -> Dialogs.input(shell, "Note", "?", "", null).open(), "Note")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    }

    /** Opens a dialog on the UI thread, reads its buttons' labels, closes it. */
    private static List<String> buttonsOf(java.util.function.Consumer<Shell> open, String title) {
        Shell main = workbench.mainShell();
        workbench.display().asyncExec(() -> open.accept(main));
        Shell dialog = workbench.shellTitled(title);
        List<String> labels = workbench.sync(() -> buttons(dialog));
        workbench.syncRun(dialog::close);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$
        return labels;
    }

    private static List<String> buttons(Control c) {
        AtomicReference<List<String>> all = new AtomicReference<>(new ArrayList<>());
        collect(c, all.get());
        assertTrue(!all.get().isEmpty(), "buttons"); //$NON-NLS-1$
        // GTK puts the default button last: the order is the platform's, the labels are ours
        all.get().sort(null);
        return all.get();
    }

    private static void collect(Control c, List<String> into) {
        if (c instanceof Button b) {
            into.add(b.getText());
        }
        if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                collect(child, into);
            }
        }
    }
}

package maraude.ui.tests;

import java.nio.file.Files;
import java.util.function.Consumer;

import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;

import maraude.ui.Workers;
import maraude.ui.preferences.Messages;
import maraude.ui.preferences.UiPreferences;

/**
 * A workbench's first start on a computer nobody used yet (no worker name set, the question asked),
 * answered with a name; {@link #close()} puts the worker settings back as the other tests expect
 * them (not asked, no saved name, the JVM's name property).
 */
final class FirstStart implements AutoCloseable {

    private final String workerProperty;
    final WorkbenchDriver workbench;

    private FirstStart(String workerProperty, WorkbenchDriver workbench) {
        this.workerProperty = workerProperty;
        this.workbench = workbench;
    }

    /**
     * Starts on a new empty archive; when the question shows, {@code asked} sees it, then the name
     * is typed and {@code ok} (the OK button's label) pressed.
     */
    static FirstStart answer(String name, String ok, Consumer<Shell> asked) throws Exception {
        String workerProperty = System.getProperty(Workers.PROPERTY);
        System.clearProperty(Workers.PROPERTY);
        UiPreferences.put(UiPreferences.WORKER, null);
        System.setProperty(UiPreferences.ASK_WORKER_PROPERTY, "true"); //$NON-NLS-1$
        try {
            WorkbenchDriver workbench = WorkbenchDriver.start(Files.createTempDirectory("maraude-first-start"), d -> { //$NON-NLS-1$
                Shell ask = d.shellTitled(Messages.Worker_firstTitle);
                asked.accept(ask);
                Text field = d.first(ask, Text.class);
                d.syncRun(() -> field.setText(name));
                d.press(ask, ok);
                d.waitUntil(() -> d.sync(ask::isDisposed), "the question to close"); //$NON-NLS-1$
            });
            return new FirstStart(workerProperty, workbench);
        } catch (Exception | Error e) {
            restore(workerProperty);
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try {
            restore(workerProperty);
        } finally {
            workbench.close();
        }
    }

    private static void restore(String workerProperty) throws Exception {
        System.setProperty(UiPreferences.ASK_WORKER_PROPERTY, "false"); //$NON-NLS-1$
        if (workerProperty != null) {
            System.setProperty(Workers.PROPERTY, workerProperty);
        }
        UiPreferences.put(UiPreferences.WORKER, null);
    }
}

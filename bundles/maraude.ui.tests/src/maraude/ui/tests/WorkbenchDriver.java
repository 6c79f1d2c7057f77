package maraude.ui.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import org.eclipse.core.runtime.IConfigurationElement;
import org.eclipse.core.runtime.IExtension;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.IWorkbench;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.e4.core.di.suppliers.ExtendedObjectSupplier;
import org.eclipse.e4.core.di.suppliers.IObjectDescriptor;
import org.eclipse.e4.core.di.suppliers.IRequestor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import maraude.ui.WidgetIds;

/**
 * Runs the real Maraude workbench (the product's E4Application, its model, lifecycle and CSS) on a
 * UI thread of its own, and lets a test drive it from the test thread the way SWTBot does: find
 * widgets by their {@link WidgetIds}, post real key events through the X server, wait for
 * conditions with a deadline.
 */
public final class WorkbenchDriver {

    private static final long TIMEOUT_MS = 60_000;

    private final Thread uiThread;
    private final CountDownLatch ended = new CountDownLatch(1);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private volatile Display display;
    private IWorkbench workbench;

    private WorkbenchDriver() {
        uiThread = new Thread(this::runWorkbench, "maraude-workbench-ui"); //$NON-NLS-1$
    }

    /** Whether a workbench already ran in this JVM (test classes each start their own). */
    private static boolean ranBefore;

    /** Starts the workbench on {@code archive} and waits for its window. */
    public static WorkbenchDriver start(Path archive) throws Exception {
        return start(archive, d -> {
        });
    }

    /**
     * Starts the workbench on {@code archive}; {@code beforeWindow} runs on the test thread while the
     * workbench starts, to answer what it asks before its window (the passphrase of a protected archive).
     */
    public static WorkbenchDriver start(Path archive, java.util.function.Consumer<WorkbenchDriver> beforeWindow)
            throws Exception {
        System.setProperty("maraude.archive", archive.toString()); //$NON-NLS-1$
        TestArchives.fixClock();
        if (ranBefore) {
            forgetInjectionSuppliers();
        }
        ranBefore = true;
        WorkbenchDriver driver = new WorkbenchDriver();
        driver.uiThread.setDaemon(true);
        driver.uiThread.start();
        while (driver.display == null) {
            Thread.sleep(20);
        }
        beforeWindow.accept(driver);
        driver.awaitWorkbench();
        return driver;
    }

    /**
     * e4 caches its extended object suppliers (those of {@code @UIEventTopic}, {@code @Preference}…)
     * in a static map, injected once with the first workbench's context: a second workbench in the
     * same JVM would deliver UI events through the first one's disposed display, i.e. never. Any
     * change to an {@link ExtendedObjectSupplier} service clears that map, so one is registered and
     * withdrawn at once.
     */
    private static void forgetInjectionSuppliers() {
        BundleContext bc = FrameworkUtil.getBundle(WorkbenchDriver.class).getBundleContext();
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ExtendedObjectSupplier.SERVICE_CONTEXT_KEY, "maraude.ui.tests.none"); //$NON-NLS-1$
        ServiceRegistration<ExtendedObjectSupplier> reg = bc.registerService(ExtendedObjectSupplier.class,
                new ExtendedObjectSupplier() {
                    @Override
                    public Object get(IObjectDescriptor descriptor, IRequestor requestor, boolean track, boolean group) {
                        return null;
                    }
                }, props);
        reg.unregister();
    }

    private void runWorkbench() {
        try {
            display = Display.getDefault();
            workbenchApplication().start(new TestApplicationContext());
        } catch (Throwable t) {
            failure.set(t);
        } finally {
            ended.countDown();
            if (display != null && !display.isDisposed()) {
                display.dispose();
            }
        }
    }

    /** The product's application, created from its extension as the Equinox launcher does. */
    private static IApplication workbenchApplication() throws Exception {
        IExtension app = Platform.getExtensionRegistry().getExtension("org.eclipse.core.runtime.applications", //$NON-NLS-1$
                "org.eclipse.e4.ui.workbench.swt.E4Application"); //$NON-NLS-1$
        for (IConfigurationElement e : app.getConfigurationElements()) {
            for (IConfigurationElement run : e.getChildren("run")) { //$NON-NLS-1$
                return (IApplication) run.createExecutableExtension("class"); //$NON-NLS-1$
            }
        }
        throw new AssertionError("no E4Application extension"); //$NON-NLS-1$
    }

    private void awaitWorkbench() throws Exception {
        Bundle bundle = FrameworkUtil.getBundle(WorkbenchDriver.class);
        ServiceTracker<IWorkbench, IWorkbench> tracker = new ServiceTracker<>(bundle.getBundleContext(), IWorkbench.class, null);
        tracker.open();
        try {
            long deadline = System.currentTimeMillis() + TIMEOUT_MS;
            while ((workbench = tracker.getService()) == null) {
                if (ended.getCount() == 0 || System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the workbench did not start", failure.get()); //$NON-NLS-1$
                }
                Thread.sleep(50);
            }
        } finally {
            tracker.close();
        }
        waitUntil(() -> sync(() -> mainShell() != null && mainShell().isVisible()), "the main window to show"); //$NON-NLS-1$
    }

    /** The time on the workbench's clock (the one in its context: it started at {@link TestArchives#now()}). */
    public java.time.Instant now() {
        return sync(() -> application().getContext().get(java.time.Clock.class).instant());
    }

    /** The main window's shell (the renderer also keeps hidden shells of its own). */
    public Shell mainShell() {
        return sync(() -> {
            if (application().getChildren().isEmpty()) {
                return null;
            }
            Object widget = application().getChildren().get(0).getWidget();
            return widget instanceof Shell shell && !shell.isDisposed() ? shell : null;
        });
    }

    public Display display() {
        return display;
    }

    public MApplication application() {
        return workbench.getApplication();
    }

    /** Runs on the UI thread and returns the result; exceptions reach the test. */
    public <T> T sync(Callable<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Throwable> error = new AtomicReference<>();
        display.syncExec(() -> {
            try {
                result.set(work.call());
            } catch (Throwable e) {
                error.set(e);
            }
        });
        if (error.get() instanceof AssertionError a) {
            throw a;
        }
        if (error.get() != null) {
            throw new AssertionError(error.get());
        }
        return result.get();
    }

    public void syncRun(Runnable work) {
        sync(() -> {
            work.run();
            return null;
        });
    }

    /** Waits (never on the UI thread) until the condition holds. */
    public void waitUntil(BooleanSupplier condition, String what) {
        waitUntil(condition, () -> what);
    }

    /** Waits until the condition holds; {@code what} describes the state when it times out. */
    public void waitUntil(BooleanSupplier condition, java.util.function.Supplier<String> what) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("timed out waiting for " + what.get()); //$NON-NLS-1$
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** The model part with this id, or an assertion error. */
    public MPart part(String id) {
        return sync(() -> {
            EModelService models = application().getContext().get(EModelService.class);
            MPart part = (MPart) models.find(id, application());
            if (part == null) {
                throw new AssertionError("no part " + id); //$NON-NLS-1$
            }
            return part;
        });
    }

    /** Executes a command as its menu item or key would, without waiting (its dialog may be modal). */
    public void executeCommand(String commandId) {
        display.asyncExec(() -> {
            org.eclipse.e4.core.contexts.IEclipseContext ctx = application().getChildren().get(0).getContext();
            org.eclipse.e4.core.commands.ECommandService commands = ctx.get(org.eclipse.e4.core.commands.ECommandService.class);
            org.eclipse.e4.core.commands.EHandlerService handlers = ctx.get(org.eclipse.e4.core.commands.EHandlerService.class);
            handlers.executeHandler(commands.createCommand(commandId, null));
        });
    }

    /** Waits for a shell with this title (a dialog) and returns it. */
    public Shell shellTitled(String title) {
        AtomicReference<Shell> found = new AtomicReference<>();
        waitUntil(() -> {
            found.set(sync(() -> {
                for (Shell s : display.getShells()) {
                    if (!s.isDisposed() && s.isVisible() && title.equals(s.getText())) {
                        return s;
                    }
                }
                return null;
            }));
            return found.get() != null;
        }, "a window titled " + title); //$NON-NLS-1$
        return found.get();
    }

    /** The first control of this type in a shell (dialogs of JFace whose widgets we do not tag). */
    @SuppressWarnings("unchecked")
    public <W extends Control> W first(Shell shell, Class<W> type) {
        return (W) sync(() -> firstOf(shell, type));
    }

    private static Control firstOf(Control c, Class<?> type) {
        if (type.isInstance(c)) {
            return c;
        }
        if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Control f = firstOf(child, type);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    /** Types a passphrase into the dialog titled {@code title}, presses OK and waits for the dialog to close. */
    public void answerPassphrase(String title, String passphrase) {
        Shell dialog = shellTitled(title);
        org.eclipse.swt.widgets.Text field = widget(maraude.ui.WidgetIds.PASSPHRASE);
        syncRun(() -> field.setText(passphrase));
        org.eclipse.swt.widgets.Button ok = widget(maraude.ui.WidgetIds.PASSPHRASE_OK);
        syncRun(() -> ok.notifyListeners(SWT.Selection, new Event()));
        waitUntil(() -> sync(dialog::isDisposed), "the passphrase dialog to close"); //$NON-NLS-1$
    }

    /** Types a query in the search part (Ctrl+F shows it) and waits until the hit count starts with {@code expectedCount}. */
    public void searchAndWait(String word, String expectedCount) {
        executeCommand("maraude.command.focussearch"); //$NON-NLS-1$
        org.eclipse.swt.widgets.Text query = widget(maraude.ui.WidgetIds.SEARCH_TEXT);
        org.eclipse.swt.widgets.Label count = widget(maraude.ui.WidgetIds.SEARCH_COUNT);
        syncRun(() -> query.setText("")); //$NON-NLS-1$
        syncRun(() -> query.setText(word));
        waitUntil(() -> sync(count::getText).startsWith(expectedCount),
                () -> "the search to say " + expectedCount + ", not " + sync(count::getText)); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** The texts of every label under a control, joined (the question of a MessageDialog is one of them). */
    public static String labels(Control c) {
        if (c instanceof org.eclipse.swt.widgets.Label l) {
            return l.getText();
        }
        StringBuilder b = new StringBuilder();
        if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                b.append(labels(child));
            }
        }
        return b.toString();
    }

    /** Presses the button labelled {@code label} in a dialog shell. */
    public void press(Shell shell, String label) {
        syncRun(() -> {
            org.eclipse.swt.widgets.Button b = findButton(shell, label);
            if (b == null) {
                throw new AssertionError("no button " + label); //$NON-NLS-1$
            }
            b.notifyListeners(SWT.Selection, new Event());
        });
    }

    private static org.eclipse.swt.widgets.Button findButton(Control c, String label) {
        if (c instanceof org.eclipse.swt.widgets.Button b && label.equals(b.getText())) {
            return b;
        }
        if (c instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                org.eclipse.swt.widgets.Button f = findButton(child, label);
                if (f != null) {
                    return f;
                }
            }
        }
        return null;
    }

    /** Switches to a perspective and brings a part of it forward; returns the part's object once rendered. */
    public Object showPart(String perspectiveId, String partId) {
        syncRun(() -> {
            EModelService models = application().getContext().get(EModelService.class);
            EPartService parts = application().getContext().get(EPartService.class);
            MPerspective perspective = (MPerspective) models.find(perspectiveId, application());
            parts.switchPerspective(perspective);
            parts.showPart(partId, EPartService.PartState.ACTIVATE);
        });
        MPart part = part(partId);
        waitUntil(() -> sync(part::getObject) != null, "part " + partId + " to render"); //$NON-NLS-1$ //$NON-NLS-2$
        return sync(part::getObject);
    }

    /** The widget tagged {@code id} in any shell, waiting for parts that render lazily. */
    @SuppressWarnings("unchecked")
    public <W extends Control> W widget(String id) {
        AtomicReference<Control> found = new AtomicReference<>();
        waitUntil(() -> {
            found.set(sync(() -> {
                for (Shell shell : display.getShells()) {
                    Control c = find(shell, id);
                    if (c != null && !c.isDisposed()) {
                        return c;
                    }
                }
                return null;
            }));
            return found.get() != null;
        }, "widget " + id); //$NON-NLS-1$
        return (W) found.get();
    }

    private static Control find(Control control, String id) {
        if (id.equals(control.getData(WidgetIds.KEY))) {
            return control;
        }
        if (control instanceof Composite composite) {
            for (Control child : composite.getChildren()) {
                Control found = find(child, id);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Gives the shell the keyboard: Xvfb runs no window manager, so the pointer is also moved over
     * the shell (X sends keys to the window under the pointer when no window has the focus).
     */
    public void focus(Shell shell) {
        syncRun(() -> {
            Rectangle b = shell.getBounds();
            Event move = new Event();
            move.type = SWT.MouseMove;
            move.x = b.x + b.width / 2;
            move.y = b.y + b.height / 2;
            display.post(move);
            shell.forceActive();
            shell.setFocus();
        });
        flush();
    }

    /** Types text through the X server into the focused control, as a person would. */
    public void type(String text) {
        for (char c : text.toCharArray()) {
            key(c, 0, 0);
        }
    }

    /** Posts one key press and release; {@code keyCode} for special keys (SWT.CR, SWT.ARROW_DOWN). */
    public void key(char character, int keyCode, int modifiers) {
        if (modifiers != 0) {
            post(SWT.KeyDown, (char) 0, modifiers);
        }
        Event down = new Event();
        down.type = SWT.KeyDown;
        down.character = character;
        down.keyCode = keyCode != 0 ? keyCode : character;
        display.syncExec(() -> display.post(down));
        Event up = new Event();
        up.type = SWT.KeyUp;
        up.character = character;
        up.keyCode = down.keyCode;
        display.syncExec(() -> display.post(up));
        if (modifiers != 0) {
            post(SWT.KeyUp, (char) 0, modifiers);
        }
        flush();
    }

    private void post(int type, char character, int keyCode) {
        Event e = new Event();
        e.type = type;
        e.character = character;
        e.keyCode = keyCode;
        display.syncExec(() -> display.post(e));
    }

    /**
     * Lets pending events run: three round trips through the UI thread's own event loop. It never
     * dispatches events itself inside a {@code syncExec}: an event that opens a modal dialog (a
     * confirmation asked from a job) would then run that dialog's loop inside this call, and the test,
     * blocked here, could never press its button.
     */
    public void flush() {
        for (int i = 0; i < 3; i++) {
            display.syncExec(() -> {
                // a barrier: the UI thread got here after what was queued before
            });
        }
    }

    /** Saves a PNG of the whole screen under target/screenshots, for people reading a failed run. */
    public Path screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("maraude.screenshots", "target/screenshots")); //$NON-NLS-1$ //$NON-NLS-2$
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png"); //$NON-NLS-1$
        syncRun(() -> {
            Rectangle bounds = display.getBounds();
            Image image = new Image(display, bounds.width, bounds.height);
            GC gc = new GC(display);
            try {
                gc.copyArea(image, 0, 0);
                ImageLoader loader = new ImageLoader();
                loader.data = new ImageData[] { image.getImageData() };
                loader.save(file.toString(), SWT.IMAGE_PNG);
            } finally {
                gc.dispose();
                image.dispose();
            }
        });
        return file;
    }

    /** Closes the workbench (as Quit does) and waits for the UI thread to end. */
    /**
     * Closes the workbench and drops every archive key it held, so that the next test class starts
     * as on a new computer whatever ran before it.
     */
    public void close() throws InterruptedException {
        try {
            if (display != null && !display.isDisposed()) {
                display.asyncExec(() -> workbench.close());
            }
            if (!ended.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("the workbench did not close"); //$NON-NLS-1$
            }
        } finally {
            maraude.archive.crypto.Keyring.shared().lock();
        }
    }

    /** What the launcher and the product extension give E4Application in the real product. */
    private static final class TestApplicationContext implements IApplicationContext {
        private final Map<String, String> branding = Map.of(
                "applicationXMI", "maraude.ui/Application.e4xmi", //$NON-NLS-1$ //$NON-NLS-2$
                "lifeCycleURI", "bundleclass://maraude.ui/maraude.ui.lifecycle.ArchiveLifeCycle", //$NON-NLS-1$ //$NON-NLS-2$
                "applicationCSS", "platform:/plugin/maraude.ui/css/maraude.css", //$NON-NLS-1$ //$NON-NLS-2$
                "appName", "Maraude"); //$NON-NLS-1$ //$NON-NLS-2$

        @Override
        public Map<String, Object> getArguments() {
            Map<String, Object> args = new HashMap<>();
            args.put(APPLICATION_ARGS, new String[] { "-clearPersistedState", "-persistState", "false" }); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            return args;
        }

        @Override
        public void applicationRunning() {
            // no splash screen to take down
        }

        @Override
        public String getBrandingApplication() {
            return "org.eclipse.e4.ui.workbench.swt.E4Application"; //$NON-NLS-1$
        }

        @Override
        public String getBrandingName() {
            return "Maraude"; //$NON-NLS-1$
        }

        @Override
        public String getBrandingDescription() {
            return "Maraude"; //$NON-NLS-1$
        }

        @Override
        public String getBrandingId() {
            return "maraude.ui.product"; //$NON-NLS-1$
        }

        @Override
        public String getBrandingProperty(String key) {
            return branding.get(key);
        }

        @Override
        public Bundle getBrandingBundle() {
            return FrameworkUtil.getBundle(maraude.ui.Messages.class);
        }

        @Override
        public void setResult(Object result, IApplication application) {
            // the test reads state from the widgets instead
        }
    }
}

package maraude.ui.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.sources.SourceKind;
import maraude.sources.SourceScheduler;
import maraude.sources.SourceState;
import maraude.sources.SourceStatus;
import maraude.sources.web.WebInboxPuller;
import maraude.ui.ArchiveEvents;
import maraude.ui.Formats;
import maraude.ui.JobFamilies;
import maraude.ui.WidgetIds;
import maraude.ui.dialogs.Dialogs;
import maraude.ui.model.SourcesController;

/**
 * The sources of the archive ({@code sources.json}): last and next pull, state and last error,
 * overdue / failing / at-risk sources in colour. It only shows: the pulls ("Pull now" and the
 * background check of due sources) belong to the application's {@link SourcePulls}, which runs
 * whether this view was ever opened or not.
 */
public class SourcesPart {

    public static final String ID = "maraude.part.sources"; //$NON-NLS-1$

    private static final int COL_STATE = 5;
    /** Seconds between two background checks of due sources, for tests (see {@link SourcePulls#CHECK_SECONDS}). */
    public static final String CHECK_SECONDS = SourcePulls.CHECK_SECONDS;

    @Inject
    private UISynchronize sync;
    @Inject
    private SourcePulls pulls;
    /** Re-injected when the session reopens the archive after a lock. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    private volatile Archive archive;

    private Label status;
    private Table table;
    private Button pull;
    private Button addFolder;
    private Button addWebInbox;
    private Button remove;
    private Color overdueColour;
    private Color failingColour;
    private Color atRiskColour;
    private volatile List<SourceStatus> rows = List.of();
    /** What the view shows and does; the secrets go to secure storage, opened on first use. */
    private final SourcesController controller = new SourcesController(() -> pulls.scheduler(),
            maraude.sources.SecureStorageCredentialStore.lazyDefault(), Formats::dateTime);

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        status = WidgetIds.tag(new Label(parent, SWT.WRAP), WidgetIds.SOURCES_STATUS);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        status.setText(Messages.Sources_loading);
        table = WidgetIds.tag(new Table(parent, SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER), WidgetIds.SOURCES_TABLE);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        column(Messages.Sources_colId, 120);
        column(Messages.Sources_colKind, 120);
        column(Messages.Sources_colPlatform, 80);
        column(Messages.Sources_colLastPull, 120);
        column(Messages.Sources_colNextPull, 160);
        column(Messages.Sources_colState, 140);
        column(Messages.Sources_colError, 300);
        overdueColour = new Color(255, 236, 210);
        failingColour = new Color(255, 215, 215);
        atRiskColour = new Color(255, 248, 200);
        table.addListener(SWT.Selection, e -> updateButtons());
        table.addListener(SWT.DefaultSelection, e -> pullSelected());

        Composite buttons = new Composite(parent, SWT.NONE);
        buttons.setLayout(new GridLayout(4, false));
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.BOTTOM, true, false));
        pull = button(buttons, Messages.Sources_pullNow, WidgetIds.SOURCES_PULL);
        pull.addListener(SWT.Selection, e -> pullSelected());
        addFolder = button(buttons, Messages.Sources_addFolder, WidgetIds.SOURCES_ADD_FOLDER);
        addFolder.addListener(SWT.Selection, e -> {
            DirectoryDialog d = new DirectoryDialog(table.getShell());
            d.setMessage(Messages.Sources_addFolderMessage);
            String folder = d.open();
            if (folder != null) {
                addWatchedFolder(Path.of(folder));
            }
        });
        addWebInbox = button(buttons, Messages.Sources_addWebInbox, WidgetIds.SOURCES_ADD_WEB_INBOX);
        addWebInbox.addListener(SWT.Selection, e -> openWebInboxDialog());
        remove = button(buttons, Messages.Sources_remove, WidgetIds.SOURCES_REMOVE);
        remove.addListener(SWT.Selection, e -> removeSelected());
        parent.addDisposeListener(e -> {
            overdueColour.dispose();
            failingColour.dispose();
            atRiskColour.dispose();
        });
        updateButtons();
        reload();
    }

    private void column(String title, int width) {
        TableColumn c = new TableColumn(table, SWT.LEFT);
        c.setText(title);
        c.setWidth(width);
    }

    private static Button button(Composite parent, String text, String id) {
        Button b = WidgetIds.tag(new Button(parent, SWT.PUSH), id);
        b.setText(text);
        return b;
    }

    private boolean writable() {
        return pulls.writable();
    }

    private SourceScheduler scheduler() throws IOException {
        return pulls.scheduler();
    }

    /** Reads {@code sources.json} again (the CLI may have changed it) and shows it. */
    private void reload() {
        Job job = job(Messages.Sources_loading, () -> show(controller.load()));
        job.setSystem(true);
        job.schedule();
    }

    private void show(SourcesController.Listing listing) {
        show(listing.sources(), listing.message());
    }

    private void show(List<SourceStatus> list, String message) {
        sync.asyncExec(() -> {
            if (table.isDisposed()) {
                return;
            }
            String selected = selectedId();
            rows = list;
            table.removeAll();
            int keep = -1;
            for (SourceStatus st : list) {
                TableItem item = new TableItem(table, SWT.NONE);
                fill(item, st);
                if (st.source().id().equals(selected)) {
                    keep = table.getItemCount() - 1;
                }
            }
            if (keep >= 0) {
                table.setSelection(keep);
            }
            Archive a = archive;
            status.setText(message != null ? message
                    : SourcesController.summary(list, a == null || a.accessMode() == AccessMode.READ_WRITE,
                            pulls.lastOutcome()));
            status.getParent().layout(true);
            updateButtons();
        });
    }

    private void fill(TableItem item, SourceStatus st) {
        SourcesController.Row row = controller.row(st);
        item.setText(row.columns().toArray(String[]::new));
        switch (row.emphasis()) {
        case FAILING -> {
            item.setBackground(failingColour);
            item.setForeground(COL_STATE, table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
        case OVERDUE -> item.setBackground(overdueColour);
        case AT_RISK -> item.setBackground(atRiskColour);
        case NONE -> {
            // the table's colours
        }
        }
    }

    /** The state as the table shows it (localised). */
    public static String stateText(SourceState state) {
        return SourcesController.stateText(state);
    }

    private String selectedId() {
        int i = table.getSelectionIndex();
        List<SourceStatus> r = rows;
        return i < 0 || i >= r.size() ? null : r.get(i).source().id();
    }

    private void updateButtons() {
        boolean w = writable();
        boolean sel = selectedId() != null;
        pull.setEnabled(w && sel);
        remove.setEnabled(w && sel);
        addFolder.setEnabled(w);
        addWebInbox.setEnabled(w);
    }

    /** "Pull now": the selected source, whatever its schedule, in a user job that can be cancelled. */
    public void pullSelected() {
        String id = selectedId();
        if (id == null || !writable()) {
            return;
        }
        pulls.pullNow(id);
    }

    /** A pull or a background check did something: the table and the outcome line follow. */
    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void pulled(@UIEventTopic(SourcePulls.PULLED) Object ignored) {
        if (table != null && !table.isDisposed()) {
            reload();
        }
    }

    /** DirectoryDialog's answer (tests call it with a path): a watched folder source on it. */
    public void addWatchedFolder(Path folder) {
        if (!writable()) {
            return;
        }
        job(Messages.Sources_loading, () -> show(controller.addWatchedFolder(folder, rows))).schedule();
    }

    /** "Add a platform inbox…": the dialog, then {@link #addWebInbox} with what it confirmed. */
    private void openWebInboxDialog() {
        Archive a = archive;
        if (!writable() || a == null) {
            return;
        }
        String defaultId;
        List<String> taken;
        try {
            SourceScheduler s = scheduler();
            s.store().reload();
            defaultId = s.store().newId(SourceKind.WEB_INBOX);
            taken = s.store().ids();
        } catch (IOException | RuntimeException e) {
            status.setText(NLS.bind(Messages.Sources_unreadable, e.getMessage()));
            return;
        }
        WebInboxDialog d = new WebInboxDialog(table.getShell(), defaultId, taken,
                List.of(a.location().resolve(WebInboxPuller.PROFILES_DIR)));
        if (d.open() == org.eclipse.jface.window.Window.OK && d.result() != null) {
            addWebInbox(d.result());
        }
    }

    /**
     * What {@code sources add web_inbox} then {@code sources login} do: the secret to the credential
     * store (secure storage) first, then the source, without any secret, to {@code sources.json}. A
     * secret that cannot be stored adds no source, so that no inbox is left that can never log in.
     */
    public void addWebInbox(WebInboxDialog.Result r) {
        if (!writable()) {
            return;
        }
        job(Messages.Sources_loading, () -> show(controller.addWebInbox(r, rows))).schedule();
    }

    private void removeSelected() {
        String id = selectedId();
        if (id == null || !writable()
                || !Dialogs.confirm(table.getShell(), Messages.Sources_removeTitle,
                        NLS.bind(Messages.Sources_removeConfirm, id))) {
            return;
        }
        job(Messages.Sources_loading, () -> show(controller.remove(id, rows))).schedule();
    }

    private Job job(String name, Runnable work) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                work.run();
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.SOURCES_VIEW);
            }
        };
        job.setSystem(true);
        return job;
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        if (table != null && !table.isDisposed()) {
            reload();
        }
    }

    @Inject
    @org.eclipse.e4.core.di.annotations.Optional
    void locked(@UIEventTopic(ArchiveEvents.LOCKED) Object ignored) {
        if (table != null && !table.isDisposed()) {
            rows = List.of();
            table.removeAll();
            updateButtons();
        }
    }

    /** Rows shown, for tests. */
    public List<SourceStatus> rows() {
        return rows;
    }

    @Focus
    void focus() {
        table.setFocus();
    }
}

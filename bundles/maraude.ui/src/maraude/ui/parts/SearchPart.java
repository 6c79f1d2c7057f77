package maraude.ui.parts;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.UIEventTopic;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;

import maraude.core.archive.Archive;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Platform;
import maraude.images.ImageServices;
import maraude.ui.ArchiveEvents;
import maraude.ui.Formats;
import maraude.ui.JobFamilies;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;
import maraude.ui.conversation.ListThumbnails;

/**
 * Search of past exchanges, as you type: the query runs in a job a moment after the last key, the
 * newest query wins, hits fill a virtual table; Enter opens the conversation at the hit. A hit
 * carrying a picture shows it as a small blurred thumbnail in the first column (no reveal in lists).
 */
public class SearchPart {

    public static final String ID = "maraude.part.search"; //$NON-NLS-1$
    private static final int TYPING_DELAY_MS = 200;
    private static final int PAGE = 500;

    @Inject
    private Archive archive;
    @Inject
    private UISynchronize sync;
    @Inject
    private ImageServices imageServices;
    @Inject
    private IEventBroker broker;
    @Inject
    private EPartService partService;
    /** The workbench's one clock ({@link maraude.ui.Clocks}). */
    @Inject
    @Optional
    private java.time.Clock clock;

    private Text query;
    private Combo platform;
    private Combo sort;
    private Combo period;
    private Label count;
    private Label facets;
    private Table table;
    private ListThumbnails thumbnails;
    private List<SearchHit> hits = List.of();
    private long generation;
    private final Runnable runLater = this::runSearch;

    /** The query box is never narrower than this (a 1366 px screen gives the part about 450). */
    public static final int MIN_QUERY_WIDTH = 250;
    private static final int MAX_CONTACT_WIDTH = 200;
    /** The snippet is never narrower than this (a horizontal scroll bar then shows the rest). */
    public static final int MIN_SNIPPET_WIDTH = 120;
    private static final int MIN_CONTACT_WIDTH = 80;
    /** Room for the cell's margins and the header's sort arrow. */
    private static final int CELL_PADDING = 16;
    private static final int MEASURED_ROWS = 200;

    @PostConstruct
    void create(Composite parent) {
        // The query on a row of its own, as wide as the part (at least 250 px): filters below it.
        parent.setLayout(new GridLayout(3, false));
        query = WidgetIds.tag(new Text(parent, SWT.SEARCH | SWT.ICON_SEARCH | SWT.ICON_CANCEL | SWT.BORDER),
                WidgetIds.SEARCH_TEXT);
        query.setMessage(Messages.Search_prompt);
        GridData queryData = new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1);
        queryData.minimumWidth = MIN_QUERY_WIDTH;
        queryData.widthHint = MIN_QUERY_WIDTH;
        query.setLayoutData(queryData);
        platform = WidgetIds.tag(new Combo(parent, SWT.READ_ONLY), WidgetIds.SEARCH_PLATFORM);
        platform.add(Messages.Search_allPlatforms);
        for (Platform p : Platform.values()) {
            platform.add(p.key());
        }
        platform.select(0);
        sort = WidgetIds.tag(new Combo(parent, SWT.READ_ONLY), WidgetIds.SEARCH_SORT);
        sort.setItems(Messages.Search_sortRelevance, Messages.Search_sortNewest, Messages.Search_sortOldest);
        sort.select(0);
        period = WidgetIds.tag(new Combo(parent, SWT.READ_ONLY), WidgetIds.SEARCH_PERIOD);
        period.setItems(Messages.Search_anyTime, Messages.Search_last7, Messages.Search_last30, Messages.Search_last365);
        period.select(0);
        count = WidgetIds.tag(new Label(parent, SWT.NONE), WidgetIds.SEARCH_COUNT);
        count.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, false, false, 1, 1));
        facets = WidgetIds.tag(new Label(parent, SWT.NONE), WidgetIds.SEARCH_FACETS);
        facets.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        table = WidgetIds.tag(new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER),
                WidgetIds.SEARCH_TABLE);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        table.setHeaderVisible(true);
        ListThumbnails.column(table);
        thumbnails = ListThumbnails.attach(table, 0, () -> archive, imageServices, ListThumbnails.MESSAGE);
        column(Messages.Search_colDate, 120);
        column(Messages.Search_colPlatform, 80);
        column(Messages.Search_colContact, 120);
        column(Messages.Search_colSnippet, 400);
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));
        table.addListener(SWT.Resize, e -> fitColumns(false));
        table.addListener(SWT.DefaultSelection, e -> openSelected());

        query.addModifyListener(e -> schedule());
        query.addListener(SWT.DefaultSelection, e -> {
            if (table.getItemCount() > 0) {
                if (table.getSelectionIndex() < 0) {
                    table.select(0);
                }
                openSelected();
            }
        });
        query.addListener(SWT.KeyDown, e -> {
            if (e.keyCode == SWT.ARROW_DOWN && table.getItemCount() > 0) {
                table.setFocus();
                table.select(Math.max(0, table.getSelectionIndex()));
            }
        });
        platform.addListener(SWT.Selection, e -> schedule());
        sort.addListener(SWT.Selection, e -> schedule());
        period.addListener(SWT.Selection, e -> schedule());
    }

    /**
     * Date, platform and contact as wide as their header and the texts of the first hits (measured,
     * the table being virtual), the contact giving way first in a narrow part; the snippet takes
     * the rest of the table's width.
     */
    private void fitColumns(boolean measure) {
        if (table.isDisposed() || table.getColumnCount() < 5) {
            return;
        }
        TableColumn[] cols = table.getColumns();
        if (measure) {
            int[] widths = new int[4];
            GC gc = new GC(table);
            try {
                for (int i = 1; i <= 3; i++) {
                    widths[i] = gc.textExtent(cols[i].getText()).x;
                }
                List<SearchHit> shown = hits;
                for (int r = 0; r < Math.min(MEASURED_ROWS, shown.size()); r++) {
                    SearchHit h = shown.get(r);
                    widths[1] = Math.max(widths[1], gc.textExtent(Formats.dateTime(h.instant())).x);
                    widths[2] = Math.max(widths[2], gc.textExtent(h.platform().key()).x);
                    widths[3] = Math.max(widths[3], gc.textExtent(h.contactName() == null ? "" : h.contactName()).x); //$NON-NLS-1$
                }
            } finally {
                gc.dispose();
            }
            for (int i = 1; i <= 3; i++) {
                cols[i].setWidth(widths[i] + CELL_PADDING);
            }
            int room = table.getClientArea().width - cols[0].getWidth() - cols[1].getWidth() - cols[2].getWidth()
                    - MIN_SNIPPET_WIDTH;
            int contact = Math.min(cols[3].getWidth(), Math.max(room, MIN_CONTACT_WIDTH));
            cols[3].setWidth(Math.min(contact, MAX_CONTACT_WIDTH));
        }
        int used = 0;
        for (int i = 0; i < 4; i++) {
            used += cols[i].getWidth();
        }
        cols[4].setWidth(Math.max(MIN_SNIPPET_WIDTH, table.getClientArea().width - used));
    }

    private void column(String title, int width) {
        TableColumn c = new TableColumn(table, SWT.LEFT);
        c.setText(title);
        c.setWidth(width);
    }

    private void fill(TableItem item, int index) {
        if (index < 0 || index >= hits.size()) {
            return;
        }
        SearchHit h = hits.get(index);
        item.setText(new String[] { "", Formats.dateTime(h.instant()), h.platform().key(), h.contactName(), //$NON-NLS-1$
                h.snippet().replace("[[", "").replace("]]", "").replaceAll("\\s+", " ") }); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        thumbnails.show(item, h.conversationId() + '\n' + h.messageId());
    }

    /** The thumbnails column, for tests. */
    public ListThumbnails thumbnails() {
        return thumbnails;
    }

    /** Hits shown, for tests. */
    public List<SearchHit> hits() {
        return hits;
    }

    @Inject
    @Optional
    void locked(@UIEventTopic(ArchiveEvents.LOCKED) Object ignored) {
        if (thumbnails != null && !table.isDisposed()) {
            thumbnails.clear(); // no picture of a locked archive stays in memory
        }
    }

    private void schedule() {
        query.getDisplay().timerExec(-1, runLater);
        query.getDisplay().timerExec(TYPING_DELAY_MS, runLater);
    }

    private void runSearch() {
        if (query.isDisposed()) {
            return;
        }
        String text = query.getText().strip();
        long mine = ++generation;
        if (text.isEmpty()) {
            show(mine, null, null);
            return;
        }
        Set<Platform> platforms = platform.getSelectionIndex() <= 0 ? Set.of()
                : Set.of(Platform.fromKey(platform.getItem(platform.getSelectionIndex())));
        SearchQuery.Sort order = SearchQuery.Sort.values()[Math.max(0, sort.getSelectionIndex())];
        int[] days = { 0, 7, 30, 365 };
        int d = days[Math.max(0, period.getSelectionIndex())];
        java.time.Instant from = d == 0 ? null : maraude.ui.Clocks.now(clock).minus(java.time.Duration.ofDays(d));
        SearchQuery q = new SearchQuery(text, platforms, null, null, null, from, null, order, 0, PAGE);
        Job job = new Job(Messages.Search_running) {
            @Override
            protected IStatus run(org.eclipse.core.runtime.IProgressMonitor monitor) {
                try {
                    SearchResults r = archive.search(q);
                    sync.asyncExec(() -> show(mine, r, null));
                } catch (RuntimeException e) {
                    sync.asyncExec(() -> show(mine, null, e.getMessage()));
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.SEARCH);
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    private void show(long mine, SearchResults results, String error) {
        if (table.isDisposed() || mine != generation) {
            return; // a newer query is on its way
        }
        hits = results == null ? List.of() : results.hits();
        table.clearAll();
        table.setItemCount(hits.size());
        fitColumns(true);
        if (error != null) {
            count.setText(NLS.bind(Messages.Search_error, error));
        } else if (results == null) {
            count.setText(""); //$NON-NLS-1$
        } else {
            count.setText(results.totalHits() == 0 ? Messages.Search_noHits : NLS.bind(Messages.Search_hits, results.totalHits()));
        }
        facets.setText(results == null || results.byPlatform().isEmpty() ? "" //$NON-NLS-1$
                : NLS.bind(Messages.Search_facets, format(results.byPlatform())));
        count.getParent().layout(true);
    }

    private static String format(Map<String, Long> counts) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(" · ")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** Opens the selected hit's conversation, scrolled to it, what the query matched highlighted. */
    public void openSelected() {
        int i = table.getSelectionIndex();
        if (i < 0 || i >= hits.size()) {
            return;
        }
        SearchHit h = hits.get(i);
        broker.send(ArchiveEvents.OPEN_CONVERSATION,
                new ArchiveEvents.OpenConversation(h.conversationId(), h.messageId(), query.getText()));
        partService.showPart(ConversationPart.ID, PartState.VISIBLE);
    }

    /** Puts the keyboard in the query field, its text selected (Ctrl+F, Ctrl+K). */
    @Focus
    public void focusQuery() {
        if (!query.isDisposed()) {
            query.setFocus();
            query.selectAll();
        }
    }
}

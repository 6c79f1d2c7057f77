package maraude.ui.parts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.EPartService.PartState;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import maraude.core.archive.Archive;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.QueueItem;
import maraude.core.triage.TriageService;
import maraude.ui.ArchiveEvents;
import maraude.ui.BackgroundJobs;
import maraude.ui.Formats;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;
import maraude.ui.Workers;
import maraude.ui.conversation.ListThumbnails;

/**
 * The permanence queue: conversations where they wrote and we have not answered, the ones about to
 * vanish from their platform first, then the longest waiting; coloured by age band. Keyboard: J/K
 * or arrows move, Enter opens, H marks handled, S snoozes until tomorrow morning. Rows are filled
 * lazily (SWT.VIRTUAL) so that the table stays fluid whatever its size. A conversation with pictures
 * shows its first one as a small blurred thumbnail in the first column (no reveal in lists).
 */
public class QueuePart {

    public static final String ID = "maraude.part.queue"; //$NON-NLS-1$
    /** Job family of queue loads and state changes, so that tests can wait for them. */
    public static final Object FAMILY = new Object();
    /** Light tints from calm to urgent, one per default age band. */
    private static final RGB[] BAND_COLOURS = { new RGB(232, 245, 233), new RGB(255, 248, 225), new RGB(255, 236, 210),
            new RGB(255, 220, 220) };

    @Inject
    private TriageService triage;
    @Inject
    private UISynchronize sync;
    @Inject
    private IEventBroker broker;
    @Inject
    private EPartService partService;
    @Inject
    private MPart part;
    @Inject
    private Archive archive;

    private Label counters;
    private Table table;
    private ListThumbnails thumbnails;
    private Color[] bandColours;
    private List<QueueItem> rows = List.of();
    /** The conversation this part changed last: its own TRIAGE_CHANGED needs no reload. */
    private String ownChange;
    private PermanenceQueue queue;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        counters = WidgetIds.tag(new Label(parent, SWT.NONE), WidgetIds.QUEUE_COUNTERS);
        counters.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        table = WidgetIds.tag(new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER),
                WidgetIds.QUEUE_TABLE);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        ListThumbnails.column(table);
        thumbnails = ListThumbnails.attach(table, 0, () -> archive, ListThumbnails.CONVERSATION);
        column(Messages.Queue_colWaiting, 80);
        column(Messages.Queue_colPlatform, 85);
        column(Messages.Queue_colContact, 130);
        column(Messages.Queue_colExpires, 90);
        column(Messages.Queue_colPreview, 300);
        bandColours = new Color[BAND_COLOURS.length];
        for (int i = 0; i < BAND_COLOURS.length; i++) {
            bandColours[i] = new Color(BAND_COLOURS[i]);
        }
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));
        table.addListener(SWT.DefaultSelection, e -> openSelected());
        table.addListener(SWT.KeyDown, e -> {
            switch (Character.toLowerCase(e.character)) {
                case 'j' -> move(1);
                case 'k' -> move(-1);
                case 'h' -> markHandled();
                case 's' -> snooze();
                default -> {
                    return;
                }
            }
            e.doit = false;
        });
        reload();
    }

    private void column(String title, int width) {
        TableColumn c = new TableColumn(table, SWT.LEFT);
        c.setText(title);
        c.setWidth(width);
    }

    private void fill(TableItem item, int index) {
        if (index < 0 || index >= rows.size()) {
            return;
        }
        QueueItem q = rows.get(index);
        Instant now = queue.now();
        String expires = q.expiresAt() == null ? "" : q.expired() ? Messages.Queue_expired : Formats.waiting(now, q.expiresAt()); //$NON-NLS-1$
        String contact = q.summary().contactName() + (q.contact() != null && q.contact().caution() ? " ⚠" : ""); //$NON-NLS-1$ //$NON-NLS-2$
        item.setText(new String[] { "", Formats.waiting(q.waitingSince(), now), q.summary().platform().key(), contact, expires, //$NON-NLS-1$
                Formats.preview(q.summary().lastMessagePreview(), 120) });
        thumbnails.show(item, q.conversationId());
        item.setBackground(bandColours[Math.min(q.band(), bandColours.length - 1)]);
        if (q.expiringSoon() || q.expired()) {
            item.setForeground(4, table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
    }

    private void move(int delta) {
        if (rows.isEmpty()) {
            return;
        }
        int i = Math.max(0, Math.min(rows.size() - 1, table.getSelectionIndex() + delta));
        table.setSelection(i);
        table.showSelection();
    }

    /** Opens the selected conversation in the conversation part. */
    public void openSelected() {
        QueueItem q = selected();
        if (q == null) {
            return;
        }
        broker.send(ArchiveEvents.OPEN_CONVERSATION, new ArchiveEvents.OpenConversation(q.conversationId(), null, List.of()));
        partService.showPart(ConversationPart.ID, PartState.VISIBLE);
    }

    /** H: the selected conversation is handled; it leaves the queue until they write again. */
    public void markHandled() {
        QueueItem q = selected();
        if (q != null) {
            change(q, t -> t.markHandled(q.conversationId(), Workers.current(), Instant.now()));
        }
    }

    /** S: the selected conversation comes back tomorrow morning (or sooner if they write). */
    public void snooze() {
        QueueItem q = selected();
        if (q != null) {
            Instant until = Instant.now().plus(Duration.ofDays(1));
            change(q, t -> t.snooze(q.conversationId(), Workers.current(), Instant.now(), until));
        }
    }

    private interface StateChange {
        void apply(TriageService t);
    }

    private void change(QueueItem q, StateChange c) {
        int keep = table.getSelectionIndex();
        BackgroundJobs.schedule(Messages.Queue_saving, FAMILY, () -> {
            c.apply(triage);
            PermanenceQueue next = triage.queue(Instant.now());
            sync.asyncExec(() -> {
                show(next);
                if (!rows.isEmpty()) {
                    table.setSelection(Math.min(keep, rows.size() - 1));
                }
                ownChange = q.conversationId();
                broker.post(ArchiveEvents.TRIAGE_CHANGED, q.conversationId());
            });
        });
    }

    private QueueItem selected() {
        int i = table.getSelectionIndex();
        return i < 0 || i >= rows.size() ? null : rows.get(i);
    }

    @Inject
    @Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        if (table != null && !table.isDisposed()) {
            reload();
        }
    }

    @Inject
    @Optional
    void triageChanged(@UIEventTopic(ArchiveEvents.TRIAGE_CHANGED) Object source) {
        if (table != null && !table.isDisposed() && !(source instanceof String id && id.equals(ownChange))) {
            reload(); // a session, a flag or another view changed the triage (our own change is shown already)
        }
    }

    private void reload() {
        BackgroundJobs.schedule(Messages.Queue_loading, FAMILY, () -> {
            PermanenceQueue q = triage.queue(Instant.now());
            sync.asyncExec(() -> show(q));
        });
    }

    private void show(PermanenceQueue q) {
        if (table.isDisposed()) {
            return;
        }
        queue = q;
        rows = q.items();
        table.clearAll();
        table.setItemCount(rows.size());
        part.setLabel(NLS.bind(Messages.Queue_title, rows.size()));
        counters.setText(rows.isEmpty() ? Messages.Queue_empty
                : NLS.bind(Messages.Queue_counters, new Object[] { rows.size(), q.overdue(), q.expiringSoon(), q.fresh() }));
        counters.getParent().layout(true);
    }

    /** The thumbnails column, for tests. */
    public ListThumbnails thumbnails() {
        return thumbnails;
    }

    @Inject
    @Optional
    void locked(@UIEventTopic(ArchiveEvents.LOCKED) Object ignored) {
        if (thumbnails != null && !table.isDisposed()) {
            thumbnails.clear(); // no picture of a locked archive stays in memory
        }
    }

    /** Rows shown, for tests and handlers. */
    public List<QueueItem> rows() {
        return rows;
    }

    @Focus
    void focus() {
        table.setFocus();
    }
}

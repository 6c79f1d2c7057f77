package maraude.ui.parts;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
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
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import maraude.core.archive.Archive;
import maraude.core.archive.ConversationSummary;
import maraude.core.model.Direction;
import maraude.ui.ArchiveEvents;
import maraude.ui.Formats;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;

/**
 * The permanence queue: conversations whose last meaningful message is theirs, the longest waiting
 * first. Rows are filled lazily (SWT.VIRTUAL) so that the table stays fluid whatever its size.
 */
public class QueuePart {

    public static final String ID = "maraude.part.queue"; //$NON-NLS-1$

    @Inject
    private Archive archive;
    @Inject
    private UISynchronize sync;
    @Inject
    private IEventBroker broker;
    @Inject
    private EPartService partService;
    @Inject
    private MPart part;

    private Table table;
    private List<ConversationSummary> rows = List.of();
    private Instant shownAt = Instant.now();

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        table = WidgetIds.tag(new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER),
                WidgetIds.QUEUE_TABLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        column(Messages.Queue_colWaiting, 90);
        column(Messages.Queue_colPlatform, 90);
        column(Messages.Queue_colContact, 140);
        column(Messages.Queue_colPreview, 320);
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));
        table.addListener(SWT.DefaultSelection, e -> openSelected());
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
        ConversationSummary s = rows.get(index);
        item.setText(new String[] { Formats.waiting(s.oldestUnansweredInbound(), shownAt), s.platform().key(),
                s.contactName(), Formats.preview(s.lastMessagePreview(), 120) });
        item.setData(s);
    }

    /** Opens the selected conversation in the conversation part. */
    public void openSelected() {
        int i = table.getSelectionIndex();
        if (i < 0 || i >= rows.size()) {
            return;
        }
        broker.send(ArchiveEvents.OPEN_CONVERSATION,
                new ArchiveEvents.OpenConversation(rows.get(i).conversationId(), null, List.of()));
        partService.showPart(ConversationPart.ID, PartState.VISIBLE);
    }

    @Inject
    @Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        if (table != null && !table.isDisposed()) {
            reload();
        }
    }

    private void reload() {
        Job job = Job.create(Messages.Queue_loading, monitor -> {
            List<ConversationSummary> awaiting = archive.summaries().stream()
                    .filter(s -> s.lastMeaningfulDirection() == Direction.INBOUND && s.oldestUnansweredInbound() != null)
                    .sorted(Comparator.comparing(ConversationSummary::oldestUnansweredInbound))
                    .toList();
            sync.asyncExec(() -> show(awaiting));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show(List<ConversationSummary> awaiting) {
        if (table.isDisposed()) {
            return;
        }
        rows = awaiting;
        shownAt = Instant.now();
        table.clearAll();
        table.setItemCount(rows.size());
        part.setLabel(NLS.bind(Messages.Queue_title, rows.size()));
        table.setToolTipText(rows.isEmpty() ? Messages.Queue_empty : null);
    }

    /** Rows shown, for tests and handlers. */
    public List<ConversationSummary> rows() {
        return rows;
    }

    @Focus
    void focus() {
        table.setFocus();
    }
}

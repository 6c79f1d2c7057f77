package maraude.ui.parts;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
import maraude.ui.ArchiveEvents;
import maraude.ui.Formats;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;

/** Every contact with the dates of the first and last exchange: what teams kept in spreadsheets. */
public class ContactRegisterPart {

    public static final String ID = "maraude.part.register"; //$NON-NLS-1$

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
    private List<Row> rows = List.of();

    /** A contact's line: its latest conversation is what opens on Enter. */
    public record Row(String contactId, String name, String platform, Instant first, Instant last, long messages,
            String latestConversationId) {
    }

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new FillLayout());
        table = WidgetIds.tag(new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.BORDER), WidgetIds.REGISTER_TABLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String title : new String[] { Messages.Register_colContact, Messages.Register_colPlatform,
                Messages.Register_colFirst, Messages.Register_colLast, Messages.Register_colMessages }) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(title);
            c.setWidth(130);
        }
        table.addListener(SWT.SetData, e -> {
            TableItem item = (TableItem) e.item;
            int i = table.indexOf(item);
            if (i >= 0 && i < rows.size()) {
                Row r = rows.get(i);
                item.setText(new String[] { r.name(), r.platform(), Formats.dateTime(r.first()),
                        Formats.dateTime(r.last()), Long.toString(r.messages()) });
            }
        });
        table.addListener(SWT.DefaultSelection, e -> {
            int i = table.getSelectionIndex();
            if (i >= 0 && i < rows.size()) {
                broker.send(ArchiveEvents.OPEN_CONVERSATION,
                        new ArchiveEvents.OpenConversation(rows.get(i).latestConversationId(), null, List.of()));
                partService.showPart(ConversationPart.ID, PartState.VISIBLE);
            }
        });
        reload();
    }

    @Inject
    @Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        if (table != null && !table.isDisposed()) {
            reload();
        }
    }

    private void reload() {
        Job job = Job.create(Messages.Dashboard_loading, monitor -> {
            List<Row> computed = rows(archive.summaries());
            sync.asyncExec(() -> {
                if (!table.isDisposed()) {
                    rows = computed;
                    table.clearAll();
                    table.setItemCount(rows.size());
                    part.setLabel(NLS.bind(Messages.Register_title, rows.size()));
                }
            });
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    static List<Row> rows(List<ConversationSummary> summaries) {
        Map<String, Row> byContact = new HashMap<>();
        for (ConversationSummary s : summaries) {
            if (s.firstMessage() == null) {
                continue;
            }
            byContact.merge(s.contactId(),
                    new Row(s.contactId(), s.contactName(), s.platform().key(), s.firstMessage(), s.lastMessage(),
                            s.messageCount(), s.conversationId()),
                    (a, b) -> new Row(a.contactId(), a.name(), a.platform(),
                            a.first().isBefore(b.first()) ? a.first() : b.first(),
                            a.last().isAfter(b.last()) ? a.last() : b.last(), a.messages() + b.messages(),
                            a.last().isAfter(b.last()) ? a.latestConversationId() : b.latestConversationId()));
        }
        return byContact.values().stream().sorted(Comparator.comparing(Row::last).reversed()).toList();
    }

    @Focus
    void focus() {
        table.setFocus();
    }
}

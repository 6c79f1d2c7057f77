package maraude.ui.parts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import maraude.core.archive.Archive;
import maraude.core.archive.ConversationSummary;
import maraude.core.model.Direction;
import maraude.core.model.Platform;
import maraude.ui.ArchiveEvents;
import maraude.ui.Formats;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;

/** The team lead's view of the backlog: what waits, per platform, and for how long. */
public class DashboardPart {

    public static final String ID = "maraude.part.dashboard"; //$NON-NLS-1$

    @Inject
    private Archive archive;
    @Inject
    private UISynchronize sync;

    private Label summary;
    private Table table;

    /** One row of the per-platform table. */
    public record PlatformLine(Platform platform, int conversations, int awaiting, Instant oldestWaiting) {
    }

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        summary = WidgetIds.tag(new Label(parent, SWT.WRAP), WidgetIds.DASHBOARD_SUMMARY);
        summary.setText(Messages.Dashboard_loading);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        table = WidgetIds.tag(new Table(parent, SWT.FULL_SELECTION | SWT.BORDER), WidgetIds.DASHBOARD_TABLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (String title : new String[] { Messages.Dashboard_colPlatform, Messages.Dashboard_colConversations,
                Messages.Dashboard_colAwaiting, Messages.Dashboard_colOldest }) {
            TableColumn c = new TableColumn(table, SWT.LEFT);
            c.setText(title);
            c.setWidth(150);
        }
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
            List<PlatformLine> lines = perPlatform(archive.summaries());
            sync.asyncExec(() -> show(lines));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    static List<PlatformLine> perPlatform(List<ConversationSummary> summaries) {
        Map<Platform, int[]> counts = new EnumMap<>(Platform.class);
        Map<Platform, Instant> oldest = new EnumMap<>(Platform.class);
        for (ConversationSummary s : summaries) {
            int[] c = counts.computeIfAbsent(s.platform(), p -> new int[2]);
            c[0]++;
            if (s.lastMeaningfulDirection() == Direction.INBOUND && s.oldestUnansweredInbound() != null) {
                c[1]++;
                oldest.merge(s.platform(), s.oldestUnansweredInbound(), (a, b) -> a.isBefore(b) ? a : b);
            }
        }
        List<PlatformLine> lines = new ArrayList<>();
        counts.forEach((p, c) -> lines.add(new PlatformLine(p, c[0], c[1], oldest.get(p))));
        return lines;
    }

    private void show(List<PlatformLine> lines) {
        if (table.isDisposed()) {
            return;
        }
        Instant now = Instant.now();
        table.removeAll();
        int awaiting = 0;
        Instant oldest = null;
        for (PlatformLine l : lines) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] { l.platform().key(), Integer.toString(l.conversations()),
                    Integer.toString(l.awaiting()), Formats.waiting(l.oldestWaiting(), now) });
            awaiting += l.awaiting();
            if (l.oldestWaiting() != null && (oldest == null || l.oldestWaiting().isBefore(oldest))) {
                oldest = l.oldestWaiting();
            }
        }
        summary.setText(NLS.bind(Messages.Dashboard_summary, awaiting, Formats.waiting(oldest, now)));
    }

    @Focus
    void focus() {
        table.setFocus();
    }
}

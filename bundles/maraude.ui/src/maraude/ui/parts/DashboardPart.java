package maraude.ui.parts;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import maraude.core.report.FundersReport;
import maraude.core.report.ReportBuilder;
import maraude.reports.ReportWriters;
import maraude.core.triage.BacklogStats;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.TriageService;
import maraude.ui.ArchiveEvents;
import maraude.ui.Formats;
import maraude.ui.JobFamilies;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;
import maraude.ui.charts.Charts;

/**
 * The team lead's view of the backlog: how many wait and for how long, per platform and per worker,
 * time to first reply per week, follow-ups due. Computed and drawn in a job, shown when ready.
 */
public class DashboardPart {

    /** Widget id of the reading counters (needs a reply, urgent, closings, opt-outs). */
    public static final String READING_COUNTERS = "dashboard.reading"; //$NON-NLS-1$
    public static final String ID = "maraude.part.dashboard"; //$NON-NLS-1$
    private static final int[] PERIOD_WEEKS = { 4, 12, 52 };

    @Inject
    private TriageService triage;
    @Inject
    private UISynchronize sync;
    /** The workbench's one clock ({@link maraude.ui.Clocks}). */
    @Inject
    @Optional
    private java.time.Clock clock;

    private Label summary;
    /** Needs a reply, urgent, closings, opt-outs: what the messages say, as in the queue's title. */
    private Label reading;
    private PermanenceQueue queue;
    private Combo period;
    private Label backlogChart;
    private Label replyChart;
    private Table workers;
    private final List<Image> images = new ArrayList<>();
    private BacklogStats stats;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(3, false));
        summary = WidgetIds.tag(new Label(parent, SWT.WRAP), WidgetIds.DASHBOARD_SUMMARY);
        summary.setText(Messages.Dashboard_loading);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        period = WidgetIds.tag(new Combo(parent, SWT.READ_ONLY), WidgetIds.DASHBOARD_PERIOD);
        period.setItems(Messages.Dashboard_period4, Messages.Dashboard_period12, Messages.Dashboard_period52);
        period.select(1);
        period.addListener(SWT.Selection, e -> reload());
        Button export = WidgetIds.tag(new Button(parent, SWT.PUSH), WidgetIds.DASHBOARD_EXPORT);
        export.setText(Messages.Dashboard_export);
        export.addListener(SWT.Selection, e -> exportReport());
        reading = new Label(parent, SWT.WRAP);
        reading.setData(WidgetIds.KEY, READING_COUNTERS);
        reading.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1));
        backlogChart = WidgetIds.tag(new Label(parent, SWT.NONE), WidgetIds.DASHBOARD_CHART_BACKLOG);
        backlogChart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        replyChart = WidgetIds.tag(new Label(parent, SWT.NONE), WidgetIds.DASHBOARD_CHART_REPLIES);
        replyChart.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        workers = WidgetIds.tag(new Table(parent, SWT.FULL_SELECTION | SWT.BORDER), WidgetIds.DASHBOARD_TABLE);
        workers.setHeaderVisible(true);
        workers.setLinesVisible(true);
        GridData wd = new GridData(SWT.FILL, SWT.FILL, true, false, 3, 1);
        wd.heightHint = 110;
        workers.setLayoutData(wd);
        reload();
    }

    @Inject
    @Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        refreshIfShown();
    }

    @Inject
    @Optional
    void triageChanged(@UIEventTopic(ArchiveEvents.TRIAGE_CHANGED) Object ignored) {
        refreshIfShown();
    }

    private void refreshIfShown() {
        if (summary != null && !summary.isDisposed()) {
            reload();
        }
    }

    private void reload() {
        int weeks = PERIOD_WEEKS[Math.max(0, period.getSelectionIndex())];
        Point size = backlogChart.getSize();
        int width = size.x > 50 ? size.x : 640;
        int height = size.y > 50 ? size.y : 260;
        Job job = new Job(Messages.Dashboard_loading) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                Instant now = maraude.ui.Clocks.now(clock);
                BacklogStats s = triage.backlog(now, now.minus(Duration.ofDays(7L * weeks)), now);
                try {
                    List<String> bands = bandLabels(s.bandKeys());
                    ImageData backlog = Charts.render(Charts.backlogByPlatform(Messages.Dashboard_chartBacklog, bands,
                            s.byPlatform()), width, height);
                    ImageData replies = Charts.render(Charts.replyTimes(Messages.Dashboard_chartReplies,
                            Messages.Dashboard_median, Messages.Dashboard_p90, s.replyTimesByWeek()), width, height);
                    PermanenceQueue q = triage.queue(now);
                    sync.asyncExec(() -> {
                        showReading(q);
                        show(s, backlog, replies, now);
                    });
                } catch (java.io.IOException e) {
                    return Status.error(Messages.Dashboard_loading, e);
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.DASHBOARD);
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    /**
     * Writes the funders' report of the selected period as a spreadsheet, with the two charts as PNG
     * files beside it (small counts shown as "<5", as in every report that leaves the team).
     */
    private void exportReport() {
        FileDialog d = new FileDialog(summary.getShell(), SWT.SAVE);
        d.setFilterExtensions(new String[] { "*.xlsx" }); //$NON-NLS-1$
        d.setFileName("rapport-maraude.xlsx"); //$NON-NLS-1$
        d.setOverwrite(true);
        String chosen = d.open();
        if (chosen != null) {
            writeReport(Path.of(chosen), PERIOD_WEEKS[Math.max(0, period.getSelectionIndex())]);
        }
    }

    /** Writes the report and its charts in a job; returns the job (tests join it). */
    public Job writeReport(Path xlsx, int weeks) {
        Job job = Job.create(Messages.Dashboard_export, (IProgressMonitor monitor) -> {
            Instant now = maraude.ui.Clocks.now(clock);
            Instant from = now.minus(Duration.ofDays(7L * weeks));
            BacklogStats s = triage.backlog(now, from, now);
            FundersReport report = ReportBuilder.build(triage.facts().values(), triage.store().snapshot(),
                    triage.policy(), from, now, triage.zone());
            String base = xlsx.getFileName().toString().replaceFirst("\\.xlsx$", ""); //$NON-NLS-1$ //$NON-NLS-2$
            try (OutputStream out = Files.newOutputStream(xlsx)) {
                ReportWriters.writeXlsx(report, out);
                Files.write(xlsx.resolveSibling(base + "-backlog.png"), Charts.png(Charts.backlogByPlatform( //$NON-NLS-1$
                        Messages.Dashboard_chartBacklog, bandLabels(s.bandKeys()), s.byPlatform()), 900, 400));
                Files.write(xlsx.resolveSibling(base + "-replies.png"), Charts.png(Charts.replyTimes( //$NON-NLS-1$
                        Messages.Dashboard_chartReplies, Messages.Dashboard_median, Messages.Dashboard_p90,
                        s.replyTimesByWeek()), 900, 400));
            } catch (java.io.IOException e) {
                return Status.error(NLS.bind(Messages.Register_exportFailed, xlsx), e);
            }
            return Status.OK_STATUS;
        });
        job.setUser(true);
        job.schedule();
        return job;
    }

    private static List<String> bandLabels(List<String> keys) {
        String[] defaults = { Messages.Dashboard_band0, Messages.Dashboard_band1, Messages.Dashboard_band2,
                Messages.Dashboard_band3 };
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            labels.add(keys.size() == defaults.length ? defaults[i] : keys.get(i));
        }
        return labels;
    }

    private void showReading(PermanenceQueue q) {
        if (reading.isDisposed()) {
            return;
        }
        queue = q;
        reading.setText(NLS.bind(ReadingMessages.Dashboard_reading,
                new Object[] { q.needsReply(), q.urgent(), q.closings(), q.optOuts() }));
    }

    /** The queue behind the reading counters (tests). */
    public PermanenceQueue queue() {
        return queue;
    }

    private void show(BacklogStats s, ImageData backlog, ImageData replies, Instant now) {
        if (summary.isDisposed()) {
            return;
        }
        stats = s;
        int awaiting = 0;
        for (int n : s.total()) {
            awaiting += n;
        }
        summary.setText(NLS.bind(Messages.Dashboard_summary2, new Object[] { awaiting,
                s.oldestWaiting() == null ? "-" : Formats.waiting(s.oldestWaiting().waitingSince(), now), //$NON-NLS-1$
                s.followUpsDueThisWeek() }));
        setImage(backlogChart, backlog);
        setImage(replyChart, replies);
        workers.removeAll();
        for (TableColumn c : workers.getColumns()) {
            c.dispose();
        }
        List<String> bands = bandLabels(s.bandKeys());
        TableColumn who = new TableColumn(workers, SWT.LEFT);
        who.setText(Messages.Dashboard_colWorker);
        who.setWidth(140);
        for (String b : bands) {
            TableColumn c = new TableColumn(workers, SWT.RIGHT);
            c.setText(b);
            c.setWidth(90);
        }
        for (Map.Entry<String, int[]> e : s.byWorker().entrySet()) {
            TableItem item = new TableItem(workers, SWT.NONE);
            String[] cells = new String[bands.size() + 1];
            cells[0] = e.getKey().isEmpty() ? Messages.Dashboard_unassigned : e.getKey();
            for (int b = 0; b < bands.size(); b++) {
                cells[b + 1] = Integer.toString(b < e.getValue().length ? e.getValue()[b] : 0);
            }
            item.setText(cells);
        }
        summary.getParent().layout(true);
    }

    private void setImage(Label label, ImageData data) {
        Image image = new Image(label.getDisplay(), data);
        Image old = label.getImage();
        label.setImage(image);
        images.add(image);
        if (old != null) {
            images.remove(old);
            old.dispose();
        }
    }

    /** The figures shown, for tests. */
    public BacklogStats stats() {
        return stats;
    }

    @PreDestroy
    void dispose() {
        images.forEach(Image::dispose);
        images.clear();
    }

    @Focus
    void focus() {
        period.setFocus();
    }
}

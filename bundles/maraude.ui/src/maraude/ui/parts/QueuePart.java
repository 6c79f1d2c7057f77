package maraude.ui.parts;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.services.EContextService;
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
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.graphics.FontData;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;

import maraude.core.archive.Archive;
import maraude.core.classify.Intent;
import maraude.core.classify.Languages;
import maraude.core.classify.Urgency;
import maraude.core.archive.AccessMode;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.QueueSnapshot;
import maraude.core.triage.QueueItem;
import maraude.core.triage.TriageService;
import maraude.images.ImageServices;
import maraude.ui.ArchiveEvents;
import maraude.ui.BackgroundJobs;
import maraude.ui.FirstScreenProbe;
import maraude.ui.Formats;
import maraude.ui.JobFamilies;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;
import maraude.ui.Workers;
import maraude.ui.conversation.ListThumbnails;

/**
 * The permanence queue: conversations where they wrote and we have not answered, in the order the
 * triage reads them: urgent ones first (with the reason, and the hours left for PEP), then those
 * needing a reply (the ones about to vanish from their platform first, then the longest waiting),
 * then opt-outs and, last, the "no reply needed?" closings, gathered on one line that Enter or a
 * click expands and H confirms all at once. Each row shows its age band as a chip
 * (a shape and a tint, the band's name in the tooltip) and the conversation's language, which one
 * click on the cell overrides for the contact. Keys are commands bound in the application model's
 * queue context (active while this part is): J/K move, H marks handled or confirms a closing, S
 * snoozes, D marks the contact "do not contact again"; arrows and Enter are the table's own. Rows
 * are filled lazily (SWT.VIRTUAL). A conversation with pictures shows its first one as a small
 * blurred thumbnail in the first column (no reveal in lists).
 */
public class QueuePart {

    public static final String ID = "maraude.part.queue"; //$NON-NLS-1$
    /** The binding context of the queue's keys (Application.e4xmi), active while this part is. */
    public static final String CONTEXT = "maraude.context.queue"; //$NON-NLS-1$
    /**
     * Chip tints from calm to old, from the Okabe-Ito palette (told apart with the common colour
     * vision deficiencies), light enough for black text; each band also has its own shape.
     */
    private static final RGB[] BAND_COLOURS = { new RGB(204, 229, 245), new RGB(255, 236, 179), new RGB(245, 205, 170),
            new RGB(230, 170, 200) };
    private static final String[] BAND_SHAPES = { "\u25cb", "\u25d4", "\u25d1", "\u25cf" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    /** The blurred first picture of the conversation, if any. */
    public static final int COL_THUMBNAIL = 0;
    /** The age: the band's chip (shape and tint) and the waiting time ("◔ 5 h"). */
    public static final int COL_BAND = 1;
    public static final int COL_WHAT = 2;
    public static final int COL_LANGUAGE = 3;
    public static final int COL_PLATFORM = 4;
    public static final int COL_CONTACT = 5;
    public static final int COL_EXPIRES = 6;
    public static final int COL_PREVIEW = 7;
    /** The preview never shrinks below this: optional columns make room first (see {@link #OPTIONAL}). */
    public static final int MIN_PREVIEW_WIDTH = 120;
    /**
     * Columns a narrow table (a laptop's left column) leaves out, first to last, until the others
     * and the preview fit without scrolling sideways; what they would show is in the row's tooltip.
     */
    static final int[] OPTIONAL = { COL_PLATFORM, COL_LANGUAGE, COL_THUMBNAIL, COL_EXPIRES };
    /** Room around a cell's text (GTK draws a margin on each side). */
    private static final int CELL_PADDING = 16;
    /** Room around a header's text: the header button's margins and its separator. */
    private static final int HEADER_PADDING = 24;
    /** Rows measured to size the columns (the table is virtual: the first ones are those on screen). */
    private static final int MEASURED_ROWS = 200;
    /** The line of the table that stands for all closings ("no reply needed? (N)"). */
    private static final Object CLOSINGS_GROUP = new Object();

    /**
     * Where the archive and the triage are asked, from jobs only: the part is built and draws the
     * queue's last snapshot while the archive still opens (see ArchiveSession#openInBackground).
     */
    @Inject
    private org.eclipse.e4.core.contexts.IEclipseContext context;
    /** What the queue showed last, read before the archive opens (null or empty: none). */
    @Inject
    @Optional
    private QueueSnapshot snapshot;
    @Inject
    private UISynchronize sync;
    @Inject
    private ImageServices imageServices;
    @Inject
    private IEventBroker broker;
    @Inject
    private EPartService partService;
    @Inject
    private MPart part;
    @Inject
    private EContextService contexts;
    @Inject
    @Optional
    private maraude.ui.lifecycle.ArchiveSession session;
    /** The workbench's one clock (WorkbenchServices; tests put a fixed one). */
    @Inject
    @Optional
    private java.time.Clock clock;

    private Label counters;
    private Table table;
    private ListThumbnails thumbnails;
    private Color[] bandColours;
    private List<QueueItem> rows = List.of();
    /** What the table shows, line by line: queue items and the closings' group line. */
    private List<Object> lines = List.of();
    /** The closings, shown under their group line when it is expanded. */
    private List<QueueItem> closings = List.of();
    private boolean closingsExpanded;
    /** The conversation this part changed last: its own TRIAGE_CHANGED needs no reload. */
    private String ownChange;
    private PermanenceQueue queue;
    /**
     * Each computation of the queue takes the next number before it reads the clock and the archive;
     * only a queue computed later than the one shown replaces it, so a slow computation started
     * before a change never paints over the queue computed after it.
     */
    private final java.util.concurrent.atomic.AtomicLong computations = new java.util.concurrent.atomic.AtomicLong();
    /** The number of the computation shown (UI thread). */
    private long shownComputation;
    /** Each column's width for its header and its texts; the preview's is what is left. */
    private final int[] natural = new int[COL_PREVIEW];
    /** Columns left out of a table too narrow for them all. */
    private final boolean[] hidden = new boolean[COL_PREVIEW];
    /** The first screen's probe is armed once (diagnostics, {@link FirstScreenProbe}). */
    private boolean probed;
    /** The live queue's first paint is probed once. */
    private boolean probedLive;
    /** The snapshot shown until the live queue is computed; null once it is (or when none was shown). */
    private QueueSnapshot snapshotShown;

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        counters = WidgetIds.tag(new Label(parent, SWT.WRAP), WidgetIds.QUEUE_COUNTERS);
        GridData countersData = new GridData(SWT.FILL, SWT.TOP, true, false);
        counters.setLayoutData(countersData);
        // the counters and the keys wrap on a narrow column instead of being cut
        parent.addListener(SWT.Resize, e -> {
            GridLayout l = (GridLayout) parent.getLayout();
            int width = Math.max(50, parent.getClientArea().width - 2 * l.marginWidth);
            if (countersData.widthHint != width) {
                countersData.widthHint = width;
                parent.layout(true);
            }
        });
        table = WidgetIds.tag(new Table(parent, SWT.VIRTUAL | SWT.FULL_SELECTION | SWT.SINGLE | SWT.BORDER),
                WidgetIds.QUEUE_TABLE);
        table.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        ListThumbnails.column(table);
        thumbnails = ListThumbnails.attach(table, 0, this::archive, imageServices, ListThumbnails.CONVERSATION);
        column(ReadingMessages.Queue_colBand, 70);
        column(ReadingMessages.Queue_colWhat, 150);
        column(ReadingMessages.Queue_colLanguage, 60);
        column(Messages.Queue_colPlatform, 85);
        column(Messages.Queue_colContact, 130);
        column(Messages.Queue_colExpires, 90);
        column(Messages.Queue_colPreview, 300);
        bandColours = new Color[BAND_COLOURS.length];
        for (int i = 0; i < BAND_COLOURS.length; i++) {
            bandColours[i] = new Color(BAND_COLOURS[i]);
        }
        table.addListener(SWT.SetData, e -> fill((TableItem) e.item, table.indexOf((TableItem) e.item)));
        // Enter or a double click opens a conversation; on the closings' line, Enter or one click
        // expands or collapses them (a double click counts once: its second press is ignored).
        table.addListener(SWT.DefaultSelection, e -> {
            if (!isGroupSelected()) {
                openSelected();
            }
        });
        table.addListener(SWT.KeyDown, e -> {
            if ((e.keyCode == SWT.CR || e.keyCode == SWT.KEYPAD_CR) && isGroupSelected()) {
                toggleClosings();
            }
        });
        table.addListener(SWT.MouseDown, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            if (item == null || e.button != 1) {
                return;
            }
            int index = table.indexOf(item);
            Object line = index < lines.size() ? lines.get(index) : null;
            if (line == CLOSINGS_GROUP) {
                table.setSelection(index);
                if (e.count == 1) {
                    toggleClosings();
                }
            } else if (line instanceof QueueItem q && !hidden[COL_LANGUAGE] && item.getBounds(COL_LANGUAGE).contains(e.x, e.y)) {
                table.setSelection(index);
                languageMenu(q).setVisible(true);
            }
        });
        table.addListener(SWT.Resize, e -> fitColumns(false));
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            String tip = null;
            int index = item == null ? -1 : table.indexOf(item);
            if (index >= 0 && index < lines.size() && lines.get(index) instanceof QueueItem q) {
                if (item.getBounds(COL_BAND).contains(e.x, e.y)) {
                    tip = NLS.bind(ReadingMessages.Queue_bandTip, bandLabel(q.band()));
                } else if (item.getBounds(COL_LANGUAGE).contains(e.x, e.y) && !hidden[COL_LANGUAGE]) {
                    tip = ReadingMessages.Queue_languageTip;
                } else {
                    tip = hiddenCells(q);
                }
            }
            table.setToolTipText(tip);
        });
        // The queue's keys are commands (Application.e4xmi); their context is active while this part is.
        contexts.activateContext(CONTEXT);
        FirstScreenProbe.reached(FirstScreenProbe.QUEUE_PART);
        if (snapshot != null && !snapshot.isEmpty() && session != null && !session.isOpen()) {
            showSnapshot(snapshot);
        }
        reload();
    }

    private Archive archive() {
        return context.get(Archive.class);
    }

    private TriageService triage() {
        return context.get(TriageService.class);
    }

    /**
     * Draws what the queue showed last, greyed, while the archive opens: its lines cannot be opened,
     * marked or snoozed (they are not queue items), the counters say when it was taken, and the live
     * queue replaces it as soon as it is computed.
     */
    private void showSnapshot(QueueSnapshot s) {
        snapshotShown = s;
        List<Object> shown = new java.util.ArrayList<>();
        for (QueueSnapshot.Row r : s.rows()) {
            if (!r.closing()) {
                shown.add(r);
            }
        }
        if (s.counts().closings() > 0) {
            shown.add(CLOSINGS_GROUP);
        }
        rows = List.of();
        closings = List.of();
        lines = shown;
        table.setForeground(table.getDisplay().getSystemColor(SWT.COLOR_WIDGET_DISABLED_FOREGROUND));
        table.clearAll();
        table.setItemCount(lines.size());
        fitColumns(true);
        armProbe(FirstScreenProbe.QUEUE_SNAPSHOT_DRAWN);
        QueueSnapshot.Counts c = s.counts();
        part.setLabel(NLS.bind(ReadingMessages.Queue_title, new Object[] { c.size(), c.needsReply(), c.urgent() }));
        counters.setText(NLS.bind(ReadingMessages.Queue_snapshot,
                new Object[] { Formats.dateTime(s.takenAt()), c.size(), c.needsReply(), c.urgent() }));
        counters.getParent().layout(true);
    }

    /** Whether the queue shows its last snapshot (the archive still opening), for tests. */
    public boolean showsSnapshot() {
        return snapshotShown != null;
    }

    /**
     * Records the first paint with rows as {@code queue-drawn} (whether of the snapshot or of the
     * live queue: what the worker sees first) and {@code step} (diagnostics only).
     */
    private void armProbe(String step) {
        if (lines.isEmpty() || !FirstScreenProbe.active()) {
            return;
        }
        boolean first = !probed;
        boolean live = step.equals(FirstScreenProbe.QUEUE_LIVE_DRAWN);
        if (!first && !(live && !probedLive)) {
            return;
        }
        probed = true;
        probedLive |= live;
        table.addListener(SWT.Paint, new org.eclipse.swt.widgets.Listener() {
            @Override
            public void handleEvent(org.eclipse.swt.widgets.Event e) {
                table.removeListener(SWT.Paint, this);
                if (first) {
                    FirstScreenProbe.reached(FirstScreenProbe.QUEUE_DRAWN);
                }
                FirstScreenProbe.reached(step);
            }
        });
    }

    private void column(String title, int width) {
        TableColumn c = new TableColumn(table, SWT.LEFT);
        c.setText(title);
        c.setWidth(width);
    }

    /** GTK draws column headers in bold: they are measured in bold (to dispose of). */
    public static Font headerFont(Table table) {
        FontData[] data = table.getFont().getFontData();
        for (FontData d : data) {
            d.setStyle(d.getStyle() | SWT.BOLD);
        }
        return new Font(table.getDisplay(), data);
    }

    /**
     * Each column as wide as its header and the texts of the first lines (measured, the table being
     * virtual), so that no header is cut on a laptop; the preview takes the rest of the width. When
     * the table is too narrow for all of them, the {@link #OPTIONAL} columns are left out one by one
     * (width 0, their texts in the row's tooltip) rather than the table scrolling sideways.
     */
    private void fitColumns(boolean measure) {
        if (table.isDisposed()) {
            return;
        }
        TableColumn[] cols = table.getColumns();
        if (measure) {
            natural[COL_THUMBNAIL] = ListThumbnails.SIZE + 12;
            GC gc = new GC(table);
            Font header = headerFont(table);
            try {
                gc.setFont(header);
                for (int i = 1; i < COL_PREVIEW; i++) {
                    natural[i] = gc.textExtent(cols[i].getText()).x + HEADER_PADDING - CELL_PADDING;
                }
                gc.setFont(table.getFont());
                List<Object> shown = lines;
                for (int r = 0; r < Math.min(MEASURED_ROWS, shown.size()); r++) {
                    String[] texts = cells(shown.get(r));
                    for (int i = 1; i < COL_PREVIEW; i++) {
                        natural[i] = Math.max(natural[i], gc.textExtent(texts[i]).x);
                    }
                }
            } finally {
                gc.dispose();
                header.dispose();
            }
            for (int i = 1; i < COL_PREVIEW; i++) {
                natural[i] += CELL_PADDING;
            }
        }
        if (natural[COL_BAND] == 0) {
            return; // not measured yet: the widths given at creation stand
        }
        int available = table.getClientArea().width;
        int used = 0;
        for (int i = 0; i < COL_PREVIEW; i++) {
            used += natural[i];
        }
        java.util.Arrays.fill(hidden, false);
        for (int i = 0; i < OPTIONAL.length && used + MIN_PREVIEW_WIDTH > available; i++) {
            hidden[OPTIONAL[i]] = true;
            used -= natural[OPTIONAL[i]];
        }
        for (int i = 0; i < COL_PREVIEW; i++) {
            cols[i].setWidth(hidden[i] ? 0 : natural[i]);
            cols[i].setResizable(!hidden[i]);
        }
        cols[COL_PREVIEW].setWidth(Math.max(MIN_PREVIEW_WIDTH, available - used));
    }

    /** What the columns left out of a narrow table would show for {@code q}: "whatsapp · fr · 5 j", or null. */
    private String hiddenCells(QueueItem q) {
        String[] texts = cells(q);
        StringBuilder tip = new StringBuilder();
        TableColumn[] cols = table.getColumns();
        for (int i = 1; i < COL_PREVIEW; i++) {
            if (hidden[i] && !texts[i].isEmpty()) {
                tip.append(tip.length() == 0 ? "" : "\n") //$NON-NLS-1$ //$NON-NLS-2$
                        .append(NLS.bind(ReadingMessages.Queue_hiddenCell, cols[i].getText(), texts[i]));
            }
        }
        return tip.length() == 0 ? null : tip.toString();
    }

    /** Whether a column is left out for want of room (for tests). */
    public boolean isHidden(int column) {
        return column >= 0 && column < hidden.length && hidden[column];
    }

    /** The texts of a line's cells, for filling and for measuring. */
    private String[] cells(Object line) {
        if (line == CLOSINGS_GROUP) {
            String[] texts = new String[COL_PREVIEW + 1];
            java.util.Arrays.fill(texts, ""); //$NON-NLS-1$
            texts[COL_WHAT] = groupLabel();
            texts[COL_PREVIEW] = ReadingMessages.Queue_closingGroupHint;
            return texts;
        }
        if (line instanceof QueueSnapshot.Row r) {
            Instant now = now();
            String contact = r.contactName() + (r.caution() ? " ⚠" : ""); //$NON-NLS-1$ //$NON-NLS-2$
            return new String[] { "", age(r.band(), r.waitingSince(), now), what(r), //$NON-NLS-1$
                    r.language() == null ? "" : r.language(), r.platform(), contact, expires(r.expiresAt(), now), //$NON-NLS-1$
                    Formats.preview(r.preview(), 120) };
        }
        QueueItem q = (QueueItem) line;
        Instant now = queue.now();
        String expires = expires(q.expiresAt(), now);
        String contact = q.summary().contactName() + (q.contact() != null && q.contact().caution() ? " ⚠" : ""); //$NON-NLS-1$ //$NON-NLS-2$
        return new String[] { "", age(q.band(), q.waitingSince(), now), what(q), //$NON-NLS-1$
                q.language() == null ? "" : q.language(), q.summary().platform().key(), contact, expires, //$NON-NLS-1$
                Formats.preview(q.summary().lastMessagePreview(), 120) };
    }

    /** The age cell: the band's shape and the waiting time, "◔ 5 h". */
    public static String age(int band, Instant waitingSince, Instant now) {
        return BAND_SHAPES[Math.min(band, BAND_SHAPES.length - 1)] + ' ' + Formats.waiting(waitingSince, now);
    }

    /** The expiry cell: empty, "expired" or the time left ("5 j"). */
    public static String expires(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return ""; //$NON-NLS-1$
        }
        return expiresAt.isAfter(now) ? Formats.waiting(now, expiresAt) : Messages.Queue_expired;
    }

    /** "▸ no reply needed? (N)", "▾" once expanded. */
    private String groupLabel() {
        QueueSnapshot s = snapshotShown;
        return (closingsExpanded && s == null ? "\u25be " : "\u25b8 ") //$NON-NLS-1$ //$NON-NLS-2$
                + NLS.bind(ReadingMessages.Queue_closingGroup, s != null ? s.counts().closings() : closings.size());
    }

    private void fill(TableItem item, int index) {
        if (index < 0 || index >= lines.size()) {
            return;
        }
        Object line = lines.get(index);
        item.setText(cells(line));
        if (line == CLOSINGS_GROUP) {
            thumbnails.show(item, null);
            return;
        }
        if (line instanceof QueueSnapshot.Row r) {
            thumbnails.show(item, null); // no picture before the archive is open
            item.setBackground(COL_BAND, bandColours[Math.min(r.band(), bandColours.length - 1)]);
            return;
        }
        QueueItem q = (QueueItem) line;
        int band = Math.min(q.band(), bandColours.length - 1);
        thumbnails.show(item, q.conversationId());
        item.setBackground(COL_BAND, bandColours[band]);
        if (q.urgent()) {
            item.setForeground(COL_WHAT, table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
        if (q.expiringSoon() || q.expired()) {
            item.setForeground(COL_EXPIRES, table.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        }
    }

    /** What the row asks: the urgency and its reason, a reply, a closing to confirm, an opt-out. */
    static String what(QueueItem q) {
        if (q.urgent()) {
            Urgency u = q.reading().urgency().get(0);
            return switch (u.kind()) {
            case PEP -> NLS.bind(ReadingMessages.Queue_pep, q.reading().pepHoursLeft());
            case VIOLENCE -> ReadingMessages.Queue_violence;
            case POLICE -> ReadingMessages.Queue_police;
            case HEALTH -> ReadingMessages.Queue_health;
            };
        }
        if (q.contact() != null && q.contact().doNotContact()) {
            return ReadingMessages.Queue_doNotContact;
        }
        return switch (q.intent()) {
        case REPLY -> ReadingMessages.Queue_reply;
        case CLOSING -> ReadingMessages.Queue_closing;
        case OPT_OUT -> ReadingMessages.Queue_optOut;
        };
    }

    /** The "what" cell of a snapshot's row, as {@link #what(QueueItem)} says it. */
    static String what(QueueSnapshot.Row r) {
        return switch (r.what()) {
        case PEP -> NLS.bind(ReadingMessages.Queue_pep, r.pepHoursLeft());
        case VIOLENCE -> ReadingMessages.Queue_violence;
        case POLICE -> ReadingMessages.Queue_police;
        case HEALTH -> ReadingMessages.Queue_health;
        case DO_NOT_CONTACT -> ReadingMessages.Queue_doNotContact;
        case REPLY -> ReadingMessages.Queue_reply;
        case CLOSING -> ReadingMessages.Queue_closing;
        case OPT_OUT -> ReadingMessages.Queue_optOut;
        };
    }

    private static String bandLabel(int band) {
        return switch (band) {
        case 0 -> Messages.Dashboard_band0;
        case 1 -> Messages.Dashboard_band1;
        case 2 -> Messages.Dashboard_band2;
        default -> Messages.Dashboard_band3;
        };
    }

    /** The six languages and "automatic"; the choice is remembered for the contact. */
    private Menu languageMenu(QueueItem q) {
        Menu menu = new Menu(table);
        String current = q.contact() == null ? null : q.contact().language();
        MenuItem auto = new MenuItem(menu, SWT.RADIO);
        auto.setText(ReadingMessages.Language_auto);
        auto.setSelection(current == null);
        // Radio items also report the one being unchecked: act on the checked one only.
        auto.addListener(SWT.Selection, e -> {
            if (auto.getSelection()) {
                setLanguage(q, null);
            }
        });
        for (String lang : Languages.SUPPORTED) {
            MenuItem mi = new MenuItem(menu, SWT.RADIO);
            mi.setText(lang + "  " + maraude.templates.Messages.languageName(lang)); //$NON-NLS-1$
            mi.setSelection(lang.equals(current));
            mi.addListener(SWT.Selection, e -> {
                if (((MenuItem) e.widget).getSelection()) {
                    setLanguage(q, lang);
                }
            });
        }
        return menu;
    }

    /** Overrides the language of the row's contact (null: back to the language read from the threads). */
    public void setLanguage(QueueItem q, String language) {
        change(q, t -> t.setLanguage(q.summary().contactId(), language, Workers.current(), now()));
    }

    private Instant now() {
        java.time.Clock c = clock;
        return maraude.ui.Clocks.now(c);
    }

    /** J: the next conversation. */
    public void next() {
        move(1);
    }

    /** K: the previous conversation. */
    public void previous() {
        move(-1);
    }

    private void move(int delta) {
        if (lines.isEmpty()) {
            return;
        }
        int i = Math.max(0, Math.min(lines.size() - 1, table.getSelectionIndex() + delta));
        table.setSelection(i);
        table.showSelection();
    }

    /** Opens the selected conversation in the conversation part; on the closings' line, expands or collapses them. */
    public void openSelected() {
        if (isGroupSelected()) {
            toggleClosings();
            return;
        }
        QueueItem q = selected();
        if (q == null) {
            return;
        }
        broker.send(ArchiveEvents.OPEN_CONVERSATION, new ArchiveEvents.OpenConversation(q.conversationId(), null, null));
        partService.showPart(ConversationPart.ID, PartState.VISIBLE);
    }

    /**
     * H: the selected conversation is handled; it leaves the queue until they write again. On a
     * closing ("merci", "ok"), H confirms that no reply is needed; on the closings' line, it confirms
     * all of them at once.
     */
    public void markHandled() {
        if (isGroupSelected()) {
            List<QueueItem> all = closings;
            if (!all.isEmpty()) {
                change(all.get(0), t -> {
                    Instant now = now();
                    for (QueueItem c : all) {
                        t.markNoReplyNeeded(c.conversationId(), Workers.current(), now);
                    }
                });
            }
            return;
        }
        QueueItem q = selected();
        if (q == null) {
            return;
        }
        if (q.intent() == Intent.CLOSING && !q.urgent()) {
            change(q, t -> t.markNoReplyNeeded(q.conversationId(), Workers.current(), now()));
        } else {
            change(q, t -> t.markHandled(q.conversationId(), Workers.current(), now()));
        }
    }

    /**
     * D: the selected contact is not to be contacted again (follow-ups and campaigns leave them out);
     * the conversation leaves the queue as needing no reply.
     */
    public void markDoNotContact() {
        QueueItem q = selected();
        if (q != null) {
            change(q, t -> {
                Instant now = now();
                t.setDoNotContact(q.summary().contactId(), true, Workers.current(), now);
                t.markNoReplyNeeded(q.conversationId(), Workers.current(), now);
            });
        }
    }

    /** S: the selected conversation comes back tomorrow morning (or sooner if they write). */
    public void snooze() {
        QueueItem q = selected();
        if (q != null) {
            Instant until = now().plus(Duration.ofDays(1));
            change(q, t -> t.snooze(q.conversationId(), Workers.current(), now(), until));
        }
    }

    private interface StateChange {
        void apply(TriageService t);
    }

    private void change(QueueItem q, StateChange c) {
        int keep = table.getSelectionIndex();
        BackgroundJobs.schedule(Messages.Queue_saving, JobFamilies.QUEUE, () -> {
            TriageService triage = triage();
            try {
                c.apply(triage);
            } catch (maraude.core.triage.TriageConflictException e) {
                // a team archive: another worker changed this conversation first; nothing was written (#18)
                Computed fresh = computeAndKeep(triage);
                sync.asyncExec(() -> {
                    show(fresh);
                    if (!table.isDisposed()) {
                        maraude.ui.dialogs.Dialogs.warning(table.getShell(), maraude.ui.team.Messages.Team_conflictTitle,
                                maraude.ui.team.Messages.Team_conflict);
                    }
                });
                return;
            }
            Computed next = computeAndKeep(triage);
            sync.asyncExec(() -> {
                show(next);
                if (!lines.isEmpty()) {
                    table.setSelection(Math.min(keep, lines.size() - 1));
                }
                ownChange = q.conversationId();
                broker.post(ArchiveEvents.TRIAGE_CHANGED, q.conversationId());
            });
        });
    }

    /** The selected conversation; null on the closings' line. */
    private QueueItem selected() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < lines.size() && lines.get(i) instanceof QueueItem q ? q : null;
    }

    private boolean isGroupSelected() {
        int i = table.getSelectionIndex();
        return i >= 0 && i < lines.size() && lines.get(i) == CLOSINGS_GROUP;
    }

    /** Expands or collapses the closings under their line, which stays selected. */
    private void toggleClosings() {
        if (snapshotShown != null) {
            return; // the snapshot's closings are not listed: nothing there can be acted on
        }
        closingsExpanded = !closingsExpanded;
        int group = lines.indexOf(CLOSINGS_GROUP);
        layOut();
        if (group >= 0) {
            table.setSelection(group);
        }
    }

    /** The table's lines: the conversations to act on, then one line for the closings (and them, if expanded). */
    private void layOut() {
        List<Object> shown = new java.util.ArrayList<>();
        List<QueueItem> grouped = new java.util.ArrayList<>();
        for (QueueItem q : rows) {
            if (isClosing(q)) {
                grouped.add(q);
            } else {
                shown.add(q);
            }
        }
        if (!grouped.isEmpty()) {
            shown.add(CLOSINGS_GROUP);
            if (closingsExpanded) {
                shown.addAll(grouped);
            }
        }
        closings = List.copyOf(grouped);
        lines = shown;
        table.clearAll();
        table.setItemCount(lines.size());
        fitColumns(true);
    }

    private static boolean isClosing(QueueItem q) {
        return q.intent() == Intent.CLOSING && !q.urgent();
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
        maraude.ui.lifecycle.ArchiveSession s = session;
        BackgroundJobs.schedule(Messages.Queue_loading, JobFamilies.QUEUE, () -> {
            if (s != null) {
                s.awaitOpen(); // the archive opens in a job at start (the snapshot is shown meanwhile)
                s.awaitReadAhead(); // the threads read since the archive opened: not read twice
            }
            TriageService triage = triage();
            if (triage == null) {
                return; // the archive could not be opened: the workbench says so and closes
            }
            Computed q = computeAndKeep(triage);
            if (!probedLive) {
                FirstScreenProbe.reached(FirstScreenProbe.QUEUE_COMPUTED);
            }
            sync.asyncExec(() -> show(q));
        });
    }

    /**
     * The live queue, and what it shows kept as the next start's snapshot ({@link QueueSnapshot}: a
     * side file, encrypted on a protected archive; written only over the version seen before the
     * queue was computed, so that an erasure meanwhile is never undone). Off the UI thread.
     */
    private Computed computeAndKeep(TriageService triage) {
        long number = computations.incrementAndGet();
        Archive a = archive();
        // a team archive's side folder is not encrypted: the queue's previews are not kept there (#18)
        boolean keep = a != null && a.accessMode() == AccessMode.READ_WRITE && (session == null || !session.isTeam());
        String version = keep ? QueueSnapshot.version(a.files()) : null;
        PermanenceQueue q = triage.queue(now());
        if (keep) {
            QueueSnapshot.of(q).writeIfUnchanged(a.files(), version);
        }
        return new Computed(q, number);
    }

    /** A queue and the number of its computation. */
    private record Computed(PermanenceQueue queue, long number) {
    }

    /** Shows a computed queue, unless a later computation is shown already (UI thread). */
    private void show(Computed c) {
        if (table.isDisposed() || c.number() < shownComputation) {
            return;
        }
        shownComputation = c.number();
        PermanenceQueue q = c.queue();
        if (snapshotShown != null) {
            snapshotShown = null;
            table.setForeground(null);
        }
        queue = q;
        rows = q.items();
        layOut();
        armProbe(FirstScreenProbe.QUEUE_LIVE_DRAWN);
        part.setLabel(NLS.bind(ReadingMessages.Queue_title, new Object[] { rows.size(), q.needsReply(), q.urgent() }));
        counters.setText(rows.isEmpty() ? Messages.Queue_empty
                : NLS.bind(ReadingMessages.Queue_counters, new Object[] { rows.size(), q.needsReply(), q.urgent(),
                        q.closings(), q.optOuts(), q.overdue(), q.expiringSoon(), q.fresh() }));
        counters.getParent().layout(true);
    }

    /** The instant the queue shown was computed at (the workbench's clock); null before the first load. */
    public Instant queueNow() {
        return queue == null ? null : queue.now();
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

    /** The conversations in the queue (closings included, whether their group is expanded or not), for tests and handlers. */
    public List<QueueItem> rows() {
        return rows;
    }

    /** The table line of a conversation, -1 when not shown (a closing under its collapsed group); for tests. */
    public int lineOf(String conversationId) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) instanceof QueueItem q && q.conversationId().equals(conversationId)) {
                return i;
            }
        }
        return -1;
    }

    /** The table line of the closings' group, -1 when there is no closing; for tests. */
    public int closingsLine() {
        return lines.indexOf(CLOSINGS_GROUP);
    }

    @Focus
    void focus() {
        table.setFocus();
    }
}

package maraude.ui.conversation;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.eclipse.core.runtime.ILog;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Contact;
import maraude.core.model.Message;
import maraude.templates.Finding;
import maraude.templates.ReplyDraft;
import maraude.templates.Suggestion;
import maraude.templates.SuggestionContext;
import maraude.templates.TeamSettings;
import maraude.templates.Template;
import maraude.templates.TemplateService;
import maraude.templates.TemplateSuggester;
import maraude.ui.ArchiveEvents;
import maraude.ui.JobFamilies;
import maraude.ui.WidgetIds;

/**
 * Below the thread: the three templates that fit the open conversation (with why: detected language,
 * matched words), a reply editor checked for outing risks as the worker types, and "Copy", which puts
 * the text on the clipboard for pasting into the platform and records it as a pending outbound
 * message, so that the conversation leaves the queue. The state (conversation, suggestions, draft,
 * check, two-step copy) is a {@link ReplyDraft}; this class shows it and forwards the worker's actions.
 */
public final class ReplyPanel {

    /** The check runs this long after the last key: typing stays fluid on long texts. */
    static final int CHECK_DELAY_MS = 300;
    /** Team setting: the service's own domains, comma-separated (links to them out the reader). */
    static final String SERVICE_DOMAINS = ReplyDraft.SERVICE_DOMAINS;

    /** Background of a risky range: warm, readable, not alarming. Device-free colour, nothing to dispose. */
    private static final Color MARK = new Color(255, 236, 200);

    /** The archive of the moment: it is reopened after a lock. */
    private final Supplier<Archive> archive;
    private final IEventBroker broker;
    private final Supplier<String> worker;
    private final Display display;
    private final Composite root;
    private final Label suggestionsTitle;
    private final Composite suggestionsBox;
    private final StyledText editor;
    private final Label warnings;
    private final Button useOpening;
    private final Button copy;
    private final Label status;
    private final Runnable checkLater = this::runCheck;
    private Clipboard clipboard;

    private final ReplyDraft draft = new ReplyDraft();
    private boolean settingText;
    private final TemplateServices templateServices;
    /** The workbench's clock: drafts and suggestions are dated by it. */
    private final java.time.Clock clock;

    ReplyPanel(Composite parent, Supplier<Archive> archive, IEventBroker broker, Supplier<String> worker,
            TemplateServices templateServices, java.time.Clock clock) {
        this.clock = clock;
        this.archive = archive;
        this.templateServices = templateServices;
        this.broker = broker;
        this.worker = worker;
        display = parent.getDisplay();
        root = WidgetIds.tag(new Composite(parent, SWT.NONE), WidgetIds.REPLY_PANEL);
        root.setLayout(new GridLayout(2, false));
        // Suggestions on the left, the draft on the right: both stay readable in a low panel.
        Composite left = column(root);
        GridData ld = (GridData) left.getLayoutData();
        ld.widthHint = 300;
        ld.grabExcessHorizontalSpace = false;
        Composite right = column(root);

        suggestionsTitle = new Label(left, SWT.NONE);
        suggestionsTitle.setFont(JFaceResources.getFontRegistry().getBold(JFaceResources.DEFAULT_FONT));
        suggestionsTitle.setText(Messages.Reply_noConversation);
        suggestionsTitle.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        suggestionsBox = WidgetIds.tag(new Composite(left, SWT.NONE), WidgetIds.REPLY_SUGGESTIONS);
        GridLayout sl = new GridLayout(2, false);
        sl.marginWidth = 0;
        sl.marginHeight = 0;
        suggestionsBox.setLayout(sl);
        suggestionsBox.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        Label editorTitle = new Label(right, SWT.WRAP);
        editorTitle.setText(Messages.Reply_editorTitle);
        editorTitle.setLayoutData(wrapping());
        editor = WidgetIds.tag(new StyledText(right, SWT.MULTI | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER), WidgetIds.REPLY_EDITOR);
        GridData ed = new GridData(SWT.FILL, SWT.FILL, true, true);
        ed.heightHint = 60;
        ed.minimumHeight = 60;
        editor.setLayoutData(ed);
        editor.setMargins(6, 4, 6, 4);
        editor.setEnabled(false);
        editor.addModifyListener(e -> modified());

        warnings = WidgetIds.tag(new Label(right, SWT.WRAP), WidgetIds.REPLY_WARNINGS);
        warnings.setLayoutData(wrapping());

        Composite buttons = new Composite(right, SWT.NONE);
        GridLayout bl = new GridLayout(2, false);
        bl.marginWidth = 0;
        bl.marginHeight = 0;
        buttons.setLayout(bl);
        buttons.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        copy = WidgetIds.tag(new Button(buttons, SWT.PUSH), WidgetIds.REPLY_COPY);
        copy.setText(Messages.Reply_copy);
        copy.setEnabled(false);
        copy.addListener(SWT.Selection, e -> copy());
        useOpening = WidgetIds.tag(new Button(buttons, SWT.PUSH), WidgetIds.REPLY_USE_OPENING);
        useOpening.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false));
        useOpening.addListener(SWT.Selection, e -> useNeutralOpening());
        show(useOpening, false);
        status = WidgetIds.tag(new Label(right, SWT.WRAP), WidgetIds.REPLY_STATUS);
        status.setLayoutData(wrapping());
        root.addDisposeListener(e -> {
            if (clipboard != null) {
                clipboard.dispose();
            }
        });
    }

    private static Composite column(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(1, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        c.setLayout(l);
        c.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        return c;
    }

    private static GridData wrapping() {
        GridData d = new GridData(SWT.FILL, SWT.TOP, true, false);
        d.widthHint = 200; // grows with the panel; a hint lets the label wrap instead of widening it
        return d;
    }

    Control control() {
        return root;
    }

    /** A conversation starts loading: suggestions go, the draft goes unless it is the same conversation. */
    void loading(String id) {
        boolean cleared = draft.loading(id);
        setSuggestions(List.of(), List.of());
        suggestionsTitle.setText(Messages.Reply_loadingSuggestions);
        if (cleared) {
            setEditorText(""); //$NON-NLS-1$
            status(null, false);
        }
        editor.setEnabled(true);
        copy.setEnabled(true);
        relayout();
    }

    /**
     * The language of the conversation about to load: suggestions, placeholders and the outing-safe
     * check's neutral opening use it, so that a last "merciii" does not turn a French thread Romanian.
     */
    public void conversationLanguage(String lang) {
        draft.conversationLanguage(lang);
    }

    /** The conversation language in use (tests). */
    public String conversationLanguage() {
        return draft.conversationLanguage();
    }

    /** The language of the neutral opening the check proposes (tests). */
    public String openingLanguage() {
        return draft.openingLanguage();
    }

    /** Computes suggestions for the conversation in a job, from its messages and the team's settings. */
    void load(String id, Contact contact, List<Message> thread, TeamFiles.Loaded team) {
        long mine = draft.loaded(id, contact, team.settings());
        if (mine < 0) {
            return;
        }
        if (team.error() != null) {
            status(NLS.bind(Messages.Reply_settingsError, team.error()), true);
        }
        String lang = draft.conversationLanguage();
        TeamSettings s = draft.settings();
        Map<String, String> conversationValues = draft.values();
        Archive open = archive.get();
        Job job = new Job(Messages.Reply_loadingSuggestions) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                List<Suggestion> found;
                List<String> titles = new ArrayList<>();
                try {
                    TemplateServices.Loaded templates = templateServices.forArchive(open);
                    TemplateService service = templates.service();
                    if (templates.error() != null) {
                        display.asyncExec(() -> {
                            if (draft.current(mine) && !root.isDisposed()) {
                                status(NLS.bind(Messages.Reply_settingsError, templates.error()), true);
                            }
                        });
                    }
                    SuggestionContext ctx = SuggestionContext.fromConversation(thread, s, conversationValues, null,
                            ZonedDateTime.now(clock)).withConversationLanguage(lang);
                    found = service.suggester().suggest(TemplateSuggester.recentInbound(thread, 5), ctx);
                    for (Suggestion x : found) {
                        titles.add(service.library().byId(x.templateId()).map(Template::title).orElse(x.templateId()));
                    }
                } catch (RuntimeException e) {
                    ILog.of(ReplyPanel.class).error("Suggesting templates failed", e); //$NON-NLS-1$
                    String reason = e.getClass().getSimpleName();
                    display.asyncExec(() -> {
                        if (draft.current(mine) && !root.isDisposed()) {
                            suggestionsTitle.setText(NLS.bind(Messages.Reply_suggestionsFailed, reason));
                        }
                    });
                    return Status.OK_STATUS;
                }
                if (!display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (!root.isDisposed() && draft.suggested(mine, found)) {
                            setSuggestions(found, titles);
                        }
                    });
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.REPLY);
            }
        };
        job.setSystem(true);
        job.schedule();
    }

    /** No conversation: nothing to reply to. */
    void clear() {
        draft.clear();
        setSuggestions(List.of(), List.of());
        suggestionsTitle.setText(Messages.Reply_noConversation);
        setEditorText(""); //$NON-NLS-1$
        editor.setEnabled(false);
        copy.setEnabled(false);
    }

    /** Shows the suggestions (the draft keeps them). */
    private void setSuggestions(List<Suggestion> found, List<String> titles) {
        for (Control c : suggestionsBox.getChildren()) {
            c.dispose();
        }
        if (!found.isEmpty()) {
            suggestionsTitle.setText(Messages.Reply_suggestionsTitle);
        } else if (draft.conversationId() != null) {
            suggestionsTitle.setText(Messages.Reply_noSuggestions);
        }
        for (int i = 0; i < found.size(); i++) {
            Suggestion s = found.get(i);
            int index = i;
            Button insert = WidgetIds.tag(new Button(suggestionsBox, SWT.PUSH), WidgetIds.indexed(WidgetIds.REPLY_INSERT, i));
            insert.setText(Messages.Reply_insert);
            insert.setLayoutData(new GridData(SWT.LEFT, SWT.TOP, false, false));
            insert.addListener(SWT.Selection, e -> insert(index));
            Label about = WidgetIds.tag(new Label(suggestionsBox, SWT.WRAP), WidgetIds.indexed(WidgetIds.REPLY_SUGGESTION, i));
            about.setText(NLS.bind(Messages.Reply_suggestion, new Object[] { titles.get(i), s.category(), s.language() })
                    + "\n" + String.join(" \u00b7 ", s.reasons())); //$NON-NLS-1$ //$NON-NLS-2$
            about.setToolTipText(s.text());
            about.setLayoutData(wrapping());
        }
        relayout();
    }

    /** Puts a suggestion's text into the editor: the whole draft when empty, else over the selection. */
    public void insert(int index) {
        org.eclipse.swt.graphics.Point sel = editor.getSelectionRange();
        String text = draft.insert(index, sel.x, sel.y);
        if (text == null) {
            return;
        }
        setEditorText(text);
        editor.setFocus();
    }

    private void modified() {
        if (settingText) {
            return;
        }
        draft.edited(editor.getText());
        copy.setText(Messages.Reply_copy);
        display.timerExec(-1, checkLater);
        display.timerExec(CHECK_DELAY_MS, checkLater);
    }

    private void setEditorText(String text) {
        settingText = true;
        try {
            editor.setText(text);
        } finally {
            settingText = false;
        }
        draft.edited(text);
        copy.setText(Messages.Reply_copy);
        runCheck();
    }

    /** The outing check over the draft: findings underlined, explained below, with a neutral opening. */
    void runCheck() {
        if (editor.isDisposed()) {
            return;
        }
        display.timerExec(-1, checkLater);
        String text = editor.getText();
        ReplyDraft.Check check = draft.check();
        List<StyleRange> styles = new ArrayList<>();
        Color placeholder = display.getSystemColor(SWT.COLOR_DARK_BLUE);
        for (int[] p : check.placeholders()) {
            StyleRange r = new StyleRange(p[0], p[1] - p[0], placeholder, null);
            r.underline = true;
            r.underlineStyle = SWT.UNDERLINE_SINGLE;
            styles.add(r);
        }
        Color red = display.getSystemColor(SWT.COLOR_RED);
        for (Finding f : check.findings()) {
            int start = Math.max(0, Math.min(f.start(), text.length()));
            int end = Math.max(start, Math.min(f.end(), text.length()));
            StyleRange r = new StyleRange(start, end - start, red, MARK);
            r.underline = true;
            r.underlineStyle = SWT.UNDERLINE_SQUIGGLE;
            r.underlineColor = red;
            styles.add(r);
        }
        editor.setStyleRanges(new StyleRange[0]);
        for (StyleRange r : styles) { // in order: a finding over a placeholder wins
            if (r.length > 0 && r.start + r.length <= text.length()) {
                editor.setStyleRange(r);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (Finding f : check.findings()) {
            if (sb.length() > 0) {
                sb.append('\n');
            }
            sb.append(NLS.bind(Messages.Reply_warning, f.message(), f.suggestion()));
        }
        warnings.setText(check.findings().isEmpty() ? (text.isBlank() ? "" : Messages.Reply_noWarning) : sb.toString()); //$NON-NLS-1$
        warnings.setForeground(check.findings().isEmpty() ? null : red);
        if (check.revealing()) {
            useOpening.setText(NLS.bind(Messages.Reply_useOpening, draft.opening()));
        }
        show(useOpening, check.revealing());
        relayout();
    }

    /** Replaces the draft's first line with the neutral opening in the conversation's language. */
    public void useNeutralOpening() {
        setEditorText(draft.useNeutralOpening());
        editor.setFocus();
    }

    /** Copies the draft (placeholders filled) and records it as a pending outbound message. */
    public void copy() {
        String id = draft.conversationId();
        ReplyDraft.Copy c = draft.copy();
        switch (c.state()) {
        case EMPTY -> {
            if (id != null) {
                status(Messages.Reply_empty, true);
            }
        }
        case UNFILLED -> status(c.problem(), true);
        case CONFIRM -> {
            runCheck();
            copy.setText(Messages.Reply_copyAnyway);
            status(Messages.Reply_confirmWarnings, true);
            relayout();
        }
        case READY -> {
            runCheck();
            copy.setText(Messages.Reply_copy);
            if (clipboard == null) {
                clipboard = new Clipboard(display);
            }
            clipboard.setContents(new Object[] { c.text() }, new Transfer[] { TextTransfer.getInstance() });
            record(id, c.text());
        }
        }
    }

    private void record(String id, String text) {
        if (archive.get().accessMode() != AccessMode.READ_WRITE) {
            status(Messages.Reply_copiedReadOnly, true);
            return;
        }
        status(Messages.Reply_recording, false);
        Message pending = PendingReplies.create(id, worker.get(), text, draft.templateId(), ZonedDateTime.now(clock));
        Job job = new Job(Messages.Reply_recording) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                String error = null;
                try {
                    archive.get().addMessage(pending);
                    archive.get().commit();
                } catch (RuntimeException e) {
                    ILog.of(ReplyPanel.class).error("Recording a pending reply failed", e); //$NON-NLS-1$
                    error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                }
                String failure = error;
                if (!display.isDisposed()) {
                    display.asyncExec(() -> {
                        if (!root.isDisposed()) {
                            status(failure == null ? Messages.Reply_copied : NLS.bind(Messages.Reply_recordFailed, failure),
                                    failure != null);
                        }
                        if (failure == null) {
                            broker.post(ArchiveEvents.CHANGED, id);
                        }
                    });
                }
                return Status.OK_STATUS;
            }

            @Override
            public boolean belongsTo(Object family) {
                return JobFamilies.belongsTo(family, JobFamilies.REPLY);
            }
        };
        job.schedule();
    }

    private void status(String text, boolean problem) {
        status.setText(text == null ? "" : text); //$NON-NLS-1$
        status.setForeground(problem ? display.getSystemColor(SWT.COLOR_RED) : null);
        relayout();
    }

    private static void show(Control c, boolean visible) {
        c.setVisible(visible);
        ((GridData) (c.getLayoutData() != null ? c.getLayoutData() : new GridData())).exclude = !visible;
    }

    private void relayout() {
        if (!root.isDisposed()) {
            root.layout(true, true);
        }
    }

    void focus() {
        if (editor.isEnabled()) {
            editor.setFocus();
        }
    }

    public List<Suggestion> suggestions() {
        return draft.suggestions();
    }

    public List<Finding> findings() {
        return draft.findings();
    }

    public StyledText editor() {
        return editor;
    }

    public String statusText() {
        return status.getText();
    }

    public String conversationId() {
        return draft.conversationId();
    }
}

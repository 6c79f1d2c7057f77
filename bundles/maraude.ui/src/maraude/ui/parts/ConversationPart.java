package maraude.ui.parts;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.e4.ui.workbench.modeling.IPartListener;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.Label;

import maraude.core.archive.Archive;
import maraude.core.archive.TextMatcher;
import maraude.core.archive.TextRange;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.core.classify.ConversationLanguage;
import maraude.core.classify.ConversationReading;
import maraude.core.classify.Languages;
import maraude.core.triage.TriageService;
import maraude.images.ImageService;
import maraude.images.ImageServices;
import maraude.ui.ArchiveEvents;
import maraude.ui.BackgroundJobs;
import maraude.ui.ArchiveEvents.OpenConversation;
import maraude.ui.Formats;
import maraude.ui.JobFamilies;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;
import maraude.ui.Workers;
import maraude.ui.conversation.ConversationView;
import maraude.ui.conversation.ImageAuditLog;
import maraude.ui.conversation.PendingReplies;
import maraude.ui.conversation.PictureStrip;
import maraude.ui.conversation.ReplyPanel;
import maraude.ui.conversation.ServicesBar;
import maraude.ui.conversation.TemplateServices;
import maraude.ui.conversation.TeamFiles;
import maraude.ui.model.ThreadRenderer;

/**
 * The whole thread of one conversation, oldest first, their words and ours told apart, scrolled to
 * the message asked for with the searched words highlighted; its pictures beside it, blurred until
 * the worker reveals one; below, the reply panel (suggestions, checked editor, copy).
 * Every picture blurs again when another conversation opens or the part is left.
 */
public class ConversationPart {

    public static final String ID = "maraude.part.conversation"; //$NON-NLS-1$
    /** Widget id of the language button in the header. */
    public static final String LANGUAGE_BUTTON = "conversation.language"; //$NON-NLS-1$

    /** The archive, asked when needed (in jobs): the part is built while the archive still opens. */
    @Inject
    private org.eclipse.e4.core.contexts.IEclipseContext context;
    @Inject
    @Optional
    private maraude.ui.lifecycle.ArchiveSession session;
    @Inject
    private UISynchronize sync;
    @Inject
    private ImageServices imageServices;
    @Inject
    private TemplateServices templates;
    /** The workbench's one clock ({@link maraude.ui.Clocks}). */
    @Inject
    @Optional
    private java.time.Clock clock;
    @Inject
    private IEventBroker broker;
    @Inject
    private EPartService partService;
    @Inject
    private MPart part;

    private Label header;
    /** The conversation's language; one click chooses another one for the contact. */
    private Button language;
    private ConversationReading reading;
    private String contactId;
    private StyledText text;
    private ConversationView view;
    private ServicesBar services;
    private String conversationId;
    private OpenConversation lastRequest;
    private List<Highlight> highlights = List.of();
    /** Counts the open requests: a slow load of an older one never paints over a newer one. */
    private long requests;
    private volatile TeamFiles.Loaded team = new TeamFiles.Loaded(maraude.templates.TeamSettings.empty(), null);
    private final IPartListener leaving = new IPartListener() {
        @Override
        public void partActivated(MPart p) {
            // nothing: revealing is always a click
        }

        @Override
        public void partBroughtToTop(MPart p) {
            // nothing
        }

        @Override
        public void partDeactivated(MPart p) {
            if (p == part) {
                view.pictures().reblurAll();
            }
        }

        @Override
        public void partHidden(MPart p) {
            if (p == part) {
                view.pictures().reblurAll();
            }
        }

        @Override
        public void partVisible(MPart p) {
            // nothing
        }
    };

    /** A marked range in the thread text, for tests and for the scroll position. */
    public record Highlight(int start, int length) {
    }

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite top = new Composite(parent, SWT.NONE);
        GridLayout topLayout = new GridLayout(2, false);
        topLayout.marginWidth = 0;
        topLayout.marginHeight = 0;
        top.setLayout(topLayout);
        top.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        header = WidgetIds.tag(new Label(top, SWT.NONE), WidgetIds.CONVERSATION_HEADER);
        header.setText(Messages.Conversation_none);
        header.setFont(JFaceResources.getBannerFont());
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        language = new Button(top, SWT.PUSH);
        language.setData(WidgetIds.KEY, LANGUAGE_BUTTON);
        language.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false));
        language.setVisible(false);
        language.addListener(SWT.Selection, e -> languageMenu().setVisible(true));
        services = new ServicesBar(parent, this::triage, broker, Workers::current, maraude.ui.Clocks.or(clock));
        services.control().setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));

        SashForm sash = new SashForm(parent, SWT.VERTICAL | SWT.SMOOTH);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite thread = new Composite(sash, SWT.NONE);
        GridLayout tl = new GridLayout(2, false);
        tl.marginWidth = 0;
        tl.marginHeight = 0;
        thread.setLayout(tl);
        text = WidgetIds.tag(new StyledText(thread, SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER),
                WidgetIds.CONVERSATION_TEXT);
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        text.setMargins(8, 8, 8, 8);

        // the side files and the folder without waiting for the archive to open (the pictures need it later)
        maraude.core.archive.ArchiveFiles files = session != null ? session.sideFiles() : archive().files();
        java.nio.file.Path location = session != null ? session.location() : archive().location();
        ImageService images = imageServices.create(files, sha -> archive().openAttachment(sha),
                new ImageAuditLog(location.resolve("audit").resolve("images.log")), //$NON-NLS-1$ //$NON-NLS-2$
                worker -> TeamFiles.mayReveal(team.settings(), worker))
                .withRules(() -> TeamFiles.pictureRules(team.settings()));
        view = new ConversationView(thread, sash, this::archive, broker, images, Workers::current, templates,
                maraude.ui.Clocks.or(clock));
        sash.setWeights(60, 40);
        partService.addPartListener(leaving);
    }

    private Archive archive() {
        return context.get(Archive.class);
    }

    /** The triage (null without one), asked when needed: see {@link #archive()}. */
    private TriageService triage() {
        return context.get(TriageService.class);
    }

    @PreDestroy
    void dispose() {
        partService.removePartListener(leaving);
    }

    @Inject
    @Optional
    void open(@UIEventTopic(ArchiveEvents.OPEN_CONVERSATION) OpenConversation request) {
        if (text == null || text.isDisposed() || request == null) {
            return;
        }
        // Every sharp picture goes at once, before anything of the next conversation is loaded.
        view.leaving(request.conversationId());
        header.setText(Messages.Conversation_loading);
        load(request, true);
    }

    @Inject
    @Optional
    void locked(@UIEventTopic(ArchiveEvents.LOCKED) Object ignored) {
        clear();
    }

    /** Shows nothing (locked, or the conversation shown was erased). */
    private void clear() {
        if (text != null && !text.isDisposed()) {
            view.leaving(null);
            requests++;
            lastRequest = null;
            conversationId = null;
            highlights = List.of();
            services.show(null);
            text.setText(""); //$NON-NLS-1$
            header.setText(Messages.Conversation_none);
        }
    }

    @Inject
    @Optional
    void archiveChanged(@UIEventTopic(ArchiveEvents.CHANGED) Object ignored) {
        if (text != null && !text.isDisposed() && lastRequest != null) {
            load(new OpenConversation(lastRequest.conversationId(), null, lastRequest.query()), false);
        }
    }

    private void load(OpenConversation request, boolean opening) {
        long mine = opening ? ++requests : requests;
        BackgroundJobs.schedule(Messages.Conversation_loading, JobFamilies.CONVERSATION, () -> {
            Archive archive = archive();
            Conversation conversation = archive.conversation(request.conversationId()).orElse(null);
            List<Message> thread = archive.messages(request.conversationId());
            // what the search matched, as the archive's analysis matched it (folding, stems, numbers)
            TextMatcher matcher = request.query() == null || request.query().isBlank() ? TextMatcher.NONE
                    : archive.matcher(request.query());
            ThreadRenderer.Rendered rendered = renderer().render(thread, request.messageId(), matcher);
            Contact contact = conversation == null ? null : archive.contact(conversation.contactId()).orElse(null);
            TeamFiles.Loaded settings = opening ? TeamFiles.load(archive.files()) : team;
            ConversationReading read = readingOf(request.conversationId());
            sync.asyncExec(() -> {
                if (mine == requests) {
                    reading = read;
                    contactId = conversation == null ? null : conversation.contactId();
                    show(request, conversation, contact, thread, rendered, settings, opening);
                }
            });
        });
    }

    private void show(OpenConversation request, Conversation conversation, Contact contact, List<Message> thread,
            ThreadRenderer.Rendered rendered, TeamFiles.Loaded settings, boolean opening) {
        if (text.isDisposed()) {
            return;
        }
        if (!opening && (lastRequest == null || !request.conversationId().equals(lastRequest.conversationId()))) {
            return; // a reload for a conversation no longer shown
        }
        if (!opening && conversation == null && thread.isEmpty()) {
            clear(); // erased meanwhile (retention, "forget this contact"): nothing of it stays on screen
            return;
        }
        int top = text.getTopIndex();
        conversationId = request.conversationId();
        String who = contact != null ? contact.displayName() : conversation != null ? conversation.title() : ""; //$NON-NLS-1$
        String platform = conversation != null ? conversation.platform().key() : ""; //$NON-NLS-1$
        header.setText(NLS.bind(Messages.Conversation_header, new Object[] { who, platform, thread.size() }));
        showLanguage();

        Color inbound = text.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE);
        Color outbound = text.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN);
        Color system = text.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        Color mark = text.getDisplay().getSystemColor(SWT.COLOR_YELLOW);
        text.setText(rendered.text());
        for (ThreadRenderer.Span h : rendered.headers()) {
            Color c = switch (h.style()) {
                case INBOUND_HEADER -> inbound;
                case OUTBOUND_HEADER, PENDING_HEADER -> outbound;
                case SYSTEM_HEADER -> system;
            };
            text.setStyleRange(new StyleRange(h.start(), h.length(), c, null, SWT.BOLD));
        }
        List<Highlight> marks = new ArrayList<>();
        for (TextRange m : rendered.matches()) {
            StyleRange r = new StyleRange(m.start(), m.length(), null, mark);
            r.fontStyle = SWT.BOLD;
            text.setStyleRange(r);
            marks.add(new Highlight(m.start(), m.length()));
        }
        List<PictureStrip.Picture> pictures = new ArrayList<>();
        for (ThreadRenderer.Picture p : rendered.pictures()) {
            pictures.add(new PictureStrip.Picture(p.attachment(), p.caption()));
        }
        int scrollTo = rendered.scrollTo();
        highlights = List.copyOf(marks);
        if (scrollTo >= 0) {
            text.setTopIndex(text.getLineAtOffset(scrollTo));
            text.setCaretOffset(scrollTo);
        } else if (!opening) {
            text.setTopIndex(top);
        }
        if (opening) {
            lastRequest = request;
            team = settings;
            view.reply().conversationLanguage(reading == null ? null : reading.language().language());
            view.opened(conversationId, contact, thread, pictures, settings);
            services.show(conversationId);
        }
    }

    /** The triage's reading of the conversation (language, intent, urgency); null without triage. */
    private ConversationReading readingOf(String id) {
        try {
            TriageService triage = triage();
            return triage == null ? null : triage.reading(id, maraude.ui.Clocks.now(clock));
        } catch (RuntimeException e) {
            org.eclipse.core.runtime.ILog.of(ConversationPart.class).error("Reading the conversation failed", e); //$NON-NLS-1$
            return null;
        }
    }

    private void showLanguage() {
        if (reading == null) {
            language.setVisible(false);
            return;
        }
        ConversationLanguage.Decision d = reading.language();
        String source = switch (d.source()) {
        case OVERRIDE -> ReadingMessages.Language_source_override;
        case THREAD -> ReadingMessages.Language_source_thread;
        case CONTACT -> ReadingMessages.Language_source_contact;
        case TEAM -> ReadingMessages.Language_source_team;
        case DEFAULT -> ReadingMessages.Language_source_default;
        };
        language.setText(NLS.bind(ReadingMessages.Language_button,
                maraude.templates.Messages.languageName(d.language()) + " (" + source + ")")); //$NON-NLS-1$ //$NON-NLS-2$
        language.setVisible(true);
        language.getParent().layout(true);
    }

    /** One click: the six languages and "automatic"; the choice is remembered for the contact. */
    private Menu languageMenu() {
        Menu menu = new Menu(language);
        String chosen = reading != null && reading.language().source() == ConversationLanguage.Source.OVERRIDE
                ? reading.language().language() : null;
        MenuItem auto = new MenuItem(menu, SWT.RADIO);
        auto.setText(ReadingMessages.Language_auto);
        auto.setSelection(chosen == null);
        // Radio items also report the one being unchecked: act on the checked one only.
        auto.addListener(SWT.Selection, e -> {
            if (auto.getSelection()) {
                chooseLanguage(null);
            }
        });
        for (String lang : Languages.SUPPORTED) {
            MenuItem mi = new MenuItem(menu, SWT.RADIO);
            mi.setText(lang + "  " + maraude.templates.Messages.languageName(lang)); //$NON-NLS-1$
            mi.setSelection(lang.equals(chosen));
            mi.addListener(SWT.Selection, e -> {
                if (((MenuItem) e.widget).getSelection()) {
                    chooseLanguage(lang);
                }
            });
        }
        return menu;
    }

    /** Remembers a language for the contact, then reloads the conversation (suggestions, opening). */
    public void chooseLanguage(String lang) {
        String contact = contactId;
        OpenConversation again = lastRequest;
        if (contact == null || again == null) {
            return;
        }
        BackgroundJobs.schedule(ReadingMessages.Language_auto, JobFamilies.CONVERSATION, () -> {
            TriageService triage = triage();
            if (triage == null) {
                return;
            }
            triage.setLanguage(contact, lang, Workers.current(), maraude.ui.Clocks.now(clock));
            sync.asyncExec(() -> {
                broker.post(ArchiveEvents.TRIAGE_CHANGED, contact);
                load(new OpenConversation(again.conversationId(), null, again.query()), true);
            });
        });
    }

    /** The thread as text and spans, with this view's words. */
    private static ThreadRenderer renderer() {
        return new ThreadRenderer(new ThreadRenderer.Labels(Messages.Conversation_inbound, Messages.Conversation_outbound,
                maraude.ui.conversation.Messages.Conversation_pending, Messages.Conversation_system,
                Messages.Conversation_attachmentImage, Messages.Conversation_attachmentFile,
                maraude.ui.conversation.Messages.Picture_caption), Formats::dateTime, PendingReplies::isPending);
    }

    /** The conversation's reading as shown (tests). */
    public ConversationReading reading() {
        return reading;
    }

    /** The services-offered row (tests). */
    public ServicesBar services() {
        return services;
    }

    /** The conversation shown, or null. */
    public String conversationId() {
        return conversationId;
    }

    /** The highlighted ranges currently shown. */
    public List<Highlight> highlights() {
        return highlights;
    }

    /** The pictures column. */
    public PictureStrip pictures() {
        return view.pictures();
    }

    /** The reply panel. */
    public ReplyPanel reply() {
        return view.reply();
    }

    @Focus
    void focus() {
        if (conversationId != null) {
            view.reply().editor().setFocus();
        } else {
            text.setFocus();
        }
    }
}

package maraude.ui.parts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.e4.ui.di.UIEventTopic;
import org.eclipse.e4.ui.di.UISynchronize;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import maraude.core.archive.Archive;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.ui.ArchiveEvents;
import maraude.ui.ArchiveEvents.OpenConversation;
import maraude.ui.Formats;
import maraude.ui.Messages;
import maraude.ui.WidgetIds;

/**
 * The whole thread of one conversation, oldest first, their words and ours told apart, scrolled to
 * the message asked for with the searched words highlighted. Pictures are never shown here unblurred.
 */
public class ConversationPart {

    public static final String ID = "maraude.part.conversation"; //$NON-NLS-1$

    @Inject
    private Archive archive;
    @Inject
    private UISynchronize sync;

    private Label header;
    private StyledText text;
    private String conversationId;
    private List<Highlight> highlights = List.of();

    /** A marked range in the thread text, for tests and for the scroll position. */
    public record Highlight(int start, int length) {
    }

    @PostConstruct
    void create(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        header = WidgetIds.tag(new Label(parent, SWT.NONE), WidgetIds.CONVERSATION_HEADER);
        header.setText(Messages.Conversation_none);
        header.setFont(JFaceResources.getBannerFont());
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        text = WidgetIds.tag(new StyledText(parent, SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL | SWT.BORDER),
                WidgetIds.CONVERSATION_TEXT);
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        text.setMargins(8, 8, 8, 8);
    }

    @Inject
    @Optional
    void open(@UIEventTopic(ArchiveEvents.OPEN_CONVERSATION) OpenConversation request) {
        if (text == null || text.isDisposed() || request == null) {
            return;
        }
        header.setText(Messages.Conversation_loading);
        Job job = Job.create(Messages.Conversation_loading, monitor -> {
            Conversation conversation = archive.conversation(request.conversationId()).orElse(null);
            List<Message> thread = archive.messages(request.conversationId());
            Contact contact = conversation == null ? null : archive.contact(conversation.contactId()).orElse(null);
            sync.asyncExec(() -> show(request, conversation, contact, thread));
            return Status.OK_STATUS;
        });
        job.setSystem(true);
        job.schedule();
    }

    private void show(OpenConversation request, Conversation conversation, Contact contact, List<Message> thread) {
        if (text.isDisposed()) {
            return;
        }
        conversationId = request.conversationId();
        String who = contact != null ? contact.displayName() : conversation != null ? conversation.title() : ""; //$NON-NLS-1$
        String platform = conversation != null ? conversation.platform().key() : ""; //$NON-NLS-1$
        header.setText(NLS.bind(Messages.Conversation_header, new Object[] { who, platform, thread.size() }));

        Color inbound = text.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE);
        Color outbound = text.getDisplay().getSystemColor(SWT.COLOR_DARK_GREEN);
        Color system = text.getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY);
        Color mark = text.getDisplay().getSystemColor(SWT.COLOR_YELLOW);
        StringBuilder sb = new StringBuilder();
        List<StyleRange> styles = new ArrayList<>();
        List<Highlight> marks = new ArrayList<>();
        int scrollTo = -1;
        for (Message m : thread) {
            if (m.id().equals(request.messageId())) {
                scrollTo = sb.length();
            }
            String direction = switch (m.direction()) {
                case INBOUND -> Messages.Conversation_inbound;
                case OUTBOUND -> Messages.Conversation_outbound;
                case SYSTEM -> Messages.Conversation_system;
            };
            String head = Formats.dateTime(m.instant()) + "  " + m.author() + "  (" + direction + ")\n"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            StyleRange hs = new StyleRange(sb.length(), head.length(), m.direction() == Direction.INBOUND ? inbound
                    : m.direction() == Direction.OUTBOUND ? outbound : system, null, SWT.BOLD);
            styles.add(hs);
            sb.append(head);
            int bodyStart = sb.length();
            sb.append(m.text()).append('\n');
            for (Attachment a : m.attachments()) {
                sb.append(NLS.bind(a.isImage() ? Messages.Conversation_attachmentImage : Messages.Conversation_attachmentFile,
                        a.fileName().isEmpty() ? a.mediaType() : a.fileName())).append('\n');
            }
            for (Highlight h : find(m.text(), request.highlight())) {
                marks.add(new Highlight(bodyStart + h.start(), h.length()));
            }
            sb.append('\n');
        }
        text.setText(sb.toString());
        for (StyleRange s : styles) {
            text.setStyleRange(s);
        }
        for (Highlight h : marks) {
            StyleRange r = new StyleRange(h.start(), h.length(), null, mark);
            r.fontStyle = SWT.BOLD;
            text.setStyleRange(r);
        }
        highlights = List.copyOf(marks);
        if (scrollTo >= 0) {
            text.setTopIndex(text.getLineAtOffset(scrollTo));
            text.setCaretOffset(scrollTo);
        }
    }

    /** Finds the words in the text, ignoring case and accents (as the search does). */
    static List<Highlight> find(String body, List<String> words) {
        List<Highlight> found = new ArrayList<>();
        if (words == null || words.isEmpty()) {
            return found;
        }
        String folded = fold(body);
        for (String w : words) {
            String fw = fold(w.replace("*", "")); //$NON-NLS-1$ //$NON-NLS-2$
            if (fw.length() < 2) {
                continue;
            }
            for (int i = folded.indexOf(fw); i >= 0; i = folded.indexOf(fw, i + fw.length())) {
                found.add(new Highlight(i, fw.length()));
            }
        }
        return found;
    }

    /** Lower case without accents, keeping the length so offsets stay valid. */
    static String fold(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            String c = Normalizer.normalize(String.valueOf(s.charAt(i)), Normalizer.Form.NFD);
            sb.append(Character.toLowerCase(c.isEmpty() ? s.charAt(i) : c.charAt(0)));
        }
        return sb.toString();
    }

    /** The conversation shown, or null. */
    public String conversationId() {
        return conversationId;
    }

    /** The highlighted ranges currently shown. */
    public List<Highlight> highlights() {
        return highlights;
    }

    @Focus
    void focus() {
        text.setFocus();
    }
}

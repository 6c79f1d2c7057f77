package maraude.imports.formats;

import java.io.IOException;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.osgi.util.NLS;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.osgi.service.component.annotations.Component;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Platform;
import maraude.imports.ImportContext;
import maraude.imports.ImportFile;
import maraude.imports.ImportSink;
import maraude.imports.Importer;
import maraude.imports.Messages;
import maraude.imports.internal.Emitter;
import maraude.imports.internal.HtmlText;
import maraude.imports.internal.LooseDates;
import maraude.imports.internal.TextDecoding;

/**
 * Messenger / Instagram "Download your information" HTML ({@code message_1.html}). Class names are
 * obfuscated and change, so messages are found by structure: a block of three parts (sender,
 * body, date) whose last part reads as a date (FORMATS.md §6).
 */
@Component(service = Importer.class)
public final class FacebookHtmlImporter implements Importer {

    private static final LooseDates DATES = new LooseDates(List.of("MMM d, yyyy, h:mm a", "MMM d, yyyy 'at' h:mm a", //$NON-NLS-1$ //$NON-NLS-2$
            "MMM d, yyyy h:mm:ss a", "MMM d, yyyy, h:mm:ss a", "d MMM yyyy, HH:mm", "d MMM yyyy 'à' HH:mm", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            "d MMM yyyy, HH:mm:ss", "d MMM yyyy HH:mm", "d MMMM yyyy 'à' HH:mm", "d MMMM yyyy, HH:mm"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            List.of(Locale.ENGLISH, Locale.FRENCH, Locale.forLanguageTag("nl"))); //$NON-NLS-1$

    @Override
    public String id() {
        return "facebook-html"; //$NON-NLS-1$
    }

    @Override
    public Platform platform() {
        return Platform.FACEBOOK;
    }

    @Override
    public int confidence(ImportFile file) throws IOException {
        String ext = file.extension();
        if (!(ext.equals("html") || ext.equals("htm"))) { //$NON-NLS-1$ //$NON-NLS-2$
            return 0;
        }
        String h = file.headText();
        boolean participants = h.contains("Participants:") || h.contains("Participants :") || h.contains("Deelnemers:"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        boolean classes = h.contains("_a6-g") || h.contains("_a6-p") || h.contains("_3-96"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        return participants && classes ? 80 : participants || classes ? 50 : 0;
    }

    @Override
    public void read(ImportFile file, ImportContext ctx, ImportSink sink) throws IOException {
        String html = TextDecoding.decode(file.readAll(ctx.limits().maxDocumentBytes()), file, ctx);
        Document doc = HtmlText.parse(html, ctx.limits().maxNestingDepth());
        long cut = HtmlText.depthLimitLine(doc, html, ctx.limits().maxNestingDepth());
        if (cut > 0) {
            // Blocks past the limit may have lost their shape (and their messages): said, and the page kept.
            ctx.problem(file, cut, -1, "too-deep", //$NON-NLS-1$
                    NLS.bind(Messages.problemTooDeep, Integer.valueOf(ctx.limits().maxNestingDepth())));
            ctx.quarantineFile(file);
        }
        Platform platform = FacebookJsonImporter.platformOf(file);
        String title = doc.title().strip();
        List<String> participants = new ArrayList<>();
        for (Element e : doc.getElementsMatchingOwnText("^\\s*(Participants|Deelnemers)\\s*:")) { //$NON-NLS-1$
            String list = e.ownText().replaceFirst("^\\s*\\S+\\s*:\\s*", ""); //$NON-NLS-1$ //$NON-NLS-2$
            for (String p : list.split(",")) { //$NON-NLS-1$
                if (!p.isBlank()) {
                    participants.add(p.strip());
                }
            }
        }
        if (title.isEmpty()) {
            title = String.join(", ", participants); //$NON-NLS-1$
        }
        if (title.isEmpty()) {
            title = file.path();
        }
        Contact contact = Contact.of(platform, title, title);
        String key = threadKey(file);
        Conversation conv = Conversation.of(platform, key, contact, title);
        Emitter out = new Emitter(sink, file);
        out.conversation(contact, conv);
        for (Element e : doc.body() == null ? List.<Element>of() : doc.body().select("*")) { //$NON-NLS-1$
            if (e.childrenSize() != 3) {
                continue;
            }
            Element dateEl = e.child(2);
            if (dateEl.childrenSize() > 0) {
                continue;
            }
            ZonedDateTime at = DATES.parse(dateEl.text(), ctx.zone(), null);
            if (at == null) {
                continue;
            }
            ctx.checkCanceled();
            String author = e.child(0).text().strip();
            String text = HtmlText.text(e.child(1));
            Direction dir = ctx.isUs(author) ? Direction.OUTBOUND : Direction.INBOUND;
            out.message(conv.id(), dir, at, author, text, List.of(), 0, -1);
        }
        if (out.messages() == 0) {
            ctx.problem(file, 0, -1, "no-messages", Messages.problemNoMessages); //$NON-NLS-1$
        }
    }

    /** The thread folder ("inbox/alice_ABC123") when the export layout is kept, else the file path. */
    private static String threadKey(ImportFile file) {
        String p = file.path();
        int i = p.indexOf("inbox/"); //$NON-NLS-1$
        if (i >= 0) {
            String rest = p.substring(i);
            int slash = rest.indexOf('/', 6);
            return slash > 0 ? rest.substring(0, slash) : rest;
        }
        return "html:" + p; //$NON-NLS-1$
    }
}

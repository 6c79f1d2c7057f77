package maraude.imports.formats;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.osgi.util.NLS;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.osgi.service.component.annotations.Component;

import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
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
 * Inbox pages of ad and dating sites saved from a browser ("Save page as… complete" or "HTML
 * only"), read through {@link SiteProfile site profiles}: the most specific profile that matches
 * the page wins, the generic one last. A block whose date cannot be read is reported and kept in
 * quarantine with its HTML.
 */
@Component(service = Importer.class)
public final class SavedInboxImporter implements Importer {

    private static final Pattern SAVED_FROM = Pattern.compile("saved from url=\\(\\d+\\)(\\S+)"); //$NON-NLS-1$

    private final List<SiteProfile> builtIn;
    private final ConcurrentHashMap<List<Path>, List<SiteProfile>> byDirs = new ConcurrentHashMap<>();

    public SavedInboxImporter() {
        this(SiteProfile.builtIn());
    }

    public SavedInboxImporter(List<SiteProfile> profiles) {
        this.builtIn = List.copyOf(profiles);
    }

    @Override
    public String id() {
        return "saved-inbox"; //$NON-NLS-1$
    }

    @Override
    public maraude.core.model.Platform platform() {
        return maraude.core.model.Platform.AD_INBOX;
    }

    @Override
    public int confidence(ImportFile file) throws IOException {
        String ext = file.extension();
        if (!(ext.equals("html") || ext.equals("htm"))) { //$NON-NLS-1$ //$NON-NLS-2$
            return 0;
        }
        String h = file.headText().toLowerCase(Locale.ROOT);
        for (SiteProfile p : builtIn) {
            for (String u : p.urlContains()) {
                if (h.contains(u.toLowerCase(Locale.ROOT))) {
                    return 70;
                }
            }
        }
        return 5; // the generic profile may still find messages
    }

    List<SiteProfile> profiles(ImportContext ctx, ImportFile file) {
        List<Path> dirs = ctx.options().profileDirs();
        List<SiteProfile> all = new ArrayList<>(builtIn);
        if (!dirs.isEmpty()) {
            all.addAll(byDirs.computeIfAbsent(dirs, d -> {
                List<Path> bad = new ArrayList<>();
                List<SiteProfile> ps = SiteProfile.fromDirs(d, bad);
                for (Path b : bad) {
                    ctx.problem(file, 0, -1, "bad-profile", NLS.bind(Messages.problemBadRecord, b.getFileName())); //$NON-NLS-1$
                }
                return ps;
            }));
        }
        all.sort(Comparator.comparingInt(SiteProfile::priority).reversed());
        return all;
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
        String url = pageUrl(doc, html);
        long savedMs = file.lastModified();
        ZonedDateTime saved = ZonedDateTime.ofInstant(savedMs > 0 ? Instant.ofEpochMilli(savedMs) : Instant.now(), ctx.zone());
        Emitter out = new Emitter(sink, file);
        for (SiteProfile p : profiles(ctx, file)) {
            if (!applies(p, doc, url)) {
                continue;
            }
            Elements blocks = doc.select(p.message());
            // Nested matches (a block inside a block) keep only the innermost.
            blocks.removeIf(b -> b.select(p.message()).size() > 1);
            if (blocks.isEmpty()) {
                continue;
            }
            read(p, doc, blocks, url, saved, file, ctx, out);
            if (out.messages() > 0) {
                return;
            }
        }
        ctx.problem(file, 0, -1, "no-messages", Messages.problemNoMessages); //$NON-NLS-1$
    }

    private static boolean applies(SiteProfile p, Document doc, String url) {
        if (!p.urlContains().isEmpty()) {
            String u = url == null ? "" : url.toLowerCase(Locale.ROOT); //$NON-NLS-1$
            if (p.urlContains().stream().noneMatch(s -> u.contains(s.toLowerCase(Locale.ROOT)))) {
                return false;
            }
        }
        for (String r : p.requires()) {
            if (doc.selectFirst(r) == null) {
                return false;
            }
        }
        return true;
    }

    private static String pageUrl(Document doc, String html) {
        Matcher m = SAVED_FROM.matcher(html.length() > 4096 ? html.substring(0, 4096) : html);
        if (m.find()) {
            return m.group(1);
        }
        Element c = doc.selectFirst("link[rel=canonical], meta[property=og:url]"); //$NON-NLS-1$
        if (c != null) {
            return c.hasAttr("href") ? c.attr("href") : c.attr("content"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        return null;
    }

    private static void read(SiteProfile p, Document doc, Elements blocks, String url, ZonedDateTime saved,
            ImportFile file, ImportContext ctx, Emitter out) {
        LooseDates dates = new LooseDates(p.datePatterns(), p.locales());
        String title = null;
        if (p.title() != null) {
            // Selectors in the order the profile lists them, not in document order (<title> comes first).
            for (String sel : p.title().split(",")) { //$NON-NLS-1$
                Element t = doc.selectFirst(sel.strip());
                if (t != null && !t.text().isBlank()) {
                    title = t.text().strip();
                    break;
                }
            }
        }
        if (title == null || title.isEmpty()) {
            title = doc.title().isBlank() ? file.fileName() : doc.title().strip();
        }
        Contact contact = Contact.of(p.platform(), title, title);
        String site = url != null ? host(url) : p.id();
        Conversation conv = Conversation.of(p.platform(), site + '|' + title, contact, title);
        out.conversation(contact, conv);
        int index = 0;
        for (Element b : blocks) {
            ctx.checkCanceled();
            index++;
            Element timeEl = p.time() == null ? null : b.selectFirst(p.time());
            String rawTime = null;
            if (timeEl != null) {
                for (String a : p.timeAttr()) {
                    if (timeEl.hasAttr(a) && !timeEl.attr(a).isBlank()) {
                        rawTime = timeEl.attr(a);
                        break;
                    }
                }
                if (rawTime == null) {
                    rawTime = timeEl.text();
                }
            }
            ZonedDateTime at = rawTime == null ? null : parseTime(dates, rawTime, ctx, saved);
            if (at == null && timeEl != null && !timeEl.text().equals(rawTime)) {
                at = dates.parse(timeEl.text(), ctx.zone(), saved);
            }
            if (at == null) {
                ctx.problem(file, 0, -1, "bad-date", Messages.problemBadDate + " (#" + index + ')'); //$NON-NLS-1$
                ctx.quarantine(file, 0, b.outerHtml());
                continue;
            }
            Element authorEl = p.author() == null ? null : b.selectFirst(p.author());
            boolean outbound = p.outbound() != null
                    && (b.is(p.outbound()) || (b.parent() != null && b.parent().is(p.outbound())));
            String author = authorEl != null ? authorEl.text().strip() : outbound ? "" : title; //$NON-NLS-1$
            if (!outbound && ctx.isUs(author)) {
                outbound = true;
            }
            String text;
            Element textEl = p.text() == null ? null : b.selectFirst(p.text());
            if (textEl != null) {
                text = HtmlText.text(textEl);
            } else {
                Element copy = b.clone();
                if (p.author() != null) {
                    copy.select(p.author()).remove();
                }
                if (p.time() != null) {
                    copy.select(p.time()).remove();
                }
                text = HtmlText.text(copy);
            }
            out.message(conv.id(), outbound ? Direction.OUTBOUND : Direction.INBOUND, at, author, text, List.of(), 0, -1);
        }
    }

    private static ZonedDateTime parseTime(LooseDates dates, String raw, ImportContext ctx, ZonedDateTime saved) {
        String r = raw.strip();
        if (r.matches("\\d{10}|\\d{13}")) { //$NON-NLS-1$
            long n = Long.parseLong(r);
            return ZonedDateTime.ofInstant(r.length() == 10 ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n), ctx.zone());
        }
        return dates.parse(r, ctx.zone(), saved);
    }

    private static String host(String url) {
        try {
            String h = java.net.URI.create(url.strip()).getHost();
            return h == null ? url : h.toLowerCase(Locale.ROOT).replaceFirst("^www\\.", ""); //$NON-NLS-1$ //$NON-NLS-2$
        } catch (IllegalArgumentException e) {
            return url;
        }
    }
}

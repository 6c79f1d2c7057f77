package maraude.imports.formats;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;

import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Platform;
import maraude.imports.ImportContext;
import maraude.imports.ImportFile;
import maraude.imports.ImportOptions.DateOrder;
import maraude.imports.ImportSink;
import maraude.imports.Importer;
import maraude.imports.Messages;
import maraude.imports.internal.Emitter;
import maraude.imports.internal.ImportContainer;
import maraude.imports.internal.LineReader;
import maraude.imports.internal.LineReader.Line;
import maraude.imports.internal.LimitExceededException;
import maraude.imports.internal.MediaTypes;
import maraude.imports.internal.TextDecoding;
import maraude.imports.internal.TextNormalizer;

/**
 * WhatsApp "Export chat" text, alone or in its zip with media, Android and iOS layouts, in the
 * date forms of many locales (see FORMATS.md §1). Looks at the lines twice: once to infer whether
 * dates are day- or month-first (the line alone cannot tell), once to import; a file of up to
 * {@value #ONE_PASS_MAX_BYTES} bytes is decoded and split into lines once for both.
 */
@Component(service = Importer.class)
public final class WhatsAppImporter implements Importer {

    /** How much of a line start is normalized for header matching (a header is ~40 chars). */
    private static final int HEADER_SPAN = 96;

    /**
     * A message header on the normalized line start: optional "[", a date of three numbers, an
     * optional locale word ("à", "klo"), a time with optional seconds and AM/PM marker.
     */
    private static final Pattern HEADER = Pattern.compile("^(\\[)?(\\d{1,4})([./-]) ?(\\d{1,4})\\3 ?(\\d{1,4})\\.?" //$NON-NLS-1$
            + "(?:,| klo| à| a las| um| om| alle| às|,? kl\\.)? *(\\d{1,2})[:.](\\d{2})(?:[:.](\\d{2}))?\\.?" //$NON-NLS-1$
            + "(?: *([aApP])\\.? ?[mM]\\.?| *(\u0645|\u0635))?(?![\\p{L}\\d])"); //$NON-NLS-1$

    /** Authors that are really system sentences about a group whose name holds ": ". */
    private static final Pattern SYSTEM_AUTHOR = Pattern.compile("(?iu)(created group|changed the (subject|group)|" //$NON-NLS-1$
            + "a créé le groupe|a modifié|a changé|hat die gruppe|hat den betreff|heeft de groep|heeft het onderwerp|" //$NON-NLS-1$
            + "creó el grupo|cambió el|criou o grupo|alterou o|ha creato il gruppo|ha cambiato|a creat grupul|a schimbat)"); //$NON-NLS-1$

    /** System sentences (iOS marks them with a leading U+200E and attributes them to someone). */
    private static final Pattern SYSTEM_TEXT = Pattern.compile("(?iu)(end-to-end|chiffré|chiffrement|ende-zu-ende|cifrad|" //$NON-NLS-1$
            + "criptograf|versleuteld|crittograf|criptate|created group|a créé|\\badded\\b|ajouté|hinzugefügt|toegevoegd|añadió|" //$NON-NLS-1$
            + "adicionou|aggiunto|a adăugat|\\bleft\\b|est parti|a quitté|\\bremoved\\b|a retiré|changed (the|this|their|to)|" //$NON-NLS-1$
            + "a modifié|a changé|\\bjoined\\b|a rejoint|security code|code de sécurité|sicherheitsnummer|beveiligingscode|" //$NON-NLS-1$
            + "missed (voice|video) call|appel (vocal|vidéo) manqué|verpasster|gemiste|\\bblocked\\b|bloqué|" //$NON-NLS-1$
            + "this chat is with a business|disappearing messages|messages éphémères)"); //$NON-NLS-1$

    /** Encryption notices, which open every chat: always a system line. */
    private static final Pattern E2E = Pattern.compile("(?iu)^(messages and calls are end-to-end|messages to this group are now secured|" //$NON-NLS-1$
            + "messages you send to this (chat|group)|les messages et les appels sont chiffrés|les messages envoyés dans cette discussion|" //$NON-NLS-1$
            + "nachrichten und anrufe sind ende-zu-ende|nachrichten in diesem chat|berichten en oproepen zijn end-to-end|" //$NON-NLS-1$
            + "los mensajes y (las )?llamadas|as mensagens e as chamadas|as mensagens e chamadas|nesta conversa|" //$NON-NLS-1$
            + "i messaggi e le chiamate|le chiamate e i messaggi|mesajele și apelurile)"); //$NON-NLS-1$

    private static final Pattern ANDROID_ATTACHMENT = Pattern.compile("^(.+?\\.[A-Za-z0-9]{1,5}) \\(([^()]{3,40})\\)$"); //$NON-NLS-1$
    private static final Pattern ANDROID_ATTACHED_WORDS = Pattern.compile("(?iu)file attached|fichier joint|datei angehängt|" //$NON-NLS-1$
            + "arquivo anexado|ficheiro anexado|archivo adjunto|bestand bijgevoegd|file allegato|fișier atașat|fisier atasat"); //$NON-NLS-1$
    private static final Pattern IOS_ATTACHMENT = Pattern.compile("<\\s*\\p{L}[\\p{L} ]{0,20}:\\s*([^<>]+?)\\s*>"); //$NON-NLS-1$
    private static final Pattern OLD_IOS_ATTACHMENT = Pattern.compile("^(\\S+\\.[A-Za-z0-9]{1,5}) <\\s*\\p{L}{2,20}>$"); //$NON-NLS-1$

    private static final Pattern CHAT_PREFIX = Pattern.compile("(?iu)^(whatsapp[ _-]chat[ _-](with|mit|met|con|com|avec|cu|-)[ _-]+|" //$NON-NLS-1$
            + "discussion[ _]whatsapp[ _]avec[ _]|chat[ _]de[ _]whatsapp[ _]con[ _]|conversa[ _]d[oa][ _]whatsapp[ _]com[ _]|" //$NON-NLS-1$
            + "conversa[ _]no[ _]whatsapp[ _]com[ _]|whatsapp-chat[ _]met[ _]|chat[ _]whatsapp[ _]con[ _]|conversație[ _]whatsapp[ _]cu[ _]|" //$NON-NLS-1$
            + "whatsapp[ _]chat[ _]-[ _])"); //$NON-NLS-1$

    /** A header found on a line. */
    record Header(boolean bracket, String kind, String a, String b, String c, int hour, int minute, int second,
            char ampm, int bodyStart) {
    }

    @Override
    public String id() {
        return "whatsapp"; //$NON-NLS-1$
    }

    @Override
    public Platform platform() {
        return Platform.WHATSAPP;
    }

    @Override
    public int confidence(ImportFile file) throws IOException {
        if (!file.extension().equals("txt")) { //$NON-NLS-1$
            return 0;
        }
        String lower = file.name().toLowerCase(Locale.ROOT);
        int headers = 0;
        int lines = 0;
        for (String l : file.headText().split("\r\n|\n|\r", 40)) { //$NON-NLS-1$
            if (l.isBlank()) {
                continue;
            }
            lines++;
            if (parseHeader(l) != null) {
                headers++;
            }
        }
        if (headers == 0) {
            return 0;
        }
        if (lower.contains("whatsapp") || file.fileName().equals("_chat.txt")) { //$NON-NLS-1$ //$NON-NLS-2$
            return 90;
        }
        return headers * 3 >= Math.min(lines, 10) ? 50 : 20;
    }

    /** Parses a header at the start of {@code line}; null when the line continues a message. */
    static Header parseHeader(String line) {
        if (line.isEmpty()) {
            return null;
        }
        char c0 = line.charAt(0);
        if (!(c0 == '[' || Character.isDigit(c0) || TextNormalizer.isBidi(c0))) {
            return null; // fast path: most continuation lines
        }
        Header quick = plainDashHeader(line);
        return quick != null ? quick : generalHeader(line);
    }

    /** {@link #parseHeader} the general way: the line normalised, then {@link #HEADER}. */
    static Header generalHeader(String line) {
        if (line.isEmpty()) {
            return null;
        }
        int[] map = new int[Math.min(line.length(), HEADER_SPAN) + 1];
        String norm = TextNormalizer.normalizeHeader(line, HEADER_SPAN, map);
        Matcher m = HEADER.matcher(norm);
        if (!m.lookingAt()) {
            return null;
        }
        boolean bracket = m.group(1) != null;
        int p = m.end();
        String kind;
        if (bracket) {
            while (p < norm.length() && norm.charAt(p) == ' ') {
                p++;
            }
            if (p >= norm.length() || norm.charAt(p) != ']') {
                return null;
            }
            p++;
            if (p < norm.length() && norm.charAt(p) == ' ') {
                p++;
            }
            kind = "bracket"; //$NON-NLS-1$
        } else if (norm.startsWith(" - ", p)) { //$NON-NLS-1$
            p += 3;
            kind = "dash"; //$NON-NLS-1$
        } else if (norm.startsWith(": ", p)) { //$NON-NLS-1$
            p += 2;
            kind = "colon"; //$NON-NLS-1$
        } else if (norm.startsWith(" ", p) && p + 1 < norm.length() && norm.charAt(p + 1) != ' ') { //$NON-NLS-1$
            p += 1;
            kind = "space"; //$NON-NLS-1$
        } else {
            return null;
        }
        int hour = Integer.parseInt(m.group(6));
        int minute = Integer.parseInt(m.group(7));
        int second = m.group(8) == null ? 0 : Integer.parseInt(m.group(8));
        char ampm = 0;
        if (m.group(9) != null) {
            ampm = Character.toLowerCase(m.group(9).charAt(0));
        } else if (m.group(10) != null) {
            ampm = m.group(10).charAt(0) == '\u0645' ? 'p' : 'a';
        }
        if (minute > 59 || second > 59 || hour > 23 || (ampm != 0 && hour > 12)) {
            return null;
        }
        return new Header(bracket, kind, m.group(2), m.group(4), m.group(5), hour, minute, second, ampm, map[p]);
    }

    /**
     * The Android header most exports use, {@code 12/03/2024, 10:05 - } (seconds optional), read
     * by hand: what {@link #HEADER} gives for such a line, without normalising it or running the
     * regex (they were most of the parse). Null for any other shape, which then goes the general way.
     */
    static Header plainDashHeader(String line) {
        int n = Math.min(line.length(), HEADER_SPAN);
        int i = digitRun(line, 0, n);
        if (i == 0 || i > 4 || i >= n) {
            return null;
        }
        char sep = line.charAt(i);
        if (sep != '/' && sep != '.' && sep != '-') {
            return null;
        }
        int bStart = i + 1;
        int bEnd = bStart + digitRun(line, bStart, n);
        if (bEnd == bStart || bEnd - bStart > 4 || bEnd >= n || line.charAt(bEnd) != sep) {
            return null;
        }
        int cStart = bEnd + 1;
        int cEnd = cStart + digitRun(line, cStart, n);
        if (cEnd == cStart || cEnd - cStart > 4 || cEnd + 2 >= n || line.charAt(cEnd) != ',' || line.charAt(cEnd + 1) != ' ') {
            return null;
        }
        int hStart = cEnd + 2;
        int hEnd = hStart + digitRun(line, hStart, n);
        if (hEnd == hStart || hEnd - hStart > 2 || hEnd + 3 > n || line.charAt(hEnd) != ':') {
            return null;
        }
        int mStart = hEnd + 1;
        if (digitRun(line, mStart, n) != 2) {
            return null;
        }
        int p = mStart + 2;
        int second = 0;
        if (p + 3 <= n && line.charAt(p) == ':' && digitRun(line, p + 1, n) == 2) {
            second = (line.charAt(p + 1) - '0') * 10 + line.charAt(p + 2) - '0';
            p += 3;
        }
        if (p + 3 > n || line.charAt(p) != ' ' || line.charAt(p + 1) != '-' || line.charAt(p + 2) != ' ') {
            return null;
        }
        int hour = hEnd - hStart == 1 ? line.charAt(hStart) - '0'
                : (line.charAt(hStart) - '0') * 10 + line.charAt(hStart + 1) - '0';
        int minute = (line.charAt(mStart) - '0') * 10 + line.charAt(mStart + 1) - '0';
        if (minute > 59 || second > 59 || hour > 23) {
            return null; // as the general way: not a header
        }
        int body = p + 3;
        while (body < n && TextNormalizer.isBidi(line.charAt(body))) {
            body++; // as the normalised line, which drops them: the body starts after the marks
        }
        return new Header(false, "dash", line.substring(0, i), line.substring(bStart, bEnd), //$NON-NLS-1$
                line.substring(cStart, cEnd), hour, minute, second, (char) 0, body);
    }

    /** Number of ASCII digits from {@code from} (exclusive bound {@code n}). */
    private static int digitRun(String s, int from, int n) {
        int i = from;
        while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            i++;
        }
        return i - from;
    }

    /** Files up to this size are decoded once and kept as lines for both readings; larger ones are read twice. */
    private static final long ONE_PASS_MAX_BYTES = 16L << 20;

    /** A line of the export with its header (null when it continues a message); {@code text} null when too long. */
    private record Parsed(Line line, String text, Header header) {
    }

    /** The lines of a file, from memory or read again from the file. */
    private interface Lines extends AutoCloseable {
        Parsed next() throws IOException;

        boolean sawReplacement();

        @Override
        void close() throws IOException;
    }

    private static Parsed parse(Line line) {
        if (line.tooLong()) {
            return new Parsed(line, null, null);
        }
        String text = line.number() == 1 && !line.text().isEmpty() && line.text().charAt(0) == '\uFEFF'
                ? line.text().substring(1)
                : line.text();
        return new Parsed(line, text, parseHeader(text));
    }

    private static Lines streamed(ImportFile file, ImportContext ctx) throws IOException {
        LineReader reader = new LineReader(TextDecoding.open(file, ctx), ctx.limits().maxLineChars());
        return new Lines() {
            @Override
            public Parsed next() throws IOException {
                Line l = reader.next();
                return l == null ? null : parse(l);
            }

            @Override
            public boolean sawReplacement() {
                return reader.sawReplacement();
            }

            @Override
            public void close() throws IOException {
                reader.close();
            }
        };
    }

    private static Lines inMemory(List<Parsed> all, boolean sawReplacement) {
        return new Lines() {
            private int next;

            @Override
            public Parsed next() {
                return next < all.size() ? all.get(next++) : null;
            }

            @Override
            public boolean sawReplacement() {
                return sawReplacement;
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }

    @Override
    public void read(ImportFile file, ImportContext ctx, ImportSink sink) throws IOException {
        String chat = chatName(file);
        boolean named = CHAT_PREFIX.matcher(exportName(file)).find();
        boolean auto = ctx.options().dateOrder() == DateOrder.AUTO;
        boolean scanned = auto || !named;
        Lines source;
        Scan scan = null;
        long size = file.size();
        if (scanned && size >= 0 && size <= ONE_PASS_MAX_BYTES) {
            // decoded and split once: the scan and the import read the same lines
            List<Parsed> all = new ArrayList<>((int) Math.min(1 << 16, size / 40 + 16));
            boolean replaced;
            try (LineReader lines = new LineReader(TextDecoding.open(file, ctx), ctx.limits().maxLineChars())) {
                Line line;
                while ((line = lines.next()) != null) {
                    if ((line.number() & 0x3FF) == 0) {
                        ctx.checkCanceled();
                    }
                    all.add(parse(line));
                }
                replaced = lines.sawReplacement();
            }
            scan = scan(all, ctx);
            source = inMemory(all, replaced);
        } else {
            scan = scanned ? scan(file, ctx) : null;
            source = streamed(file, ctx);
        }
        boolean dayFirst = switch (ctx.options().dateOrder()) {
        case DAY_FIRST -> true;
        case MONTH_FIRST -> false;
        case AUTO -> scan.dayFirst();
        };
        if (!named && scan.soleOther() != null) {
            // "export.txt": the file name says nothing, the one person we talk with says who it is.
            chat = scan.soleOther();
        }
        Contact contact = Contact.of(Platform.WHATSAPP, chat, chat);
        Conversation conversation = Conversation.of(Platform.WHATSAPP, chat, contact, chat);
        Emitter out = new Emitter(sink, file);
        out.conversation(contact, conversation);
        Pending cur = null;
        boolean reportedPreamble = false;
        try (Lines lines = source) {
            Parsed parsed;
            while ((parsed = lines.next()) != null) {
                ctx.checkCanceled();
                Line line = parsed.line();
                if (line.tooLong()) {
                    ctx.problem(file, line.number(), -1, "line-too-long", //$NON-NLS-1$
                            NLS.bind(Messages.problemLineTooLong, Long.valueOf(line.length())));
                    ctx.quarantine(file, line.number(), line.text() + " [...]"); //$NON-NLS-1$
                    continue;
                }
                String text = parsed.text();
                Header h = parsed.header();
                if (h != null) {
                    if (cur != null) {
                        finish(cur, file, ctx, out, conversation, dayFirst);
                    }
                    cur = start(h, text, line.number());
                    if (cur == null) {
                        continue;
                    }
                } else if (cur != null) {
                    cur.text.append('\n').append(text);
                    cur.lines++;
                } else if (!text.isBlank()) {
                    if (!reportedPreamble) {
                        ctx.problem(file, line.number(), -1, "text-before-first-message", //$NON-NLS-1$
                                Messages.problemTextBeforeFirstMessage);
                        reportedPreamble = true;
                    }
                    ctx.quarantine(file, line.number(), text);
                }
            }
            if (cur != null) {
                finish(cur, file, ctx, out, conversation, dayFirst);
            }
            if (lines.sawReplacement()) {
                ctx.problem(file, 0, -1, "invalid-encoding", Messages.problemInvalidEncoding); //$NON-NLS-1$
            }
        }
        if (out.messages() == 0) {
            ctx.problem(file, 0, -1, "no-messages", Messages.problemNoMessages); //$NON-NLS-1$
        }
    }

    /** A message being read: its header and the lines seen so far. */
    private static final class Pending {
        Header header;
        String author;
        boolean system;
        StringBuilder text;
        long line;
        int lines = 1;
        String raw;
    }

    private static Pending start(Header h, String line, long number) {
        Pending p = new Pending();
        p.header = h;
        p.line = number;
        p.raw = line;
        String body = line.substring(h.bodyStart());
        String author = null;
        String text = body;
        int i = body.indexOf(": "); //$NON-NLS-1$
        if (i > 0 && i <= 120) {
            author = body.substring(0, i);
            text = body.substring(i + 2);
        } else if (i < 0) {
            int c = body.indexOf(':');
            // "John Doe:." or "John Doe:" (empty body); not "… http://…"
            if (c > 0 && c <= 80 && (c + 1 == body.length() || body.charAt(c + 1) != '/')
                    && body.indexOf(' ', c) < 0) {
                author = body.substring(0, c);
                text = body.substring(c + 1);
            }
        }
        // every sentence of SYSTEM_AUTHOR holds a space
        if (author != null && author.indexOf(' ') >= 0 && SYSTEM_AUTHOR.matcher(author).find()) {
            author = null;
            text = body;
        }
        if (author == null) {
            if (h.kind().equals("colon") || h.kind().equals("space")) { //$NON-NLS-1$ //$NON-NLS-2$
                return null; // these header forms always carry an author: a look-alike line
            }
            p.system = true;
            p.author = ""; //$NON-NLS-1$
        } else {
            String a = TextNormalizer.trimMarks(author);
            if (a.startsWith("~")) { //$NON-NLS-1$
                a = TextNormalizer.trimMarks(a.substring(1)); // iOS: sender not in the phone's contacts
            }
            p.author = a;
            boolean marked = !text.isEmpty() && text.charAt(0) == '\u200E';
            String plain = TextNormalizer.trimMarks(text);
            if ((marked && SYSTEM_TEXT.matcher(plain).find()) || (mayOpenE2e(plain) && E2E.matcher(plain).lookingAt())) {
                p.system = true;
                p.author = ""; //$NON-NLS-1$
            }
        }
        p.text = new StringBuilder(TextNormalizer.trimMarks(text));
        return p;
    }

    /** False when {@link #E2E} cannot match: an ASCII first character that starts none of its notices. */
    private static boolean mayOpenE2e(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char c = text.charAt(0);
        return c >= 0x80 || "mlnbaiMLNBAI".indexOf(c) >= 0; //$NON-NLS-1$
    }

    private void finish(Pending p, ImportFile file, ImportContext ctx, Emitter out, Conversation conv,
            boolean dayFirst) throws IOException {
        ZonedDateTime at = instant(p.header, dayFirst, ctx);
        String text = stripTrailingNewlines(p.text);
        if (at == null) {
            ctx.problem(file, p.line, -1, "bad-date", Messages.problemBadDate); //$NON-NLS-1$
            ctx.quarantine(file, p.line, p.raw + (p.lines > 1 ? text.substring(Math.max(0, text.indexOf('\n'))) : "")); //$NON-NLS-1$
            return;
        }
        List<Attachment> attachments = p.system ? List.of() : attachments(text, file, ctx, out, p.line);
        Direction dir = p.system ? Direction.SYSTEM : ctx.isUs(p.author) ? Direction.OUTBOUND : Direction.INBOUND;
        out.message(conv.id(), dir, at, p.author, text, attachments, p.line, -1);
    }

    private static String stripTrailingNewlines(StringBuilder b) {
        int z = b.length();
        while (z > 0 && (b.charAt(z - 1) == '\n' || b.charAt(z - 1) == '\r')) {
            z--;
        }
        return b.substring(0, z);
    }

    /** Links "IMG-….jpg (file attached)", "&lt;attached: …&gt;" lines to the files of the export. */
    private static List<Attachment> attachments(String text, ImportFile file, ImportContext ctx, Emitter out, long line)
            throws IOException {
        int nl = text.indexOf('\n');
        String first = TextNormalizer.stripBidi(nl < 0 ? text : text.substring(0, nl)).strip();
        String name = null;
        boolean known = false;
        // Each pattern needs a character most texts lack: checked first, the patterns run on few lines.
        Matcher m;
        if (first.endsWith(")") && (m = ANDROID_ATTACHMENT.matcher(first)).matches()) { //$NON-NLS-1$
            name = m.group(1).strip();
            known = ANDROID_ATTACHED_WORDS.matcher(m.group(2)).find();
        } else if (first.indexOf('<') >= 0 && (m = IOS_ATTACHMENT.matcher(first)).find()) {
            name = m.group(1).strip();
            known = true;
        } else if (first.endsWith(">") && (m = OLD_IOS_ATTACHMENT.matcher(first)).matches()) { //$NON-NLS-1$
            name = m.group(1);
            known = true;
        }
        if (name == null) {
            return List.of();
        }
        ImportContainer.Located where = ctx.locate(file, name, line);
        Optional<ImportFile> media = where.file();
        if (media.isEmpty()) {
            if (known && !where.outside() && file.container() != null && file.container().isArchive()) {
                ctx.problem(file, line, -1, "missing-attachment", NLS.bind(Messages.problemMissingAttachment, name)); //$NON-NLS-1$
            }
            return List.of();
        }
        try (InputStream in = media.get().open()) {
            return List.of(out.attachment(in, MediaTypes.ofName(name), media.get().fileName()));
        } catch (LimitExceededException e) {
            ctx.problem(media.get(), 0, -1, e.code(), e.getMessage());
            return List.of();
        }
    }

    /**
     * What a first reading tells: whether dates are day-first (unless the file shows month-first
     * dates, the majority of decisive dates wins), and the only author other than us, when there is
     * exactly one (null otherwise, or when we are not known).
     */
    record Scan(boolean dayFirst, String soleOther) {
    }

    /** {@link #scan(ImportFile, ImportContext)} over lines read already. */
    private static Scan scan(List<Parsed> all, ImportContext ctx) {
        ScanState st = new ScanState(ctx);
        for (Parsed p : all) {
            if (p.header() != null) {
                st.add(p.header(), p.text(), p.line().number());
            }
        }
        return st.result();
    }

    private static Scan scan(ImportFile file, ImportContext ctx) throws IOException {
        ScanState st = new ScanState(ctx);
        try (LineReader lines = new LineReader(TextDecoding.open(file), ctx.limits().maxLineChars())) {
            Line line;
            while ((line = lines.next()) != null) {
                if (line.tooLong()) {
                    continue;
                }
                if ((line.number() & 0x3FF) == 0) {
                    ctx.checkCanceled();
                }
                Header h = parseHeader(line.text());
                if (h != null) {
                    st.add(h, line.text(), line.number());
                }
            }
        }
        return st.result();
    }

    /** What {@link #scan} counts, line after line. */
    private static final class ScanState {
        private final ImportContext ctx;
        private long dayEvidence;
        private long monthEvidence;
        private String other;
        private boolean several;

        ScanState(ImportContext ctx) {
            this.ctx = ctx;
            this.several = !ctx.hasUs();
        }

        void add(Header h, String text, long number) {
            if (!several) {
                Pending m = start(h, text, number);
                if (m != null && !m.system && !m.author.isEmpty() && !ctx.isUs(m.author)) {
                    if (other == null) {
                        other = m.author;
                    } else if (!other.equals(m.author)) {
                        several = true;
                    }
                }
            }
            if (h.a().length() == 4) {
                return;
            }
            int p = Integer.parseInt(h.a());
            int q = Integer.parseInt(h.b().length() == 4 ? h.c() : h.b());
            if (p > 12 && q <= 12) {
                dayEvidence++;
            } else if (q > 12 && p <= 12) {
                monthEvidence++;
            }
        }

        Scan result() {
            return new Scan(dayEvidence >= monthEvidence, several ? null : other);
        }
    }

    static ZonedDateTime instant(Header h, boolean dayFirst, ImportContext ctx) {
        int hour = h.hour();
        if (h.ampm() == 'p' && hour < 12) {
            hour += 12;
        } else if (h.ampm() == 'a' && hour == 12) {
            hour = 0;
        }
        int a = Integer.parseInt(h.a());
        int b = Integer.parseInt(h.b());
        int c = Integer.parseInt(h.c());
        int year;
        int p;
        int q;
        if (h.a().length() == 4) {
            return at(a, b, c, hour, h, ctx); // year first: always y-m-d
        } else if (h.b().length() == 4) {
            year = b;
            p = a;
            q = c;
        } else {
            year = h.c().length() <= 2 ? 2000 + c : c;
            p = a;
            q = b;
        }
        ZonedDateTime first = dayFirst ? at(year, q, p, hour, h, ctx) : at(year, p, q, hour, h, ctx);
        if (first != null) {
            return first;
        }
        return dayFirst ? at(year, p, q, hour, h, ctx) : at(year, q, p, hour, h, ctx);
    }

    private static ZonedDateTime at(int year, int month, int day, int hour, Header h, ImportContext ctx) {
        try {
            return ZonedDateTime.of(LocalDateTime.of(year, month, day, hour, h.minute(), h.second()), ctx.zone());
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The name the export gives the chat: the file's stem, or its zip's or folder's for "_chat.txt". */
    static String exportName(ImportFile file) {
        String name = stripExtension(file.fileName());
        if (name.equalsIgnoreCase("_chat") || name.equalsIgnoreCase("chat")) { //$NON-NLS-1$ //$NON-NLS-2$
            String full = file.name();
            int bang = full.lastIndexOf("!/"); //$NON-NLS-1$
            String outer = bang > 0 ? full.substring(0, bang) : parentName(file.path());
            int slash = Math.max(outer.lastIndexOf('/'), outer.lastIndexOf('\\'));
            name = stripExtension(outer.substring(slash + 1));
        }
        return name;
    }

    /** The chat partner's (or group's) name, from the export's file name or its zip's name. */
    static String chatName(ImportFile file) {
        String base = file.fileName();
        String name = exportName(file);
        Matcher m = CHAT_PREFIX.matcher(name);
        if (m.find()) {
            name = name.substring(m.end());
        }
        name = name.replace('_', ' ').strip();
        return name.isEmpty() ? base : name;
    }

    private static String parentName(String path) {
        String dir = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "chat"; //$NON-NLS-1$ //$NON-NLS-2$
        return dir;
    }

    private static String stripExtension(String n) {
        int i = n.lastIndexOf('.');
        return i > 0 ? n.substring(0, i) : n;
    }

}

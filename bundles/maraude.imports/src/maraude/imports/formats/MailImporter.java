package maraude.imports.formats;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.SingleBody;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;

import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Platform;
import maraude.imports.ImportContext;
import maraude.imports.ImportFile;
import maraude.imports.ImportSink;
import maraude.imports.Importer;
import maraude.imports.Messages;
import maraude.imports.internal.AutomaticReplies;
import maraude.imports.internal.Emitter;
import maraude.imports.internal.HtmlText;
import maraude.imports.internal.Mojibake;

/**
 * E-mail: {@code .eml} files and mbox mailboxes (mboxo/mboxrd, LF or CRLF), parsed with Apache
 * James Mime4j (FORMATS.md §3). Multipart, quoted-printable, base64 and charsets are Mime4j's;
 * HTML bodies become text through JSoup; threads follow References / In-Reply-To. The mbox is
 * split here, streaming, so one bad message is reported and the next one is read.
 */
@Component(service = Importer.class)
public final class MailImporter implements Importer {

    private static final Pattern FROM_LINE = Pattern.compile("^From \\S*\\s+.*\\d{1,2}:\\d{2}.*$"); //$NON-NLS-1$
    private static final Pattern MSG_ID = Pattern.compile("<([^<>\\s]+)>"); //$NON-NLS-1$
    /** Non-RFC dates such as Apple Mail's "16 May 2016 at 09:30:32  GMT+1". */
    private static final Pattern LOOSE_DATE = Pattern.compile(
            "(\\d{1,2})\\s+([A-Za-z]{3})[a-z]*\\.?\\s+(\\d{4})(?:\\s+at)?\\s+(\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s*(?:(?:GMT|UTC)?\\s*([+-]\\d{1,2})(?::?(\\d{2}))?)?"); //$NON-NLS-1$
    private static final Pattern ASCTIME = Pattern
            .compile("([A-Z][a-z]{2})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+(\\d{4})"); //$NON-NLS-1$

    @Override
    public String id() {
        return "mail"; //$NON-NLS-1$
    }

    @Override
    public Platform platform() {
        return Platform.EMAIL;
    }

    @Override
    public int confidence(ImportFile file) throws IOException {
        String ext = file.extension();
        if (ext.equals("eml") || ext.equals("mbox") || ext.equals("mbx")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            return 90;
        }
        if (ext.isEmpty() || ext.equals("txt")) { //$NON-NLS-1$
            String h = file.headText();
            int nl = h.indexOf('\n');
            String first = nl < 0 ? h : h.substring(0, nl);
            if (FROM_LINE.matcher(first.strip()).matches()) {
                return 60;
            }
        }
        return 0;
    }

    private static boolean isMbox(ImportFile file) throws IOException {
        if (file.extension().equals("eml")) { //$NON-NLS-1$
            return false;
        }
        String h = file.headText();
        int nl = h.indexOf('\n');
        return FROM_LINE.matcher((nl < 0 ? h : h.substring(0, nl)).strip()).matches();
    }

    /** Per-file state: threads seen so far, the message being read. */
    private static final class State {
        final Map<String, String> rootOf = new HashMap<>();
        final Emitter out;
        ImportFile file;
        long line;
        boolean badBytesReported;

        State(Emitter out) {
            this.out = out;
        }
    }

    @Override
    public void read(ImportFile file, ImportContext ctx, ImportSink sink) throws IOException {
        State st = new State(new Emitter(sink, file));
        if (isMbox(file)) {
            readMbox(file, ctx, st);
        } else {
            byte[] all = file.readAll(ctx.limits().maxDocumentBytes());
            one(all, null, file, 1, ctx, st);
        }
        if (st.out.messages() == 0) {
            ctx.problem(file, 0, -1, "no-messages", Messages.problemNoMessages); //$NON-NLS-1$
        }
    }

    private void readMbox(ImportFile file, ImportContext ctx, State st) throws IOException {
        long max = ctx.limits().maxDocumentBytes();
        int maxLine = ctx.limits().maxLineChars();
        try (InputStream in = new java.io.BufferedInputStream(file.open(), 1 << 16)) {
            ByteArrayOutputStream cur = null;
            String envelope = null;
            long startLine = 0;
            boolean tooLarge = false;
            boolean prevBlank = true;
            long lineNo = 0;
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            while (true) {
                line.reset();
                int c;
                boolean longLine = false;
                while ((c = in.read()) >= 0 && c != '\n') {
                    if (line.size() < maxLine) {
                        line.write(c);
                    } else {
                        longLine = true;
                    }
                }
                if (c < 0 && line.size() == 0) {
                    break;
                }
                lineNo++;
                if ((lineNo & 0xFF) == 0) {
                    ctx.checkCanceled();
                }
                byte[] raw = line.toByteArray();
                int len = raw.length > 0 && raw[raw.length - 1] == '\r' ? raw.length - 1 : raw.length;
                String ascii = new String(raw, 0, Math.min(len, 200), StandardCharsets.ISO_8859_1);
                if (prevBlank && ascii.startsWith("From ") && FROM_LINE.matcher(ascii).matches()) { //$NON-NLS-1$
                    if (cur != null && !tooLarge) {
                        one(trimLastBlank(cur.toByteArray()), envelope, file, startLine, ctx, st);
                    }
                    cur = new ByteArrayOutputStream();
                    envelope = ascii;
                    startLine = lineNo;
                    tooLarge = false;
                    prevBlank = false;
                    continue;
                }
                prevBlank = len == 0;
                if (cur == null) {
                    if (len > 0) {
                        ctx.problem(file, lineNo, -1, "text-before-first-message", Messages.problemTextBeforeFirstMessage); //$NON-NLS-1$
                        cur = new ByteArrayOutputStream();
                        startLine = lineNo;
                    } else {
                        continue;
                    }
                }
                if (longLine) {
                    ctx.problem(file, lineNo, -1, "line-too-long", NLS.bind(Messages.problemLineTooLong, Integer.valueOf(maxLine))); //$NON-NLS-1$
                }
                if (tooLarge) {
                    continue;
                }
                // mboxrd: ">From " and ">>From " lose one '>'
                int skip = 0;
                if (len > 5 && raw[0] == '>') {
                    int k = 0;
                    while (k < len && raw[k] == '>') {
                        k++;
                    }
                    if (len - k >= 5 && new String(raw, k, 5, StandardCharsets.ISO_8859_1).equals("From ")) { //$NON-NLS-1$
                        skip = 1;
                    }
                }
                cur.write(raw, skip, len - skip);
                cur.write('\n');
                if (cur.size() > max) {
                    tooLarge = true;
                    ctx.problem(file, startLine, -1, "document-too-large", NLS.bind(Messages.problemTooLarge, Long.valueOf(max))); //$NON-NLS-1$
                    cur = new ByteArrayOutputStream();
                }
            }
            if (cur != null && !tooLarge) {
                one(trimLastBlank(cur.toByteArray()), envelope, file, startLine, ctx, st);
            }
        }
    }

    private static byte[] trimLastBlank(byte[] b) {
        int z = b.length;
        if (z >= 2 && b[z - 1] == '\n' && b[z - 2] == '\n') {
            z--; // the blank line before the next "From " belongs to the separator
        }
        return z == b.length ? b : java.util.Arrays.copyOf(b, z);
    }

    private static DefaultMessageBuilder builder(ImportContext ctx) {
        DefaultMessageBuilder b = new DefaultMessageBuilder();
        b.setMimeEntityConfig(new MimeConfig.Builder().setStrictParsing(false)
                .setMaxLineLen(ctx.limits().maxLineChars()).setMaxHeaderCount(2000).setMaxHeaderLen(1 << 20)
                .setMaxContentLen(ctx.limits().maxDocumentBytes()).build());
        b.setDecodeMonitor(DecodeMonitor.SILENT);
        return b;
    }

    /** Imports one message; problems are reported against its first line. */
    private void one(byte[] bytes, String envelope, ImportFile file, long line, ImportContext ctx, State st)
            throws IOException {
        ctx.checkCanceled();
        st.file = file;
        st.line = line;
        st.badBytesReported = false;
        Message msg;
        try {
            msg = builder(ctx).parseMessage(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            ctx.problem(file, line, -1, "malformed", NLS.bind(Messages.problemBadRecord, "MIME")); //$NON-NLS-1$ //$NON-NLS-2$
            ctx.quarantine(file, line, new String(bytes, StandardCharsets.ISO_8859_1));
            return;
        }
        try {
            ZonedDateTime at = date(msg, envelope, ctx);
            if (at == null) {
                ctx.problem(file, line, -1, "no-date", Messages.problemNoDate); //$NON-NLS-1$
                ctx.quarantine(file, line, new String(bytes, StandardCharsets.ISO_8859_1));
                return;
            }
            Mailbox from = first(msg.getFrom());
            String fromAddr = from != null ? from.getAddress() : envelopeSender(envelope);
            String fromName = from != null && from.getName() != null ? Mojibake.repair(from.getName()) : fromAddr;
            boolean outbound = ctx.isUs(fromAddr);
            String counterAddr = fromAddr;
            String counterName = fromName;
            if (outbound) {
                Mailbox to = firstNotUs(msg.getTo(), ctx);
                if (to != null) {
                    counterAddr = to.getAddress();
                    counterName = to.getName() != null ? Mojibake.repair(to.getName()) : to.getAddress();
                }
            }
            if (counterAddr == null || counterAddr.isBlank()) {
                counterAddr = "unknown"; //$NON-NLS-1$
            }
            String subject = msg.getSubject() == null ? "" : Mojibake.repair(msg.getSubject()).strip(); //$NON-NLS-1$
            String key = threadKey(msg, subject, counterAddr, st);
            Contact contact = Contact.of(Platform.EMAIL, counterAddr.toLowerCase(Locale.ROOT), counterName);
            Conversation conv = Conversation.of(Platform.EMAIL, key, contact, subject.isEmpty() ? contact.displayName() : subject);
            st.out.conversation(contact, conv);
            StringBuilder text = new StringBuilder();
            List<Attachment> atts = new ArrayList<>();
            if (walk(msg, text, atts, ctx, st)) {
                // Mime4j or the walk gave up on parts nested this deep: say so, and keep the raw message.
                ctx.problem(file, line, -1, "too-deep", //$NON-NLS-1$
                        NLS.bind(Messages.problemTooDeep, Integer.valueOf(ctx.limits().maxNestingDepth())));
                ctx.quarantine(file, line, new String(bytes, StandardCharsets.ISO_8859_1));
            }
            String body = text.toString().strip();
            String full = subject.isEmpty() ? body : body.isEmpty() ? subject : subject + "\n\n" + body; //$NON-NLS-1$
            Direction direction = outbound ? Direction.OUTBOUND
                    : AutomaticReplies.isAutomaticMail(msg.getHeader(), fromAddr) ? Direction.SYSTEM : Direction.INBOUND;
            st.out.message(conv.id(), direction, at,
                    fromName == null ? "" : fromName, full, atts, line, -1); //$NON-NLS-1$
        } finally {
            msg.dispose();
        }
    }

    private static String envelopeSender(String envelope) {
        if (envelope == null) {
            return null;
        }
        String[] parts = envelope.split("\\s+", 3); //$NON-NLS-1$
        return parts.length > 1 && !parts[1].equals("-") ? parts[1] : null; //$NON-NLS-1$
    }

    private static Mailbox first(MailboxList l) {
        return l == null || l.isEmpty() ? null : l.get(0);
    }

    private static Mailbox firstNotUs(AddressList l, ImportContext ctx) {
        if (l == null) {
            return null;
        }
        Mailbox fallback = null;
        for (Mailbox m : l.flatten()) {
            if (fallback == null) {
                fallback = m;
            }
            if (!ctx.isUs(m.getAddress())) {
                return m;
            }
        }
        return fallback;
    }

    /** The thread's root Message-ID: first of References, else what In-Reply-To's message belongs to. */
    private static String threadKey(Message msg, String subject, String counterpart, State st) {
        String own = ids(msg.getMessageId()).stream().findFirst().orElse(null);
        List<String> refs = ids(field(msg, "References")); //$NON-NLS-1$
        List<String> reply = ids(field(msg, "In-Reply-To")); //$NON-NLS-1$
        String root = null;
        if (!refs.isEmpty()) {
            root = refs.get(0);
        } else if (!reply.isEmpty()) {
            root = st.rootOf.getOrDefault(reply.get(0), reply.get(0));
        }
        if (root == null) {
            root = own;
        }
        if (own != null && root != null) {
            st.rootOf.put(own, root);
        }
        if (root != null) {
            return "msgid:" + root; //$NON-NLS-1$
        }
        String s = subject.replaceAll("(?i)^((re|fw|fwd|tr|aw|wg|sv)\\s*:\\s*)+", "").strip(); //$NON-NLS-1$ //$NON-NLS-2$
        return "subject:" + s.toLowerCase(Locale.ROOT) + '|' + counterpart.toLowerCase(Locale.ROOT); //$NON-NLS-1$
    }

    private static String field(Message msg, String name) {
        Field f = msg.getHeader().getField(name);
        return f == null ? null : f.getBody();
    }

    private static List<String> ids(String s) {
        List<String> out = new ArrayList<>();
        if (s == null) {
            return out;
        }
        Matcher m = MSG_ID.matcher(s);
        while (m.find()) {
            out.add(m.group(1));
        }
        if (out.isEmpty() && !s.isBlank() && !s.strip().contains(" ")) { //$NON-NLS-1$
            out.add(s.strip());
        }
        return out;
    }

    static ZonedDateTime date(Message msg, String envelope, ImportContext ctx) {
        ZoneId zone = ctx.zone();
        java.util.Date d = null;
        try {
            d = msg.getDate();
        } catch (RuntimeException e) {
            d = null;
        }
        if (d != null) {
            return ZonedDateTime.ofInstant(d.toInstant(), zone);
        }
        String raw = field(msg, "Date"); //$NON-NLS-1$
        if (raw != null) {
            Matcher m = LOOSE_DATE.matcher(raw);
            if (m.find()) {
                try {
                    int month = month(m.group(2));
                    LocalDateTime ldt = LocalDateTime.of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)),
                            Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                            m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
                    if (m.group(7) != null) {
                        ZoneOffset off = ZoneOffset.ofHoursMinutes(Integer.parseInt(m.group(7)),
                                (m.group(7).startsWith("-") ? -1 : 1) //$NON-NLS-1$
                                        * (m.group(8) == null ? 0 : Integer.parseInt(m.group(8))));
                        return ldt.atOffset(off).atZoneSameInstant(zone);
                    }
                    return ZonedDateTime.of(ldt, zone);
                } catch (RuntimeException e) {
                    // fall through to the envelope date
                }
            }
        }
        if (envelope != null) {
            Matcher m = ASCTIME.matcher(envelope);
            if (m.find()) {
                try {
                    return ZonedDateTime.of(LocalDateTime.of(Integer.parseInt(m.group(6)), month(m.group(1)),
                            Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                            Integer.parseInt(m.group(5))), zone);
                } catch (RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static int month(String abbrev) {
        return java.time.Month.from(DateTimeFormatter.ofPattern("MMM", Locale.ENGLISH) //$NON-NLS-1$
                .parse(abbrev.substring(0, 1).toUpperCase(Locale.ROOT) + abbrev.substring(1, 3).toLowerCase(Locale.ROOT)))
                .getValue();
    }

    /** Most parts looked at in one message: bounds the work on a hostile one. */
    private static final int MAX_PARTS = 10_000;

    /**
     * Collects inline text (plain preferred over HTML in alternatives) and attachments, walking the
     * parts with a stack of our own (no recursion), so that any nesting Mime4j built is read whole.
     * Returns whether parts were lost: Mime4j gave up on a multipart nested deeper than the limit
     * (it is left empty), or the message has more parts than {@link #MAX_PARTS}; the caller
     * reports it and keeps the raw message.
     */
    private boolean walk(Entity root, StringBuilder text, List<Attachment> atts, ImportContext ctx, State st)
            throws IOException {
        record Part(Entity entity, int depth) {
        }
        java.util.ArrayDeque<Part> todo = new java.util.ArrayDeque<>();
        todo.push(new Part(root, 0));
        boolean deep = false;
        int seen = 0;
        while (!todo.isEmpty()) {
            Part part = todo.pop();
            if (++seen > MAX_PARTS) {
                return true;
            }
            Entity e = part.entity();
            Body body = e.getBody();
            if (body instanceof Multipart mp) {
                List<Entity> parts = mp.getBodyParts();
                deep |= parts.isEmpty() && part.depth() > ctx.limits().maxNestingDepth();
                if ("alternative".equalsIgnoreCase(mp.getSubType())) { //$NON-NLS-1$
                    Entity chosen = null;
                    for (Entity p : parts) {
                        if ("text/plain".equalsIgnoreCase(p.getMimeType())) { //$NON-NLS-1$
                            chosen = p;
                            break;
                        }
                    }
                    if (chosen == null && !parts.isEmpty()) {
                        chosen = parts.get(parts.size() - 1);
                    }
                    if (chosen != null) {
                        todo.push(new Part(chosen, part.depth() + 1));
                    }
                    continue;
                }
                for (int i = parts.size() - 1; i >= 0; i--) {
                    todo.push(new Part(parts.get(i), part.depth() + 1));
                }
                continue;
            }
            if (body instanceof Message inner) {
                append(text, "---"); //$NON-NLS-1$
                todo.push(new Part(inner, part.depth() + 1));
                continue;
            }
            if (body instanceof SingleBody single) {
                leaf(e, single, text, atts, ctx, st);
            }
        }
        return deep;
    }

    private void leaf(Entity e, SingleBody single, StringBuilder text, List<Attachment> atts, ImportContext ctx, State st)
            throws IOException {
        String type = e.getMimeType() == null ? "text/plain" : e.getMimeType().toLowerCase(Locale.ROOT); //$NON-NLS-1$
        String filename = e.getFilename();
        boolean attachment = "attachment".equalsIgnoreCase(e.getDispositionType()) || filename != null; //$NON-NLS-1$
        if (!attachment && (type.equals("text/plain") || type.equals("text/html"))) { //$NON-NLS-1$ //$NON-NLS-2$
            byte[] b;
            try (InputStream in = single.getInputStream()) {
                b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, ctx.limits().maxDocumentBytes()));
            }
            String s = decode(b, e.getCharset(), bad -> {
                if (!st.badBytesReported) { // once per message, at its first line: part lines are not file lines
                    st.badBytesReported = true;
                    ctx.problem(st.file, st.line, -1, "invalid-encoding", Messages.problemInvalidEncodingLine); //$NON-NLS-1$
                }
            });
            append(text, type.equals("text/html") ? HtmlText.toText(s, ctx.limits().maxNestingDepth()) : s); //$NON-NLS-1$
            return;
        }
        try (InputStream in = single.getInputStream()) {
            atts.add(st.out.attachment(in, type, filename == null ? "" : Mojibake.repair(filename))); //$NON-NLS-1$
        }
    }

    private static void append(StringBuilder text, String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return;
        }
        if (text.length() > 0) {
            text.append("\n\n"); //$NON-NLS-1$
        }
        text.append(t);
    }

    /** Declared Latin-1 is really windows-1252 in practice; unknown charsets: UTF-8 if valid, else windows-1252. */
    static String decode(byte[] b, String charset) {
        return decode(b, charset, null);
    }

    /** As {@link #decode(byte[], String)}; UTF-8 (declared or guessed) bytes that are not UTF-8 are told to {@code badLine}. */
    static String decode(byte[] b, String charset, java.util.function.LongConsumer badLine) {
        Charset cs = null;
        if (charset != null) {
            String c = charset.strip().toLowerCase(Locale.ROOT);
            if (c.equals("iso-8859-1") || c.equals("latin1") || c.equals("us-ascii") || c.equals("ascii")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                c = "windows-1252"; //$NON-NLS-1$
            }
            try {
                cs = Charset.forName(c);
            } catch (RuntimeException ex) {
                cs = null;
            }
        }
        if (cs == null) {
            return maraude.imports.internal.TextDecoding.decode(b, badLine);
        }
        if (cs.equals(StandardCharsets.UTF_8)) {
            return maraude.imports.internal.TextDecoding.utf8(b, 0, badLine);
        }
        return new String(b, cs);
    }

}

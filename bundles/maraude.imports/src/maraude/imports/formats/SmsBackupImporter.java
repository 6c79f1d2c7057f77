package maraude.imports.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

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
import maraude.imports.internal.Emitter;
import maraude.imports.internal.SurrogateRefReader;
import maraude.imports.internal.TextDecoding;

/**
 * "SMS Backup &amp; Restore" XML (FORMATS.md §2), streamed with StAX: SMS and MMS, sent and
 * received, group threads, base64 parts as attachments. One bad element is reported and skipped;
 * a broken document stops at the break, keeping what came before.
 */
@Component(service = Importer.class)
public final class SmsBackupImporter implements Importer {

    @Override
    public String id() {
        return "sms-backup"; //$NON-NLS-1$
    }

    @Override
    public Platform platform() {
        return Platform.SMS;
    }

    @Override
    public int confidence(ImportFile file) throws IOException {
        if (!file.extension().equals("xml")) { //$NON-NLS-1$
            return 0;
        }
        String h = file.headText();
        return h.contains("<smses") ? 90 : 0; //$NON-NLS-1$
    }

    static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        // No DTDs, no external entities: a backup never needs them and they are the XXE door.
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        return f;
    }

    @Override
    public void read(ImportFile file, ImportContext ctx, ImportSink sink) throws IOException {
        Emitter out = new Emitter(sink, file);
        try (Reader r = new SurrogateRefReader(new java.io.BufferedReader(TextDecoding.open(file, ctx), 1 << 16))) {
            XMLStreamReader x = factory().createXMLStreamReader(r);
            try {
                while (x.hasNext()) {
                    int ev = x.next();
                    if (ev != XMLStreamConstants.START_ELEMENT) {
                        continue;
                    }
                    String name = x.getLocalName();
                    if (name.equals("sms")) { //$NON-NLS-1$
                        ctx.checkCanceled();
                        sms(x, file, ctx, out);
                    } else if (name.equals("mms")) { //$NON-NLS-1$
                        ctx.checkCanceled();
                        mms(x, file, ctx, out);
                    }
                }
            } finally {
                x.close();
            }
        } catch (XMLStreamException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNumber();
            long offset = e.getLocation() == null ? -1 : e.getLocation().getCharacterOffset();
            String msg = String.valueOf(e.getMessage());
            boolean truncated = msg.contains("end of file") || msg.contains("XML document structures must start and end") //$NON-NLS-1$ //$NON-NLS-2$
                    || msg.contains("Premature end"); //$NON-NLS-1$
            ctx.problem(file, line, offset, truncated ? "truncated" : "malformed", //$NON-NLS-1$ //$NON-NLS-2$
                    truncated ? Messages.problemTruncated : NLS.bind(Messages.problemBadRecord, "XML")); //$NON-NLS-1$
            ctx.quarantineFile(file);
        }
        if (out.messages() == 0) {
            ctx.problem(file, 0, -1, "no-messages", Messages.problemNoMessages); //$NON-NLS-1$
        }
    }

    private static String attr(XMLStreamReader x, String name) {
        String v = x.getAttributeValue(null, name);
        return v == null || v.equals("null") ? null : v; //$NON-NLS-1$
    }

    private void sms(XMLStreamReader x, ImportFile file, ImportContext ctx, Emitter out) {
        long line = x.getLocation().getLineNumber();
        String address = attr(x, "address"); //$NON-NLS-1$
        ZonedDateTime at = epochMillis(attr(x, "date"), ctx); //$NON-NLS-1$
        if (address == null || address.isBlank() || at == null) {
            ctx.problem(file, line, -1, "bad-record", NLS.bind(Messages.problemBadRecord, "sms")); //$NON-NLS-1$ //$NON-NLS-2$
            ctx.quarantine(file, line, "<sms address/date missing>"); //$NON-NLS-1$
            return;
        }
        String type = attr(x, "type"); //$NON-NLS-1$
        Direction dir = "1".equals(type) ? Direction.INBOUND : Direction.OUTBOUND; //$NON-NLS-1$
        String name = contactName(attr(x, "contact_name")); //$NON-NLS-1$
        Contact contact = Contact.of(Platform.SMS, address.strip(), name);
        Conversation conv = Conversation.of(Platform.SMS, contact.handle(), contact, contact.displayName());
        out.conversation(contact, conv);
        String body = attr(x, "body"); //$NON-NLS-1$
        String author = dir == Direction.INBOUND ? contact.displayName() : ""; //$NON-NLS-1$
        if (dir == Direction.INBOUND && ctx.isUs(address)) {
            dir = Direction.OUTBOUND;
        }
        out.message(conv.id(), dir, at, author, body == null ? "" : body, List.of(), line, -1); //$NON-NLS-1$
    }

    private static String contactName(String n) {
        return n == null || n.isBlank() || n.equals("(Unknown)") ? null : n; //$NON-NLS-1$
    }

    private void mms(XMLStreamReader x, ImportFile file, ImportContext ctx, Emitter out) throws XMLStreamException {
        long line = x.getLocation().getLineNumber();
        String address = attr(x, "address"); //$NON-NLS-1$
        ZonedDateTime at = epochMillis(attr(x, "date"), ctx); //$NON-NLS-1$
        String box = attr(x, "msg_box"); //$NON-NLS-1$
        String name = contactName(attr(x, "contact_name")); //$NON-NLS-1$
        Direction dir = "2".equals(box) || "4".equals(box) ? Direction.OUTBOUND : Direction.INBOUND; //$NON-NLS-1$ //$NON-NLS-2$
        StringBuilder text = new StringBuilder();
        List<Attachment> atts = new ArrayList<>();
        String from = null;
        Set<String> to = new LinkedHashSet<>();
        boolean bad = false;
        try {
            int depth = 1;
            while (depth > 0 && x.hasNext()) {
                int ev = x.next();
                if (ev == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String el = x.getLocalName();
                    if (el.equals("part")) { //$NON-NLS-1$
                        part(x, text, atts, out, file, ctx);
                    } else if (el.equals("addr")) { //$NON-NLS-1$
                        String a = attr(x, "address"); //$NON-NLS-1$
                        String t = attr(x, "type"); //$NON-NLS-1$
                        if (a != null && !a.isBlank() && !a.equals("insert-address-token")) { //$NON-NLS-1$
                            if ("137".equals(t)) { //$NON-NLS-1$
                                from = a;
                            } else {
                                to.add(a);
                            }
                        }
                    }
                } else if (ev == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            bad = true;
        }
        if (address == null || address.isBlank() || at == null || bad) {
            ctx.problem(file, line, -1, "bad-record", NLS.bind(Messages.problemBadRecord, "mms")); //$NON-NLS-1$ //$NON-NLS-2$
            ctx.quarantine(file, line, "<mms unreadable>"); //$NON-NLS-1$
            return;
        }
        // Group threads: several numbers joined with '~', or an RCS group address.
        boolean group = address.contains("~") || address.contains("@"); //$NON-NLS-1$ //$NON-NLS-2$
        String title = name != null ? name : address;
        if (group && name == null) {
            Set<String> all = new LinkedHashSet<>();
            if (from != null) {
                all.add(from);
            }
            all.addAll(to);
            title = String.join(", ", all); //$NON-NLS-1$
        }
        Contact contact = Contact.of(Platform.SMS, address.strip(), title);
        Conversation conv = Conversation.of(Platform.SMS, contact.handle(), contact, title);
        out.conversation(contact, conv);
        if (from != null && ctx.isUs(from)) {
            dir = Direction.OUTBOUND;
        }
        String author = dir == Direction.OUTBOUND ? "" : from != null ? from : contact.displayName(); //$NON-NLS-1$
        if (dir == Direction.INBOUND && !group && name != null) {
            author = name;
        }
        out.message(conv.id(), dir, at, author, text.toString(), atts, line, -1);
    }

    private static void part(XMLStreamReader x, StringBuilder text, List<Attachment> atts, Emitter out, ImportFile file,
            ImportContext ctx) throws IOException {
        String ct = attr(x, "ct"); //$NON-NLS-1$
        String seq = attr(x, "seq"); //$NON-NLS-1$
        if ("-1".equals(seq) || (ct != null && ct.equals("application/smil"))) { //$NON-NLS-1$ //$NON-NLS-2$
            return; // layout only
        }
        String data = attr(x, "data"); //$NON-NLS-1$
        if (ct != null && ct.startsWith("text/plain") && data == null) { //$NON-NLS-1$
            String t = attr(x, "text"); //$NON-NLS-1$
            if (t != null) {
                if (text.length() > 0) {
                    text.append('\n');
                }
                text.append(t);
            }
            return;
        }
        if (data != null) {
            String fn = attr(x, "cl"); //$NON-NLS-1$
            if (fn == null) {
                fn = attr(x, "name"); //$NON-NLS-1$
            }
            byte[] bytes = Base64.getMimeDecoder().decode(data);
            atts.add(out.attachment(new ByteArrayInputStream(bytes), ct, fn));
        }
    }

    static ZonedDateTime epochMillis(String v, ImportContext ctx) {
        if (v == null) {
            return null;
        }
        try {
            long n = Long.parseLong(v.strip());
            if (n <= 0) {
                return null;
            }
            // Some fields are seconds: anything before 2001 in milliseconds is taken as seconds.
            Instant i = n < 1_000_000_000_000L ? Instant.ofEpochSecond(n) : Instant.ofEpochMilli(n);
            return ZonedDateTime.ofInstant(i, ctx.zone());
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return null;
        }
    }
}

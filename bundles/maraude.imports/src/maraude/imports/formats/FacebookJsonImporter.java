package maraude.imports.formats;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import maraude.imports.internal.ImportContainer;
import maraude.imports.internal.Json;
import maraude.imports.internal.MediaTypes;
import maraude.imports.internal.Mojibake;

/**
 * Messenger and Instagram "Download your information" JSON ({@code message_N.json}) and the
 * end-to-end encrypted Messenger export (camelCase keys), FORMATS.md §6. Every string is repaired
 * from its Latin-1 mojibake. A thread file is small: it is read as a tree within the document limit.
 */
@Component(service = Importer.class)
public final class FacebookJsonImporter implements Importer {

    @Override
    public String id() {
        return "facebook-json"; //$NON-NLS-1$
    }

    @Override
    public Platform platform() {
        return Platform.FACEBOOK;
    }

    @Override
    public int confidence(ImportFile file) throws IOException {
        if (!file.extension().equals("json")) { //$NON-NLS-1$
            return 0;
        }
        String h = file.headText();
        if (h.contains("\"timestamp_ms\"") && h.contains("\"sender_name\"") //$NON-NLS-1$ //$NON-NLS-2$
                || h.contains("\"senderName\"") && h.contains("\"timestamp\"")) { //$NON-NLS-1$ //$NON-NLS-2$
            return 85;
        }
        return h.contains("\"participants\"") && h.contains("\"messages\"") ? 40 : 0; //$NON-NLS-1$ //$NON-NLS-2$
    }

    static Platform platformOf(ImportFile file) {
        return file.name().toLowerCase(Locale.ROOT).contains("instagram") ? Platform.INSTAGRAM : Platform.FACEBOOK; //$NON-NLS-1$
    }

    @Override
    public void read(ImportFile file, ImportContext ctx, ImportSink sink) throws IOException {
        byte[] bytes = file.readAll(ctx.limits().maxDocumentBytes());
        ObjectMapper mapper = Json.mapper(ctx.limits());
        // Thread fields (title, thread_path) come after the messages: read all, keeping each message's line.
        ObjectNode root = mapper.createObjectNode();
        List<JsonNode> messages = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        JsonProcessingException broken = null;
        long brokenLine = 0;
        try (JsonParser p = mapper.getFactory().createParser(new ByteArrayInputStream(bytes))) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new JsonParseException(p, "not a JSON object"); //$NON-NLS-1$
            }
            try {
                readFields(p, mapper, root, messages, lines);
            } catch (JsonProcessingException e) {
                if (messages.isEmpty()) {
                    throw e; // nothing to keep: reported by the service, the file quarantined
                }
                broken = e; // too deep or broken further on: what came before is kept
                // A nesting refusal carries no location: the parser's is where it stopped.
                brokenLine = e.getLocation() != null && e.getLocation().getLineNr() > 0 ? e.getLocation().getLineNr()
                        : p.currentLocation().getLineNr();
            }
        }
        if (broken != null) {
            reportBroken(broken, brokenLine, file, ctx);
        }
        if (messages.isEmpty()) {
            ctx.problem(file, 0, -1, "no-messages", Messages.problemNoMessages); //$NON-NLS-1$
            return;
        }
        emit(root, messages, lines, file, ctx, sink);
    }

    private static void readFields(JsonParser p, ObjectMapper mapper, ObjectNode root, List<JsonNode> messages,
            List<Long> lines) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            if (field.equals("messages") && t == JsonToken.START_ARRAY) { //$NON-NLS-1$
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    long line = p.currentLocation().getLineNr();
                    messages.add(mapper.readTree(p));
                    lines.add(Long.valueOf(line));
                }
            } else {
                root.set(field, mapper.readTree(p));
            }
        }
    }

    /** A file broken after some messages: reported with its line, quarantined whole, the messages before kept. */
    private static void reportBroken(JsonProcessingException e, long line, ImportFile file, ImportContext ctx) {
        if (e instanceof StreamConstraintsException) {
            ctx.problem(file, line, -1, "too-deep", //$NON-NLS-1$
                    NLS.bind(Messages.problemTooDeep, Integer.valueOf(ctx.limits().maxNestingDepth())));
        } else if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException) {
            ctx.problem(file, line, -1, "truncated", Messages.problemTruncated); //$NON-NLS-1$
        } else {
            ctx.problem(file, line, -1, "malformed", NLS.bind(Messages.problemUnreadable, "JSON")); //$NON-NLS-1$ //$NON-NLS-2$
        }
        ctx.quarantineFile(file);
    }

    private void emit(ObjectNode root, List<JsonNode> messages, List<Long> lines, ImportFile file, ImportContext ctx,
            ImportSink sink) throws IOException {
        Platform platform = platformOf(file);
        List<String> participants = new ArrayList<>();
        for (JsonNode p : root.path("participants")) { //$NON-NLS-1$
            String n = p.isTextual() ? p.asText() : p.path("name").asText(null); //$NON-NLS-1$
            if (n != null) {
                participants.add(fix(n));
            }
        }
        String title = fix(root.path("title").asText(root.path("threadName").asText(""))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        List<String> others = participants.stream().filter(n -> !ctx.isUs(n)).toList();
        if (title.isBlank()) {
            title = others.size() == 1 ? others.get(0) : String.join(", ", others.isEmpty() ? participants : others); //$NON-NLS-1$
        }
        if (title.isBlank()) {
            title = file.path();
        }
        String threadPath = root.path("thread_path").asText(null); //$NON-NLS-1$
        String key = threadPath != null ? threadPath : "thread:" + title; //$NON-NLS-1$
        Contact contact = Contact.of(platform, others.size() == 1 ? others.get(0) : title, title);
        Conversation conv = Conversation.of(platform, key, contact, title);
        Emitter out = new Emitter(sink, file);
        out.conversation(contact, conv);
        // Exports list the newest first; the archive sorts, but the source order is kept per line.
        for (int i = 0; i < messages.size(); i++) {
            ctx.checkCanceled();
            message(messages.get(i), conv, file, ctx, out, lines.get(i).longValue());
        }
    }

    private static String fix(String s) {
        return Mojibake.repair(s);
    }

    private static void message(JsonNode m, Conversation conv, ImportFile file, ImportContext ctx, Emitter out,
            long line) throws IOException {
        long ms = m.has("timestamp_ms") ? m.path("timestamp_ms").asLong(0) : m.path("timestamp").asLong(0); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        if (ms <= 0) {
            ctx.problem(file, line, -1, "bad-date", Messages.problemBadDate); //$NON-NLS-1$
            ctx.quarantine(file, line, m.toString());
            return;
        }
        ZonedDateTime at = ZonedDateTime.ofInstant(Instant.ofEpochMilli(ms), ctx.zone());
        String author = fix(m.has("sender_name") ? m.path("sender_name").asText("") : m.path("senderName").asText("")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        String type = m.path("type").asText("Generic"); //$NON-NLS-1$ //$NON-NLS-2$
        StringBuilder text = new StringBuilder(fix(m.has("content") ? m.path("content").asText("") : m.path("text").asText(""))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        if (m.has("share")) { //$NON-NLS-1$
            String link = m.path("share").path("link").asText(""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            String shareText = fix(m.path("share").path("share_text").asText("")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            appendLine(text, shareText);
            appendLine(text, link);
        }
        if (type.equals("Call")) { //$NON-NLS-1$
            appendLine(text, m.path("missed").asBoolean(false) ? "[missed call]" //$NON-NLS-1$ //$NON-NLS-2$
                    : "[call " + m.path("call_duration").asLong(0) + " s]"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        List<Attachment> atts = new ArrayList<>();
        for (String kind : new String[] { "photos", "videos", "audio_files", "gifs", "files", "media" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            for (JsonNode a : m.path(kind)) {
                attach(a.path("uri").asText(null), atts, text, file, ctx, out, line); //$NON-NLS-1$
            }
        }
        if (m.has("sticker")) { //$NON-NLS-1$
            attach(m.path("sticker").path("uri").asText(null), atts, text, file, ctx, out, line); //$NON-NLS-1$ //$NON-NLS-2$
        }
        Direction dir = type.equals("Subscribe") || type.equals("Unsubscribe") ? Direction.SYSTEM //$NON-NLS-1$ //$NON-NLS-2$
                : ctx.isUs(author) ? Direction.OUTBOUND : Direction.INBOUND;
        out.message(conv.id(), dir, at, author, text.toString(), atts, line, -1);
    }

    private static void appendLine(StringBuilder b, String s) {
        if (s == null || s.isBlank()) {
            return;
        }
        if (b.length() > 0) {
            b.append('\n');
        }
        b.append(s);
    }

    private static void attach(String uri, List<Attachment> atts, StringBuilder text, ImportFile file,
            ImportContext ctx, Emitter out, long line) throws IOException {
        if (uri == null || uri.isBlank() || uri.startsWith("http")) { //$NON-NLS-1$
            return; // never fetched
        }
        ImportContainer.Located where = ctx.locate(file, uri, line);
        Optional<ImportFile> f = where.file();
        if (f.isEmpty()) {
            if (!where.outside()) {
                ctx.problem(file, line, -1, "missing-attachment", NLS.bind(Messages.problemMissingAttachment, //$NON-NLS-1$
                        uri.substring(uri.lastIndexOf('/') + 1)));
            }
            if (text.length() == 0) {
                text.append('[').append(uri.substring(uri.lastIndexOf('/') + 1)).append(']');
            }
            return;
        }
        try (InputStream in = f.get().open()) {
            atts.add(out.attachment(in, MediaTypes.ofName(uri), f.get().fileName()));
        }
    }
}

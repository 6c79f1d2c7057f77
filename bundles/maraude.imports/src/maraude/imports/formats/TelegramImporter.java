package maraude.imports.formats;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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

/**
 * Telegram Desktop {@code result.json} (FORMATS.md §5): one chat, or "export all" with
 * {@code chats.list[]}. Streamed with Jackson: only one message is in memory at a time.
 */
@Component(service = Importer.class)
public final class TelegramImporter implements Importer {

    @Override
    public String id() {
        return "telegram"; //$NON-NLS-1$
    }

    @Override
    public Platform platform() {
        return Platform.TELEGRAM;
    }

    @Override
    public int confidence(ImportFile file) throws IOException {
        if (!file.extension().equals("json")) { //$NON-NLS-1$
            return 0;
        }
        String h = file.headText();
        boolean unixtime = h.contains("\"date_unixtime\""); //$NON-NLS-1$
        boolean tdesktop = h.contains("\"personal_information\"") || (h.contains("\"type\"") //$NON-NLS-1$ //$NON-NLS-2$
                && h.matches("(?s).*\"type\"\\s*:\\s*\"(personal_chat|private_group|private_supergroup|saved_messages|bot_chat|public_supergroup|private_channel|public_channel)\".*")); //$NON-NLS-1$
        if (unixtime || tdesktop || file.fileName().equals("result.json") && h.contains("\"messages\"")) { //$NON-NLS-1$ //$NON-NLS-2$
            return 85;
        }
        return 0;
    }

    /** Unwinds the reading of nested chats once a refusal is reported. */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    /** State of the chat object being read. */
    private static final class Chat {
        String name;
        String key;
        Contact contact;
        Conversation conv;
    }

    @Override
    public void read(ImportFile file, ImportContext ctx, ImportSink sink) throws IOException {
        ObjectMapper mapper = Json.mapper(ctx.limits());
        Emitter out = new Emitter(sink, file);
        int[] chats = { 0 };
        try (InputStream in = file.open(); JsonParser p = mapper.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new com.fasterxml.jackson.core.JsonParseException(p, "not a JSON object"); //$NON-NLS-1$
            }
            readObject(p, mapper, file, ctx, out, chats);
        } catch (Stop reported) {
            return;
        }
        if (out.messages() == 0) {
            ctx.problem(file, 0, -1, "no-messages", Messages.problemNoMessages); //$NON-NLS-1$
        }
    }

    /** Reads an object that may be a chat (has "messages") or hold chats ("chats", "list", "left_chats"). */
    private void readObject(JsonParser p, ObjectMapper mapper, ImportFile file, ImportContext ctx, Emitter out,
            int[] chats) throws IOException {
        Chat chat = new Chat();
        int index = ++chats[0];
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken t = p.nextToken();
            switch (field) {
            case "name" -> chat.name = t == JsonToken.VALUE_STRING ? p.getText() : null; //$NON-NLS-1$
            case "id" -> chat.key = t.isScalarValue() ? p.getText() : null; //$NON-NLS-1$
            case "messages" -> { //$NON-NLS-1$
                if (t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    break;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    ctx.checkCanceled();
                    long line = p.currentLocation().getLineNr();
                    JsonNode m;
                    try {
                        m = mapper.readTree(p);
                    } catch (StreamConstraintsException e) {
                        // Jackson refuses the nesting without a location: the message's line is reported,
                        // the file kept whole, the messages before it kept.
                        ctx.problem(file, line, -1, "too-deep", //$NON-NLS-1$
                                NLS.bind(Messages.problemTooDeep, Integer.valueOf(ctx.limits().maxNestingDepth())));
                        ctx.quarantineFile(file);
                        throw new Stop();
                    }
                    if (chat.conv == null) {
                        open(chat, file, index);
                        out.conversation(chat.contact, chat.conv);
                    }
                    message(m, chat, file, ctx, out, line);
                }
            }
            case "chats", "left_chats" -> { //$NON-NLS-1$ //$NON-NLS-2$
                if (t == JsonToken.START_OBJECT) {
                    readObject(p, mapper, file, ctx, out, chats);
                } else {
                    p.skipChildren();
                }
            }
            case "list" -> { //$NON-NLS-1$
                if (t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    break;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    readObject(p, mapper, file, ctx, out, chats);
                }
            }
            default -> p.skipChildren();
            }
        }
    }

    private static void open(Chat chat, ImportFile file, int index) {
        String title = chat.name != null && !chat.name.isBlank() ? chat.name
                : file.fileName() + (index > 1 ? " #" + index : ""); //$NON-NLS-1$ //$NON-NLS-2$
        String key = chat.key != null ? "id:" + chat.key : "name:" + title; //$NON-NLS-1$ //$NON-NLS-2$
        chat.contact = Contact.of(Platform.TELEGRAM, title, title);
        chat.conv = Conversation.of(Platform.TELEGRAM, key, chat.contact, title);
    }

    private static void message(JsonNode m, Chat chat, ImportFile file, ImportContext ctx, Emitter out, long line)
            throws IOException {
        ZonedDateTime at = null;
        String unix = m.path("date_unixtime").asText(null); //$NON-NLS-1$
        try {
            if (unix != null && !unix.isBlank()) {
                at = ZonedDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(unix.strip())), ctx.zone());
            } else if (m.hasNonNull("date")) { //$NON-NLS-1$
                at = ZonedDateTime.of(LocalDateTime.parse(m.get("date").asText()), ctx.zone()); //$NON-NLS-1$
            }
        } catch (RuntimeException e) {
            at = null;
        }
        if (at == null) {
            ctx.problem(file, line, -1, "bad-date", Messages.problemBadDate); //$NON-NLS-1$
            ctx.quarantine(file, line, m.toString());
            return;
        }
        boolean service = "service".equals(m.path("type").asText()); //$NON-NLS-1$ //$NON-NLS-2$
        String author = service ? m.path("actor").asText("") : m.path("from").asText(""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        StringBuilder text = new StringBuilder(text(m.has("text_entities") ? m.get("text_entities") : m.get("text"))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        if (service) {
            String action = m.path("action").asText(""); //$NON-NLS-1$ //$NON-NLS-2$
            if (text.length() == 0) {
                text.append(author.isEmpty() ? action : author + ": " + action); //$NON-NLS-1$
            }
        }
        List<Attachment> atts = new ArrayList<>();
        String absent = null;
        for (String key : new String[] { "photo", "file" }) { //$NON-NLS-1$ //$NON-NLS-2$
            String ref = m.path(key).asText(null);
            if (ref == null || ref.isBlank()) {
                continue;
            }
            if (ref.startsWith("(")) { //$NON-NLS-1$
                absent = notIncluded(key, m); // "(File not included…)" is a note, not a path
                continue;
            }
            ImportContainer.Located where = ctx.locate(file, ref, line);
            Optional<ImportFile> f = where.file();
            if (f.isPresent()) {
                try (InputStream in = f.get().open()) {
                    String type = m.path("mime_type").asText(MediaTypes.ofName(ref)); //$NON-NLS-1$
                    atts.add(out.attachment(in, key.equals("photo") ? "image/jpeg" : type, f.get().fileName())); //$NON-NLS-1$ //$NON-NLS-2$
                }
            } else if (!where.outside() && file.container() != null && file.container().isArchive()) {
                ctx.problem(file, line, -1, "missing-attachment", NLS.bind(Messages.problemMissingAttachment, ref)); //$NON-NLS-1$
            }
        }
        Direction dir = service ? Direction.SYSTEM : ctx.isUs(author) || ctx.isUs(m.path("from_id").asText("")) //$NON-NLS-1$ //$NON-NLS-2$
                ? Direction.OUTBOUND
                : Direction.INBOUND;
        // A media left out of the export would be an empty message: it says what it was instead
        // (in the user's language; the id is made from the export's own empty text).
        String shown = text.length() == 0 && atts.isEmpty() && absent != null ? absent : text.toString();
        out.message(chat.conv.id(), dir, at, service ? "" : author, text.toString(), shown, atts, line, -1); //$NON-NLS-1$
    }

    /** What a media "not included in the export" was, from its key and Telegram's {@code media_type}. */
    static String notIncluded(String key, JsonNode m) {
        String type = m.path("media_type").asText(""); //$NON-NLS-1$
        String name = m.path("file_name").asText(""); //$NON-NLS-1$
        String note;
        if (key.equals("photo")) { //$NON-NLS-1$
            note = Messages.notIncludedPhoto;
        } else {
            note = switch (type) {
            case "video_file", "video_message", "animation" -> Messages.notIncludedVideo; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            case "voice_message", "audio_file" -> Messages.notIncludedAudio; //$NON-NLS-1$ //$NON-NLS-2$
            case "sticker" -> Messages.notIncludedSticker; //$NON-NLS-1$
            default -> Messages.notIncludedFile;
            };
        }
        String shown = name.isBlank() ? "" : " (" + maraude.imports.internal.TextNormalizer.cleanName(name) + ')'; //$NON-NLS-1$
        return NLS.bind(note, shown);
    }

    /** "text" is a string, or an array of strings and {type, text} objects. */
    static String text(JsonNode t) {
        if (t == null || t.isNull()) {
            return ""; //$NON-NLS-1$
        }
        if (t.isTextual()) {
            return t.asText();
        }
        StringBuilder b = new StringBuilder();
        if (t.isArray()) {
            for (JsonNode e : t) {
                if (e.isTextual()) {
                    b.append(e.asText());
                } else if (e.isObject()) {
                    b.append(e.path("text").asText("")); //$NON-NLS-1$ //$NON-NLS-2$
                }
            }
        }
        return b.toString();
    }
}

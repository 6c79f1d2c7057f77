package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.SourceRef;
import maraude.core.model.StableIds;
import maraude.imports.ImportFile;
import maraude.imports.ImportSink;

/**
 * Per-file helper of importers: emits each contact and conversation once before their messages,
 * and gives stable ids to messages. Two messages of one file that are identical in conversation,
 * second, author, text and attachments (someone sending "ok" twice) are both kept: the n-th
 * repetition gets an id salted with n, which is again stable when the same export (or an
 * overlapping one) is imported later. An inbound message that opens like an automatic reply is
 * recorded as a system line (see {@link AutomaticReplies}).
 */
public final class Emitter {

    private static final int REMEMBERED = 10_000;

    private final ImportSink sink;
    private final ImportFile file;
    private final Set<String> emitted = new HashSet<>();
    private final Map<String, Integer> seen = new LinkedHashMap<>(1024, 0.75f, false) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long messages;

    public Emitter(ImportSink sink, ImportFile file) {
        this.sink = sink;
        this.file = file;
    }

    /**
     * Emits a contact and a conversation once each. Their shown names are cleaned of control and
     * bidi override characters ({@link TextNormalizer#cleanName}); ids are left as made.
     */
    public void conversation(Contact contact, Conversation conversation) {
        if (emitted.add(contact.id())) {
            String name = TextNormalizer.cleanName(contact.displayName());
            sink.contact(name.equals(contact.displayName()) ? contact
                    : new Contact(contact.id(), contact.platform(), contact.handle(),
                            name.isEmpty() ? TextNormalizer.cleanName(contact.handle()) : name));
        }
        if (emitted.add(conversation.id())) {
            String title = TextNormalizer.cleanName(conversation.title());
            sink.conversation(title == null || title.equals(conversation.title()) ? conversation
                    : new Conversation(conversation.id(), conversation.platform(), conversation.contactId(), title));
        }
    }

    public Attachment attachment(InputStream in, String mediaType, String fileName) throws IOException {
        return sink.attachment(in, mediaType, fileName);
    }

    public Message message(String conversationId, Direction direction, ZonedDateTime instant, String author,
            String text, List<Attachment> attachments, long line, long offset) {
        return message(conversationId, direction, instant, author, text, text, attachments, line, offset);
    }

    /**
     * A message whose shown text ({@code shown}, e.g. a note in the user's language saying what a
     * missing photo was) differs from the text its id is made of ({@code idText}): the id does not
     * depend on the language of the import, and stays the one an earlier import gave it.
     */
    public Message message(String conversationId, Direction direction, ZonedDateTime instant, String author,
            String idText, String shown, List<Attachment> attachments, long line, long offset) {
        String text = idText;
        author = TextNormalizer.cleanName(author);
        if (direction == Direction.INBOUND && AutomaticReplies.looksAutomatic(text)) {
            direction = Direction.SYSTEM; // an away message is nobody's words: it does not ask for a reply
        }
        Message base = Message.of(conversationId, direction, instant, author, null, text, attachments,
                new SourceRef(file.name(), Math.max(line, 0), line > 0 ? -1 : offset));
        int n = seen.merge(base.id(), 1, Integer::sum);
        Message m = base;
        if (n > 1) {
            String id = StableIds.messageId(conversationId, instant, base.author(), base.text() + "\u0000#" + n, //$NON-NLS-1$
                    base.attachments());
            m = new Message(id, conversationId, direction, instant, base.author(), null, base.text(),
                    base.attachments(), base.source());
        }
        if (shown != null && !shown.equals(text)) {
            m = new Message(m.id(), m.conversationId(), m.direction(), m.instant(), m.author(), null, shown,
                    m.attachments(), m.source());
        }
        sink.message(m);
        messages++;
        return m;
    }

    public long messages() {
        return messages;
    }
}

package maraude.imports;

import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Message;

/** Keeps everything in memory: for tests, previews and dry runs. Attachments are hashed like the archive does. */
public class CollectingSink implements ImportSink {

    public final List<Contact> contacts = new ArrayList<>();
    public final List<Conversation> conversations = new ArrayList<>();
    public final List<Message> messages = new ArrayList<>();
    /** Attachment bytes by sha256. */
    public final Map<String, byte[]> attachmentBytes = new LinkedHashMap<>();

    @Override
    public void contact(Contact contact) {
        contacts.add(contact);
    }

    @Override
    public void conversation(Conversation conversation) {
        conversations.add(conversation);
    }

    @Override
    public void message(Message message) {
        messages.add(message);
    }

    @Override
    public Attachment attachment(InputStream content, String mediaType, String fileName) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] b = new DigestInputStream(content, md).readAllBytes();
        String sha = HexFormat.of().formatHex(md.digest());
        attachmentBytes.put(sha, b);
        return new Attachment(sha, mediaType, fileName, b.length);
    }
}

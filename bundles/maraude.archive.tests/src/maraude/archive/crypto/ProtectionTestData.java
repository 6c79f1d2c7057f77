package maraude.archive.crypto;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import maraude.core.archive.Archive;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/** Small archives with words found nowhere else, and the raw scan that must not find them. */
final class ProtectionTestData {

    static final ZoneId BRUSSELS = ZoneId.of("Europe/Brussels");
    static final ZonedDateTime T0 = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, BRUSSELS);
    static final char[] PASS = "correct horse battery staple".toCharArray();

    private ProtectionTestData() {
    }

    static char[] pass() {
        return PASS.clone();
    }

    record Thread(Contact contact, Conversation conversation) {
    }

    static Thread thread(Archive a, Platform p, String handle, String name) {
        Contact c = Contact.of(p, handle, name);
        Conversation v = Conversation.of(p, handle, c, name);
        a.putContact(c);
        a.putConversation(v);
        return new Thread(c, v);
    }

    static Message msg(Thread t, int i, ZonedDateTime when, String text, List<Attachment> atts) {
        return Message.of(t.conversation().id(), i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND, when,
                i % 2 == 0 ? t.contact().displayName() : "Équipe", null, text, atts, SourceRef.ofLine("chat.txt", i + 1L));
    }

    /** Adds {@code n} ordinary messages (filler so that the index has several chunks and segments). */
    static void filler(Archive a, Thread t, int n, ZonedDateTime from) {
        for (int i = 0; i < n; i++) {
            a.addMessage(msg(t, i, from.plusMinutes(i), "message " + i + " rendez-vous jeudi au local, dépistage "
                    + (i % 13) + " préservatifs et écoute, numéro " + (i * 7919 % 10007), List.of()));
        }
    }

    /** Every file under {@code root} whose bytes contain {@code word} in UTF-8 or UTF-16 (either order). */
    static List<Path> filesContaining(Path root, String word) throws IOException {
        List<byte[]> needles = List.of(word.getBytes(StandardCharsets.UTF_8), word.getBytes(StandardCharsets.UTF_16LE),
                word.getBytes(StandardCharsets.UTF_16BE));
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                for (byte[] n : needles) {
                    if (indexOf(b, n) >= 0) {
                        hits.add(f);
                        break;
                    }
                }
            }
        }
        return hits;
    }

    static void assertNowhere(Path root, String word) throws IOException {
        List<Path> hits = filesContaining(root, word);
        if (!hits.isEmpty()) {
            fail("a word of the archive is readable in " + hits);
        }
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    static long countFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).count();
        }
    }
}

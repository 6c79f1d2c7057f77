package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchive;
import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.Keyring;
import maraude.archive.crypto.ProtectedArchiveFactory;
import maraude.archive.maintenance.Retention;
import maraude.archive.storage.ArchiveStorage;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.BlurredDerivatives;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;
import maraude.images.AuditSink;
import maraude.images.BlurLevel;
import maraude.images.BlurredImage;
import maraude.images.ImageLimits;
import maraude.images.ImageService;
import maraude.images.RevealPolicy;

/**
 * "Forget this contact" and purge remove the blurred copies and scores of the pictures they remove
 * from the blurred cache (names keyed with the cache's secret), on the workbench's open archive and
 * on a closed one (CLI), plain or protected; other pictures' entries stay.
 */
class ErasedDerivativesTest {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneId.of("Europe/Brussels"));
    private static final String PASS = "correct horse battery staple";

    @TempDir
    Path tmp;

    private record Filled(String forgottenContact, String forgottenPicture, String keptPicture,
            List<byte[]> forgottenCacheBytes) {
    }

    private static byte[] png(int seed) throws IOException {
        BufferedImage img = new BufferedImage(80, 60, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 80; x++) {
                img.setRGB(x, y, ((x * seed) & 0xff) << 16 | ((y * 7 + seed) & 0xff) << 8 | (x ^ y) & 0xff);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** Two people, one picture each (the forgotten one old), their blurred copies computed and cached. */
    private static Filled fill(Archive a) throws IOException {
        Contact gone = Contact.of(Platform.WHATSAPP, "+32470222222", "Zelphine");
        Conversation goneConv = Conversation.of(Platform.WHATSAPP, "+32470222222", gone, "Zelphine");
        Contact kept = Contact.of(Platform.SMS, "+32470111111", "Maribel");
        Conversation keptConv = Conversation.of(Platform.SMS, "+32470111111", kept, "Maribel");
        a.putContact(gone);
        a.putConversation(goneConv);
        a.putContact(kept);
        a.putConversation(keptConv);
        Attachment goneAtt = a.storeAttachment(new ByteArrayInputStream(png(3)), "image/png", "a.png");
        Attachment keptAtt = a.storeAttachment(new ByteArrayInputStream(png(11)), "image/png", "b.png");
        a.addMessage(Message.of(goneConv.id(), Direction.INBOUND, T0.minusYears(3), "Zelphine", null, "photo",
                List.of(goneAtt), SourceRef.ofLine("chat.txt", 1)));
        a.addMessage(Message.of(keptConv.id(), Direction.INBOUND, T0, "Maribel", null, "photo",
                List.of(keptAtt), SourceRef.ofLine("chat.txt", 2)));
        a.commit();
        ImageService images = new ImageService(a.files(), ImageService.ARCHIVE_CACHE_FOLDER, a::openAttachment,
                AuditSink.NONE, RevealPolicy.ALLOW_ALL, ImageLimits.DEFAULT, Clock.systemUTC());
        for (String sha : List.of(goneAtt.sha256(), keptAtt.sha256())) {
            assertInstanceOf(BlurredImage.class, images.blurred(sha, 48, BlurLevel.STANDARD));
            assertInstanceOf(BlurredImage.class, images.blurred(sha, 320, BlurLevel.STRONG));
        }
        List<String> goneEntries = entriesOf(a.files(), goneAtt.sha256());
        assertTrue(goneEntries.size() >= 3, "control: blurred copies and a score are cached " + goneEntries);
        assertFalse(entriesOf(a.files(), keptAtt.sha256()).isEmpty());
        List<byte[]> raw = new ArrayList<>();
        // what lies on disk for the picture (plain PNGs, or their encrypted form)
        Path folder = ((maraude.core.archive.PlainArchiveFiles) a.files()).resolve(BlurredDerivatives.FOLDER);
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : s.toList()) {
                String rel = BlurredDerivatives.FOLDER + '/' + p.getFileName();
                if (goneEntries.contains(rel)) {
                    raw.add(Files.readAllBytes(p));
                }
            }
        }
        assertEquals(goneEntries.size(), raw.size());
        return new Filled(gone.id(), goneAtt.sha256(), keptAtt.sha256(), raw);
    }

    /** The cache entries of a picture, by its keyed name. */
    private static List<String> entriesOf(maraude.core.archive.ArchiveFiles files, String sha) throws IOException {
        byte[] secret = files.readAllBytes(BlurredDerivatives.FOLDER + '/' + BlurredDerivatives.SECRET_FILE);
        String stem = BlurredDerivatives.FOLDER + '/' + BlurredDerivatives.key(secret, sha);
        return files.list(stem);
    }

    /** No file of the archive holds the bytes (a 64-byte window from the middle) of a removed entry. */
    private static void assertNoRawCopy(Path root, List<byte[]> removed) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                for (byte[] entry : removed) {
                    int from = entry.length / 2 - 32;
                    byte[] needle = Arrays.copyOfRange(entry, Math.max(0, from), Math.max(0, from) + Math.min(64, entry.length));
                    assertEquals(-1, indexOf(b, needle), "a removed blurred entry is still in " + f);
                }
            }
        }
    }

    private static int indexOf(byte[] hay, byte[] needle) {
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

    @Test
    void forgettingAContactOnTheOpenArchiveRemovesTheBlurredCopiesOfTheirPictures() throws IOException {
        Path root = tmp.resolve("plain");
        try (LuceneArchive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            Filled f = fill(a);
            Path reveals = writeReveals(root, f);
            Retention.Result r = Retention.forgetContact(a, f.forgottenContact());
            assertEquals(1, r.attachments());
            assertEquals(List.of(), entriesOf(a.files(), f.forgottenPicture()));
            assertFalse(entriesOf(a.files(), f.keptPicture()).isEmpty(), "the other person's picture keeps its copies");
            assertNoRawCopy(root, f.forgottenCacheBytes());
            assertRevealsForgotten(reveals, f);
        }
    }

    /** The workbench's picture audit trail (as ImageAuditLog writes it): reveals of both pictures. */
    private static Path writeReveals(Path root, Filled f) throws IOException {
        Path log = root.resolve("audit").resolve("images.log");
        Files.createDirectories(log.getParent());
        Files.writeString(log, "2026-03-02T09:00:00Z\tREVEALED\t" + f.forgottenPicture() + "\n"
                + "2026-03-02T09:01:00Z\tREVEALED\t" + f.keptPicture() + "\n"
                + "2026-03-02T09:02:00Z\tREVEAL_REFUSED\t" + f.forgottenPicture() + "\n");
        return log;
    }

    /** The erased picture's hash is gone from the trail; the lines (when, what) and the other picture stay. */
    private static void assertRevealsForgotten(Path log, Filled f) throws IOException {
        String after = Files.readString(log);
        assertFalse(after.contains(f.forgottenPicture()), after);
        assertTrue(after.contains(f.keptPicture()), after);
        assertEquals(3, after.lines().count(), after);
        assertEquals(2, after.lines().filter(l -> l.endsWith("\terased")).count(), after);
    }

    @Test
    void forgettingAContactOnAClosedProtectedArchiveRemovesTheBlurredCopies() throws IOException {
        Path root = tmp.resolve("protected");
        ArchiveProtection.protect(root, PASS.toCharArray(), Fixtures.CHEAP_KDF);
        Keyring keyring = new Keyring(r -> PASS.toCharArray());
        Filled f;
        try (Archive a = new ProtectedArchiveFactory(keyring).open(root, AccessMode.READ_WRITE)) {
            f = fill(a);
        }
        try (ArchiveStorage storage = ArchiveProtection.storageFor(root, keyring)) {
            Retention.Result r = Retention.forgetContact(storage, f.forgottenContact());
            assertEquals(1, r.contacts());
            assertEquals(List.of(), entriesOf(storage.files(), f.forgottenPicture()));
            assertFalse(entriesOf(storage.files(), f.keptPicture()).isEmpty());
        }
        assertNoRawCopy(root, f.forgottenCacheBytes());
    }

    @Test
    void purgeOnAClosedArchiveRemovesTheBlurredCopiesOfOldPictures() throws IOException {
        Path root = tmp.resolve("purge");
        Filled f;
        try (LuceneArchive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            f = fill(a);
        }
        try (FileSystemStorage st = new FileSystemStorage(root)) {
            Path reveals = writeReveals(root, f);
            Retention.Result r = Retention.purgeOlderThan(st, T0.minusYears(1).toInstant());
            assertEquals(1, r.attachments());
            assertEquals(List.of(), entriesOf(st.files(), f.forgottenPicture()));
            assertFalse(entriesOf(st.files(), f.keptPicture()).isEmpty());
            assertRevealsForgotten(reveals, f);
        }
        assertNoRawCopy(root, f.forgottenCacheBytes());
    }

    @Test
    void legacyShaNamedEntriesAndHostileNamesAreHandled() throws IOException {
        Path root = tmp.resolve("legacy");
        try (LuceneArchive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            String sha = "ab".repeat(32);
            a.files().writeAllBytes(BlurredDerivatives.FOLDER + '/' + sha + "-96-strong.png", new byte[] { 1 });
            a.files().writeAllBytes(BlurredDerivatives.FOLDER + '/' + sha + ".score", new byte[] { 2 });
            a.files().writeAllBytes(BlurredDerivatives.FOLDER + '/' + "cd".repeat(32) + ".score", new byte[] { 3 });
            assertEquals(2, BlurredDerivatives.forget(a.files(), List.of(sha, "../../etc/passwd", "")));
            assertEquals(List.of(BlurredDerivatives.FOLDER + '/' + "cd".repeat(32) + ".score"),
                    a.files().list(BlurredDerivatives.FOLDER + '/'));
        }
    }
}

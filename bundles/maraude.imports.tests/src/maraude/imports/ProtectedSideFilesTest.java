package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
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
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.PlainArchiveFiles;
import maraude.core.model.Attachment;
import maraude.core.model.Conversation;
import maraude.core.triage.ContactFlags;
import maraude.core.triage.ConversationState;
import maraude.core.triage.TriageState;
import maraude.core.triage.TriageStateStore;
import maraude.core.triage.TriageStoreException;
import maraude.images.AuditSink;
import maraude.images.BlurLevel;
import maraude.images.BlurredImage;
import maraude.images.ImageLimits;
import maraude.images.ImageService;
import maraude.images.RevealPolicy;

/**
 * The archive's side files (quarantine, "us" memory, triage notes, blurred cache) hold no clear text
 * once the archive is protected, and forgetting a contact erases the team's notes about them.
 */
class ProtectedSideFilesTest {

    private static final String PASS = "une phrase de passe assez longue";
    /** Words found nowhere else: one per kind of side file. */
    private static final String QUARANTINED = "Zorblaxquarantine";
    private static final String US = "Quillbertusteam";
    private static final String NOTE_WORD = "Vexmorindpseudo";
    private static final String CAUTION_WORD = "Krandolphcaution";
    private static final String HANDOVER_WORD = "Plimsoranhandover";
    private static final byte[] PNG_MAGIC = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n' };

    private final ImportService service = TestImports.service();

    private static Keyring keyring() {
        return new Keyring(root -> PASS.toCharArray());
    }

    @Test
    void aProtectedArchiveKeepsNoSideFileInClear(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("archive");
        ArchiveProtection.protect(root, PASS.toCharArray(), Fixtures.CHEAP_KDF);
        Keyring keyring = keyring();
        String conversationId;
        String contactId;
        try (Archive a = new ProtectedArchiveFactory(keyring).open(root, AccessMode.READ_WRITE)) {
            assertTrue(a.files().encrypted());
            Ids ids = fillSideFiles(a, tmp);
            conversationId = ids.conversation;
            contactId = ids.contact;
            // everything reads back through the key
            assertEquals(Set.of(US), UsMemory.load(a.files()).get("whatsapp"));
            List<String> quarantined = a.files().list("quarantine/");
            assertFalse(quarantined.isEmpty());
            String kept = new String(a.files().readAllBytes(quarantined.get(0)), StandardCharsets.UTF_8);
            assertTrue(kept.contains(QUARANTINED), "quarantine decrypts to what was kept");
            TriageState st = TriageStateStore.open(a.files()).snapshot();
            assertTrue(st.conversation(conversationId).notes().get(0).text().contains(NOTE_WORD));
            assertTrue(st.contact(contactId).cautionNote().contains(CAUTION_WORD));
            assertFalse(a.files().list(ImageService.ARCHIVE_CACHE_FOLDER + '/').isEmpty(), "a blurred entry is cached");
        }
        assertNoClearText(root);
        // without the key the notes are unreadable, not misread
        assertThrows(TriageStoreException.class, () -> TriageStateStore.open(new PlainArchiveFiles(root)));

        // forget the contact: the team's notes and flags about them go too
        try (ArchiveStorage storage = ArchiveProtection.storageFor(root, keyring)) {
            Retention.Result r = Retention.forgetContact(storage, contactId);
            assertEquals(1, r.contacts());
            TriageState after = TriageStateStore.open(storage.files()).snapshot();
            assertEquals(null, after.conversation(conversationId));
            assertFalse(after.contacts().containsKey(contactId));
            assertEquals(1, after.sessions().size(), "the handover note is not about this contact: kept");
        }
        assertNoClearText(root);
    }

    @Test
    void protectingAnArchiveEncryptsItsClearSideFiles(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("archive");
        String conversationId;
        try (Archive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            assertFalse(a.files().encrypted());
            conversationId = fillSideFiles(a, tmp).conversation;
        }
        // a plain archive keeps plain files, as before
        assertFalse(filesContaining(root, NOTE_WORD.getBytes(StandardCharsets.UTF_8)).isEmpty());
        assertFalse(filesContaining(root, QUARANTINED.getBytes(StandardCharsets.UTF_8)).isEmpty());
        Files.writeString(root.resolve("team.properties"), "nom_equipe=Equipe\n");

        ArchiveProtection.protect(root, PASS.toCharArray(), Fixtures.CHEAP_KDF);
        assertNoClearText(root);
        assertFalse(Files.exists(root.resolve("side-files.clear")), "the conversion finished");
        assertFalse(filesContaining(root, "nom_equipe".getBytes(StandardCharsets.UTF_8)).stream()
                .anyMatch(p -> p.getFileName().toString().equals("team.properties")));
        try (Archive a = new ProtectedArchiveFactory(keyring()).open(root, AccessMode.READ_ONLY)) {
            assertTrue(TriageStateStore.open(a.files()).snapshot().conversation(conversationId).notes().get(0).text()
                    .contains(NOTE_WORD));
            assertEquals(Set.of(US), UsMemory.load(a.files()).get("whatsapp"));
            assertEquals("nom_equipe=Equipe\n", new String(a.files().readAllBytes("team.properties"), StandardCharsets.UTF_8));
        }
    }

    @Test
    void hostileSideFileNamesAreRefused(@TempDir Path tmp) {
        ArchiveFiles f = new PlainArchiveFiles(tmp);
        for (String bad : List.of("../x", "/etc/passwd", "a/../../x", "a\\b", "", "a//b")) {
            assertInstanceOf(IllegalArgumentException.class,
                    assertThrows(RuntimeException.class, () -> f.write(bad).close(), bad));
        }
    }

    private record Ids(String conversation, String contact) {
    }

    /** A hostile import (quarantine), an "us" import, notes with a pseudonym, a blurred cache entry. */
    private Ids fillSideFiles(Archive a, Path tmp) throws IOException {
        Path chat = tmp.resolve("WhatsApp Chat with Luna.txt");
        Files.writeString(chat, "garbage " + QUARANTINED + " line\n24/03/2024 09:05 - Luna: coucou\n"
                + "24/03/2024 09:06 - " + US + ": bonjour\n");
        ImportReport r = service.importPaths(a, List.of(chat), ImportOptions.defaults().withUs(Set.of(US)), null);
        assertEquals(2, r.messagesAdded());
        assertEquals("text-before-first-message", r.errors().get(0).code());

        Conversation c = a.conversations().get(0);
        TriageStateStore store = TriageStateStore.open(a.files());
        Instant now = Instant.parse("2026-03-02T10:00:00Z");
        store.addNote(c.id(), new ConversationState.Note(now, "Anne", "Luna alias " + NOTE_WORD + " passe jeudi"));
        store.setContactFlags(new ContactFlags(c.contactId(), false, true, "prudence: " + CAUTION_WORD, now, "Anne"));
        store.endSession(store.startSession("Anne", now).id(), now.plusSeconds(60), "relance " + HANDOVER_WORD);

        BufferedImage img = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 48; y++) {
            for (int x = 0; x < 64; x++) {
                img.setRGB(x, y, (x * 4) << 16 | (y * 5) << 8 | 90);
            }
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(img, "png", png);
        Attachment att = a.storeAttachment(new ByteArrayInputStream(png.toByteArray()), "image/png", "photo.png");
        ImageService images = new ImageService(a.files(), ImageService.ARCHIVE_CACHE_FOLDER, a::openAttachment,
                AuditSink.NONE, RevealPolicy.ALLOW_ALL, ImageLimits.DEFAULT, Clock.systemUTC());
        assertInstanceOf(BlurredImage.class, images.blurred(att.sha256(), 48, BlurLevel.STANDARD));
        return new Ids(c.id(), c.contactId());
    }

    private static void assertNoClearText(Path root) throws IOException {
        for (String w : List.of(QUARANTINED, US, NOTE_WORD, CAUTION_WORD, HANDOVER_WORD)) {
            assertEquals(List.of(), filesContaining(root, w.getBytes(StandardCharsets.UTF_8)), w);
            assertEquals(List.of(), filesContaining(root, w.getBytes(StandardCharsets.UTF_16LE)), w);
        }
        assertEquals(List.of(), filesContaining(root, PNG_MAGIC), "no clear PNG (blurred cache) anywhere");
    }

    private static List<Path> filesContaining(Path root, byte[] needle) throws IOException {
        List<Path> hits = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] b = Files.readAllBytes(f);
                outer: for (int i = 0; i + needle.length <= b.length; i++) {
                    for (int j = 0; j < needle.length; j++) {
                        if (b[i + j] != needle[j]) {
                            continue outer;
                        }
                    }
                    hits.add(root.relativize(f));
                    break;
                }
            }
        }
        return hits;
    }
}

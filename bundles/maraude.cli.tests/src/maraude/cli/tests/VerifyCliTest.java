package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

import maraude.archive.LuceneArchiveFactory;
import maraude.archive.crypto.Keyring;
import maraude.archive.crypto.PassphraseSource;
import maraude.cli.CliCommand;
import maraude.cli.commands.BackupCommand;
import maraude.cli.commands.Passphrases;
import maraude.cli.commands.ProtectCommand;
import maraude.cli.commands.RestoreCommand;
import maraude.cli.commands.VerifyCommand;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;
import maraude.cli.tests.CliHarness.Run;

/**
 * {@code verify} reads every attachment against its content address (and, protected, every chunk's
 * tag): a deleted, altered or bit-flipped attachment is reported by file, with exit 2; {@code backup}
 * refuses to copy such damage; {@code verify}, {@code protect} and {@code restore} print one JSON
 * document with {@code --json}.
 */
class VerifyCliTest {

    @TempDir
    Path tmp;

    private final Map<String, CliCommand> commands = new TreeMap<>();
    private static final String PASS = "une phrase d'équipe assez longue";

    VerifyCliTest() {
        for (CliCommand c : List.of(new ProtectCommand(), new BackupCommand(), new RestoreCommand(), new VerifyCommand(),
                new maraude.cli.commands.PassphraseCommand())) {
            commands.put(c.name(), c);
        }
        PassphraseSource p = a -> PASS.toCharArray();
        Passphrases.use(p, p);
    }

    @AfterEach
    void back() {
        Keyring.shared().lock();
        Passphrases.use(PassphraseSource.environmentOrTerminal(), a -> null);
    }

    private Run run(Path archive, String... args) {
        return CliHarness.run(commands, archive, args);
    }

    /** An archive with one message carrying three pictures. */
    private Path archiveWithAttachments(String name) throws Exception {
        Path root = tmp.resolve(name);
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_WRITE)) {
            Contact c = Contact.of(Platform.WHATSAPP, "+32470000001", "Luna");
            Conversation v = Conversation.of(Platform.WHATSAPP, c.handle(), c, "Luna");
            a.putContact(c);
            a.putConversation(v);
            List<Attachment> atts = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                byte[] bytes = ("photo " + i + " ").repeat(5000).getBytes(StandardCharsets.US_ASCII);
                atts.add(a.storeAttachment(new ByteArrayInputStream(bytes), "image/jpeg", "p" + i + ".jpg"));
            }
            a.addMessage(Message.of(v.id(), Direction.INBOUND, ZonedDateTime.of(2026, 3, 1, 10, 0, 0, 0, ZoneId.of("UTC")),
                    "Luna", null, "voila", atts, SourceRef.ofLine("chat.txt", 1)));
            a.commit();
        }
        return root;
    }

    private static List<Path> stored(Path folder) throws Exception {
        try (Stream<Path> s = Files.walk(folder, 2)) {
            return s.filter(p -> p.getNameCount() - folder.getNameCount() == 2)
                    .filter(p -> !p.getParent().getFileName().toString().equals("tmp")).filter(Files::isRegularFile)
                    .sorted().toList();
        }
    }

    private static void flipByte(Path f, int at) throws Exception {
        byte[] b = Files.readAllBytes(f);
        b[at] ^= 0x01;
        Files.write(f, b);
    }

    @Test
    void damagedOrMissingAttachmentsAreReportedAndNeverBackedUp() throws Exception {
        Path root = archiveWithAttachments("plain");
        Run ok = run(root, "verify", "--json");
        assertEquals(0, ok.code(), ok.err());
        assertTrue(ok.json().get("intact").asBoolean());
        assertEquals(3, ok.json().get("attachments").asLong());

        List<Path> files = stored(root.resolve("attachments"));
        assertEquals(3, files.size());
        flipByte(files.get(0), 100);
        Files.delete(files.get(1));
        Run bad = run(root, "verify", "--json");
        assertEquals(2, bad.code());
        assertFalse(bad.json().get("intact").asBoolean());
        JsonNode problems = bad.json().get("problems");
        assertEquals(2, problems.size(), problems.toString());
        List<String> kinds = new ArrayList<>();
        problems.forEach(p -> kinds.add(p.get("kind").asText()));
        assertEquals(List.of("damaged", "missing"), kinds);
        String sha0 = files.get(0).getParent().getFileName() + "/" + files.get(0).getFileName();
        assertTrue(problems.get(0).get("file").asText().endsWith(sha0), problems.toString());
        String sha1 = files.get(1).getParent().getFileName().toString() + files.get(1).getFileName();
        assertTrue(problems.get(1).get("file").asText().endsWith(sha1), problems.toString());
        Run text = run(root, "verify");
        assertEquals(2, text.code());
        assertTrue(text.out().contains("damaged") && text.out().contains("missing"), text.out());

        Path dest = tmp.resolve("backup");
        Run backup = run(root, "backup", dest.toString());
        assertEquals(2, backup.code(), "damage is not copied");
        assertTrue(backup.err().contains("verify"), backup.err());
        assertFalse(Files.exists(dest));
        assertFalse(Files.exists(tmp.resolve("backup.partial")));
    }

    @Test
    void aFlippedByteInAnEncryptedAttachmentFailsItsAuthentication() throws Exception {
        Path root = archiveWithAttachments("protected");
        Run p = run(root, "protect", "--json");
        assertEquals(0, p.code(), p.err());
        assertEquals(root.toAbsolutePath().toString(), p.json().get("protected").asText());
        Keyring.shared().lock();
        Run changed = run(root, "passphrase", "--json");
        assertEquals(0, changed.code(), changed.err());
        assertEquals(root.toAbsolutePath().toString(), changed.json().get("passphraseChanged").asText());
        Keyring.shared().lock();
        Path backup = tmp.resolve("backup");
        assertEquals(0, run(root, "backup", backup.toString()).code());
        assertEquals(0, run(root, "verify").code());

        List<Path> files = stored(root.resolve("attachments.enc"));
        assertEquals(3, files.size());
        flipByte(files.get(2), (int) Files.size(files.get(2)) / 2);
        Run bad = run(root, "verify", "--json");
        assertEquals(2, bad.code());
        assertEquals(1, bad.json().get("problems").size());
        assertEquals("damaged", bad.json().get("problems").get(0).get("kind").asText());
        assertEquals(2, run(root, "backup", tmp.resolve("backup2").toString()).code());

        // the sound backup puts it right
        Run r = run(root, "restore", backup.toString(), "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, r.json().get("attachments").asLong());
        assertTrue(r.json().get("setAside").isNull(), r.out());
        Keyring.shared().lock();
        assertEquals(0, run(root, "verify").code());
    }

    @Test
    void twelveSpacesAreNoPassphrase() throws Exception {
        Path root = archiveWithAttachments("spaces");
        PassphraseSource spaces = a -> " ".repeat(12).toCharArray();
        Passphrases.use(spaces, spaces);
        Run r = run(root, "protect");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("12"), r.err());
        assertFalse(Files.exists(root.resolve("protection.key")));
    }
}

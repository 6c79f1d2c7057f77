package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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


import maraude.archive.LuceneArchiveFactory;
import maraude.archive.crypto.Keyring;
import maraude.archive.crypto.PassphraseSource;
import maraude.cli.CliCommand;
import maraude.cli.commands.AuditCommand;
import maraude.cli.commands.BackupCommand;
import maraude.cli.commands.ForgetCommand;
import maraude.cli.commands.InfoCommand;
import maraude.cli.commands.PassphraseCommand;
import maraude.cli.commands.Passphrases;
import maraude.cli.commands.ProtectCommand;
import maraude.cli.commands.PurgeCommand;
import maraude.cli.commands.RestoreCommand;
import maraude.cli.commands.VerifyCommand;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.demo.DemoGenerator;
import maraude.images.DemoImages;
import maraude.cli.tests.CliHarness.Run;

/** The protection commands as a team would run them, on a generated archive. */
class ProtectionCliTest {

    @TempDir
    Path tmp;

    private final Map<String, CliCommand> commands = new TreeMap<>();
    private volatile String current = "la phrase de l'équipe du jeudi";
    private volatile String next = "une toute nouvelle phrase secrète";

    ProtectionCliTest() {
        for (CliCommand c : List.of(new InfoCommand(), new ProtectCommand(), new PassphraseCommand(), new BackupCommand(),
                new RestoreCommand(), new PurgeCommand(), new ForgetCommand(), new AuditCommand(), new VerifyCommand())) {
            commands.put(c.name(), c);
        }
        PassphraseSource cur = a -> current == null ? null : current.toCharArray();
        PassphraseSource nxt = a -> next == null ? null : next.toCharArray();
        Passphrases.use(cur, nxt);
    }

    @AfterEach
    void back() {
        Keyring.shared().lock();
        Passphrases.use(PassphraseSource.environmentOrTerminal(), a -> null);
    }

    private Run run(Path archive, String... args) {
        return CliHarness.run(commands, archive, args);
    }

    private static long messages(Run info) throws Exception {
        return info.json().get("messages").asLong();
    }

    @Test
    void protectBackupPurgeRestoreAndAudit() throws Exception {
        Path archive = tmp.resolve("archive");
        try (Archive a = new LuceneArchiveFactory().open(archive, AccessMode.READ_WRITE)) {
            new DemoGenerator(3L, ZonedDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneId.of("Europe/Brussels")))
                    .withPictures(new DemoImages()).populate(a, 600, (done, total) -> true);
        }
        long total = messages(run(archive, "info", "--json"));
        assertTrue(total > 0);

        next = "court";
        Run weak = run(archive, "protect");
        assertEquals(2, weak.code(), "too short a passphrase");
        next = "une toute nouvelle phrase secrète";
        current = next;
        assertEquals(0, run(archive, "protect").code());
        assertFalse(Files.exists(archive.resolve("index")));
        Keyring.shared().lock();
        assertEquals(total, messages(run(archive, "info", "--json")), "opened with the passphrase");

        Keyring.shared().lock();
        current = "pas la bonne phrase du tout";
        Run wrong = run(archive, "info", "--json");
        assertEquals(2, wrong.code());
        assertTrue(wrong.err().contains(archive.toString()), wrong.err());
        current = null;
        Run none = run(archive, "info");
        assertEquals(2, none.code());
        assertTrue(none.err().contains("MARAUDE_PASSPHRASE"), none.err());
        current = next;

        Path backup = tmp.resolve("backup");
        Run b = run(archive, "backup", backup.toString(), "--json");
        assertEquals(0, b.code(), b.err());
        assertTrue(b.json().get("documents").asLong() > total);
        assertEquals(2, run(archive, "backup", backup.toString()).code(), "never over an existing backup");

        assertEquals(0, run(archive, "verify").code());
        Run purge = run(archive, "purge", "--older-than", "0d", "--json");
        assertEquals(0, purge.code(), purge.err());
        assertEquals(total, purge.json().get("messages").asLong());
        assertEquals(0, messages(run(archive, "info", "--json")));
        assertEquals(2, run(archive, "purge", "--older-than", "soon").code());

        Run restore = run(archive, "restore", backup.toString());
        assertEquals(0, restore.code(), restore.err());
        assertEquals(total, messages(run(archive, "info", "--json")));

        next = "encore une autre phrase, plus longue";
        assertEquals(0, run(archive, "passphrase").code());
        Keyring.shared().lock();
        current = next;
        assertEquals(total, messages(run(archive, "info", "--json")));

        Run audit = run(archive, "audit", "--json");
        assertEquals(0, audit.code(), audit.out());
        assertTrue(audit.json().get("intact").asBoolean());
        List<String> events = new ArrayList<>();
        audit.json().get("entries").forEach(e -> events.add(e.get("event").asText()));
        for (String e : List.of("protect", "unlock", "unlock_failed", "lock", "backup", "purge", "restore",
                "passphrase_change")) {
            assertTrue(events.contains(e), e + " in " + events);
        }
        // the audit trail holds no name of a contact: the demo's names are not in it
        try (Stream<String> lines = Files.lines(archive.resolve("audit.log"))) {
            assertTrue(lines.allMatch(l -> l.matches("\\{\"time\":\"[0-9TZ:.-]+\",\"event\":\"[a-z_]+\",\"counts\":\\{[a-z_0-9\":,]*\\},\"prev\":\"[0-9a-f]{64}\"\\}")));
        }
        assertEquals(2, run(archive, "forget", "c-nobody").code());
    }

    @Test
    void purgeRetentionAppliesTheTeamsPerPlatformPolicy() throws Exception {
        Path archive = tmp.resolve("retention");
        ZonedDateTime now = ZonedDateTime.of(2026, 11, 28, 10, 0, 0, 0, ZoneId.of("Europe/Brussels"));
        try (Archive a = new LuceneArchiveFactory().open(archive, AccessMode.READ_WRITE)) {
            for (maraude.core.model.Platform p : List.of(maraude.core.model.Platform.WHATSAPP,
                    maraude.core.model.Platform.SMS)) {
                maraude.core.model.Contact c = maraude.core.model.Contact.of(p, "+3247000" + p.ordinal(), "X");
                maraude.core.model.Conversation v = maraude.core.model.Conversation.of(p, c.handle(), c, "X");
                a.putContact(c);
                a.putConversation(v);
                for (int months : new int[] { 36, 1 }) {
                    a.addMessage(maraude.core.model.Message.of(v.id(), maraude.core.model.Direction.INBOUND,
                            now.minusMonths(months), "X", null, "message " + months, List.of(),
                            maraude.core.model.SourceRef.ofLine("chat.txt", months)));
                }
            }
            a.commit();
        }
        String at = now.toInstant().toString();
        Run none = run(archive, "purge", "--retention", "--now", at, "--json");
        assertEquals(0, none.code(), none.err());
        assertEquals(0, none.json().get("messages").asLong(), "no retention key: everything is kept");
        assertEquals(2, run(archive, "purge").code(), "--older-than or --retention");
        assertEquals(2, run(archive, "purge", "--retention", "--older-than", "2y").code());

        Files.writeString(archive.resolve("team.properties"), "service_address=rue X\nretention_sms=deux ans\n");
        Run bad = run(archive, "purge", "--retention");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("retention_sms"), bad.err());

        Files.writeString(archive.resolve("team.properties"), "service_address=rue X\nretention_whatsapp=24m\n");
        Run r = run(archive, "purge", "--retention", "--now", at, "--json");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, r.json().get("messages").asLong(), "only the 36-month-old WhatsApp message");
        assertEquals("2024-11-28T09:00:00Z", r.json().get("cutoffs").get("whatsapp").asText());
        assertEquals(3, messages(run(archive, "info", "--json")));
        Run text = run(archive, "purge", "--retention", "--now", at);
        assertTrue(text.out().contains("0 message(s)"), text.out());
    }
}

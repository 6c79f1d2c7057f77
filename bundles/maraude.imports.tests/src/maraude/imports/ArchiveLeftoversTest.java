package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import maraude.archive.LuceneArchive;
import maraude.archive.crypto.ArchiveBackup;
import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.Keyring;
import maraude.archive.crypto.ProtectedArchiveFactory;
import maraude.archive.maintenance.Retention;
import maraude.archive.maintenance.RetentionPolicy;
import maraude.archive.storage.ArchiveStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.ArchiveLayout;
import maraude.core.archive.QuarantineFiles;
import maraude.core.model.Contact;
import maraude.core.model.Platform;

/**
 * Nothing of a person is left behind: after each operation (import, protect, backup, forget, restore,
 * purge, retention) the archive folder holds only the files {@link ArchiveLayout} lists, and after
 * each erasure a raw scan of every file's name and bytes (quarantine, caches, restore leftovers
 * included) finds none of the erased person's words, names or numbers; on a protected archive the
 * side files are also decrypted and scanned. Unrelated quarantined text is kept until its own erasure.
 */
class ArchiveLeftoversTest {

    private static final String PASS = "une phrase de passe assez longue";

    // Jessica: forgotten. Her name and number are in the export's file name too.
    private static final String JESS_NAME = "Jessicaxa";
    private static final String JESS_WORD = "Zorblaxjess";
    private static final String JESS_QUARANTINED = "Quimbrolquarantine";
    private static final String JESS_NUMBER = "+32 470 99 88 77";
    // Brunhilde: 2017 messages, purged by age.
    private static final String BRUN_NAME = "Brunhildexa";
    private static final String BRUN_WORD = "Plovdivold";
    private static final String BRUN_QUARANTINED = "Karvolquarantine";
    // Keepme: 2025 messages, kept until the retention policy runs.
    private static final String KEEP_NAME = "Keepmexa";
    private static final String KEEP_WORD = "Staywordkeep";
    private static final String KEEP_QUARANTINED = "Staysquarantine";
    private static final String US = "Maraude";

    private final ImportService service = TestImports.service();
    private final Keyring keyring = new Keyring(root -> PASS.toCharArray());

    @ParameterizedTest(name = "protected={0}")
    @ValueSource(booleans = { false, true })
    void noFileOutsideTheLayoutAndNothingOfAnErasedPersonLeft(boolean protect, @TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("archive");
        Path jess = tmp.resolve("WhatsApp Chat with " + JESS_NAME + " Escort Ixelles " + JESS_NUMBER + ".txt");
        Files.writeString(jess, "garbage " + JESS_QUARANTINED + " line\n"
                + "24/03/2024 09:05 - " + JESS_NAME + ": " + JESS_WORD + " ce soir? " + JESS_NUMBER + "\n"
                + "24/03/2024 09:06 - " + US + ": bonjour\n");
        Path brun = tmp.resolve("WhatsApp Chat with " + BRUN_NAME + ".txt");
        Files.writeString(brun, "garbage " + BRUN_QUARANTINED + " line\n"
                + "02/05/2017 21:00 - " + BRUN_NAME + ": " + BRUN_WORD + " demain\n"
                + "02/05/2017 21:01 - " + US + ": ok\n");
        Path keep = tmp.resolve("WhatsApp Chat with " + KEEP_NAME + ".txt");
        Files.writeString(keep, "garbage " + KEEP_QUARANTINED + " line\n"
                + "10/06/2025 10:00 - " + KEEP_NAME + ": " + KEEP_WORD + " merci\n"
                + "10/06/2025 10:01 - " + US + ": de rien\n");

        try (Archive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            ImportReport r = service.importPaths(a, List.of(jess, brun, keep),
                    ImportOptions.defaults().withUs(java.util.Set.of(US)), null);
            assertEquals(6, r.messagesAdded());
        }
        try (Archive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            // the person's number given as "us" by mistake, remembered: it must go with her
            UsMemory m = UsMemory.load(a.files());
            m.put("whatsapp", new java.util.LinkedHashSet<>(List.of(US, JESS_NUMBER)));
            m.save();
        }
        assertLayout(root, "import");
        // quarantined items are named by a keyed hash, never after the export
        assertNoNameHolds(root, "WhatsApp", "Chat_with", "Chat with", JESS_NAME, "470_99", "470 99");
        if (protect) {
            ArchiveProtection.protect(root, PASS.toCharArray(), Fixtures.CHEAP_KDF);
            assertLayout(root, "protect");
            assertNoneIn(root, "protect", JESS_NAME, JESS_WORD, JESS_QUARANTINED, KEEP_QUARANTINED, "470 99");
        }
        assertTrue(decryptedSideFiles(root).contains(JESS_QUARANTINED), "the quarantine kept the unparsed line");

        Path backup = tmp.resolve("backup");
        maraude.archive.maintenance.AuditTrail.record(root, maraude.archive.maintenance.AuditTrail.Event.EXPORT, Map.of());
        String trail = Files.readString(root.resolve("audit.log"));
        ArchiveBackup.backup(root, backup, keyring, protect ? null : PASS.toCharArray(), Fixtures.CHEAP_KDF);
        assertLayout(root, "backup");
        // the backup carries the quarantine (encrypted) and the audit trail
        assertEquals(trail, Files.readString(backup.resolve("audit.log")));
        try (Stream<Path> q = Files.list(backup.resolve(QuarantineFiles.FOLDER))) {
            assertTrue(q.count() >= 4, "secret and three items");
        }
        assertNoneIn(backup, "backup", JESS_NAME, JESS_QUARANTINED, KEEP_QUARANTINED, "470 99");

        forget(root, JESS_NAME);
        assertLayout(root, "forget");
        assertPersonGone(root, "forget", JESS_NAME, JESS_WORD, JESS_QUARANTINED, "470 99 88 77", "470998877");
        assertTrue(decryptedSideFiles(root).contains(KEEP_QUARANTINED), "someone else's quarantined line stays");
        assertEquals(java.util.Set.of(US), UsMemory.load(files(root)).get("whatsapp"), "the team's own identity stays");

        // restoring the backup brings Jessica back, and sets nothing aside
        ArchiveBackup.Restored restored = ArchiveBackup.restore(backup, root, PASS.toCharArray());
        keyring.lock();
        assertNull(restored.setAside());
        assertLayout(root, "restore");
        assertNoneIn(root, "restore", JESS_NAME, JESS_QUARANTINED, KEEP_QUARANTINED, "470 99");
        String restoredSide = decryptedSideFiles(root);
        assertTrue(restoredSide.contains(JESS_QUARANTINED) && restoredSide.contains(KEEP_QUARANTINED),
                "the restored quarantine is the backup's, readable under its key");
        forget(root, JESS_NAME);
        assertLayout(root, "forget after restore");
        assertPersonGone(root, "forget after restore", JESS_NAME, JESS_WORD, JESS_QUARANTINED, "470 99 88 77",
                "470998877");

        // a backup of the old kind left a before-restore folder: forget and purge erase it
        Path leftover = root.resolve("before-restore-20200101-000000-000");
        Files.createDirectories(leftover.resolve("quarantine"));
        Files.writeString(leftover.resolve("quarantine/old.txt"), BRUN_QUARANTINED);

        try (ArchiveStorage st = ArchiveProtection.storageFor(root, keyring)) {
            Retention.Result r = Retention.purgeOlderThan(st, Instant.parse("2026-12-01T00:00:00Z").minus(java.time.Duration.ofDays(5 * 365)));
            assertEquals(2, r.messages());
        }
        assertLayout(root, "purge");
        assertPersonGone(root, "purge", BRUN_NAME, BRUN_WORD, BRUN_QUARANTINED);
        assertTrue(decryptedSideFiles(root).contains(KEEP_QUARANTINED));

        RetentionPolicy policy = RetentionPolicy.of(Map.of(Platform.WHATSAPP, Period.ofMonths(6)));
        try (ArchiveStorage st = ArchiveProtection.storageFor(root, keyring)) {
            Retention.Result r = Retention.apply(st, policy, Instant.parse("2027-01-01T00:00:00Z"), ZoneOffset.UTC);
            assertEquals(2, r.messages());
        }
        assertLayout(root, "retention");
        assertPersonGone(root, "retention", KEEP_NAME, KEEP_WORD, KEEP_QUARANTINED);
        assertEquals(List.of(), QuarantineFiles.list(files(root)), "every quarantined item went with its messages");
    }

    private void forget(Path root, String name) {
        String id;
        try (Archive a = open(root)) {
            id = a.contacts().stream().filter(c -> (c.displayName() + " " + c.handle()).contains(name)).map(Contact::id).findFirst().orElseThrow();
        }
        try (ArchiveStorage st = ArchiveProtection.storageFor(root, keyring)) {
            assertEquals(1, Retention.forgetContact(st, id).contacts());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Archive open(Path root) {
        return ArchiveProtection.isProtected(root) ? new ProtectedArchiveFactory(keyring).open(root, AccessMode.READ_ONLY)
                : LuceneArchive.open(root, AccessMode.READ_ONLY);
    }

    private ArchiveFiles files(Path root) throws IOException {
        try (ArchiveStorage st = ArchiveProtection.storageFor(root, keyring)) {
            return st.files();
        }
    }

    /** The side files that may hold a person's words, decrypted when the archive is protected. */
    private String decryptedSideFiles(Path root) throws IOException {
        ArchiveFiles f = files(root);
        StringBuilder b = new StringBuilder();
        List<String> names = new ArrayList<>(f.list(QuarantineFiles.FOLDER + '/'));
        names.remove(QuarantineFiles.FOLDER + '/' + QuarantineFiles.SECRET_FILE);
        for (String n : List.of("triage-state.json", "import-us.json", "sources.json")) {
            if (f.exists(n)) {
                names.add(n);
            }
        }
        for (String n : names) {
            b.append(new String(f.readAllBytes(n), StandardCharsets.UTF_8)).append('\n');
        }
        return b.toString();
    }

    private static void assertLayout(Path root, String after) throws IOException {
        assertEquals(List.of(), ArchiveLayout.unexpected(root), "files outside the documented layout after " + after);
        // every file the archive writes is its owner's only
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String mode = java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertEquals(Files.isDirectory(p) ? "rwx------" : "rw-------", mode,
                        "not its owner's only after " + after + ": " + root.relativize(p));
            }
        }
    }

    private void assertPersonGone(Path root, String after, String... tokens) throws IOException {
        assertNoneIn(root, after, tokens);
        String side = decryptedSideFiles(root).toLowerCase(Locale.ROOT);
        for (String t : tokens) {
            assertFalse(side.contains(t.toLowerCase(Locale.ROOT)), after + ": the side files still hold a token");
        }
    }

    private static void assertNoNameHolds(Path root, String... tokens) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString().toLowerCase(Locale.ROOT);
                for (String t : tokens) {
                    assertFalse(rel.contains(t.toLowerCase(Locale.ROOT)), "a file name holds a token: " + rel);
                }
            }
        }
    }

    /** No file name and no file's raw bytes (as written, or lower-cased) under {@code root} hold a token. */
    private static void assertNoneIn(Path root, String after, String... tokens) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                String rel = root.relativize(p).toString().toLowerCase(Locale.ROOT);
                for (String t : tokens) {
                    assertFalse(rel.contains(t.toLowerCase(Locale.ROOT)), after + ": a file name holds a token: " + rel);
                }
                if (!Files.isRegularFile(p)) {
                    continue;
                }
                String raw = new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
                for (String t : tokens) {
                    assertFalse(raw.contains(t.toLowerCase(Locale.ROOT)), after + ": " + rel + " holds token " + t);
                }
            }
        }
    }
}

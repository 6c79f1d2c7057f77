package maraude.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.model.Platform;

class SourceStoreTest {

    private static final Instant T0 = Instant.parse("2026-01-10T09:00:00Z"); //$NON-NLS-1$

    @Test
    void roundTripKeepsEveryFieldAndWritesAtomically(@TempDir Path dir) throws Exception {
        SourceStore s = SourceStore.open(dir);
        Source web = Source.create("qr", SourceKind.WEB_INBOX, Platform.AD_INBOX, "quartier", "https://example.org/", T0) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                .withDelay(Duration.ofSeconds(3)).withOutcome(T0.plusSeconds(60), T0.plusSeconds(90), SourceState.PARTIAL,
                        "Page /thread/2 failed", 12); //$NON-NLS-1$
        Source folder = Source.create("drop", SourceKind.WATCHED_FOLDER, Platform.WHATSAPP, null, "/home/x/drop", T0); //$NON-NLS-1$ //$NON-NLS-2$
        s.put(web);
        s.put(folder);
        assertEquals(Duration.ofDays(7), web.retention(), "ad platforms keep a week"); //$NON-NLS-1$
        assertNull(folder.retention());
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left"); //$NON-NLS-1$
        }
        SourceStore again = SourceStore.open(dir);
        assertEquals(java.util.List.of(web, folder), again.list());
        assertTrue(again.remove("drop")); //$NON-NLS-1$
        assertFalse(SourceStore.open(dir).get("drop").isPresent()); //$NON-NLS-1$
        assertEquals("watched-folder-1", again.newId(SourceKind.WATCHED_FOLDER)); //$NON-NLS-1$
    }

    @Test
    void damagedFileIsAClearErrorNamingTheFile(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve(SourceStore.FILE), "{\"sources\":[{\"id\":\"x\",\"kind\":\"telepathy\"}]}"); //$NON-NLS-1$
        IOException e = assertThrows(IOException.class, () -> SourceStore.open(dir));
        assertTrue(e.getMessage().contains(SourceStore.FILE) && e.getMessage().contains("telepathy"), e.getMessage()); //$NON-NLS-1$
        Files.writeString(dir.resolve(SourceStore.FILE), "{\"sources\":[{\"id\":"); //$NON-NLS-1$
        e = assertThrows(IOException.class, () -> SourceStore.open(dir));
        assertTrue(e.getMessage().contains(SourceStore.FILE));
        Files.write(dir.resolve(SourceStore.FILE), new byte[] { (byte) 0xFF, 0, 1 });
        assertThrows(IOException.class, () -> SourceStore.open(dir));
    }

    @Test
    void hostileIdsAreRefused() {
        for (String id : new String[] { "", "../x", "a/b", "x".repeat(65), "-x", "a b" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            assertThrows(IllegalArgumentException.class,
                    () -> Source.create(id, SourceKind.WATCHED_FOLDER, Platform.OTHER, null, "/x", T0), id); //$NON-NLS-1$
        }
    }

    @Test
    void secureStorageEncryptsAndNeverWritesSecretsInClear(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secure_storage"); //$NON-NLS-1$
        char[] pw = SecureStorageCredentialStore.localPassword(dir.resolve("secure_storage.key")); //$NON-NLS-1$
        SecureStorageCredentialStore c = new SecureStorageCredentialStore(file, pw);
        c.put("qr", new Credentials("equipe@asbl.example", "Tr0ub4dor&3-unique", "sid=abcdef0123456789")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertTrue(c.isEncrypted("qr", "password")); //$NON-NLS-1$ //$NON-NLS-2$
        String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
        assertFalse(raw.contains("Tr0ub4dor"), "password never in clear"); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(raw.contains("abcdef0123456789"), "cookie never in clear"); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(raw.contains("equipe@asbl"), "user never in clear"); //$NON-NLS-1$ //$NON-NLS-2$

        SecureStorageCredentialStore reopened = new SecureStorageCredentialStore(file,
                SecureStorageCredentialStore.localPassword(dir.resolve("secure_storage.key"))); //$NON-NLS-1$
        Credentials back = reopened.get("qr").orElseThrow(); //$NON-NLS-1$
        assertEquals("Tr0ub4dor&3-unique", back.password()); //$NON-NLS-1$
        assertEquals("sid=abcdef0123456789", back.cookie()); //$NON-NLS-1$
        assertFalse(back.toString().contains("Tr0ub4dor")); //$NON-NLS-1$
        reopened.remove("qr"); //$NON-NLS-1$
        assertTrue(reopened.get("qr").isEmpty()); //$NON-NLS-1$
        assertTrue(reopened.get("never").isEmpty()); //$NON-NLS-1$
    }

    @Test
    void teamLoginsAreKeptPerAddressEncryptedAndReplacedWhole(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("secure_storage"); //$NON-NLS-1$
        SecureStorageCredentialStore c = new SecureStorageCredentialStore(file,
                SecureStorageCredentialStore.localPassword(dir.resolve("secure_storage.key"))); //$NON-NLS-1$
        String a = "solr+https://team.example.org:8983/quartier-nord"; //$NON-NLS-1$
        String b = "solr+https://127.0.0.1:9443/team"; //$NON-NLS-1$
        String fp = "D8:D6:F0:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:70:7F"; //$NON-NLS-1$
        assertTrue(c.teamLogin(a).isEmpty());
        c.putTeamLogin(new SecureStorageCredentialStore.TeamLogin(a, "noor", "Gr0en-unique-pw", fp)); //$NON-NLS-1$ //$NON-NLS-2$
        c.putTeamLogin(new SecureStorageCredentialStore.TeamLogin(b, null, null, null));
        String raw = Files.readString(file, StandardCharsets.ISO_8859_1);
        for (String secret : new String[] { "Gr0en-unique", "quartier-nord", "team.example.org", "D8:D6" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertFalse(raw.contains(secret), secret + " in clear"); //$NON-NLS-1$
        }
        SecureStorageCredentialStore reopened = new SecureStorageCredentialStore(file,
                SecureStorageCredentialStore.localPassword(dir.resolve("secure_storage.key"))); //$NON-NLS-1$
        SecureStorageCredentialStore.TeamLogin back = reopened.teamLogin(a).orElseThrow();
        assertEquals(a, back.address());
        assertEquals("noor", back.user()); //$NON-NLS-1$
        assertEquals("Gr0en-unique-pw", back.password()); //$NON-NLS-1$
        assertEquals(fp, back.fingerprint());
        assertFalse(back.toString().contains("Gr0en")); //$NON-NLS-1$
        assertEquals(java.util.List.of(a, b).stream().sorted().toList(), reopened.teamAddresses());
        // "remember" unticked later: the login goes, the confirmed certificate stays
        reopened.putTeamLogin(new SecureStorageCredentialStore.TeamLogin(a, null, null, fp));
        back = reopened.teamLogin(a).orElseThrow();
        assertEquals(null, back.user());
        assertEquals(null, back.password());
        assertEquals(fp, back.fingerprint());
    }

    @Test
    void aProtectedArchiveKeepsItsSourcesEncrypted(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("archive"); //$NON-NLS-1$
        String pass = "une phrase de passe assez longue"; //$NON-NLS-1$
        maraude.archive.crypto.ArchiveProtection.protect(root, pass.toCharArray(),
                TestSupport.CHEAP_KDF);
        maraude.archive.crypto.Keyring keyring = new maraude.archive.crypto.Keyring(r -> pass.toCharArray());
        String profile = "Xandrulopprofile"; //$NON-NLS-1$
        try (maraude.archive.storage.ArchiveStorage st = maraude.archive.crypto.ArchiveProtection.storageFor(root, keyring)) {
            SourceStore s = SourceStore.open(st.files());
            s.put(Source.create("qr", SourceKind.WEB_INBOX, Platform.AD_INBOX, profile, "https://example.org/", T0)); //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals(profile, SourceStore.open(st.files()).get("qr").orElseThrow().profile()); //$NON-NLS-1$
        }
        byte[] raw = Files.readAllBytes(root.resolve(SourceStore.FILE));
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains(profile), "sources.json is encrypted"); //$NON-NLS-1$
        assertFalse(new String(raw, StandardCharsets.ISO_8859_1).contains("example.org"), "sources.json is encrypted"); //$NON-NLS-1$ //$NON-NLS-2$
        // without the key it is refused with the file named, not misread
        IOException e = assertThrows(IOException.class, () -> SourceStore.open(root));
        assertTrue(e.getMessage().contains(SourceStore.FILE), e.getMessage());
    }
}

package maraude.archive.crypto;

import static maraude.archive.crypto.ProtectionTestData.pass;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchive;
import maraude.archive.storage.ArchiveStorage;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/**
 * Side files travel with backups: a plain archive's notes are encrypted into its backup and come
 * back with a restore under the backup's key; an older backup (without side files) restored over a
 * plain archive leaves its clear side files, which the next open encrypts under the restored key.
 */
class SideFilesRestoreTest {

    private static final String NOTE = "{\"note\":\"Ozymandrelle rappelle jeudi\"}";

    @TempDir
    Path tmp;

    private Path plainWithNote(String name) throws Exception {
        Path root = tmp.resolve(name);
        try (Archive a = LuceneArchive.open(root, AccessMode.READ_WRITE)) {
            a.commit();
            a.files().writeAllBytes("triage-state.json", NOTE.getBytes(StandardCharsets.UTF_8));
        }
        return root;
    }

    @Test
    void aBackupCarriesTheSideFilesEncryptedAndARestoreBringsThemBack() throws Exception {
        Path root = plainWithNote("plain");
        Path backup = tmp.resolve("backup");
        Keyring keyring = new Keyring(a -> pass());
        ArchiveBackup.backup(root, backup, keyring, pass(), CheapKdf.PARAMS);
        assertTrue(Files.exists(backup.resolve("triage-state.json")));
        assertFalse(Files.readString(backup.resolve("triage-state.json"), StandardCharsets.ISO_8859_1).contains("Ozymandrelle"));

        Files.writeString(root.resolve("triage-state.json"), "{\"note\":\"autre\"}");
        ArchiveBackup.Restored r = ArchiveBackup.restore(backup, root, pass());
        assertNull(r.setAside());
        assertFalse(Files.readString(root.resolve("triage-state.json"), StandardCharsets.ISO_8859_1).contains("autre"));
        try (ArchiveStorage st = ArchiveProtection.storageFor(root, keyring)) {
            assertArrayEquals(NOTE.getBytes(StandardCharsets.UTF_8), st.files().readAllBytes("triage-state.json"));
        }
    }

    @Test
    void anOlderBackupOverAPlainArchiveLeavesNoSideFileInClear() throws Exception {
        Path root = plainWithNote("plain");
        Path backup = tmp.resolve("old-backup");
        Keyring keyring = new Keyring(a -> pass());
        ArchiveBackup.backup(tmp.resolve("other"), backup, keyring, pass(), CheapKdf.PARAMS);
        // a backup of the older kind: no side files, no marker
        Files.delete(backup.resolve(ArchiveBackup.SIDE_FILES_MARKER));
        ArchiveBackup.Restored r = ArchiveBackup.restore(backup, root, pass());
        assertNotNull(r.setAside(), "its side files are not replaced: the former archive stays aside");
        try (ArchiveStorage st = ArchiveProtection.storageFor(root, keyring)) {
            assertArrayEquals(NOTE.getBytes(StandardCharsets.UTF_8), st.files().readAllBytes("triage-state.json"));
        }
        assertFalse(Files.readString(root.resolve("triage-state.json"), StandardCharsets.ISO_8859_1).contains("Ozymandrelle"));
        assertEquals(1, maraude.core.archive.ArchiveLayout.deleteRestoreLeftovers(root));
    }
}

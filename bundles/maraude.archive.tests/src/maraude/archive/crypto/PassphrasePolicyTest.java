package maraude.archive.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.ArchiveException;

/** Twelve spaces, or a letter padded with spaces, protect nothing: refused before anything is written. */
class PassphrasePolicyTest {

    @Test
    void blankOrPaddedPassphrasesAreRefused(@TempDir Path tmp) {
        for (String weak : new String[] { " ".repeat(12), "\t".repeat(20), "a" + " ".repeat(15), "  onze lettr  ", "" }) {
            Path root = tmp.resolve("a" + weak.length());
            ArchiveException e = assertThrows(ArchiveException.class,
                    () -> ArchiveProtection.protect(root, weak.toCharArray(), CheapKdf.PARAMS));
            assertEquals(ArchiveException.Kind.BAD_INPUT, e.kind());
            assertFalse(KeyFile.exists(root), "nothing protected with [" + weak.length() + " chars]");
        }
        Path root = tmp.resolve("ok");
        ArchiveProtection.protect(root, "  douze lettres ".toCharArray(), CheapKdf.PARAMS);
        assertThrows(ArchiveException.class, () -> ArchiveProtection.changePassphrase(root,
                "  douze lettres ".toCharArray(), " ".repeat(30).toCharArray(), CheapKdf.PARAMS));
        // a plain archive's backup is encrypted under the same rule
        ArchiveException b = assertThrows(ArchiveException.class, () -> ArchiveBackup.backup(tmp.resolve("plain"),
                tmp.resolve("backup"), new Keyring(x -> null), " ".repeat(12).toCharArray(), CheapKdf.PARAMS));
        assertEquals(ArchiveException.Kind.BAD_INPUT, b.kind());
        assertFalse(Files.exists(tmp.resolve("backup")));
    }
}

package maraude.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A side file's conditional write in a folder: written over the version read, refused over another. */
class ArchiveFilesTest {

    private static final String NAME = "templates.json"; //$NON-NLS-1$

    @Test
    void aWriteOverTheVersionReadGoesThroughAndOneOverAnotherIsRefused(@TempDir Path dir) throws Exception {
        ArchiveFiles files = new PlainArchiveFiles(dir);
        assertFalse(files.shared(NAME), "a folder holds no team's file"); //$NON-NLS-1$
        try (OutputStream out = files.writeIfVersion(NAME, null)) {
            out.write(bytes("first")); //$NON-NLS-1$
        }
        String read = files.version(NAME);
        // another writer replaces it (a later time, another size): the version read is no longer there
        files.writeAllBytes(NAME, bytes("second, longer")); //$NON-NLS-1$
        Files.setLastModifiedTime(dir.resolve(NAME), FileTime.from(Instant.now().plusSeconds(5)));
        FileChangedException refused = assertThrows(FileChangedException.class, () -> {
            try (OutputStream out = files.writeIfVersion(NAME, read)) {
                out.write(bytes("third")); //$NON-NLS-1$
            }
        });
        assertEquals(NAME, refused.fileName());
        assertArrayEquals(bytes("second, longer"), files.readAllBytes(NAME), "nothing written"); //$NON-NLS-1$
        assertThrows(FileChangedException.class, () -> files.writeIfVersion(NAME, null).close(), "it exists now"); //$NON-NLS-1$
        try (OutputStream out = files.writeIfVersion(NAME, files.version(NAME))) {
            out.write(bytes("third")); //$NON-NLS-1$
        }
        assertArrayEquals(bytes("third"), files.readAllBytes(NAME));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}

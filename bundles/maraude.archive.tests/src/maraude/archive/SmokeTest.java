package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;

class SmokeTest {
    @Test
    void opensEmpty(@TempDir Path dir) {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            assertEquals(0, a.stats().messages());
        }
    }
}

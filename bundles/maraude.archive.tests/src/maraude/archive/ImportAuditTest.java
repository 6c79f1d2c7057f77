package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.maintenance.AuditTrail;
import maraude.archive.maintenance.ImportAudit;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Direction;
import maraude.core.model.Platform;

/**
 * An import killed after some commits (it never reaches its audit line) is recorded at the next
 * open for writing, from what the last commit holds; a finished import is recorded once.
 */
class ImportAuditTest {

    @Test
    void aKilledImportGetsItsAuditLineAtTheNextOpen(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("a");
        LuceneArchiveFactory factory = new LuceneArchiveFactory();
        try (Archive a = factory.open(root, AccessMode.READ_WRITE)) {
            TestData.Thread t = TestData.thread((LuceneArchive) a, Platform.SMS, "+32470111222", "Nora");
            a.addMessage(TestData.msg(t, Direction.INBOUND, TestData.T0, "avant"));
            a.commit();
            ImportAudit.begin(a);
            // the import commits a batch of 5, then is killed before its end (close drops the rest)
            for (int i = 0; i < 5; i++) {
                a.addMessage(TestData.msg(t, Direction.INBOUND, TestData.T0.plusMinutes(i + 1), "lot " + i));
            }
            a.commit();
            a.addMessage(TestData.msg(t, Direction.INBOUND, TestData.T0.plusHours(2), "jamais commis"));
        }
        assertTrue(AuditTrail.read(root).isEmpty(), "nothing recorded by the killed run");
        try (Archive a = factory.open(root, AccessMode.READ_ONLY)) {
            assertTrue(AuditTrail.read(root).isEmpty(), "a reader records nothing");
        }
        try (Archive a = factory.open(root, AccessMode.READ_WRITE)) {
            List<AuditTrail.Entry> e = AuditTrail.read(root);
            assertEquals(1, e.size());
            assertEquals("import", e.get(0).event());
            assertEquals(Map.of("messages", 5L, "attachments", 0L, "interrupted", 1L), e.get(0).counts());
            assertFalse(Files.exists(root.resolve(ImportAudit.MARKER)));
            ImportAudit.begin(a);
        }
        ImportAudit.end(root, Map.of("messages", 0L));
        try (Archive a = factory.open(root, AccessMode.READ_WRITE)) {
            assertEquals(2, AuditTrail.read(root).size(), "a finished import is recorded once");
        }
    }
}

package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.maintenance.AuditTrail;
import maraude.archive.maintenance.ImportAudit;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveAudit;
import maraude.core.archive.AuditLog;
import maraude.core.model.Attachment;

/**
 * The audit contract (#18): {@link AuditTrail#of} gives an archive's own trail when it keeps one (a
 * team archive on its servers), else its folder's file, through the same {@link AuditLog} calls; names
 * that are not short lower-case words never reach a trail.
 */
class AuditLogContractTest {

    @Test
    void aLocalArchiveRecordsInTheFileOfItsFolder(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("a");
        try (Archive a = new LuceneArchiveFactory().open(root, AccessMode.READ_WRITE)) {
            AuditLog log = AuditTrail.of(a);
            log.record(AuditLog.EXPORT, Map.of("messages", 12L));
            ImportAudit.begin(a);
            ImportAudit.end(a, Map.of("messages", 3L));
            assertFalse(Files.exists(root.resolve(ImportAudit.MARKER)), "the marker goes with the line");
            assertThrows(IllegalArgumentException.class, () -> log.record("Noor +32470", Map.of()));
            assertThrows(IllegalArgumentException.class, () -> log.record(AuditLog.EXPORT, Map.of("Noor", 1L)));
            log.recordQuietly("Vanessa", Map.of()); // refused quietly: nothing written
            List<AuditLog.Entry> read = log.read();
            assertEquals(List.of("export", "import"), read.stream().map(AuditLog.Entry::event).toList());
            assertEquals(Map.of("messages", 3L), read.get(1).counts());
            assertNull(read.get(0).user(), "one machine: no team user");
            assertTrue(read.stream().allMatch(AuditLog.Entry::chained));
            assertEquals(2, AuditTrail.read(root).size(), "the same audit.log as before, hash chain included");
            assertFalse(Files.readString(root.resolve(AuditTrail.FILE_NAME)).contains("Noor"));
        }
    }

    @Test
    void anArchiveThatKeepsItsOwnTrailIsRecordedThere(@TempDir Path tmp) throws Exception {
        List<String> recorded = new ArrayList<>();
        AuditLog own = new AuditLog() {
            @Override
            public void record(String event, Map<String, Long> counts) {
                recorded.add(event + counts);
            }

            @Override
            public List<Entry> read() {
                return List.of();
            }
        };
        Archive team = (Archive) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] { Archive.class, ArchiveAudit.class }, (proxy, method, args) -> switch (method.getName()) {
                    case "audit" -> own;
                    case "location" -> tmp;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        assertSame(own, AuditTrail.of(team));
        ImportAudit.end(team, Map.of("messages", 7L));
        assertEquals(List.of("import{messages=7}"), recorded);
        assertFalse(Files.exists(tmp.resolve(AuditTrail.FILE_NAME)), "nothing in the local folder");
    }

    @Test
    void hasAttachmentAnswersWithoutReadingTheBytes(@TempDir Path tmp) throws Exception {
        try (Archive a = new LuceneArchiveFactory().open(tmp.resolve("a"), AccessMode.READ_WRITE)) {
            Attachment stored = a.storeAttachment(new ByteArrayInputStream("une photo".getBytes(StandardCharsets.UTF_8)),
                    "image/jpeg", "x.jpg");
            assertTrue(a.hasAttachment(stored.sha256()));
            assertFalse(a.hasAttachment("0".repeat(64)));
        }
    }
}

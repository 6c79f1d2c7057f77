package maraude.archive.maintenance;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveLayout;
import maraude.core.archive.ArchiveStats;

/**
 * The audit line of an import, also when the import is killed: {@link #begin} notes the committed
 * counts in {@value #MARKER} (counts only) before anything is read, {@link #end} records the import and
 * removes the marker. An archive opened for writing with the marker still there ({@link #recover})
 * records the interrupted import from what its last commit holds (the difference of the counts) with
 * {@code interrupted: 1}: what was committed is in the trail, whatever killed the run.
 */
public final class ImportAudit {

    /** Marker of a running import in the archive folder: the counts before it, nothing else. */
    public static final String MARKER = "import.pending"; //$NON-NLS-1$

    private ImportAudit() {
    }

    /** Before an import into {@code archive} (open for writing) writes anything. */
    public static void begin(Archive archive) throws IOException {
        ArchiveStats s = archive.stats();
        Path marker = archive.location().resolve(MARKER);
        Path tmp = archive.location().resolve(MARKER + ".tmp"); //$NON-NLS-1$
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        ArchiveLayout.restrict(tmp);
        Files.writeString(tmp, "messages=" + s.messages() + "\nattachments=" + s.attachments() + '\n', //$NON-NLS-1$ //$NON-NLS-2$
                StandardCharsets.US_ASCII);
        Files.move(tmp, marker, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** After the import: its audit line, then the marker goes. */
    public static void end(Path root, Map<String, Long> counts) {
        AuditTrail.recordQuietly(root, AuditTrail.Event.IMPORT, counts);
        try {
            Files.deleteIfExists(root.resolve(MARKER));
        } catch (IOException e) {
            // recovered at the next open (one more line, marked interrupted)
        }
    }

    /**
     * After an import into {@code archive} (still open): its audit line in the trail that goes with the
     * archive ({@link AuditTrail#of}: on the servers for a team archive, with the acting user), then the
     * marker goes.
     */
    public static void end(Archive archive, Map<String, Long> counts) {
        AuditTrail.of(archive).recordQuietly(maraude.core.archive.AuditLog.IMPORT, counts);
        try {
            Files.deleteIfExists(archive.location().resolve(MARKER));
        } catch (IOException e) {
            // recovered at the next open (one more line, marked interrupted)
        }
    }

    /**
     * Records an import the marker shows was interrupted, from the committed state; nothing when there
     * is no marker or the archive is read-only. Never fails the open.
     */
    public static void recover(Archive archive) {
        if (archive.accessMode() != AccessMode.READ_WRITE) {
            return;
        }
        Path marker = archive.location().resolve(MARKER);
        if (!Files.isRegularFile(marker)) {
            return;
        }
        try {
            Properties before = new Properties();
            before.load(new StringReader(Files.readString(marker, StandardCharsets.US_ASCII)));
            ArchiveStats now = archive.stats();
            Map<String, Long> counts = new LinkedHashMap<>();
            counts.put("messages", Math.max(0, now.messages() - number(before, "messages"))); //$NON-NLS-1$ //$NON-NLS-2$
            counts.put("attachments", Math.max(0, now.attachments() - number(before, "attachments"))); //$NON-NLS-1$ //$NON-NLS-2$
            counts.put("interrupted", 1L); //$NON-NLS-1$
            AuditTrail.record(archive.location(), AuditTrail.Event.IMPORT, counts);
            Files.deleteIfExists(marker);
        } catch (IOException | RuntimeException e) {
            // tried again at the next open
        }
    }

    private static long number(Properties p, String key) {
        try {
            return Long.parseLong(p.getProperty(key, "0").trim()); //$NON-NLS-1$
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}

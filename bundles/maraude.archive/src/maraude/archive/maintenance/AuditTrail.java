package maraude.archive.maintenance;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveAudit;
import maraude.core.archive.AuditLog;

/**
 * {@code <archive>/audit.log}: one JSON line per sensitive operation (imports, exports, reveals,
 * purges, erasures, backups, restores, lock and unlock). By construction it cannot carry message text
 * or contact identifiers: an entry is an {@link Event}, an instant and named <em>counts</em>, nothing
 * else. Lines are appended and synced; each holds the SHA-256 of the previous line, so that removing
 * or editing a line breaks the chain ({@link #read} reports it). Kept in clear (it holds nothing
 * secret) so that it can be read, and lock/unlock recorded, without the passphrase.
 */
public final class AuditTrail {

    public static final String FILE_NAME = "audit.log"; //$NON-NLS-1$

    public enum Event {
        IMPORT, EXPORT, REVEAL, PURGE, ERASURE, BACKUP, RESTORE, LOCK, UNLOCK, UNLOCK_FAILED, PROTECT,
        PASSPHRASE_CHANGE,
        /** A conversation's triage state changed from the command line (what changed, counted; never a note's text). */
        TRIAGE;

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One line read back; {@code chained} is false from the first line whose link does not match. */
    public record Entry(Instant time, String event, Map<String, Long> counts, boolean chained) {
    }

    private static final Pattern LINE = Pattern.compile(
            "\\{\"time\":\"([^\"]+)\",\"event\":\"([a-z_]+)\",\"counts\":\\{([^}]*)\\},\"prev\":\"([0-9a-f]{64})\"\\}"); //$NON-NLS-1$
    private static final String ZERO = "0".repeat(64); //$NON-NLS-1$

    private AuditTrail() {
    }

    /** Appends one entry (best effort is not enough here: an audit write failure is an IOException). */
    public static void record(Path archiveRoot, Event event, Map<String, Long> counts) throws IOException {
        record(archiveRoot, event.key(), counts);
    }

    /**
     * The audit trail that goes with {@code archive}: its own when it keeps one ({@link ArchiveAudit}, a
     * team archive on the servers), else the file of its folder ({@link #at}).
     */
    public static AuditLog of(Archive archive) {
        return archive instanceof ArchiveAudit a ? a.audit() : at(archive.location());
    }

    /** The file {@value #FILE_NAME} of {@code archiveRoot} as an {@link AuditLog} (no acting user: one machine). */
    public static AuditLog at(Path archiveRoot) {
        return new AuditLog() {
            @Override
            public void record(String event, Map<String, Long> counts) throws IOException {
                AuditTrail.record(archiveRoot, event, counts);
            }

            @Override
            public List<AuditLog.Entry> read() throws IOException {
                List<AuditLog.Entry> out = new ArrayList<>();
                for (AuditTrail.Entry e : AuditTrail.read(archiveRoot)) {
                    out.add(new AuditLog.Entry(e.time(), e.event(), null, e.counts(), e.chained()));
                }
                return out;
            }
        };
    }

    /** As {@link #record(Path, Event, Map)} with the event's name (a short lower-case word). */
    public static synchronized void record(Path archiveRoot, String event, Map<String, Long> counts) throws IOException {
        if (!AuditLog.isName(event)) {
            throw new IllegalArgumentException("audit event names are short lower-case words"); //$NON-NLS-1$
        }
        StringBuilder c = new StringBuilder();
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            if (!AuditLog.isName(e.getKey())) {
                throw new IllegalArgumentException("audit count names are short lower-case words"); //$NON-NLS-1$
            }
            if (c.length() > 0) {
                c.append(',');
            }
            c.append('"').append(e.getKey()).append("\":").append(e.getValue().longValue()); //$NON-NLS-1$
        }
        maraude.core.archive.ArchiveLayout.createPrivateDirectories(archiveRoot);
        Path file = archiveRoot.resolve(FILE_NAME);
        boolean created = !Files.exists(file);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE); java.nio.channels.FileLock lock = ch.lock()) {
            String prev = hash(lastLine(ch));
            String line = "{\"time\":\"" + Instant.now() + "\",\"event\":\"" + event + "\",\"counts\":{" + c //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    + "},\"prev\":\"" + prev + "\"}\n"; //$NON-NLS-1$ //$NON-NLS-2$
            ch.position(ch.size());
            ByteBuffer b = ByteBuffer.wrap(line.getBytes(StandardCharsets.US_ASCII));
            while (b.hasRemaining()) {
                ch.write(b);
            }
            ch.force(true);
        }
        if (created) {
            maraude.core.archive.ArchiveLayout.restrict(file);
        }
    }

    /** Records without failing the operation it describes (lock, unlock: the user must not be stuck). */
    public static void recordQuietly(Path archiveRoot, Event event, Map<String, Long> counts) {
        try {
            record(archiveRoot, event, counts);
        } catch (IOException | RuntimeException e) {
            // the operation stands; a read-only medium cannot hold an audit trail
        }
    }

    private static String lastLine(FileChannel ch) throws IOException {
        long size = ch.size();
        if (size == 0) {
            return null;
        }
        int tail = (int) Math.min(size, 4096);
        ByteBuffer b = ByteBuffer.allocate(tail);
        ch.read(b, size - tail);
        String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII);
        if (s.endsWith("\n")) { //$NON-NLS-1$
            s = s.substring(0, s.length() - 1);
        }
        return s.substring(s.lastIndexOf('\n') + 1);
    }

    private static String hash(String line) {
        if (line == null) {
            return ZERO;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256") //$NON-NLS-1$
                    .digest(line.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every entry, oldest first; an unparsable line is reported as event "damaged" and breaks the chain. */
    public static List<Entry> read(Path archiveRoot) throws IOException {
        Path file = archiveRoot.resolve(FILE_NAME);
        List<Entry> out = new ArrayList<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        String prev = null;
        boolean chained = true;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LINE.matcher(line);
            if (!m.matches()) {
                chained = false;
                out.add(new Entry(null, "damaged", Map.of(), false)); //$NON-NLS-1$
                prev = line;
                continue;
            }
            chained &= m.group(4).equals(hash(prev));
            Map<String, Long> counts = new LinkedHashMap<>();
            if (!m.group(3).isEmpty()) {
                for (String kv : m.group(3).split(",")) { //$NON-NLS-1$
                    int colon = kv.indexOf(':');
                    counts.put(kv.substring(1, colon - 1), Long.parseLong(kv.substring(colon + 1)));
                }
            }
            Instant t;
            try {
                t = Instant.parse(m.group(1));
            } catch (RuntimeException e) {
                t = null;
                chained = false;
            }
            out.add(new Entry(t, m.group(2), counts, chained));
            prev = line;
        }
        return out;
    }
}

package maraude.imports.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import maraude.core.archive.ArchiveFiles;
import maraude.core.archive.QuarantineFiles;
import maraude.imports.ImportFile;

/**
 * {@code <archive>/quarantine/}: the parts of exports that could not be parsed, kept verbatim
 * (per import run and source file) so that nothing the user gave is lost. Bounded per file. Items are
 * named by a keyed hash and carry their source in a header ({@link QuarantineFiles}: the layout the
 * archive's erasure reads to reach them). Written
 * through the archive's {@link ArchiveFiles}, so a protected archive encrypts them; as those files
 * are replaced whole (no append), the kept lines of a file are gathered in memory (bounded by the
 * same limit) and written again every {@value #FLUSH_BYTES} bytes and at {@link #flush()}.
 */
public final class Quarantine {

    /** The folder inside the archive. */
    public static final String FOLDER = QuarantineFiles.FOLDER;
    private static final int FLUSH_BYTES = 64 * 1024;

    private final ArchiveFiles files;
    private final long maxBytesPerFile;
    private final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")); //$NON-NLS-1$
    private final Map<String, Long> written = new HashMap<>();
    private final Map<String, ByteArrayOutputStream> kept = new LinkedHashMap<>();
    private final Map<String, Integer> unflushed = new HashMap<>();

    public Quarantine(ArchiveFiles files, long maxBytesPerFile) {
        this.files = files;
        this.maxBytesPerFile = maxBytesPerFile;
    }

    private final long started = System.currentTimeMillis();
    private final Map<String, byte[]> headers = new HashMap<>();
    private byte[] secret;

    /** The item's name: a keyed hash of run, source and kind (never the export's name). */
    private String target(ImportFile f, String kind) throws IOException {
        if (secret == null) {
            secret = QuarantineFiles.secret(files);
        }
        String name = QuarantineFiles.nameFor(secret, stamp, f.name(), kind);
        headers.computeIfAbsent(name, k -> QuarantineFiles.header(f.name(), f.fileName(), kind, started));
        return name;
    }

    public synchronized void keep(ImportFile f, long line, String text) {
        long used = written.getOrDefault(f.name(), 0L);
        if (used >= maxBytesPerFile) {
            return;
        }
        byte[] b = ("# " + f.name() + ':' + line + '\n' + text + '\n').getBytes(StandardCharsets.UTF_8); //$NON-NLS-1$
        if (used + b.length > maxBytesPerFile) {
            b = java.util.Arrays.copyOf(b, (int) (maxBytesPerFile - used));
        }
        String name;
        try {
            name = target(f, QuarantineFiles.KIND_LINES);
        } catch (IOException e) {
            return; // best effort: the problem itself is already reported
        }
        kept.computeIfAbsent(name, k -> {
            ByteArrayOutputStream o = new ByteArrayOutputStream();
            o.writeBytes(headers.get(k));
            return o;
        }).writeBytes(b);
        written.put(f.name(), used + b.length);
        int pending = unflushed.merge(name, b.length, Integer::sum);
        if (pending >= FLUSH_BYTES || used + b.length >= maxBytesPerFile) {
            flush(name);
        }
    }

    /** Writes what was kept and not written yet (the import service calls it at the end of a run). */
    public synchronized void flush() {
        for (String name : unflushed.keySet().toArray(String[]::new)) {
            flush(name);
        }
    }

    private void flush(String name) {
        if (unflushed.remove(name) == null) {
            return;
        }
        try {
            files.writeAllBytes(name, kept.get(name).toByteArray());
        } catch (IOException e) {
            // Quarantine is best effort: the problem itself is already reported.
        }
    }

    public synchronized void keepFile(ImportFile f) {
        try (InputStream in = f.open(); OutputStream out = files.write(target(f, QuarantineFiles.KIND_FILE))) {
            out.write(headers.get(target(f, QuarantineFiles.KIND_FILE)));
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0 && total < maxBytesPerFile) {
                int k = (int) Math.min(n, maxBytesPerFile - total);
                out.write(buf, 0, k);
                total += k;
            }
        } catch (IOException e) {
            // Unreadable (e.g. a zip bomb): what was read is kept.
        }
    }
}

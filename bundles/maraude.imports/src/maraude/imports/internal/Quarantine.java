package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;

import maraude.imports.ImportFile;

/**
 * {@code <archive>/quarantine/}: the parts of exports that could not be parsed, kept verbatim
 * (per import run and source file) so that nothing the user gave is lost. Bounded per file.
 */
public final class Quarantine {

    private final Path dir;
    private final long maxBytesPerFile;
    private final String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")); //$NON-NLS-1$
    private final Map<String, Long> written = new HashMap<>();

    public Quarantine(Path dir, long maxBytesPerFile) {
        this.dir = dir;
        this.maxBytesPerFile = maxBytesPerFile;
    }

    public Path dir() {
        return dir;
    }

    private Path target(ImportFile f, String suffix) throws IOException {
        Files.createDirectories(dir);
        String safe = f.path().replaceAll("[^A-Za-z0-9._-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$
        if (safe.length() > 80) {
            safe = safe.substring(safe.length() - 80);
        }
        return dir.resolve(stamp + '-' + Integer.toHexString(f.name().hashCode()) + '-' + safe + suffix);
    }

    public synchronized void keep(ImportFile f, long line, String text) {
        try {
            long used = written.getOrDefault(f.name(), 0L);
            if (used >= maxBytesPerFile) {
                return;
            }
            byte[] b = ("# " + f.name() + ':' + line + '\n' + text + '\n').getBytes(StandardCharsets.UTF_8); //$NON-NLS-1$
            if (used + b.length > maxBytesPerFile) {
                b = java.util.Arrays.copyOf(b, (int) (maxBytesPerFile - used));
            }
            Files.write(target(f, ".txt"), b, StandardOpenOption.CREATE, StandardOpenOption.APPEND); //$NON-NLS-1$
            written.put(f.name(), used + b.length);
        } catch (IOException e) {
            // Quarantine is best effort: the problem itself is already reported.
        }
    }

    public synchronized void keepFile(ImportFile f) {
        try (InputStream in = f.open(); OutputStream out = Files.newOutputStream(target(f, ".orig"))) { //$NON-NLS-1$
            byte[] buf = new byte[65536];
            long total = 0;
            int n;
            while ((n = in.read(buf)) > 0 && total < maxBytesPerFile) {
                int k = (int) Math.min(n, maxBytesPerFile - total);
                out.write(buf, 0, k);
                total += k;
            }
        } catch (IOException e) {
            // Unreadable (e.g. a zip bomb): nothing more can be kept.
        }
    }
}

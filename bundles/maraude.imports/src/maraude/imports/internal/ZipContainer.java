package maraude.imports.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.eclipse.osgi.util.NLS;

import maraude.imports.ImportFile;
import maraude.imports.ImportLimits;
import maraude.imports.Messages;

/**
 * A zip read in place: entries are inflated into memory streams, never extracted, so a hostile
 * entry name cannot write anywhere. Sizes in headers are not trusted: every byte inflated is counted
 * against the entry, total and ratio limits while it is read.
 */
public final class ZipContainer implements ImportContainer, AutoCloseable {

    private final Path zipPath;
    private final ZipFile zip;
    private final ImportLimits limits;
    private final Map<String, ZipEntry> entries = new LinkedHashMap<>();
    private final Map<String, List<String>> byName = new HashMap<>();
    private final List<String> unsafe = new ArrayList<>();
    private final List<String> nested = new ArrayList<>();
    /** Most bytes ever inflated per entry: reading an entry twice does not count twice. */
    private final Map<String, Long> inflated = new HashMap<>();
    private final AtomicLong total = new AtomicLong();

    public ZipContainer(Path zipPath, ImportLimits limits) throws IOException {
        this.zipPath = zipPath.toAbsolutePath().normalize();
        this.limits = limits;
        this.zip = new ZipFile(this.zipPath.toFile());
        try {
            if (zip.size() > limits.maxZipEntries()) {
                throw new LimitExceededException("zip-too-many-entries", NLS.bind(Messages.problemZipTooManyEntries, //$NON-NLS-1$
                        Integer.valueOf(zip.size()), Integer.valueOf(limits.maxZipEntries())));
            }
            Enumeration<? extends ZipEntry> en = zip.entries();
            int count = 0;
            while (en.hasMoreElements()) {
                ZipEntry e = en.nextElement();
                if (++count > limits.maxZipEntries()) {
                    throw new LimitExceededException("zip-too-many-entries", NLS.bind(Messages.problemZipTooManyEntries, //$NON-NLS-1$
                            Integer.valueOf(count), Integer.valueOf(limits.maxZipEntries())));
                }
                if (e.isDirectory()) {
                    continue;
                }
                String name = e.getName();
                String clean = ImportContainer.cleanRef(name);
                if (clean == null || !clean.equals(name.replace('\\', '/')) || name.indexOf('\0') >= 0) {
                    unsafe.add(name);
                    continue;
                }
                String base = clean.substring(clean.lastIndexOf('/') + 1);
                if (base.startsWith("._") || clean.startsWith("__MACOSX/")) { //$NON-NLS-1$ //$NON-NLS-2$
                    continue; // macOS resource forks: not part of the export
                }
                String lower = base.toLowerCase(java.util.Locale.ROOT);
                if (lower.endsWith(".zip")) { //$NON-NLS-1$
                    nested.add(clean);
                    continue;
                }
                entries.put(clean, e);
                byName.computeIfAbsent(base, k -> new ArrayList<>()).add(clean);
            }
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /** Entry names refused because they climb out of the folder or are absolute. */
    public List<String> unsafeEntries() {
        return Collections.unmodifiableList(unsafe);
    }

    /** Zips inside the zip (not opened). */
    public List<String> nestedArchives() {
        return Collections.unmodifiableList(nested);
    }

    public List<ImportFile> files() {
        List<ImportFile> out = new ArrayList<>();
        for (String p : entries.keySet()) {
            out.add(new Entry(p));
        }
        return out;
    }

    public String displayName(String entry) {
        return zipPath + "!/" + entry; //$NON-NLS-1$
    }

    @Override
    public boolean isArchive() {
        return true;
    }

    @Override
    public Located locate(ImportFile from, String ref) {
        String r = ImportContainer.cleanRef(ref);
        if (r == null) {
            return ImportContainer.climbsOut(ref) ? Located.OUTSIDE : Located.NONE;
        }
        String dir = ImportContainer.parentOf(from.path());
        while (true) {
            String p = dir.isEmpty() ? r : dir + '/' + r;
            if (entries.containsKey(p)) {
                return found(p);
            }
            if (dir.isEmpty()) {
                break;
            }
            dir = ImportContainer.parentOf(dir);
        }
        List<String> same = byName.get(r.substring(r.lastIndexOf('/') + 1));
        if (same == null) {
            return Located.NONE;
        }
        String own = ImportContainer.parentOf(from.path());
        for (String p : same) {
            if (ImportContainer.parentOf(p).equals(own)) {
                return found(p);
            }
        }
        return found(same.get(0));
    }

    private Located found(String entry) {
        return new Located(Optional.of(new Entry(entry)), false);
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private final class Entry extends ImportFile {
        private final String path;

        Entry(String path) {
            this.path = path;
        }

        @Override
        public String name() {
            return displayName(path);
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public long size() {
            return entries.get(path).getSize();
        }

        @Override
        public long lastModified() {
            return entries.get(path).getTime();
        }

        @Override
        public InputStream open() throws IOException {
            ZipEntry e = entries.get(path);
            return new Counting(zip.getInputStream(e), path, Math.max(e.getCompressedSize(), 1));
        }

        @Override
        public ImportContainer container() {
            return ZipContainer.this;
        }
    }

    /** Counts inflated bytes and refuses as soon as a limit is passed. */
    private final class Counting extends FilterInputStream {
        private final String entry;
        private final long compressed;
        private long read;

        Counting(InputStream in, String entry, long compressed) {
            super(in);
            this.entry = entry;
            this.compressed = compressed;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long s = super.skip(n);
            if (s > 0) {
                count(s);
            }
            return s;
        }

        private void count(long n) throws IOException {
            read += n;
            if (read > limits.maxZipEntryBytes()) {
                throw bomb(NLS.bind("entry > {0} bytes", Long.valueOf(limits.maxZipEntryBytes()))); //$NON-NLS-1$
            }
            // Tiny entries may legitimately compress very well (a file of spaces); ratio counts beyond 1 MiB.
            if (read > (1 << 20) && read / compressed > limits.maxZipRatio()) {
                throw bomb(NLS.bind("compression ratio > {0}", Integer.valueOf(limits.maxZipRatio()))); //$NON-NLS-1$
            }
            synchronized (inflated) {
                long before = inflated.getOrDefault(entry, 0L);
                if (read > before) {
                    inflated.put(entry, read);
                    if (total.addAndGet(read - before) > limits.maxZipTotalBytes()) {
                        throw bomb(NLS.bind("total > {0} bytes", Long.valueOf(limits.maxZipTotalBytes()))); //$NON-NLS-1$
                    }
                }
            }
        }

        private LimitExceededException bomb(String why) {
            return new LimitExceededException("zip-bomb", NLS.bind(Messages.problemZipBomb, why)); //$NON-NLS-1$
        }
    }
}

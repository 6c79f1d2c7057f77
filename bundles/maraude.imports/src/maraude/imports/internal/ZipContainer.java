package maraude.imports.internal;

import java.io.EOFException;
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
import java.util.function.LongSupplier;
import java.util.zip.CRC32;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.eclipse.osgi.util.NLS;

import maraude.imports.EntryNames;
import maraude.imports.ImportFile;
import maraude.imports.ImportLimits;
import maraude.imports.Messages;

/**
 * A zip read in place: entries are inflated into memory streams, never extracted, so a hostile
 * entry name cannot write anywhere. Sizes in headers are not trusted: every byte inflated is counted
 * against the entry, total and ratio limits while it is read, and an entry stops as soon as its
 * running ratio (bytes inflated so far over compressed bytes consumed so far) or its running size
 * passes a limit, or it grows past the size its header declares. The JDK's {@link ZipFile} reads
 * the central directory but keeps its inflater (hence the compressed bytes consumed) private, so
 * stored and deflated entries are inflated here with a JDK {@link Inflater} from the entry's raw
 * data, found through the central directory ({@link CentralDirectory}).
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
    /** Where each entry's local header is, by name; empty when the directory could not be read. */
    private final Map<String, CentralDirectory.Record> records;

    public ZipContainer(Path zipPath, ImportLimits limits) throws IOException {
        this.zipPath = zipPath.toAbsolutePath().normalize();
        this.limits = limits;
        this.zip = new ZipFile(this.zipPath.toFile());
        try {
            this.records = CentralDirectory.read(this.zipPath, limits.maxZipEntries());
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

    /** Bytes inflated from this zip so far (each entry counted once, at its furthest reading). */
    public long inflatedBytes() {
        return total.get();
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
            return EntryNames.climbsOut(ref) ? Located.OUTSIDE : Located.NONE;
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
            CentralDirectory.Record r = records.get(path);
            if (r != null && (r.method() == ZipEntry.STORED || r.method() == ZipEntry.DEFLATED)
                    && r.compressedSize() == e.getCompressedSize()) {
                InputStream raw = CentralDirectory.rawData(zipPath, r);
                InputStream checked;
                LongSupplier consumed;
                if (r.method() == ZipEntry.STORED) {
                    checked = raw;
                    consumed = null;
                } else {
                    RawInflater in = new RawInflater(raw);
                    checked = in;
                    consumed = in.inflater()::getBytesRead;
                }
                return new Counting(new CheckedEnd(checked, r.crc()), path, e.getSize(), consumed);
            }
            // Another method (or an unreadable directory): the JDK's stream, the ratio over the whole entry.
            long compressed = Math.max(e.getCompressedSize(), 1);
            return new Counting(zip.getInputStream(e), path, e.getSize(), () -> compressed);
        }

        @Override
        public ImportContainer container() {
            return ZipContainer.this;
        }
    }

    /** A deflated entry's raw data inflated with an inflater of our own, whose counters we can read. */
    private static final class RawInflater extends InflaterInputStream {
        private boolean eof;

        RawInflater(InputStream raw) {
            super(raw, new Inflater(true), 8192);
        }

        Inflater inflater() {
            return inf;
        }

        @Override
        protected void fill() throws IOException {
            if (eof) {
                throw new EOFException("Unexpected end of deflated data"); //$NON-NLS-1$
            }
            len = in.read(buf, 0, buf.length);
            if (len == -1) {
                buf[0] = 0; // raw deflate may need one byte past the data to finish (as the JDK's ZipFile does)
                len = 1;
                eof = true;
            }
            inf.setInput(buf, 0, len);
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } finally {
                inf.end();
            }
        }
    }

    /** Damaged data is an error, not text: the checksum is compared when the entry has been read to its end. */
    private static final class CheckedEnd extends FilterInputStream {
        private final CRC32 crc = new CRC32();
        private final long expected;

        CheckedEnd(InputStream in, long expected) {
            super(in);
            this.expected = expected;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                crc.update(b);
            } else {
                check();
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                crc.update(b, off, n);
            } else if (n < 0) {
                check();
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(Math.max(n, 0), 8192)]; // skipped bytes count in the checksum
            return buf.length == 0 ? 0 : Math.max(0, read(buf, 0, buf.length));
        }

        private void check() throws ZipException {
            if (crc.getValue() != expected) {
                throw new ZipException("entry damaged (checksum)"); //$NON-NLS-1$
            }
        }
    }

    /** Counts inflated bytes and refuses as soon as a limit is passed. */
    private final class Counting extends FilterInputStream {
        private final String entry;
        private final long declared;
        /** Compressed bytes consumed so far; null when stored (ratio 1). */
        private final LongSupplier compressed;
        private long read;

        Counting(InputStream in, String entry, long declared, LongSupplier compressed) {
            super(in);
            this.entry = entry;
            this.declared = declared;
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
            if (declared >= 0 && read > declared) {
                throw bomb(NLS.bind("entry larger than its declared {0} bytes", Long.valueOf(declared))); //$NON-NLS-1$
            }
            // Tiny entries may legitimately compress very well (a file of spaces); ratio counts beyond 1 MiB.
            if (compressed != null && read > (1 << 20) && read / Math.max(1, compressed.getAsLong()) > limits.maxZipRatio()) {
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

package maraude.core.archive;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * {@link ArchiveFiles} as plain files under the archive folder. Subclasses (the protected archive)
 * wrap the streams to encrypt; the atomic replace (temporary file, forced to disk, atomic move) is
 * the same for both.
 */
public class PlainArchiveFiles implements ArchiveFiles {

    private static final String TMP_SUFFIX = ".tmp"; //$NON-NLS-1$
    private final Path root;

    public PlainArchiveFiles(Path root) {
        this.root = Objects.requireNonNull(root, "root").toAbsolutePath().normalize(); //$NON-NLS-1$
    }

    public Path root() {
        return root;
    }

    /** The file behind a relative name; hostile names (absolute, "..", backslashes) are refused. */
    public Path resolve(String relativeName) {
        Objects.requireNonNull(relativeName, "relativeName"); //$NON-NLS-1$
        if (relativeName.isEmpty() || relativeName.startsWith("/") || relativeName.indexOf('\\') >= 0 //$NON-NLS-1$
                || relativeName.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("not a relative archive file name: " + relativeName); //$NON-NLS-1$
        }
        for (String part : relativeName.split("/")) { //$NON-NLS-1$
            if (part.isEmpty() || part.equals(".") || part.equals("..")) { //$NON-NLS-1$ //$NON-NLS-2$
                throw new IllegalArgumentException("not a relative archive file name: " + relativeName); //$NON-NLS-1$
            }
        }
        Path p = root.resolve(relativeName).normalize();
        if (!p.startsWith(root)) {
            throw new IllegalArgumentException("not a relative archive file name: " + relativeName); //$NON-NLS-1$
        }
        return p;
    }

    /** Wraps the stream written to disk (identity here; encrypting in a protected archive). */
    protected OutputStream encode(OutputStream out, String relativeName) throws IOException {
        return out;
    }

    /** Opens the stored file for reading (plain here; decrypting in a protected archive). */
    protected InputStream decode(Path file, String relativeName) throws IOException {
        return Files.newInputStream(file);
    }

    @Override
    public boolean encrypted() {
        return false;
    }

    @Override
    public InputStream read(String relativeName) throws IOException {
        return decode(resolve(relativeName), relativeName);
    }

    @Override
    public OutputStream write(String relativeName) throws IOException {
        return atomic(relativeName, true);
    }

    @Override
    public OutputStream writeDerived(String relativeName) throws IOException {
        return atomic(relativeName, false);
    }

    private OutputStream atomic(String relativeName, boolean force) throws IOException {
        Path file = resolve(relativeName);
        ArchiveLayout.createPrivateDirectories(file.getParent());
        Path tmp = Files.createTempFile(file.getParent(), file.getFileName().toString() + '.', TMP_SUFFIX);
        FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        OutputStream raw = Channels.newOutputStream(ch);
        OutputStream encoded;
        try {
            encoded = encode(new FilterOutputStream(raw) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // the outer stream forces and moves
                }
            }, relativeName);
        } catch (IOException | RuntimeException e) {
            ch.close();
            Files.deleteIfExists(tmp);
            throw e;
        }
        return new AtomicOut(encoded, ch, tmp, file, force);
    }

    private static final class AtomicOut extends OutputStream {
        private final OutputStream encoded;
        private final FileChannel ch;
        private final Path tmp;
        private final Path file;
        private final boolean force;
        private boolean closed;
        private boolean failed;

        AtomicOut(OutputStream encoded, FileChannel ch, Path tmp, Path file, boolean force) {
            this.encoded = encoded;
            this.ch = ch;
            this.tmp = tmp;
            this.file = file;
            this.force = force;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] { (byte) b }, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                encoded.write(b, off, len);
            } catch (IOException | RuntimeException e) {
                failed = true;
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            if (closed) {
                return;
            }
            closed = true;
            try {
                try {
                    encoded.close();
                    if (force) {
                        ch.force(true);
                    }
                } finally {
                    ch.close();
                }
                if (!failed) {
                    try {
                        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } catch (AtomicMoveNotSupportedException e) {
                        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    @Override
    public boolean exists(String relativeName) {
        return Files.isRegularFile(resolve(relativeName));
    }

    @Override
    public boolean delete(String relativeName) throws IOException {
        return Files.deleteIfExists(resolve(relativeName));
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        int slash = prefix.lastIndexOf('/');
        Path dir = slash < 0 ? root : resolve(prefix.substring(0, slash));
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.filter(Files::isRegularFile).forEach(p -> {
                String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"); //$NON-NLS-1$
                if (rel.startsWith(prefix) && !rel.endsWith(TMP_SUFFIX)) {
                    out.add(rel);
                }
            });
        }
        out.sort(null);
        return out;
    }

    @Override
    public String version(String relativeName) throws IOException {
        Path f = resolve(relativeName);
        if (!Files.exists(f)) {
            return null;
        }
        BasicFileAttributes a = Files.readAttributes(f, BasicFileAttributes.class);
        return a.size() + "@" + a.lastModifiedTime() + "#" + a.fileKey(); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

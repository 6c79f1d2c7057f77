package maraude.imports;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import maraude.imports.internal.DirContainer;
import maraude.imports.internal.ImportContainer;

/**
 * One file handed to an importer: a file on disk, or an entry of a zip read in memory (never
 * extracted). It can be opened several times (some formats read twice); every opening of a zip
 * entry counts against the zip's limits.
 */
public abstract class ImportFile {

    private static final int HEAD = 8192;

    private byte[] head;

    /** As shown to the user in reports: "/path/export.zip!/_chat.txt". */
    public abstract String name();

    /** Path inside its container (folder or zip), '/'-separated. */
    public abstract String path();

    /** Size in bytes, -1 when unknown. */
    public abstract long size();

    /** Last modification (epoch ms) when known, else -1: the save time of saved web pages. */
    public long lastModified() {
        return -1;
    }

    /** A fresh stream over the whole content; the caller closes it. */
    public abstract InputStream open() throws IOException;

    /** The folder or zip the file was found in; null for a lone in-memory file. */
    public abstract ImportContainer container();

    public String fileName() {
        String p = path();
        int i = p.lastIndexOf('/');
        return i < 0 ? p : p.substring(i + 1);
    }

    /** Lower-case extension without the dot, "" when none. */
    public String extension() {
        String n = fileName();
        int i = n.lastIndexOf('.');
        return i < 0 ? "" : n.substring(i + 1).toLowerCase(Locale.ROOT); //$NON-NLS-1$
    }

    /** The first bytes (up to 8 KiB), for sniffing. */
    public synchronized byte[] head() throws IOException {
        if (head == null) {
            try (InputStream in = open()) {
                head = in.readNBytes(HEAD);
            }
        }
        return head;
    }

    /** The head decoded as text (BOM and encoding detected), for sniffing. */
    public String headText() throws IOException {
        return maraude.imports.internal.TextDecoding.decodeHead(head());
    }

    /** A file of the same export referred to by {@code ref} (a name or a relative path), if present. */
    public Optional<ImportFile> resolve(String ref) {
        ImportContainer c = container();
        return c == null ? Optional.empty() : c.resolve(this, ref);
    }

    @Override
    public String toString() {
        return name();
    }

    /**
     * A file on disk named by the user, whose siblings are looked up in its own folder (never
     * outside it, see {@link DirContainer}).
     */
    public static ImportFile of(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new DirContainer(abs.getParent()).given(abs);
    }

    /** An in-memory file (tests, previews) without siblings. */
    public static ImportFile ofBytes(String name, byte[] data) {
        return new ImportFile() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String path() {
                return name;
            }

            @Override
            public long size() {
                return data.length;
            }

            @Override
            public InputStream open() {
                return new ByteArrayInputStream(data);
            }

            @Override
            public ImportContainer container() {
                return null;
            }
        };
    }

    /** Reads the whole file, refusing more than {@code max} bytes. */
    public byte[] readAll(long max) throws IOException {
        try (InputStream in = open()) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 16, max + 1));
            if (b.length > max) {
                throw new maraude.imports.internal.LimitExceededException("document-too-large", //$NON-NLS-1$
                        org.eclipse.osgi.util.NLS.bind(Messages.problemTooLarge, Long.valueOf(max)));
            }
            return b;
        }
    }

    static boolean exists(Path p) {
        return Files.isRegularFile(p);
    }
}

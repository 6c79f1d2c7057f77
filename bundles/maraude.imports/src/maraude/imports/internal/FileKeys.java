package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.TreeSet;

import maraude.imports.ImportFile;
import maraude.imports.ImportOptions;

/**
 * The key under which an archive remembers a file an import read whole
 * ({@link maraude.core.archive.ImportedFiles}): SHA-256 of what decides the messages the file gives,
 * i.e. {@link #VERSION}, the formats that may read it, our own names ({@code us}), the zone, the date
 * order, the limits and profile folders, the file's name as shown (a WhatsApp chat is named after
 * its file or folder) and its bytes. Computed before any importer looks at the file, so an
 * unchanged file costs one read and one hash. Only the digest is kept: nothing in the archive
 * names the file.
 */
public final class FileKeys {

    /**
     * Bumped whenever an importer reads the same bytes into other messages (a parsing fix, a new
     * field): every file is then read again once, and stable ids keep that free of duplicates.
     */
    public static final int VERSION = 1;

    private static final int BUFFER = 64 * 1024;

    private FileKeys() {
    }

    /**
     * The key of {@code file} as the formats named by {@code formats} read it with {@code options} and
     * our own names as {@code us} gives them; 64 hex digits.
     */
    public static String of(ImportFile file, String formats, String us, ImportOptions options) throws IOException {
        MessageDigest sha = sha256();
        StringBuilder shape = new StringBuilder(256);
        shape.append("maraude-import-").append(VERSION).append('\0').append(formats).append('\0').append(us) //$NON-NLS-1$
                .append('\0').append(options.zone().getId()).append('\0').append(options.dateOrder()).append('\0')
                .append(options.limits()).append('\0').append(options.profileDirs()).append('\0').append(file.name())
                .append('\0');
        sha.update(shape.toString().getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[BUFFER];
        try (InputStream in = file.open()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** Our own names as a key part: those given, else every source's remembered ones. */
    public static String us(Set<String> given, String remembered) {
        return given.isEmpty() ? "remembered " + remembered : "given " + new TreeSet<>(given); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java runtime has SHA-256
        }
    }
}

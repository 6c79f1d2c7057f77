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
 * i.e. {@link #VERSION}, the importer, our own names ({@code us}), the zone, the date order, the
 * limits and profile folders, then the file's bytes. Never its name or path: the same export
 * copied elsewhere is the same file, and the key tells nothing about whom the file is with.
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

    /** The key of {@code file} as {@code importerId} reads it with {@code options} and {@code us}; 64 hex digits. */
    public static String of(ImportFile file, String importerId, Set<String> us, ImportOptions options)
            throws IOException {
        MessageDigest sha = sha256();
        StringBuilder shape = new StringBuilder(128);
        shape.append("maraude-import-").append(VERSION).append('\0').append(importerId).append('\0'); //$NON-NLS-1$
        for (String u : new TreeSet<>(us)) {
            shape.append(u).append('\u001f');
        }
        shape.append('\0').append(options.zone().getId()).append('\0').append(options.dateOrder()).append('\0')
                .append(options.limits()).append('\0').append(options.profileDirs()).append('\0');
        sha.update(shape.toString().getBytes(StandardCharsets.UTF_8));
        byte[] buf = new byte[BUFFER];
        try (InputStream in = file.open()) {
            for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                sha.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e); // every Java runtime has SHA-256
        }
    }
}

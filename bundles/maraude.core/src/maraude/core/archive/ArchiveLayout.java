package maraude.core.archive;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every entry an archive folder may hold, in one place (the README's "What the archive writes" lists
 * the same, with what protects and what erases each). The test that walks an archive after each
 * operation fails on any file these patterns do not allow, so a new file cannot appear unnoticed.
 */
public final class ArchiveLayout {

    /** Prefix of the folder an older restore set aside (whole former archive); erased by forget and purge. */
    public static final String RESTORE_LEFTOVER_PREFIX = "before-restore-"; //$NON-NLS-1$

    /**
     * Relative paths ('/'-separated) an archive may hold, as regular expressions. Temporary files of
     * an atomic write ({@code name.<random>.tmp}) are allowed beside their file while it is written.
     */
    public static final List<Pattern> ALLOWED = List.of(
            // plain archive: Lucene index (segments, write lock) and content-addressed attachments
            Pattern.compile("index/[^/]+"), //$NON-NLS-1$
            Pattern.compile("attachments/[0-9a-f]{2}/[0-9a-f]{62}"), //$NON-NLS-1$
            Pattern.compile("attachments/tmp/[^/]+"), //$NON-NLS-1$
            // protected archive: key file, encrypted index and attachments
            Pattern.compile("protection\\.key"), //$NON-NLS-1$
            Pattern.compile("protection\\.key\\.tmp"), //$NON-NLS-1$
            Pattern.compile("index\\.enc/[^/]+"), //$NON-NLS-1$
            Pattern.compile("attachments\\.enc/[0-9a-f]{2}/[0-9a-f]{62}"), //$NON-NLS-1$
            Pattern.compile("attachments\\.enc/tmp/[^/]+"), //$NON-NLS-1$
            Pattern.compile("side-files\\.clear"), //$NON-NLS-1$
            // side files (encrypted on a protected archive)
            Pattern.compile("triage-state\\.json"), //$NON-NLS-1$
            Pattern.compile("import-us\\.json"), //$NON-NLS-1$
            Pattern.compile("sources\\.json"), //$NON-NLS-1$
            Pattern.compile("team\\.properties"), //$NON-NLS-1$
            Pattern.compile("templates\\.json"), //$NON-NLS-1$
            // a team's own classifier rule lines (words and phrases, no message), plain archives only
            Pattern.compile("classify/[a-z]{2}\\.txt"), //$NON-NLS-1$
            Pattern.compile("quarantine/names\\.key"), //$NON-NLS-1$
            Pattern.compile("quarantine/[0-9a-f]{40}\\.q"), //$NON-NLS-1$
            Pattern.compile("cache/blurred/names\\.key"), //$NON-NLS-1$
            Pattern.compile("cache/blurred/[0-9a-f]{64}(-\\d+-\\d+\\.png|\\.score)"), //$NON-NLS-1$
            // what each thread's text says (language, intent, urgency words): the queue's reading cache
            Pattern.compile("cache/readings\\.bin"), //$NON-NLS-1$
            // what the queue showed last (names, previews), drawn at the workbench's next start (#16)
            Pattern.compile("cache/queue\\.bin"), //$NON-NLS-1$
            // written by other bundles: web pull pages while a pull runs, site profiles, the phone
            // drop of a plain archive while an upload is imported, the pictures' audit trail
            Pattern.compile("sources/tmp/.+"), //$NON-NLS-1$
            Pattern.compile("import-profiles/[^/]+"), //$NON-NLS-1$
            Pattern.compile("phone-drop/.+"), //$NON-NLS-1$
            Pattern.compile("audit/images\\.log"), //$NON-NLS-1$
            // audit trail (counts only, in clear), import marker and restore machinery
            Pattern.compile("audit\\.log"), //$NON-NLS-1$
            Pattern.compile("import\\.pending(\\.tmp)?"), //$NON-NLS-1$
            Pattern.compile("\\.restore\\.lock"), //$NON-NLS-1$
            Pattern.compile("\\.restore-journal"), //$NON-NLS-1$
            Pattern.compile("\\.restore-journal\\.tmp"), //$NON-NLS-1$
            Pattern.compile("\\.restore-staging/.+")); //$NON-NLS-1$

    private static final Pattern TEMPORARY = Pattern.compile("(.+)\\.[0-9]+\\.tmp"); //$NON-NLS-1$

    private ArchiveLayout() {
    }

    /** Whether {@code relative} (a regular file's path in the archive folder, '/'-separated) is allowed. */
    public static boolean allowed(String relative) {
        Pattern[] none = {};
        for (Pattern p : ALLOWED.toArray(none)) {
            if (p.matcher(relative).matches()) {
                return true;
            }
        }
        var t = TEMPORARY.matcher(relative);
        return t.matches() && allowed(t.group(1));
    }

    /** Regular files (and anything else but folders) under {@code root} that {@link #allowed} refuses. */
    public static List<String> unexpected(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = root.relativize(p).toString().replace(p.getFileSystem().getSeparator(), "/"); //$NON-NLS-1$
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) || !allowed(rel)) {
                    out.add(rel);
                }
            }
        }
        return out;
    }

    /**
     * Deletes the folders earlier restores set aside ({@code before-restore-*}): each is a whole former
     * archive (plaintext when it was unprotected) that no erasure could reach otherwise.
     *
     * @return how many folders were deleted
     */
    public static int deleteRestoreLeftovers(Path root) throws IOException {
        int n = 0;
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (DirectoryStream<Path> s = Files.newDirectoryStream(root, RESTORE_LEFTOVER_PREFIX + '*')) {
            for (Path p : s) {
                if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    deleteTree(p);
                    n++;
                }
            }
        }
        return n;
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> FILE_PERMS = java.nio.file.attribute.PosixFilePermissions
            .fromString("rw-------"); //$NON-NLS-1$
    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> DIR_PERMS = java.nio.file.attribute.PosixFilePermissions
            .fromString("rwx------"); //$NON-NLS-1$

    /**
     * Makes a file its owner's only (0600; a folder 0700), whatever the process's umask: an archive
     * holds what the people it is about said. No-op where the file system has no POSIX permissions or
     * the file is gone.
     */
    public static void restrict(Path p) {
        try {
            if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(p, DIR_PERMS);
            } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                Files.setPosixFilePermissions(p, FILE_PERMS);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not POSIX, or deleted meanwhile
        }
    }

    /** {@link #restrict} on a folder and everything under it (links not followed). */
    public static void restrictTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            s.forEach(ArchiveLayout::restrict);
        }
    }

    /** {@link Files#createDirectories}, each folder created (and {@code dir} itself) 0700. */
    public static Path createPrivateDirectories(Path dir) throws IOException {
        Path abs = dir.toAbsolutePath();
        Path missing = abs;
        while (missing.getParent() != null && !Files.exists(missing.getParent())) {
            missing = missing.getParent();
        }
        boolean existed = Files.isDirectory(abs);
        Files.createDirectories(abs);
        if (!existed) {
            for (Path p = abs; p != null && p.startsWith(missing); p = p.getParent()) {
                restrict(p);
            }
        }
        return dir;
    }

    /** Deletes a folder and everything under it (links deleted, never followed). */
    public static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        }
    }
}

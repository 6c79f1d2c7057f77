package maraude.sources.phone;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * What an upload must be before it is imported: a zip (by its magic number) whose entries cannot
 * escape a folder, or a text export; and the name it is kept under, never a path.
 */
final class UploadChecks {

    private static final int MAX_ZIP_ENTRIES = 20_000;

    private UploadChecks() {
    }

    enum Kind {
        ZIP, TEXT, OTHER
    }

    /** A zip by its magic number; a text export by its extension and the absence of NUL bytes. */
    static Kind kind(Path file) throws IOException {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(8192);
        }
        if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
            return Kind.ZIP;
        }
        String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (n.endsWith(".txt") && head.length > 0) { //$NON-NLS-1$
            for (byte b : head) {
                if (b == 0) {
                    return Kind.OTHER;
                }
            }
            return Kind.TEXT;
        }
        return Kind.OTHER;
    }

    /** False when any entry could escape a folder it were extracted to (zip slip), or too many entries. */
    static boolean zipIsSafe(Path zip) {
        try (ZipFile z = new ZipFile(zip.toFile())) {
            int n = 0;
            for (Enumeration<? extends ZipEntry> en = z.entries(); en.hasMoreElements();) {
                String name = en.nextElement().getName();
                if (++n > MAX_ZIP_ENTRIES || !safeEntry(name)) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    static boolean safeEntry(String name) {
        return maraude.imports.EntryNames.isSafe(name);
    }

    /** The phone's file name, kept (WhatsApp names the chat in it) but never a path. */
    static String safeName(String fileName) {
        String n = fileName.replace('\\', '/');
        n = n.substring(n.lastIndexOf('/') + 1).replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip(); //$NON-NLS-1$ //$NON-NLS-2$
        if (n.isEmpty() || n.equals(".") || n.equals("..") || n.startsWith(".")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            n = "upload" + n; //$NON-NLS-1$
        }
        return n.length() > 120 ? n.substring(n.length() - 120) : n;
    }
}

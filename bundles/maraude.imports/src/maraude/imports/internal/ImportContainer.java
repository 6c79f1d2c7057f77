package maraude.imports.internal;

import java.util.Optional;

import maraude.imports.EntryNames;
import maraude.imports.ImportFile;

/** A folder or a zip: where the files of one export are, so that importers can find attachments. */
public interface ImportContainer {

    /**
     * What a reference led to: a file inside the container, or nothing; {@code outside} when the
     * reference, or the real path it names, leaves the container (refused, worth reporting).
     */
    record Located(Optional<ImportFile> file, boolean outside) {
        public static final Located NONE = new Located(Optional.empty(), false);
        public static final Located OUTSIDE = new Located(Optional.empty(), true);
    }

    /** Whether this is a zip (attachments mentioned but absent are then worth reporting). */
    boolean isArchive();

    /**
     * Finds the file {@code ref} refers to from {@code from}: relative to its folder, to any folder
     * above it inside the container, then by file name. Never leaves the container.
     */
    Located locate(ImportFile from, String ref);

    /** {@link #locate} without telling why nothing was found. */
    default Optional<ImportFile> resolve(ImportFile from, String ref) {
        return locate(from, ref).file();
    }

    /** Cleans a reference: bidi marks, backslashes, "./"; null when it climbs out ("..") or is absolute. */
    static String cleanRef(String ref) {
        if (ref == null) {
            return null;
        }
        String r = TextNormalizer.stripBidi(ref).strip().replace('\\', '/');
        while (r.startsWith("./")) { //$NON-NLS-1$
            r = r.substring(2);
        }
        if (r.isEmpty() || r.contains(":") || EntryNames.climbsOut(r)) { //$NON-NLS-1$
            return null;
        }
        return r;
    }

    /** A name as shown in a report: control characters masked, length bounded. */
    static String printable(String s) {
        String t = s == null ? "" : s.replaceAll("[\\p{Cntrl}\\p{Cf}]", "?"); //$NON-NLS-1$ //$NON-NLS-2$
        return t.length() > 200 ? t.substring(0, 200) + '\u2026' : t;
    }

    /** Folder part of a '/'-path, "" at the top. */
    static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i); //$NON-NLS-1$
    }
}

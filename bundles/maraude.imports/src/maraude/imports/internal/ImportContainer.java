package maraude.imports.internal;

import java.util.Optional;

import maraude.imports.ImportFile;

/** A folder or a zip: where the files of one export are, so that importers can find attachments. */
public interface ImportContainer {

    /** Whether this is a zip (attachments mentioned but absent are then worth reporting). */
    boolean isArchive();

    /**
     * Finds the file {@code ref} refers to from {@code from}: relative to its folder, to any folder
     * above it inside the container, then by file name. Never leaves the container.
     */
    Optional<ImportFile> resolve(ImportFile from, String ref);

    /** Cleans a reference: bidi marks, backslashes, "./"; null when it climbs out ("..") or is absolute. */
    static String cleanRef(String ref) {
        if (ref == null) {
            return null;
        }
        String r = TextNormalizer.stripBidi(ref).strip().replace('\\', '/');
        while (r.startsWith("./")) { //$NON-NLS-1$
            r = r.substring(2);
        }
        if (r.isEmpty() || r.startsWith("/") || r.contains(":") || r.equals("..") || r.startsWith("../") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                || r.contains("/../") || r.endsWith("/..")) { //$NON-NLS-1$ //$NON-NLS-2$
            return null;
        }
        return r;
    }

    /** Folder part of a '/'-path, "" at the top. */
    static String parentOf(String path) {
        int i = path.lastIndexOf('/');
        return i < 0 ? "" : path.substring(0, i); //$NON-NLS-1$
    }
}

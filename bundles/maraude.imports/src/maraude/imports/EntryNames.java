package maraude.imports;

import maraude.imports.internal.TextNormalizer;

/**
 * The one check of a name found inside an export (a zip entry, an attachment reference) against
 * "zip slip": whether, read as a path below a folder, it would leave that folder. Used by the
 * importers' containers and by the phone drop before it accepts a zip.
 */
public final class EntryNames {

    private EntryNames() {
    }

    /**
     * True when {@code name} is absolute ({@code /x}, {@code C:x}, {@code C:/x}) or has a {@code ..}
     * segment, with backslashes read as slashes and bidi marks and outer blanks ignored.
     */
    public static boolean climbsOut(String name) {
        if (name == null) {
            return false;
        }
        String n = TextNormalizer.stripBidi(name).strip().replace('\\', '/');
        if (n.startsWith("/") || n.matches("^[A-Za-z]:.*")) { //$NON-NLS-1$ //$NON-NLS-2$
            return true;
        }
        for (String segment : n.split("/")) { //$NON-NLS-1$
            if (segment.equals("..")) { //$NON-NLS-1$
                return true;
            }
        }
        return false;
    }

    /** A name that may be extracted below a folder: not empty, no NUL, not {@linkplain #climbsOut climbing out}. */
    public static boolean isSafe(String name) {
        return name != null && !name.isEmpty() && name.indexOf('\0') < 0 && !climbsOut(name);
    }
}

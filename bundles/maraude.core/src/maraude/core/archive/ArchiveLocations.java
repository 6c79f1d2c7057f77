package maraude.core.archive;

import java.nio.file.Path;
import java.nio.file.Paths;

/** Where the archive lives when nobody says: $MARAUDE_ARCHIVE, else the XDG data directory. */
public final class ArchiveLocations {

    private ArchiveLocations() {
    }

    public static Path defaultLocation() {
        String prop = System.getProperty("maraude.archive"); //$NON-NLS-1$
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        String env = System.getenv("MARAUDE_ARCHIVE"); //$NON-NLS-1$
        if (env != null && !env.isBlank()) {
            return Paths.get(env);
        }
        String xdg = System.getenv("XDG_DATA_HOME"); //$NON-NLS-1$
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".local", "share"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        return base.resolve("maraude"); //$NON-NLS-1$
    }
}

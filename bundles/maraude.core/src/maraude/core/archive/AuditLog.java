package maraude.core.archive;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An archive's audit trail: who did what when (imports, exports, purges, erasures...), as an event name
 * and named <em>counts</em>, never message text, names, numbers or contact ids. The local archive keeps
 * it in a file of its folder; a team archive keeps it on the servers, with the authenticated team user
 * as the acting user. Code that records or reads an audit trail goes through this contract and does not
 * care which archive it is ({@code AuditTrail.of(archive)} in the archive bundle gives the one that goes
 * with an archive).
 */
public interface AuditLog {

    /** Event names used by the product (a trail may hold others it recorded earlier). */
    String IMPORT = "import"; //$NON-NLS-1$
    String EXPORT = "export"; //$NON-NLS-1$
    String PURGE = "purge"; //$NON-NLS-1$
    String ERASURE = "erasure"; //$NON-NLS-1$
    /** A conversation's triage state changed (what changed, counted; never a note's text). */
    String TRIAGE = "triage"; //$NON-NLS-1$

    /**
     * One entry read back. {@code user} is the acting user where the trail knows it (a team archive's
     * authenticated user), else null; {@code chained} is false where the trail shows it was edited.
     */
    record Entry(Instant time, String event, String user, Map<String, Long> counts, boolean chained) {
    }

    /**
     * Appends one entry: {@code event} and the count names are short lower-case words (letters, digits,
     * {@code _}), which keeps any text out of the trail by construction.
     *
     * @throws IOException when the trail cannot be written
     * @throws IllegalArgumentException for an event or count name that is not a short lower-case word
     */
    void record(String event, Map<String, Long> counts) throws IOException;

    /** Records without failing the operation it describes (the operation stands without its line). */
    default void recordQuietly(String event, Map<String, Long> counts) {
        try {
            record(event, counts);
        } catch (IOException | RuntimeException e) {
            // the operation stands; a trail that cannot be written cannot hold its line
        }
    }

    /** Every entry, oldest first. */
    List<Entry> read() throws IOException;

    /** Whether {@code name} is a valid event or count name: a short lower-case word. */
    static boolean isName(String name) {
        return name != null && name.matches("[a-z][a-z0-9_]{0,39}"); //$NON-NLS-1$
    }
}

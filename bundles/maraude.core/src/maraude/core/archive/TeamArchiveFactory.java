package maraude.core.archive;

import java.nio.file.Path;
import java.util.Set;

/**
 * Opens an archive that lives on a server, from its address ({@code solr+https://HOST:PORT/COLLECTION}).
 * Provided as an OSGi service by the bundle that speaks the server's protocol ({@code maraude.team}),
 * picked by the address's scheme, so the CLI and the workbench never name the implementation.
 */
public interface TeamArchiveFactory {

    /** The address schemes this factory opens ({@code solr+https}, ...). */
    Set<String> schemes();

    /**
     * Opens the team archive at {@code address}.
     *
     * @param login       who connects and which server certificate to trust
     * @param localFolder this machine's side files of the team archive
     * @throws ArchiveException BAD_INPUT for a malformed address or a server certificate other than the
     *                          pinned one, REFUSED when the server refuses the credentials, IO when the
     *                          server cannot be reached
     */
    Archive open(String address, Login login, Path localFolder, AccessMode mode);

    /**
     * Credentials and trust: {@code user} null for a server without authentication; {@code fingerprint}
     * the SHA-256 of the server's certificate (hex, colons allowed), null for the JVM's default trust.
     * Never from command-line arguments (they show in process lists).
     */
    record Login(String user, String password, String fingerprint) {

        @Override
        public String toString() {
            return "Login[" + user + "]"; //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    /** The scheme of an address such as {@code solr+https://...}, or null when it is a folder. */
    static String schemeOf(String address) {
        int i = address.indexOf("://"); //$NON-NLS-1$
        if (i <= 0) {
            return null;
        }
        String scheme = address.substring(0, i);
        return scheme.matches("[A-Za-z][A-Za-z0-9+.-]*") ? scheme.toLowerCase(java.util.Locale.ROOT) : null; //$NON-NLS-1$
    }
}

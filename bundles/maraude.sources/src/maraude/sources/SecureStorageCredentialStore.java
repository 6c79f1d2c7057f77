package maraude.sources;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import javax.crypto.spec.PBEKeySpec;

import org.eclipse.equinox.security.storage.ISecurePreferences;
import org.eclipse.equinox.security.storage.SecurePreferencesFactory;
import org.eclipse.equinox.security.storage.StorageException;
import org.eclipse.equinox.security.storage.provider.IProviderHints;

/**
 * Credentials in Eclipse secure storage ({@code org.eclipse.equinox.security}), encrypted, in a file
 * of the user's configuration folder ({@code ~/.config/maraude/secure_storage}), outside the archive
 * folder so that copies and backups of the archive carry no secret.
 * <p>
 * The platform's password providers need a UI or an OS keyring; to work headless (CLI, scheduled
 * pulls) the storage is opened with a default password and {@code PROMPT_USER=false}. That
 * password is derived from a random key file created beside the storage (mode 0600), the user's
 * name and the machine id. <b>Limitation:</b> this protects against the storage file being copied
 * alone (backups, a shared archive) and against casual reading, not against someone who can read
 * the user's whole configuration folder on this machine: there the key file is too. A master
 * password typed by the user can be given to {@link #SecureStorageCredentialStore(Path, char[])}.
 */
public final class SecureStorageCredentialStore implements CredentialStore {

    private static final String ROOT = "/maraude/sources"; //$NON-NLS-1$
    private static final String USER = "user"; //$NON-NLS-1$
    private static final String PASSWORD = "password"; //$NON-NLS-1$
    private static final String COOKIE = "cookie"; //$NON-NLS-1$

    private final ISecurePreferences prefs;

    /** Opens (creating if needed) the storage in {@code storageFile}, encrypted with {@code password}. */
    public SecureStorageCredentialStore(Path storageFile, char[] password) throws IOException {
        Files.createDirectories(storageFile.toAbsolutePath().getParent());
        Map<Object, Object> options = new HashMap<>();
        options.put(IProviderHints.DEFAULT_PASSWORD, new PBEKeySpec(password));
        options.put(IProviderHints.PROMPT_USER, Boolean.FALSE);
        URL url = storageFile.toAbsolutePath().toUri().toURL();
        ISecurePreferences p = SecurePreferencesFactory.open(url, options);
        if (p == null) {
            throw new IOException("secure storage could not be opened: " + storageFile); //$NON-NLS-1$
        }
        this.prefs = p;
    }

    /**
     * The default storage: {@code -Dmaraude.credentials=FILE}, else
     * {@code $XDG_CONFIG_HOME/maraude/secure_storage} (default {@code ~/.config}), with the derived
     * local password described above.
     */
    public static SecureStorageCredentialStore openDefault() throws IOException {
        Path file = defaultFile();
        return new SecureStorageCredentialStore(file, localPassword(file.resolveSibling(file.getFileName() + ".key"))); //$NON-NLS-1$
    }

    /**
     * The default storage, opened only when a secret is really needed (a web inbox's login, never a
     * watched folder): the workbench and the CLI hand this to the scheduler and the pulls.
     */
    public static CredentialStore lazyDefault() {
        return new CredentialStore() {
            private CredentialStore delegate;

            private synchronized CredentialStore d() throws IOException {
                if (delegate == null) {
                    delegate = openDefault();
                }
                return delegate;
            }

            @Override
            public Optional<Credentials> get(String sourceId) throws IOException {
                return d().get(sourceId);
            }

            @Override
            public void put(String sourceId, Credentials credentials) throws IOException {
                d().put(sourceId, credentials);
            }

            @Override
            public void remove(String sourceId) throws IOException {
                d().remove(sourceId);
            }
        };
    }

    public static Path defaultFile() {
        String prop = System.getProperty("maraude.credentials"); //$NON-NLS-1$
        if (prop != null && !prop.isBlank()) {
            return Paths.get(prop);
        }
        String xdg = System.getenv("XDG_CONFIG_HOME"); //$NON-NLS-1$
        Path base = xdg != null && !xdg.isBlank() ? Paths.get(xdg)
                : Paths.get(System.getProperty("user.home"), ".config"); //$NON-NLS-1$ //$NON-NLS-2$
        return base.resolve("maraude").resolve("secure_storage"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** The default password: SHA-256 of a random local key, the user name and the machine id. */
    static char[] localPassword(Path keyFile) throws IOException {
        byte[] key;
        if (Files.isRegularFile(keyFile)) {
            key = Files.readAllBytes(keyFile);
        } else {
            key = new byte[32];
            new SecureRandom().nextBytes(key);
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Path tmp = keyFile.resolveSibling(keyFile.getFileName() + ".tmp"); //$NON-NLS-1$
            Files.write(tmp, key);
            try {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------")); //$NON-NLS-1$
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
            Files.move(tmp, keyFile, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
        String machine = ""; //$NON-NLS-1$
        for (String f : new String[] { "/etc/machine-id", "/var/lib/dbus/machine-id" }) { //$NON-NLS-1$ //$NON-NLS-2$
            try {
                machine = Files.readString(Paths.get(f)).strip();
                break;
            } catch (IOException | RuntimeException e) {
                // try the next one; none on some systems
            }
        }
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
            md.update(key);
            md.update(String.valueOf(System.getProperty("user.name")).getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
            md.update(machine.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(md.digest()).toCharArray();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ISecurePreferences node(String sourceId) {
        if (!Source.isValidId(sourceId)) {
            throw new IllegalArgumentException("invalid source id"); //$NON-NLS-1$
        }
        return prefs.node(ROOT + '/' + sourceId);
    }

    @Override
    public synchronized Optional<Credentials> get(String sourceId) throws IOException {
        if (!prefs.nodeExists(ROOT + '/' + sourceId)) {
            return Optional.empty();
        }
        ISecurePreferences n = node(sourceId);
        try {
            Credentials c = new Credentials(n.get(USER, null), n.get(PASSWORD, null), n.get(COOKIE, null));
            return c.hasLogin() || c.hasCookie() ? Optional.of(c) : Optional.empty();
        } catch (StorageException e) {
            // The message may describe the cipher, never the secret; still, keep only the kind.
            throw new IOException("secure storage unreadable (error code " + e.getErrorCode() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    @Override
    public synchronized void put(String sourceId, Credentials c) throws IOException {
        ISecurePreferences n = node(sourceId);
        try {
            putOrRemove(n, USER, c.user());
            putOrRemove(n, PASSWORD, c.password());
            putOrRemove(n, COOKIE, c.cookie());
        } catch (StorageException e) {
            throw new IOException("secure storage not writable (error code " + e.getErrorCode() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        prefs.flush();
    }

    private static void putOrRemove(ISecurePreferences n, String key, String value) throws StorageException {
        if (value == null) {
            n.remove(key);
        } else {
            n.put(key, value, true);
        }
    }

    @Override
    public synchronized void remove(String sourceId) throws IOException {
        if (prefs.nodeExists(ROOT + '/' + sourceId)) {
            node(sourceId).removeNode();
            prefs.flush();
        }
    }

    // ------------------------------------------------------------------ team archives (#18)

    private static final String TEAM_ROOT = "/maraude/team"; //$NON-NLS-1$
    private static final String ADDRESS = "address"; //$NON-NLS-1$
    private static final String FINGERPRINT = "fingerprint"; //$NON-NLS-1$

    /**
     * What this computer keeps for a team archive's address ({@code solr+https://HOST:PORT/COLLECTION}):
     * the certificate fingerprint a person confirmed (pinned on every later connection), and the login
     * when the worker asked to remember it ({@code user}/{@code password} null otherwise).
     */
    public record TeamLogin(String address, String user, String password, String fingerprint) {

        @Override
        public String toString() {
            return "TeamLogin[" + address + "]"; //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    /** The node of an address: its SHA-256, so that no address is a path of the storage. */
    private static String teamNode(String address) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(address.getBytes(StandardCharsets.UTF_8)); //$NON-NLS-1$
            return TEAM_ROOT + '/' + HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What is kept for a team archive's address, if anything. */
    public synchronized Optional<TeamLogin> teamLogin(String address) throws IOException {
        String path = teamNode(address);
        if (!prefs.nodeExists(path)) {
            return Optional.empty();
        }
        ISecurePreferences n = prefs.node(path);
        try {
            return Optional.of(new TeamLogin(n.get(ADDRESS, address), n.get(USER, null), n.get(PASSWORD, null),
                    n.get(FINGERPRINT, null)));
        } catch (StorageException e) {
            throw new IOException("secure storage unreadable (error code " + e.getErrorCode() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    /** The team archive addresses something is kept for (to offer the last one again). */
    public synchronized java.util.List<String> teamAddresses() throws IOException {
        java.util.List<String> all = new java.util.ArrayList<>();
        if (!prefs.nodeExists(TEAM_ROOT)) {
            return all;
        }
        ISecurePreferences root = prefs.node(TEAM_ROOT);
        for (String child : root.childrenNames()) {
            try {
                String a = root.node(child).get(ADDRESS, null);
                if (a != null) {
                    all.add(a);
                }
            } catch (StorageException e) {
                throw new IOException("secure storage unreadable (error code " + e.getErrorCode() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
            }
        }
        java.util.Collections.sort(all);
        return all;
    }

    /** Keeps (replaces) what is known of a team archive's address, every value encrypted. */
    public synchronized void putTeamLogin(TeamLogin login) throws IOException {
        ISecurePreferences n = prefs.node(teamNode(login.address()));
        try {
            n.put(ADDRESS, login.address(), true);
            putOrRemove(n, USER, login.user());
            putOrRemove(n, PASSWORD, login.password());
            putOrRemove(n, FINGERPRINT, login.fingerprint());
        } catch (StorageException e) {
            throw new IOException("secure storage not writable (error code " + e.getErrorCode() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        prefs.flush();
    }

    /** Whether the stored value is encrypted (tests check that nothing is kept in clear). */
    boolean isEncrypted(String sourceId, String key) throws IOException {
        try {
            return node(sourceId).isEncrypted(key);
        } catch (StorageException e) {
            throw new IOException(e.getClass().getSimpleName());
        }
    }
}

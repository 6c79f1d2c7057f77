package maraude.solr.server;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.Properties;

import org.apache.solr.common.cloud.VMParamsZkCredentialsInjector;

/**
 * The folder of a local team server ({@code team-server start --dir DIR}) and what lies in it:
 *
 * <pre>
 * secrets            node passphrase and admin password (mode 600; made on first start)
 * zookeeper.credentials  the ZooKeeper digest user and password of the nodes (mode 600; made on first start)
 * server.pid         pid, port and node count of the server process (written by the CLI at launch)
 * server.json        url, user and fingerprint, written by the server once it serves; gone when it stops
 * tls/keystore.p12   the self-signed certificate and its key (password derived from the passphrase)
 * node-key/          the node's wrapped data key (protection.key)
 * solr/              ZooKeeper's data and each node's cores (encrypted index files and update logs)
 * logs/server.log    the server's warnings (no request, no message text)
 * </pre>
 */
final class ServerFolder {

    static final String PASSPHRASE = "passphrase"; //$NON-NLS-1$
    static final String ADMIN_PASSWORD = "admin.password"; //$NON-NLS-1$

    private final Path dir;

    ServerFolder(Path dir) {
        this.dir = dir.toAbsolutePath().normalize();
    }

    Path dir() {
        return dir;
    }

    Path secrets() {
        return dir.resolve("secrets"); //$NON-NLS-1$
    }

    Path pidFile() {
        return dir.resolve("server.pid"); //$NON-NLS-1$
    }

    Path stateFile() {
        return dir.resolve("server.json"); //$NON-NLS-1$
    }

    Path keyStore() {
        return dir.resolve("tls").resolve("keystore.p12"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    Path nodeKey() {
        return dir.resolve("node-key"); //$NON-NLS-1$
    }

    Path solr() {
        return dir.resolve("solr"); //$NON-NLS-1$
    }

    Path configset() {
        return dir.resolve("configset"); //$NON-NLS-1$
    }

    /** The file Solr's {@code VMParamsZkCredentialsInjector} reads ({@code zkDigestCredentialsFile}). */
    Path zkCredentials() {
        return dir.resolve("zookeeper.credentials"); //$NON-NLS-1$
    }

    Path log() {
        return dir.resolve("logs").resolve("server.log"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** The folder and its sub-folders for this user only. */
    void create() throws IOException {
        for (Path p : new Path[] { dir, dir.resolve("tls"), dir.resolve("logs"), solr() }) { //$NON-NLS-1$ //$NON-NLS-2$
            Files.createDirectories(p);
            restrict(p, "rwx------"); //$NON-NLS-1$
        }
    }

    /** The secrets of this folder, made (random) and written with mode 600 on first use. */
    Properties secretsOrCreate() throws IOException {
        Path f = secrets();
        if (Files.isRegularFile(f)) {
            return read(f);
        }
        SecureRandom random = new SecureRandom();
        Properties p = new Properties();
        p.setProperty(PASSPHRASE, randomText(random, 32));
        p.setProperty(ADMIN_PASSWORD, randomText(random, 18));
        writePrivate(f, p, "team-server secrets: keep this file private (mode 600)"); //$NON-NLS-1$
        return p;
    }

    /**
     * The ZooKeeper digest credentials of this folder's nodes, made (random) and written with mode 600 on
     * first use, in the format of Solr's {@code VMParamsZkCredentialsInjector} ({@code zkDigestUsername},
     * {@code zkDigestPassword}): every znode the server makes is readable and writable by this user only.
     * A folder of a version before them gets them on its next start (the server then sets the ACLs).
     */
    Path zkCredentialsOrCreate() throws IOException {
        Path f = zkCredentials();
        if (!Files.isRegularFile(f)) {
            Properties p = new Properties();
            p.setProperty(VMParamsZkCredentialsInjector.DEFAULT_DIGEST_USERNAME_VM_PARAM_NAME, "maraude-solr"); //$NON-NLS-1$
            p.setProperty(VMParamsZkCredentialsInjector.DEFAULT_DIGEST_PASSWORD_VM_PARAM_NAME, randomText(new SecureRandom(), 24));
            writePrivate(f, p, "team-server ZooKeeper credentials: keep this file private (mode 600)"); //$NON-NLS-1$
        }
        return f;
    }

    /** Writes {@code p} to {@code f} (absent) through a temporary file made with mode 600. */
    private void writePrivate(Path f, Properties p, String comment) throws IOException {
        Path tmp = dir.resolve(f.getFileName() + ".tmp"); //$NON-NLS-1$
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))); //$NON-NLS-1$
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(out, comment);
        }
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE);
    }

    static Properties read(Path f) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(f)) {
            p.load(in);
        }
        return p;
    }

    /** The properties file {@code f}, or none when it does not exist (or cannot be read). */
    static Optional<Properties> readIfThere(Path f) {
        try {
            return Files.isRegularFile(f) ? Optional.of(read(f)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes {@code text} to {@code f} through a temporary file, so that a reader never sees half of it. */
    static void writeAtomically(Path f, String text) throws IOException {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp"); //$NON-NLS-1$
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static String randomText(SecureRandom random, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static void restrict(Path p, String mode) {
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the folder keeps its default rights
        }
    }
}

package maraude.archive.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import maraude.core.model.Attachment;

/**
 * Attachments as files {@code <root>/ab/cdef…} named by the SHA-256 of their bytes (two-letter fan-out
 * keeps folders small). Bytes are first written to {@code <root>/tmp}, synced, then moved atomically
 * into place, so a crash never leaves a partial file under a valid name.
 */
public class FileAttachmentStore implements AttachmentStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}"); //$NON-NLS-1$
    private static final String TMP = "tmp"; //$NON-NLS-1$

    private final Path root;

    public FileAttachmentStore(Path root) {
        this.root = root;
    }

    /** Where the bytes of {@code sha256} live (whether or not they are stored). */
    public Path pathOf(String sha256) {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case SHA-256: " + sha256); //$NON-NLS-1$
        }
        return root.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2));
    }

    @Override
    public Attachment store(InputStream content, String mediaType, String fileName) throws IOException {
        Path tmpDir = root.resolve(TMP);
        maraude.core.archive.ArchiveLayout.createPrivateDirectories(tmpDir);
        Path tmp = Files.createTempFile(tmpDir, "att", ".part"); //$NON-NLS-1$ //$NON-NLS-2$
        try {
            MessageDigest md = sha256();
            long size;
            try (OutputStream out = new DigestOutputStream(Files.newOutputStream(tmp), md)) {
                size = content.transferTo(out);
            }
            String hash = HexFormat.of().formatHex(md.digest());
            FileAttachmentStore.syncAndPlace(tmp, pathOf(hash));
            return new Attachment(hash, mediaType, fileName, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Makes a fully written temporary file durable and moves it to its content-addressed name,
     * unless that content is already stored (same name, same bytes).
     */
    public static void syncAndPlace(Path tmp, Path target) throws IOException {
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        if (!Files.exists(target)) {
            maraude.core.archive.ArchiveLayout.createPrivateDirectories(target.getParent());
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException e) {
                // Stored concurrently by someone else: same bytes, nothing to do.
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @Override
    public InputStream open(String sha256) throws IOException {
        return Files.newInputStream(pathOf(sha256));
    }

    @Override
    public boolean contains(String sha256) {
        return Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public long count() throws IOException {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(root, 2)) {
            return files.filter(p -> p.getNameCount() - root.getNameCount() == 2)
                    .filter(p -> !p.getParent().getFileName().toString().equals(TMP))
                    .filter(Files::isRegularFile).count();
        }
    }

    @Override
    public java.util.List<String> storedFiles() throws IOException {
        return AttachmentStore.listTwoLevels(root);
    }

    @Override
    public String damage(String storedFile) throws IOException {
        String name = storedFile.replace("/", ""); //$NON-NLS-1$ //$NON-NLS-2$
        if (!SHA256.matcher(name).matches()) {
            return "not a content address"; //$NON-NLS-1$
        }
        MessageDigest md = sha256();
        try (InputStream in = Files.newInputStream(pathOf(name))) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        }
        return java.util.HexFormat.of().formatHex(md.digest()).equals(name) ? null
                : "content does not match its SHA-256"; //$NON-NLS-1$
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

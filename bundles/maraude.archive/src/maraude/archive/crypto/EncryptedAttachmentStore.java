package maraude.archive.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import maraude.archive.storage.AttachmentStore;
import maraude.core.model.Attachment;

/**
 * Attachments encrypted in the {@link ChunkFormat}, stored once per content like
 * {@link maraude.archive.storage.FileAttachmentStore} but under {@code HMAC(name key, sha256)} rather
 * than the SHA-256 itself: whoever holds a known picture cannot tell from the file names whether the
 * archive has it. Writes go to {@code tmp/}, are synced, then moved atomically into place.
 */
public final class EncryptedAttachmentStore implements AttachmentStore {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}"); //$NON-NLS-1$
    private static final String TMP = "tmp"; //$NON-NLS-1$

    private final Path root;
    private final DataKey key;

    public EncryptedAttachmentStore(Path root, DataKey key) {
        this.root = root;
        this.key = key;
    }

    /** Where the encrypted bytes of {@code sha256} live (whether or not they are stored). */
    public Path pathOf(String sha256) throws IOException {
        if (sha256 == null || !SHA256.matcher(sha256).matches()) {
            throw new IllegalArgumentException("not a lower-case SHA-256: " + sha256); //$NON-NLS-1$
        }
        String n = key.attachmentName(sha256);
        return root.resolve(n.substring(0, 2)).resolve(n.substring(2));
    }

    @Override
    public Attachment store(InputStream content, String mediaType, String fileName) throws IOException {
        Path tmpDir = root.resolve(TMP);
        maraude.core.archive.ArchiveLayout.createPrivateDirectories(tmpDir);
        Path tmp = Files.createTempFile(tmpDir, "att", ".part"); //$NON-NLS-1$ //$NON-NLS-2$
        try {
            MessageDigest md = sha256();
            long size;
            // The hash (hence the final name) is known only at the end, so the chunks are bound to a
            // random file id and a fixed label; reading checks the bytes' SHA-256 against the name asked.
            try (OutputStream out = new DigestOutputStream(
                    EncryptedStreams.encrypting(Files.newOutputStream(tmp), AAD_NAME, key), md)) {
                size = content.transferTo(out);
            }
            String hash = HexFormat.of().formatHex(md.digest());
            maraude.archive.storage.FileAttachmentStore.syncAndPlace(tmp, pathOf(hash));
            return new Attachment(hash, mediaType, fileName, size);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static final String AAD_NAME = "attachment"; //$NON-NLS-1$

    @Override
    public InputStream open(String sha256) throws IOException {
        Path p = pathOf(sha256);
        if (!Files.isRegularFile(p)) {
            throw new NoSuchFileException(sha256);
        }
        return new VerifyingInputStream(EncryptedStreams.decrypting(p, AAD_NAME, key), sha256, p);
    }

    @Override
    public boolean contains(String sha256) {
        try {
            return Files.isRegularFile(pathOf(sha256));
        } catch (IOException e) {
            return false;
        }
    }

    /** Deletes the bytes of {@code sha256}; false when there were none. */
    public boolean delete(String sha256) throws IOException {
        return Files.deleteIfExists(pathOf(sha256));
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
        return maraude.archive.storage.AttachmentStore.listTwoLevels(root);
    }

    /**
     * Decrypts the file whole (every chunk authenticated) and checks that the keyed name of its
     * plaintext's SHA-256 is the file's name.
     */
    @Override
    public String damage(String storedFile) throws IOException {
        Path p = root.resolve(storedFile);
        MessageDigest md = sha256();
        try (InputStream in = EncryptedStreams.decrypting(p, AAD_NAME, key)) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = in.read(buf)) > 0) {
                md.update(buf, 0, n);
            }
        } catch (NoSuchFileException e) {
            throw e;
        } catch (IOException e) {
            return "chunk authentication failed"; //$NON-NLS-1$
        }
        String n = key.attachmentName(HexFormat.of().formatHex(md.digest()));
        return storedFile.equals(n.substring(0, 2) + '/' + n.substring(2)) ? null
                : "content does not match its name"; //$NON-NLS-1$
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Checks at end of stream that the bytes are those of the name asked for: swapping two attachment
     * files (each valid on its own) is then detected too.
     */
    private static final class VerifyingInputStream extends java.io.FilterInputStream {
        private final MessageDigest md = sha256();
        private final String expected;
        private final Path file;
        private boolean checked;

        VerifyingInputStream(InputStream in, String expected, Path file) {
            super(in);
            this.expected = expected;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b < 0) {
                check();
            } else {
                md.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n < 0) {
                check();
            } else {
                md.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes must still be hashed for the end check.
            byte[] buf = new byte[8192];
            long done = 0;
            while (done < n) {
                int r = read(buf, 0, (int) Math.min(buf.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }

        private void check() throws IOException {
            if (!checked) {
                checked = true;
                if (!HexFormat.of().formatHex(md.digest()).equals(expected)) {
                    throw new EncryptedFileException(file, "content does not match its name"); //$NON-NLS-1$
                }
            }
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }
}

package maraude.archive.crypto;

import java.io.IOException;
import java.io.StringReader;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Properties;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.eclipse.osgi.util.NLS;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * {@code <archive>/protection.key}: the data key wrapped (AES-256-GCM) under a key derived from the team
 * passphrase with Argon2id, plus the salt and cost parameters. Its presence is what makes an archive
 * protected. Changing the passphrase rewrites only this small file (atomically: a new file is synced,
 * then renamed over the old one), never the archive's data. The wrapping's authenticated data covers
 * the parameters, so they cannot be lowered by editing the file.
 */
public final class KeyFile {

    public static final String FILE_NAME = "protection.key"; //$NON-NLS-1$
    private static final String FORMAT = "maraude-protection-1"; //$NON-NLS-1$
    private static final int SALT_BYTES = 16;
    /** 16 KiB chunks: a random read decrypts little, overhead is 28 bytes per chunk (0.2 %). */
    public static final int DEFAULT_CHUNK_SHIFT = 14;

    private final KdfParams params;
    private final byte[] salt;
    private final byte[] nonce;
    private final byte[] wrapped;
    private final int chunkShift;

    private KeyFile(KdfParams params, byte[] salt, byte[] nonce, byte[] wrapped, int chunkShift) {
        this.params = params;
        this.salt = salt;
        this.nonce = nonce;
        this.wrapped = wrapped;
        this.chunkShift = chunkShift;
    }

    public static boolean exists(Path archiveRoot) {
        return Files.isRegularFile(archiveRoot.resolve(FILE_NAME));
    }

    public KdfParams params() {
        return params;
    }

    public int chunkShift() {
        return chunkShift;
    }

    /** Wraps {@code key} under {@code passphrase} with a fresh salt. */
    static KeyFile wrap(DataKey key, char[] passphrase, KdfParams params) {
        byte[] salt = new byte[SALT_BYTES];
        ChunkFormat.randomBytes(salt);
        byte[] nonce = new byte[ChunkFormat.NONCE_BYTES];
        ChunkFormat.randomBytes(nonce);
        byte[] kek = derive(passphrase, salt, params);
        byte[] raw = key.raw();
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding"); //$NON-NLS-1$
            c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce)); //$NON-NLS-1$
            c.updateAAD(aad(params, salt, key.chunkShift()));
            return new KeyFile(params, salt, nonce, c.doFinal(raw), key.chunkShift());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            Arrays.fill(raw, (byte) 0);
        }
    }

    /**
     * Unwraps the data key.
     *
     * @throws WrongPassphraseException when the passphrase is not the one that wrapped it (or the
     *                                  file was altered: the two are indistinguishable, by design)
     */
    DataKey unwrap(char[] passphrase, Path archiveRoot) {
        byte[] kek = derive(passphrase, salt, params);
        byte[] raw = null;
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding"); //$NON-NLS-1$
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(kek, "AES"), new GCMParameterSpec(128, nonce)); //$NON-NLS-1$
            c.updateAAD(aad(params, salt, chunkShift));
            raw = c.doFinal(wrapped);
            return new DataKey(raw, chunkShift);
        } catch (AEADBadTagException e) {
            throw new WrongPassphraseException(NLS.bind(Messages.Protection_wrongPassphrase, archiveRoot));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(kek, (byte) 0);
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }

    static byte[] derive(char[] passphrase, byte[] salt, KdfParams p) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withIterations(p.iterations())
                .withMemoryAsKB(p.memoryKiB()).withParallelism(p.parallelism()).withSalt(salt).build();
        Argon2BytesGenerator gen = new Argon2BytesGenerator();
        gen.init(params);
        byte[] out = new byte[32];
        gen.generateBytes(passphrase, out);
        return out;
    }

    private static byte[] aad(KdfParams p, byte[] salt, int shift) {
        return (FORMAT + ";argon2id;" + p.iterations() + ';' + p.memoryKiB() + ';' + p.parallelism() + ';' //$NON-NLS-1$
                + Base64.getEncoder().encodeToString(salt) + ';' + shift).getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads {@code <archiveRoot>/protection.key}; a damaged file is CORRUPT with the way back. */
    static KeyFile read(Path archiveRoot) throws IOException {
        Path file = archiveRoot.resolve(FILE_NAME);
        if (Files.size(file) > 4096) {
            throw damaged(file, "too large"); //$NON-NLS-1$
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.US_ASCII)));
        try {
            if (!FORMAT.equals(p.getProperty("format"))) { //$NON-NLS-1$
                throw damaged(file, "unknown format"); //$NON-NLS-1$
            }
            if (!"argon2id".equals(p.getProperty("kdf"))) { //$NON-NLS-1$ //$NON-NLS-2$
                throw damaged(file, "unknown key derivation"); //$NON-NLS-1$
            }
            KdfParams params = new KdfParams(Integer.parseInt(p.getProperty("kdf.t")), //$NON-NLS-1$
                    Integer.parseInt(p.getProperty("kdf.m")), Integer.parseInt(p.getProperty("kdf.p"))); //$NON-NLS-1$ //$NON-NLS-2$
            int shift = Integer.parseInt(p.getProperty("chunk.shift")); //$NON-NLS-1$
            if (shift < ChunkFormat.MIN_SHIFT || shift > ChunkFormat.MAX_SHIFT) {
                throw damaged(file, "chunk size out of range"); //$NON-NLS-1$
            }
            Base64.Decoder b64 = Base64.getDecoder();
            byte[] salt = b64.decode(p.getProperty("salt")); //$NON-NLS-1$
            byte[] nonce = b64.decode(p.getProperty("wrap.nonce")); //$NON-NLS-1$
            byte[] wrapped = b64.decode(p.getProperty("wrap.key")); //$NON-NLS-1$
            if (salt.length != SALT_BYTES || nonce.length != ChunkFormat.NONCE_BYTES
                    || wrapped.length != DataKey.BYTES + ChunkFormat.TAG_BYTES) {
                throw damaged(file, "field sizes"); //$NON-NLS-1$
            }
            return new KeyFile(params, salt, nonce, wrapped, shift);
        } catch (NullPointerException | IllegalArgumentException e) {
            throw damaged(file, "missing or malformed field"); //$NON-NLS-1$
        }
    }

    private static ArchiveException damaged(Path file, String why) {
        return new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Protection_keyFileDamaged, file, why));
    }

    /** Writes atomically: a crash leaves the old file or the new one, never half of either. */
    void write(Path archiveRoot) throws IOException {
        Base64.Encoder b64 = Base64.getEncoder();
        String text = "# Maraude archive key, wrapped under the team passphrase. Without it (or a backup of it)\n" //$NON-NLS-1$
                + "# the archive cannot be read: keep it with the backups.\n" //$NON-NLS-1$
                + "format=" + FORMAT + '\n' + "kdf=argon2id\n" //$NON-NLS-1$ //$NON-NLS-2$
                + "kdf.t=" + params.iterations() + '\n' + "kdf.m=" + params.memoryKiB() + '\n' //$NON-NLS-1$ //$NON-NLS-2$
                + "kdf.p=" + params.parallelism() + '\n' + "chunk.shift=" + chunkShift + '\n' //$NON-NLS-1$ //$NON-NLS-2$
                + "salt=" + b64.encodeToString(salt) + '\n' + "wrap.nonce=" + b64.encodeToString(nonce) + '\n' //$NON-NLS-1$ //$NON-NLS-2$
                + "wrap.key=" + b64.encodeToString(wrapped) + '\n'; //$NON-NLS-1$
        Files.createDirectories(archiveRoot);
        Path tmp = archiveRoot.resolve(FILE_NAME + ".tmp"); //$NON-NLS-1$
        Files.writeString(tmp, text, StandardCharsets.US_ASCII);
        maraude.core.archive.ArchiveLayout.restrict(tmp);
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        try {
            Files.move(tmp, archiveRoot.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, archiveRoot.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING);
        }
        syncFolder(archiveRoot);
    }

    static void syncFolder(Path folder) {
        try (FileChannel ch = FileChannel.open(folder, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // Not every file system lets a folder be synced; the rename itself is atomic.
        }
    }
}

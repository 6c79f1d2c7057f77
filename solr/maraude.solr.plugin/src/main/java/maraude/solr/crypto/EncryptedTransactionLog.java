package maraude.solr.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Collection;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.apache.solr.common.SolrException;
import org.apache.solr.update.TransactionLog;

/**
 * Solr's transaction log with every byte encrypted on its way to the file. Solr reads and writes a log
 * at absolute positions (a document is looked up by the position its add was written at), so the
 * cipher keeps lengths and positions: AES-CTR, the counter being the position's block number, under a
 * random 64-bit nonce per log file kept beside it ({@code maraude-nonce.<log name>}, a name Solr's
 * log listing ignores). A new log gets a new nonce, even when Solr reuses a log's name. The log is
 * short-lived (it holds updates until a commit, a few more for peer sync); CTR is not authenticated,
 * which the index files' AES-GCM chunks are.
 */
final class EncryptedTransactionLog extends TransactionLog {

    static final String NONCE_PREFIX = "maraude-nonce."; //$NON-NLS-1$
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path nonceFile;

    EncryptedTransactionLog(Path tlogFile, Collection<String> globalStrings, boolean openExisting, SecretKeySpec key) {
        this(tlogFile, globalStrings, openExisting, Ctr.of(tlogFile, openExisting, key));
    }

    private EncryptedTransactionLog(Path tlogFile, Collection<String> globalStrings, boolean openExisting, Ctr ctr) {
        super(tlogFile, globalStrings, openExisting, ctr::output, ctr::input);
        this.nonceFile = ctr.nonceFile;
    }

    @Override
    public void close() {
        try {
            super.close();
        } finally {
            if (!Files.exists(tlog)) {
                try {
                    Files.deleteIfExists(nonceFile);
                } catch (IOException e) {
                    // an orphan nonce says nothing
                }
            }
        }
    }

    /** The keystream of one log file. */
    static final class Ctr {

        private final SecretKeySpec key;
        private final byte[] nonce;
        final Path nonceFile;

        private Ctr(SecretKeySpec key, byte[] nonce, Path nonceFile) {
            this.key = key;
            this.nonce = nonce;
            this.nonceFile = nonceFile;
        }

        static Ctr of(Path tlogFile, boolean openExisting, SecretKeySpec key) {
            Path nonceFile = tlogFile.resolveSibling(NONCE_PREFIX + tlogFile.getFileName());
            try {
                byte[] nonce;
                if (openExisting && Files.exists(nonceFile)) {
                    nonce = Files.readAllBytes(nonceFile);
                    if (nonce.length != 8) {
                        throw new SolrException(SolrException.ErrorCode.SERVER_ERROR,
                                "damaged transaction log nonce " + nonceFile.getFileName()); //$NON-NLS-1$
                    }
                } else if (openExisting && Files.size(tlogFile) > 0) {
                    throw new SolrException(SolrException.ErrorCode.SERVER_ERROR,
                            "transaction log without its nonce (written in clear?): " + tlogFile.getFileName()); //$NON-NLS-1$
                } else {
                    nonce = new byte[8];
                    RANDOM.nextBytes(nonce);
                    try (FileChannel c = FileChannel.open(nonceFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                            StandardOpenOption.TRUNCATE_EXISTING)) {
                        c.write(ByteBuffer.wrap(nonce));
                        c.force(true);
                    }
                }
                return new Ctr(key, nonce, nonceFile);
            } catch (IOException e) {
                throw new SolrException(SolrException.ErrorCode.SERVER_ERROR, e);
            }
        }

        /** XORs {@code len} bytes at {@code off} with the keystream from file position {@code position}. */
        void apply(byte[] b, int off, int len, long position) {
            if (len <= 0) {
                return;
            }
            byte[] iv = new byte[16];
            System.arraycopy(nonce, 0, iv, 0, 8);
            long block = position >>> 4;
            for (int i = 0; i < 8; i++) {
                iv[15 - i] = (byte) (block >>> (8 * i));
            }
            try {
                Cipher c = Cipher.getInstance("AES/CTR/NoPadding"); //$NON-NLS-1$
                c.init(Cipher.ENCRYPT_MODE, key, new IvParameterSpec(iv));
                int skip = (int) (position & 15);
                if (skip > 0) {
                    c.update(new byte[skip]);
                }
                int n = c.update(b, off, len, b, off);
                if (n != len) {
                    throw new IllegalStateException("short CTR output"); //$NON-NLS-1$
                }
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        OutputStream output(FileChannel channel, long position) {
            return new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] { (byte) b }, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    byte[] copy = java.util.Arrays.copyOfRange(b, off, off + len);
                    apply(copy, 0, len, channel.position());
                    ByteBuffer bb = ByteBuffer.wrap(copy);
                    while (bb.hasRemaining()) {
                        channel.write(bb);
                    }
                }
            };
        }

        ChannelFastInputStream input(FileChannel channel, long position) {
            return new ChannelFastInputStream(channel, position) {
                @Override
                public int readWrappedStream(byte[] target, int offset, int len) throws IOException {
                    long at = readFromStream;
                    int n = super.readWrappedStream(target, offset, len);
                    apply(target, offset, n, at);
                    return n;
                }
            };
        }
    }
}

package maraude.solr.crypto;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.LockFactory;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.StandardDirectoryFactory;

import maraude.archive.crypto.DataKey;
import maraude.archive.crypto.EncryptedDirectory;

/**
 * Solr's {@link StandardDirectoryFactory} with every index file encrypted by the archive's
 * {@link EncryptedDirectory} (AES-GCM chunks, each bound to its file name) under the node's data key
 * ({@link NodeKey}). Configured in {@code solrconfig.xml}:
 *
 * <pre>
 * &lt;directoryFactory name="DirectoryFactory" class="maraude.solr.crypto.EncryptingDirectoryFactory"&gt;
 *   &lt;str name="keyFolder"&gt;${maraude.keyFolder}&lt;/str&gt;
 *   &lt;str name="passphraseEnv"&gt;MARAUDE_SOLR_PASSPHRASE&lt;/str&gt;
 * &lt;/directoryFactory&gt;
 * </pre>
 *
 * The key is unwrapped when the first core of the node opens; a wrong or missing passphrase stops the
 * core from loading (nothing is written in clear instead). Solr's own small metadata files
 * ({@code index.properties}, snapshot lists: folder names and generations, no document content) are
 * left plain. Replication and backup copy the encrypted bytes as they are ({@code
 * CachingDirectoryFactory} unwraps filter directories for them), which is why every node of a
 * cluster shares the key.
 */
public class EncryptingDirectoryFactory extends StandardDirectoryFactory {

    /** Decrypted chunks cached per index directory. */
    private static final long CACHE_BYTES = 8L << 20;

    private DataKey key;

    @Override
    public void init(NamedList<?> args) {
        super.init(args);
        Object folder = args.get("keyFolder"); //$NON-NLS-1$
        if (folder == null || folder.toString().isBlank()) {
            throw new SolrException(SolrException.ErrorCode.SERVER_ERROR,
                    "EncryptingDirectoryFactory needs a keyFolder"); //$NON-NLS-1$
        }
        Object env = args.get("passphraseEnv"); //$NON-NLS-1$
        try {
            key = NodeKey.of(Path.of(folder.toString()), env == null ? NodeKey.DEFAULT_PASSPHRASE_ENV : env.toString());
        } catch (RuntimeException e) {
            throw new SolrException(SolrException.ErrorCode.SERVER_ERROR, e.getMessage(), e);
        }
    }

    @Override
    protected Directory create(String path, LockFactory lockFactory, DirContext dirContext) throws IOException {
        Directory raw = super.create(path, lockFactory, dirContext);
        if (dirContext == DirContext.META_DATA) {
            return raw;
        }
        return new EncryptedDirectory(raw, key, CACHE_BYTES);
    }

    /**
     * Replication and backup get the index files' raw (encrypted) bytes, as Solr intends, so that a
     * replica copies them as they are; but they also read the commit's file list
     * ({@code SegmentInfos.readCommit}, through {@code openChecksumInput}), which only the decrypting
     * directory can: a replica that needs a full copy (one that missed too many updates) would
     * otherwise never recover.
     */
    @Override
    protected Directory filterDirectory(Directory dir, DirContext dirContext) {
        Directory filtered = super.filterDirectory(dir, dirContext);
        if (filtered != dir && dir instanceof EncryptedDirectory encrypted) {
            return new RawWithReadableCommits(filtered, encrypted);
        }
        return filtered;
    }

    /** Raw bytes, except the commit files Lucene itself reads (segments_N), decrypted. */
    static final class RawWithReadableCommits extends org.apache.lucene.store.FilterDirectory {

        private final EncryptedDirectory encrypted;

        RawWithReadableCommits(Directory raw, EncryptedDirectory encrypted) {
            super(raw);
            this.encrypted = encrypted;
        }

        @Override
        public org.apache.lucene.store.ChecksumIndexInput openChecksumInput(String name, org.apache.lucene.store.IOContext context)
                throws IOException {
            return encrypted.openChecksumInput(name, context);
        }
    }

    /**
     * Through the directory's own rename: a chunk is bound to its file's name, so the standard
     * factory's rename of the raw file would make it unreadable.
     */
    @Override
    public void renameWithOverwrite(Directory dir, String fileName, String toName) throws IOException {
        if (!(dir instanceof EncryptedDirectory)) {
            super.renameWithOverwrite(dir, fileName, toName);
            return;
        }
        try {
            dir.deleteFile(toName);
        } catch (NoSuchFileException e) {
            // nothing to overwrite
        }
        dir.rename(fileName, toName);
    }
}

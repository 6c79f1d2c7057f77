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
     * Replication reads files through the decrypting directory, not the raw one Solr hands it by
     * default: it reads the commit's file list ({@code SegmentInfos.readCommit}) and the files' checksums
     * as Lucene files, which only the decrypting view can give, and a replica that needs a full copy
     * (one that missed more than peer sync replays) would otherwise never recover. The receiving replica
     * writes through its own encrypting directory, so its files are encrypted as the leader's; between
     * the two nodes the bytes travel inside the cluster's TLS. Backups still copy the raw encrypted
     * bytes.
     */
    @Override
    protected Directory filterDirectory(Directory dir, DirContext dirContext) {
        if (dirContext == DirContext.REPLICATION && dir instanceof EncryptedDirectory) {
            return dir;
        }
        return super.filterDirectory(dir, dirContext);
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

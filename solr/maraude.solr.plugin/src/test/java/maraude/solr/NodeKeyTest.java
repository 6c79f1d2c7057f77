package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.lucene.store.Directory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.IndexInput;
import org.apache.lucene.store.IndexOutput;
import org.apache.solr.common.SolrException;
import org.apache.solr.common.util.NamedList;
import org.apache.solr.core.DirectoryFactory.DirContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.crypto.KdfParams;
import maraude.archive.crypto.WrongPassphraseException;
import maraude.solr.crypto.EncryptingDirectoryFactory;
import maraude.solr.crypto.NodeKey;

/** The node key and the encrypting directory factory, without a cluster. */
class NodeKeyTest {

    /** Cheap key derivation for tests: the real parameters take seconds per key. */
    static final KdfParams CHEAP_KDF = new KdfParams(1, 1024, 1);

    @TempDir
    Path dir;

    private static char[] envPassphrase() {
        return System.getenv(NodeKey.DEFAULT_PASSPHRASE_ENV).toCharArray();
    }

    @Test
    void theKeyIsUnwrappedOnceFromTheEnvironment() {
        Path keys = dir.resolve("keys"); //$NON-NLS-1$
        NodeKey.create(keys, envPassphrase(), CHEAP_KDF);
        assertTrue(NodeKey.exists(keys));
        assertSame(NodeKey.of(keys, NodeKey.DEFAULT_PASSPHRASE_ENV), NodeKey.of(keys, NodeKey.DEFAULT_PASSPHRASE_ENV));
    }

    @Test
    void aWrongPassphraseUnlocksNothing() {
        Path keys = dir.resolve("other"); //$NON-NLS-1$
        NodeKey.create(keys, "another team's long passphrase 42".toCharArray(), CHEAP_KDF); //$NON-NLS-1$
        assertThrows(WrongPassphraseException.class, () -> NodeKey.of(keys, NodeKey.DEFAULT_PASSPHRASE_ENV));
    }

    @Test
    void aMissingKeyOrPassphraseStopsTheFactory() {
        Path keys = dir.resolve("keys"); //$NON-NLS-1$
        NamedList<Object> args = new NamedList<>();
        args.add("keyFolder", keys.toString()); //$NON-NLS-1$
        SolrException noKey = assertThrows(SolrException.class, () -> new EncryptingDirectoryFactory().init(args.clone()));
        assertTrue(noKey.getMessage().contains("no node key"), noKey.getMessage()); //$NON-NLS-1$
        NodeKey.create(keys, envPassphrase(), CHEAP_KDF);
        NamedList<Object> noEnv = args.clone();
        noEnv.add("passphraseEnv", "MARAUDE_TEST_NO_SUCH_VARIABLE"); //$NON-NLS-1$ //$NON-NLS-2$
        SolrException noPass = assertThrows(SolrException.class, () -> new EncryptingDirectoryFactory().init(noEnv));
        assertTrue(noPass.getMessage().contains("MARAUDE_TEST_NO_SUCH_VARIABLE"), noPass.getMessage()); //$NON-NLS-1$
        assertFalse(noPass.getMessage().contains(new String(envPassphrase())));
    }

    @Test
    void indexFilesAreWrittenEncryptedAndReadBack() throws IOException {
        Path keys = dir.resolve("keys"); //$NON-NLS-1$
        NodeKey.create(keys, envPassphrase(), CHEAP_KDF);
        NamedList<Object> args = new NamedList<>();
        args.add("keyFolder", keys.toString()); //$NON-NLS-1$
        EncryptingDirectoryFactory f = new EncryptingDirectoryFactory();
        f.init(args);
        Path index = dir.resolve("index"); //$NON-NLS-1$
        Directory d = f.get(index.toString(), DirContext.DEFAULT, "native"); //$NON-NLS-1$
        try {
            try (IndexOutput out = d.createOutput("_0.fdt", IOContext.DEFAULT)) { //$NON-NLS-1$
                out.writeString("rendez-vous au parc xylophone"); //$NON-NLS-1$
            }
            f.renameWithOverwrite(d, "_0.fdt", "_1.fdt"); //$NON-NLS-1$ //$NON-NLS-2$
            try (IndexInput in = d.openInput("_1.fdt", IOContext.DEFAULT)) { //$NON-NLS-1$
                assertEquals("rendez-vous au parc xylophone", in.readString()); //$NON-NLS-1$
            }
            String raw = new String(Files.readAllBytes(index.resolve("_1.fdt")), StandardCharsets.ISO_8859_1); //$NON-NLS-1$
            assertFalse(raw.contains("xylophone")); //$NON-NLS-1$
        } finally {
            f.release(d);
            f.close();
        }
    }
}

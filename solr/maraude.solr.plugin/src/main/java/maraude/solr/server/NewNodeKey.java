package maraude.solr.server;

import java.nio.file.Path;

import maraude.archive.crypto.KdfParams;
import maraude.solr.crypto.NodeKey;

/**
 * {@code java -cp "lib/*" maraude.solr.server.NewNodeKey FOLDER}: creates a production cluster's node
 * key folder (a fresh random data key wrapped under the passphrase in {@code MARAUDE_SOLR_PASSPHRASE},
 * never an argument), to be copied to every node. Refuses to replace an existing key (exit 2).
 */
public final class NewNodeKey {

    private NewNodeKey() {
    }

    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: NewNodeKey FOLDER (passphrase in " + NodeKey.DEFAULT_PASSPHRASE_ENV + ")"); //$NON-NLS-1$ //$NON-NLS-2$
            System.exit(2);
        }
        Path folder = Path.of(args[0]);
        String passphrase = System.getenv(NodeKey.DEFAULT_PASSPHRASE_ENV);
        if (passphrase == null || passphrase.isEmpty()) {
            System.err.println("set the passphrase in " + NodeKey.DEFAULT_PASSPHRASE_ENV); //$NON-NLS-1$
            System.exit(2);
        }
        if (NodeKey.exists(folder)) {
            System.err.println("a node key already exists in " + folder + ": it is kept"); //$NON-NLS-1$ //$NON-NLS-2$
            System.exit(2);
        }
        try {
            NodeKey.create(folder, passphrase.toCharArray(), KdfParams.DEFAULT);
        } catch (RuntimeException e) {
            System.err.println("no node key made (" + e.getClass().getName() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
            System.exit(2);
        }
    }
}

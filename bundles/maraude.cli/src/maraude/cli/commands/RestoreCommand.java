package maraude.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import maraude.archive.crypto.ArchiveBackup;
import maraude.archive.crypto.Keyring;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;

/** {@code restore SRC}: replaces the archive by a backup (checked first; the old files are kept aside). */
public class RestoreCommand implements CliCommand {

    @Override
    public String name() {
        return "restore"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "replace the archive by a backup (the current files are kept in before-restore-*)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] restore SRC\n" //$NON-NLS-1$
                + "  the backup's passphrase from MARAUDE_PASSPHRASE or typed on the terminal; the archive must be closed"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        if (inv.remaining().size() != 1 || inv.remaining().get(0).startsWith("--")) { //$NON-NLS-1$
            throw CliException.usage("restore needs one SRC backup folder"); //$NON-NLS-1$
        }
        Path src = Paths.get(inv.remaining().get(0));
        if (!Files.isDirectory(src)) {
            throw CliException.usage("no such backup folder: " + src); //$NON-NLS-1$
        }
        char[] p = Passphrases.current(src);
        Path before;
        try {
            before = ArchiveBackup.restore(src, inv.archiveFolder(), p);
        } finally {
            Arrays.fill(p, '\0');
        }
        Keyring.shared().lock(); // the restored archive may have another key
        inv.out().println("restored; the previous files are in " + before); //$NON-NLS-1$
        return 0;
    }
}

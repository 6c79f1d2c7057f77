package maraude.cli.commands;

import java.util.Arrays;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.KdfParams;
import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;

/**
 * {@code protect}: encrypts the archive (a new one, or an existing plain one converted in place) under
 * a team passphrase ({@code MARAUDE_NEW_PASSPHRASE} or typed twice).
 */
@Component(service = CliCommand.class)
public class ProtectCommand implements CliCommand {

    @Override
    public String name() {
        return "protect"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "encrypt the archive with a team passphrase (new archive or conversion)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] protect [--json]\n" //$NON-NLS-1$
                + "  passphrase from MARAUDE_NEW_PASSPHRASE or typed twice on the terminal (12 characters or more)"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        inv.noMoreArguments();
        char[] p = Passphrases.fresh(inv.archiveFolder());
        try {
            ArchiveProtection.protect(inv.archiveFolder(), p, KdfParams.DEFAULT);
        } finally {
            Arrays.fill(p, '\0');
        }
        if (inv.json()) {
            inv.printJson(java.util.Map.of("protected", inv.archiveFolder().toAbsolutePath().toString())); //$NON-NLS-1$
        } else {
            inv.out().println("protected: " + inv.archiveFolder().toAbsolutePath()); //$NON-NLS-1$
        }
        return 0;
    }
}

package maraude.cli.commands;

import java.util.Arrays;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.KdfParams;
import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;

/** {@code passphrase}: changes the team passphrase (re-wraps the key; the data is not rewritten). */
@Component(service = CliCommand.class)
public class PassphraseCommand implements CliCommand {

    @Override
    public String name() {
        return "passphrase"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "change the passphrase of a protected archive"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] passphrase [--json]\n" //$NON-NLS-1$
                + "  current from MARAUDE_PASSPHRASE, new from MARAUDE_NEW_PASSPHRASE, else both typed on the terminal"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        inv.noMoreArguments();
        char[] old = Passphrases.current(inv.archiveFolder());
        char[] fresh = null;
        try {
            fresh = Passphrases.fresh(inv.archiveFolder());
            ArchiveProtection.changePassphrase(inv.archiveFolder(), old, fresh, KdfParams.DEFAULT);
        } finally {
            Arrays.fill(old, '\0');
            if (fresh != null) {
                Arrays.fill(fresh, '\0');
            }
        }
        if (inv.json()) {
            inv.printJson(java.util.Map.of("passphraseChanged", inv.archiveFolder().toAbsolutePath().toString())); //$NON-NLS-1$
        } else {
            inv.out().println("passphrase changed"); //$NON-NLS-1$
        }
        return 0;
    }
}

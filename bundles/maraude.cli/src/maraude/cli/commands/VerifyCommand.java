package maraude.cli.commands;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.maintenance.IntegrityCheck;
import maraude.archive.storage.ArchiveStorage;
import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;

/** {@code verify}: reads and checks every byte of the last commit (checksums, encryption tags). */
public class VerifyCommand implements CliCommand {

    @Override
    public String name() {
        return "verify"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "check every file of the archive (damage, tampering); read-only"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] verify"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        inv.noMoreArguments();
        long docs = 0;
        try (ArchiveStorage st = ArchiveProtection.storageFor(inv.archiveFolder())) {
            if (st.indexExists()) {
                docs = IntegrityCheck.verify(st.indexDirectory(), inv.archiveFolder());
            }
        }
        inv.out().println("intact: " + docs + " document(s) checked"); //$NON-NLS-1$ //$NON-NLS-2$
        return 0;
    }
}

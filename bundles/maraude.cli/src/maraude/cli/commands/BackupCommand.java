package maraude.cli.commands;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveBackup;
import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.crypto.KdfParams;
import maraude.archive.crypto.Keyring;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;

/** {@code backup DEST}: a consistent, encrypted, checked copy, also while the workbench is writing. */
@Component(service = CliCommand.class)
public class BackupCommand implements CliCommand {

    @Override
    public String name() {
        return "backup"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "write an encrypted snapshot of the archive to a new folder (works while in use)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] backup DEST [--json]\n" //$NON-NLS-1$
                + "  DEST must not exist (or be empty). A protected archive is copied as is (same passphrase);\n" //$NON-NLS-1$
                + "  a plain one is encrypted with MARAUDE_NEW_PASSPHRASE or a passphrase typed twice."; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        if (inv.remaining().size() != 1 || inv.remaining().get(0).startsWith("--")) { //$NON-NLS-1$
            throw CliException.usage("backup needs one DEST folder"); //$NON-NLS-1$
        }
        Path dest = Paths.get(inv.remaining().get(0));
        char[] p = ArchiveProtection.isProtected(inv.archiveFolder()) ? null : Passphrases.fresh(inv.archiveFolder());
        ArchiveBackup.Result r;
        try {
            r = ArchiveBackup.backup(inv.archiveFolder(), dest, Keyring.shared(), p, KdfParams.DEFAULT);
        } finally {
            if (p != null) {
                Arrays.fill(p, '\0');
            }
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("backup", r.destination().toAbsolutePath().toString()); //$NON-NLS-1$
        doc.put("indexFiles", r.indexFiles()); //$NON-NLS-1$
        doc.put("attachments", r.attachments()); //$NON-NLS-1$
        doc.put("documents", r.documents()); //$NON-NLS-1$
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            doc.forEach((k, v) -> inv.out().println(k + ": " + v)); //$NON-NLS-1$
        }
        return 0;
    }
}

package maraude.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Arrays;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveBackup;
import maraude.archive.crypto.Keyring;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;

/** {@code restore SRC}: replaces the archive by a backup (checked first; the old files are kept aside). */
@Component(service = CliCommand.class)
public class RestoreCommand implements CliCommand {

    @Override
    public String name() {
        return "restore"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "replace the archive by a backup (checked before and after; the former files are then deleted)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] restore SRC [--json]\n" //$NON-NLS-1$
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
        ArchiveBackup.Restored r;
        try {
            r = ArchiveBackup.restore(src, inv.archiveFolder(), p);
        } finally {
            Arrays.fill(p, '\0');
        }
        Keyring.shared().lock(); // the restored archive may have another key
        java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
        doc.put("restored", inv.archiveFolder().toAbsolutePath().toString()); //$NON-NLS-1$
        doc.put("documents", r.documents()); //$NON-NLS-1$
        doc.put("attachments", r.attachments()); //$NON-NLS-1$
        // only a backup made before side files were carried leaves the former archive aside
        doc.put("setAside", r.setAside() == null ? null : r.setAside().toString()); //$NON-NLS-1$
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            doc.forEach((k, v) -> {
                if (v != null) {
                    inv.out().println(k + ": " + v); //$NON-NLS-1$
                }
            });
        }
        return 0;
    }
}

package maraude.cli.commands;

import java.util.LinkedHashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveStats;

/** {@code info}: where the archive is and what it holds. Read-only: works while the workbench is open. */
@Component(service = CliCommand.class)
public class InfoCommand implements CliCommand {

    @Override
    public String name() {
        return "info"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "archive path and counts of contacts, conversations, messages"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] info [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        inv.noMoreArguments();
        ArchiveStats stats;
        try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
            stats = archive.stats();
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("archive", inv.archiveName()); //$NON-NLS-1$
        doc.put("contacts", stats.contacts()); //$NON-NLS-1$
        doc.put("conversations", stats.conversations()); //$NON-NLS-1$
        doc.put("messages", stats.messages()); //$NON-NLS-1$
        doc.put("attachments", stats.attachments()); //$NON-NLS-1$
        if (inv.json()) {
            inv.printJson(doc);
        } else {
            doc.forEach((k, v) -> inv.out().println(k + ": " + v)); //$NON-NLS-1$
        }
        return 0;
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }
}

package maraude.cli.commands;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.maintenance.ArchiveErasure;
import maraude.archive.maintenance.Retention;
import maraude.archive.storage.ArchiveStorage;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/** {@code forget CONTACT_ID}: the right to be forgotten, for one contact. */
@Component(service = CliCommand.class)
public class ForgetCommand implements CliCommand {

    /** The CLI asks nothing: on a team archive, where everyone's data goes, the script must say so. */
    static final String TEAM_NEEDS_YES = "on a team archive the erasure is for the whole team and cannot be undone:" //$NON-NLS-1$
            + " add --yes to confirm"; //$NON-NLS-1$

    @Override
    public String name() {
        return "forget"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "erase a contact: messages, conversations, attachments (index rewritten)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR|solr+https://HOST:PORT/COLLECTION] forget CONTACT_ID [--yes] [--json]\n" //$NON-NLS-1$
                + "  CONTACT_ID as shown by search/show --json; a local archive must be closed\n" //$NON-NLS-1$
                + "  on a team archive the erasure is on the servers, for every worker: --yes is required"; //$NON-NLS-1$
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        boolean yes = inv.flag("--yes"); //$NON-NLS-1$
        if (inv.remaining().size() != 1 || inv.remaining().get(0).startsWith("--")) { //$NON-NLS-1$
            throw CliException.usage("forget needs one CONTACT_ID"); //$NON-NLS-1$
        }
        String id = inv.remaining().get(0);
        Retention.Result r;
        if (inv.teamAddress() != null) {
            if (!yes) {
                throw CliException.usage(TEAM_NEEDS_YES);
            }
            try (Archive archive = inv.openArchive(AccessMode.READ_WRITE)) {
                r = ArchiveErasure.forget(archive, id);
            }
        } else {
            try (ArchiveStorage st = ArchiveProtection.storageFor(inv.archiveFolder())) {
                r = Retention.forgetContact(st, id);
            }
        }
        if (r.contacts() == 0 && r.messages() == 0) {
            throw CliException.usage("no such contact in the archive"); //$NON-NLS-1$
        }
        if (inv.json()) {
            inv.printJson(r.counts());
        } else {
            inv.out().println(r.messages() + " message(s), " + r.conversations() + " conversation(s), " //$NON-NLS-1$ //$NON-NLS-2$
                    + r.attachments() + " attachment(s) erased"); //$NON-NLS-1$
        }
        return 0;
    }
}

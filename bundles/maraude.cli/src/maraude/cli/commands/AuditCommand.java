package maraude.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.archive.maintenance.AuditTrail;
import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.AuditLog;

/**
 * {@code audit}: the audit trail (events and counts only), with whether its chain is intact. A local
 * archive's trail is read from its folder without opening the archive (no passphrase needed); a team
 * archive's from the servers ({@link AuditTrail#of}), with the acting user of each entry.
 */
@Component(service = CliCommand.class)
public class AuditCommand implements CliCommand {

    @Override
    public String name() {
        return "audit"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "show the audit trail (imports, exports, reveals, purges, erasures, backups, locks)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR|solr+https://HOST:PORT/COLLECTION] audit [--json]\n" //$NON-NLS-1$
                + "  on a team archive: the servers' trail, read by the team lead or the admin"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        inv.noMoreArguments();
        List<AuditLog.Entry> entries;
        boolean team = inv.teamAddress() != null;
        if (team) {
            try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
                entries = AuditTrail.of(archive).read();
            }
        } else {
            entries = AuditTrail.at(inv.archiveFolder()).read();
        }
        boolean intact = entries.stream().allMatch(AuditLog.Entry::chained);
        if (inv.json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (AuditLog.Entry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("time", e.time() == null ? null : e.time().toString()); //$NON-NLS-1$
                m.put("event", e.event()); //$NON-NLS-1$
                if (team) {
                    m.put("user", e.user()); //$NON-NLS-1$
                }
                m.put("counts", e.counts()); //$NON-NLS-1$
                m.put("chained", e.chained()); //$NON-NLS-1$
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("intact", intact); //$NON-NLS-1$
            doc.put("entries", list); //$NON-NLS-1$
            inv.printJson(doc);
        } else {
            for (AuditLog.Entry e : entries) {
                inv.out().println(e.time() + "  " + e.event() + (e.user() == null ? "" : "  " + e.user()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + (e.counts().isEmpty() ? "" : "  " + e.counts()) //$NON-NLS-1$ //$NON-NLS-2$
                        + (e.chained() ? "" : "  (chain broken)")); //$NON-NLS-1$ //$NON-NLS-2$
            }
            if (!intact) {
                inv.out().println("WARNING: the audit trail was edited or truncated"); //$NON-NLS-1$
            }
        }
        return intact ? 0 : 2;
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }
}

package maraude.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;

import maraude.archive.maintenance.AuditTrail;
import maraude.cli.CliCommand;
import maraude.cli.CliInvocation;

/** {@code audit}: the audit trail (events and counts only), with whether its chain is intact. */
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
        return "maraude [--archive DIR] audit [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        inv.noMoreArguments();
        List<AuditTrail.Entry> entries = AuditTrail.read(inv.archiveFolder());
        boolean intact = entries.stream().allMatch(AuditTrail.Entry::chained);
        if (inv.json()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (AuditTrail.Entry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("time", e.time() == null ? null : e.time().toString()); //$NON-NLS-1$
                m.put("event", e.event()); //$NON-NLS-1$
                m.put("counts", e.counts()); //$NON-NLS-1$
                m.put("chained", e.chained()); //$NON-NLS-1$
                list.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("intact", intact); //$NON-NLS-1$
            doc.put("entries", list); //$NON-NLS-1$
            inv.printJson(doc);
        } else {
            for (AuditTrail.Entry e : entries) {
                inv.out().println(e.time() + "  " + e.event() + (e.counts().isEmpty() ? "" : "  " + e.counts()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + (e.chained() ? "" : "  (chain broken)")); //$NON-NLS-1$ //$NON-NLS-2$
            }
            if (!intact) {
                inv.out().println("WARNING: the audit trail was edited or truncated"); //$NON-NLS-1$
            }
        }
        return intact ? 0 : 2;
    }
}

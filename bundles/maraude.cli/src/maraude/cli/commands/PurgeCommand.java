package maraude.cli.commands;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.maintenance.ArchiveErasure;
import maraude.archive.maintenance.Retention;
import maraude.archive.maintenance.RetentionPolicy;
import maraude.archive.storage.ArchiveStorage;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;

/** {@code purge --older-than PERIOD}: retention; erased bytes leave the files (segments rewritten). */
@Component(service = CliCommand.class)
public class PurgeCommand implements CliCommand {

    @Override
    public String name() {
        return "purge"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "delete messages older than a period (retention), rewriting the index"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR|solr+https://...] purge (--older-than PERIOD | --retention) [--now INSTANT] [--yes] [--json]\n" //$NON-NLS-1$
                + "  PERIOD: 24m (months), 2y (years), 90d (days) or ISO P2Y6M\n" //$NON-NLS-1$
                + "  --retention: the team's per-platform policy, keys retention_<platform>=PERIOD (and\n" //$NON-NLS-1$
                + "  retention_default) in team.properties beside the archive\n" //$NON-NLS-1$
                + "  The archive must be closed (the workbench applies the policy itself while open).\n" //$NON-NLS-1$
                + "  On a team archive: on the servers, with --yes; --retention applies the team's policy kept on the\n" //$NON-NLS-1$
                + "  servers (set by the team lead: retention --set), the same for every worker"; //$NON-NLS-1$
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }

    static Period period(String v) throws CliException {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("p")) { //$NON-NLS-1$
                return Period.parse(s.toUpperCase(Locale.ROOT));
            }
            int n = Integer.parseInt(s.substring(0, s.length() - 1));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return switch (s.charAt(s.length() - 1)) {
                case 'd' -> Period.ofDays(n);
                case 'm' -> Period.ofMonths(n);
                case 'y' -> Period.ofYears(n);
                default -> throw new NumberFormatException();
            };
        } catch (RuntimeException e) {
            throw CliException.usage("--older-than expects 24m, 2y, 90d or P2Y6M, not " + v); //$NON-NLS-1$
        }
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        boolean retention = inv.flag("--retention"); //$NON-NLS-1$
        java.util.Optional<String> older = inv.option("--older-than"); //$NON-NLS-1$
        if (retention == older.isPresent()) {
            throw CliException.usage("purge needs either --older-than PERIOD or --retention"); //$NON-NLS-1$
        }
        boolean yes = inv.flag("--yes"); //$NON-NLS-1$
        Instant now = inv.now();
        inv.noMoreArguments();
        var doc = new java.util.LinkedHashMap<String, Object>();
        Retention.Result r;
        String what;
        if (inv.teamAddress() != null && retention) {
            // the team's one policy on the servers (retention --set, by the lead), never a worker's team.properties
            if (!yes) {
                throw CliException.usage(ForgetCommand.TEAM_NEEDS_YES);
            }
            try (maraude.core.archive.Archive archive = inv.openArchive(maraude.core.archive.AccessMode.READ_WRITE)) {
                RetentionPolicy policy = RetentionCommand.teamPolicy(archive);
                var cutoffs = new java.util.LinkedHashMap<String, Object>();
                policy.cutoffs(now, ZoneId.systemDefault()).forEach((p, c) -> cutoffs.put(p.key(), c.toString()));
                doc.put("cutoffs", cutoffs); //$NON-NLS-1$
                what = policy.isEmpty() ? "no team retention policy (retention --set): everything kept;" //$NON-NLS-1$
                        : "team retention " + cutoffs + ":"; //$NON-NLS-1$ //$NON-NLS-2$
                r = ArchiveErasure.apply(archive, policy, now, ZoneId.systemDefault());
            }
        } else if (inv.teamAddress() != null) {
            Period p = period(older.get());
            if (!yes) {
                throw CliException.usage(ForgetCommand.TEAM_NEEDS_YES);
            }
            Instant cutoff = now.atZone(ZoneId.systemDefault()).minus(p).toInstant();
            doc.put("cutoff", cutoff.toString()); //$NON-NLS-1$
            what = "before " + cutoff + ":"; //$NON-NLS-1$ //$NON-NLS-2$
            try (maraude.core.archive.Archive archive = inv.openArchive(maraude.core.archive.AccessMode.READ_WRITE)) {
                r = ArchiveErasure.purge(archive, cutoff);
            }
        } else {
            try (ArchiveStorage st = ArchiveProtection.storageFor(inv.archiveFolder())) {
                if (retention) {
                    RetentionPolicy policy = RetentionPolicy.load(st.files());
                    var cutoffs = new java.util.LinkedHashMap<String, Object>();
                    policy.cutoffs(now, ZoneId.systemDefault()).forEach((p, c) -> cutoffs.put(p.key(), c.toString()));
                    doc.put("cutoffs", cutoffs); //$NON-NLS-1$
                    what = policy.isEmpty() ? "no retention_* key in team.properties: everything kept;" //$NON-NLS-1$
                            : "retention " + cutoffs + ":"; //$NON-NLS-1$ //$NON-NLS-2$
                    r = Retention.apply(st, policy, now, ZoneId.systemDefault());
                } else {
                    Period p = period(older.get());
                    Instant cutoff = now.atZone(ZoneId.systemDefault()).minus(p).toInstant();
                    doc.put("cutoff", cutoff.toString()); //$NON-NLS-1$
                    what = "before " + cutoff + ":"; //$NON-NLS-1$ //$NON-NLS-2$
                    r = Retention.purgeOlderThan(st, cutoff);
                }
            }
        }
        if (inv.json()) {
            doc.putAll(r.counts());
            inv.printJson(doc);
        } else {
            inv.out().println(what + " " + r.messages() + " message(s), " + r.conversations() //$NON-NLS-1$ //$NON-NLS-2$
                    + " conversation(s), " + r.contacts() + " contact(s), " + r.attachments() + " attachment(s) erased"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        return 0;
    }
}

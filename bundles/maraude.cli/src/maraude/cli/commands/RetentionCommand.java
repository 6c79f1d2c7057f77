package maraude.cli.commands;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.service.component.annotations.Component;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.maintenance.ArchiveRetentionPolicy;
import maraude.archive.maintenance.RetentionPolicy;
import maraude.archive.storage.ArchiveStorage;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/**
 * {@code retention}: the retention policy that {@code purge --retention} applies. A local archive's is the
 * {@code retention_*} keys of {@code team.properties} beside it (shown here, edited there or in the
 * workbench's preferences); a team archive's is kept on the servers ({@link ArchiveRetentionPolicy}), read
 * by every worker and set with {@code --set} / {@code --clear} by the team lead or the admin.
 */
@Component(service = CliCommand.class)
public class RetentionCommand implements CliCommand {

    @Override
    public String name() {
        return "retention"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "show the retention policy; on a team archive, the lead sets the team's (--set)"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR|solr+https://HOST:PORT/COLLECTION] retention [--set KEY=PERIOD]... [--clear] [--json]\n" //$NON-NLS-1$
                + "  KEY: default or a platform (whatsapp, telegram...; the retention_ prefix may be given)\n" //$NON-NLS-1$
                + "  PERIOD: 24m (months), 2y (years), 90d (days) or ISO P2Y6M\n" //$NON-NLS-1$
                + "  without --set: the policy purge --retention applies (local: team.properties beside the archive)\n" //$NON-NLS-1$
                + "  on a team archive, --set replaces the team's whole policy and --clear removes it (everything\n" //$NON-NLS-1$
                + "  kept): the team lead or the admin only; a local archive's policy is edited in team.properties"; //$NON-NLS-1$
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }

    /**
     * The team archive's policy on the servers, for {@code purge --retention} too.
     *
     * @throws CliException usage when the archive keeps no policy or the stored one is not valid
     */
    static RetentionPolicy teamPolicy(Archive archive) throws CliException {
        ArchiveRetentionPolicy place = ArchiveRetentionPolicy.of(archive)
                .orElseThrow(() -> CliException.usage("this archive keeps no retention policy of its own")); //$NON-NLS-1$
        try {
            return place.retentionPolicy();
        } catch (IllegalArgumentException e) {
            throw CliException.usage("the team's retention policy: " + e.getMessage()); //$NON-NLS-1$
        }
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> set = inv.options("--set"); //$NON-NLS-1$
        boolean clear = inv.flag("--clear"); //$NON-NLS-1$
        inv.noMoreArguments();
        if (clear && !set.isEmpty()) {
            throw CliException.usage("retention takes --set KEY=PERIOD or --clear, not both"); //$NON-NLS-1$
        }
        boolean change = clear || !set.isEmpty();
        Map<String, String> settings = new TreeMap<>();
        for (String s : set) {
            int eq = s.indexOf('=');
            if (eq <= 0 || eq == s.length() - 1) {
                throw CliException.usage("--set expects KEY=PERIOD, e.g. default=2y or whatsapp=90d, not " + s); //$NON-NLS-1$
            }
            String key = s.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            settings.put(key.startsWith(RetentionPolicy.KEY_PREFIX) ? key : RetentionPolicy.KEY_PREFIX + key, s.substring(eq + 1).strip());
        }
        RetentionPolicy policy;
        if (inv.teamAddress() != null) {
            if (change) {
                try {
                    RetentionPolicy.parse(settings); // refused here first: nothing is sent
                } catch (IllegalArgumentException e) {
                    throw CliException.usage(e.getMessage());
                }
            }
            try (Archive archive = inv.openArchive(AccessMode.READ_ONLY)) {
                if (change) {
                    ArchiveRetentionPolicy.of(archive)
                            .orElseThrow(() -> CliException.usage("this archive keeps no retention policy of its own")) //$NON-NLS-1$
                            .setRetentionSettings(settings);
                }
                policy = teamPolicy(archive);
            }
        } else {
            if (change) {
                throw CliException.usage("a local archive's policy is the retention_* keys of team.properties beside it" //$NON-NLS-1$
                        + " (or the workbench's preferences); --set and --clear are for a team archive"); //$NON-NLS-1$
            }
            try (ArchiveStorage st = ArchiveProtection.storageFor(inv.archiveFolder())) {
                policy = RetentionPolicy.load(st.files());
            }
        }
        Map<String, Object> periods = new LinkedHashMap<>();
        policy.periods().forEach((p, period) -> periods.put(p.key(), period.toString()));
        if (inv.json()) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("archive", inv.archiveName()); //$NON-NLS-1$
            doc.put("team", inv.teamAddress() != null); //$NON-NLS-1$
            doc.put("changed", change); //$NON-NLS-1$
            doc.put("periods", periods); //$NON-NLS-1$
            inv.printJson(doc);
        } else if (periods.isEmpty()) {
            inv.out().println("no retention policy: everything is kept"); //$NON-NLS-1$
        } else {
            periods.forEach((p, period) -> inv.out().println(p + "  " + period)); //$NON-NLS-1$
        }
        return 0;
    }
}

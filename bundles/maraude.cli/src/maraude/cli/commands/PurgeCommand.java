package maraude.cli.commands;

import java.time.Instant;
import java.time.Period;
import java.time.ZoneId;
import java.util.Locale;

import maraude.archive.crypto.ArchiveProtection;
import maraude.archive.maintenance.Retention;
import maraude.archive.storage.ArchiveStorage;
import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;

/** {@code purge --older-than PERIOD}: retention; erased bytes leave the files (segments rewritten). */
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
        return "maraude [--archive DIR] purge --older-than PERIOD [--now INSTANT] [--json]\n" //$NON-NLS-1$
                + "  PERIOD: 24m (months), 2y (years), 90d (days) or ISO P2Y6M; the archive must be closed"; //$NON-NLS-1$
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
        String older = inv.option("--older-than") //$NON-NLS-1$
                .orElseThrow(() -> CliException.usage("purge needs --older-than PERIOD")); //$NON-NLS-1$
        Period p = period(older);
        Instant now = inv.now();
        inv.noMoreArguments();
        Instant cutoff = now.atZone(ZoneId.systemDefault()).minus(p).toInstant();
        Retention.Result r;
        try (ArchiveStorage st = ArchiveProtection.storageFor(inv.archiveFolder())) {
            r = Retention.purgeOlderThan(st, cutoff);
        }
        if (inv.json()) {
            var doc = new java.util.LinkedHashMap<String, Object>();
            doc.put("cutoff", cutoff.toString()); //$NON-NLS-1$
            doc.putAll(r.counts());
            inv.printJson(doc);
        } else {
            inv.out().println("before " + cutoff + ": " + r.messages() + " message(s), " + r.conversations() //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    + " conversation(s), " + r.contacts() + " contact(s), " + r.attachments() + " attachment(s) erased"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        return 0;
    }
}

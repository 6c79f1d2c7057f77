package maraude.cli.commands;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import maraude.cli.CliCommand;
import maraude.cli.CliException;
import maraude.cli.CliInvocation;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.imports.ImportService;
import maraude.sources.PullResult;
import maraude.sources.SourceScheduler;
import maraude.sources.SourceState;
import maraude.sources.Sources;

/**
 * {@code pull SOURCE_ID} pulls one source now; {@code pull --due} pulls every source the schedule
 * says is due (for cron or a systemd timer). Exit code 0 when the pulls went through (possibly
 * partially), 2 when a source needs a person (credentials refused, profile stale, unknown id),
 * 1 when a pull failed otherwise (network, server).
 */
@Component(service = CliCommand.class)
public class PullCommand implements CliCommand {

    private ImportService imports;

    /** DS (a mandatory static reference): the import service, which gathers every format registered as a service. */
    @Reference
    public void setImportService(ImportService service) {
        this.imports = service;
    }

    @Override
    public String name() {
        return "pull"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "pull a source now (watched folder, web inbox), or every due source with --due"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] pull SOURCE_ID [--json]\n" //$NON-NLS-1$
                + "maraude [--archive DIR] pull --due [--json]"; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        boolean due = inv.flag("--due"); //$NON-NLS-1$
        List<String> args = inv.remaining();
        if (due != args.isEmpty() || args.size() > 1) {
            throw CliException.usage("pull needs one SOURCE_ID, or --due"); //$NON-NLS-1$
        }
        ImportService service = imports;
        maraude.core.archive.ArchiveFiles files = maraude.archive.crypto.ArchiveProtection.filesFor(inv.archiveFolder());
        SourceScheduler scheduler = Sources.scheduler(files, service, SourcesCommand.credentials(),
                java.time.Clock.systemUTC(), maraude.core.archive.TeamZone.of(files));
        if (!due && scheduler.store().get(args.get(0)).isEmpty()) {
            throw CliException.usage("no source " + args.get(0) + " (see: maraude sources)"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        List<PullResult> results = new ArrayList<>();
        try (Archive archive = inv.openArchive(AccessMode.READ_WRITE)) {
            if (due) {
                results.addAll(scheduler.runDue(archive, new NullProgressMonitor()));
            } else {
                results.add(scheduler.pull(args.get(0), archive, new NullProgressMonitor()));
            }
        }
        int code = 0;
        List<Map<String, Object>> docs = new ArrayList<>();
        for (PullResult r : results) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("source", r.sourceId()); //$NON-NLS-1$
            d.put("state", r.state().key()); //$NON-NLS-1$
            d.put("messages_added", r.added()); //$NON-NLS-1$
            d.put("duplicates_skipped", r.duplicates()); //$NON-NLS-1$
            d.put("items", r.items()); //$NON-NLS-1$
            d.put("problems", r.problems()); //$NON-NLS-1$
            d.put("error", r.error()); //$NON-NLS-1$
            d.put("retry_after", r.retryAfter() == null ? null : r.retryAfter().toString()); //$NON-NLS-1$
            d.put("next_pull", scheduler.store().get(r.sourceId()).map(s -> s.nextPull()) //$NON-NLS-1$
                    .map(Object::toString).orElse(null));
            d.put("cancelled", r.cancelled()); //$NON-NLS-1$
            docs.add(d);
            if (r.state().needsAttention()) {
                code = CliException.USAGE;
            } else if (r.state() == SourceState.FAILING && code == 0) {
                code = CliException.INTERNAL;
            }
        }
        if (inv.json()) {
            inv.printJson(due ? Map.of("pulls", docs) : docs.get(0)); //$NON-NLS-1$
        } else {
            for (Map<String, Object> d : docs) {
                inv.out().println(d.get("source") + ": " + d.get("state") + ", " + d.get("messages_added") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                        + " message(s) added, " + d.get("duplicates_skipped") + " already there" //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        + (d.get("error") != null ? " - " + d.get("error") : "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            }
        }
        return code;
    }
}

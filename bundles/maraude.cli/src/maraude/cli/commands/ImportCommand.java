package maraude.cli.commands;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
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
import maraude.imports.ImportOptions;
import maraude.imports.ImportProblem;
import maraude.imports.ImportReport;
import maraude.imports.ImportService;

/**
 * {@code import PATH...}: exports (files, folders, zips) into the archive. Exit code 0 when the
 * import ran (problems are listed in the report, {@code errors} apart from {@code warnings}), 2 when
 * errors left nothing read from the inputs ({@link ImportReport#failed()}: warnings never count, and
 * an idempotent re-import ends as the first import did), or a path does not exist.
 */
@Component(service = CliCommand.class)
public class ImportCommand implements CliCommand {

    private ImportService imports;

    /** DS (a mandatory static reference): the import service, which gathers every format registered as a service. */
    @Reference
    public void setImportService(ImportService service) {
        this.imports = service;
    }

    @Override
    public String name() {
        return "import"; //$NON-NLS-1$
    }

    @Override
    public String summary() {
        return "import exports: WhatsApp, SMS backup, mbox/eml, Telegram, Facebook/Instagram, Signal, saved inbox pages"; //$NON-NLS-1$
    }

    @Override
    public String usage() {
        return "maraude [--archive DIR] import PATH... [--us NAME_OR_NUMBER]... [--json]\n" //$NON-NLS-1$
                + "  --us names the service's own numbers, account names or addresses, so that our messages are\n" //$NON-NLS-1$
                + "  outbound; remembered per source for the next imports."; //$NON-NLS-1$
    }

    @Override
    public int run(CliInvocation inv) throws Exception {
        List<String> us = inv.options("--us"); //$NON-NLS-1$
        List<Path> paths = new ArrayList<>();
        for (String a : inv.remaining()) {
            if (a.startsWith("--")) { //$NON-NLS-1$
                throw CliException.usage("unknown option: " + a); //$NON-NLS-1$
            }
            Path p = Paths.get(a);
            if (!Files.exists(p)) {
                throw CliException.usage("no such file or folder: " + a); //$NON-NLS-1$
            }
            paths.add(p);
        }
        if (paths.isEmpty()) {
            throw CliException.usage("import needs at least one PATH"); //$NON-NLS-1$
        }
        ImportService service = imports;
        ImportReport report;
        try (Archive archive = inv.openArchive(AccessMode.READ_WRITE)) {
            // exports that write local times without a zone are read in the team's zone, as the workbench does
            ImportOptions options = ImportOptions.defaults().withUs(new LinkedHashSet<>(us))
                    .withZone(maraude.core.archive.TeamZone.of(archive.files()));
            // a run killed half-way still gets its audit line, at the next open, from what it committed
            maraude.archive.maintenance.ImportAudit.begin(archive);
            report = service.importPaths(archive, paths, options, new NullProgressMonitor());
            // the archive's own trail: its folder's file, or the servers' for a team archive (acting user)
            maraude.archive.maintenance.ImportAudit.end(archive, Map.of("files", (long) report.files(), //$NON-NLS-1$
                    "messages", (long) report.messagesAdded(), "attachments", (long) report.attachments())); //$NON-NLS-1$ //$NON-NLS-2$
        }
        if (inv.json()) {
            inv.out().println(report.toJson());
        } else {
            inv.out().println(report.files() + " file(s), " + report.conversations() + " conversation(s), " //$NON-NLS-1$ //$NON-NLS-2$
                    + report.messagesAdded() + " message(s) added, " + report.duplicatesSkipped() //$NON-NLS-1$
                    + " already there, " + report.attachments() + " attachment(s)" //$NON-NLS-1$ //$NON-NLS-2$
                    + (report.unchangedFiles() > 0 ? ", " + report.unchangedFiles() + " unchanged file(s) skipped" : "")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            for (ImportProblem p : report.failures()) {
                inv.out().println("  error " + p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.reason()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            }
            for (ImportProblem p : report.warnings()) {
                inv.out().println("  warning " + p.file() + (p.line() > 0 ? ":" + p.line() : "") + ": " + p.reason()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            }
        }
        return report.failed() ? CliException.USAGE : 0;
    }

    @Override
    public boolean worksOnTeamArchive() {
        return true;
    }
}

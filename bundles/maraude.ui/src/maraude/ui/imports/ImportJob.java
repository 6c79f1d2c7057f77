package maraude.ui.imports;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;

import maraude.core.archive.Archive;
import maraude.imports.ImportOptions;
import maraude.imports.ImportReport;
import maraude.imports.ImportService;
import maraude.ui.JobFamilies;

/**
 * Runs an import with progress and cancel. The service commits whole batches only, so cancelling
 * leaves the archive at its last commit; importing the same files again adds what was missing.
 */
public class ImportJob extends Job {

    private final ImportService service;
    private final Archive archive;
    private final List<Path> paths;
    private final Set<String> us;
    private final Consumer<ImportReport> done;

    public ImportJob(ImportService service, Archive archive, List<Path> paths, Set<String> us, Consumer<ImportReport> done) {
        super(Messages.Import_jobName);
        this.service = service;
        this.archive = archive;
        this.paths = List.copyOf(paths);
        this.us = Set.copyOf(us);
        this.done = done;
        setUser(true);
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        ImportReport report = service.importPaths(archive, paths,
                ImportOptions.defaults().withUs(us).withZone(maraude.core.archive.TeamZone.of(archive.files())), monitor);
        done.accept(report);
        return report.cancelled() ? Status.CANCEL_STATUS : Status.OK_STATUS;
    }

    @Override
    public boolean belongsTo(Object family) {
        return JobFamilies.belongsTo(family, JobFamilies.IMPORT);
    }
}

package maraude.imports;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;

import org.eclipse.osgi.util.NLS;

import maraude.core.model.StableIds;
import maraude.imports.internal.ImportContainer;
import maraude.imports.internal.Quarantine;

/**
 * What an importer may use besides its sink: options, who "us" is, problem reporting, the
 * quarantine for unparsed parts, and cancellation.
 */
public final class ImportContext {

    private final ImportOptions options;
    private final Set<String> us = new HashSet<>();
    private final Consumer<ImportProblem> problems;
    private final Quarantine quarantine;
    private final IProgressMonitor monitor;

    /**
     * @param us         our names, numbers and addresses (matched after handle normalization)
     * @param quarantine where unparsed parts go; null keeps nothing (previews, tests)
     */
    public ImportContext(ImportOptions options, Set<String> us, Consumer<ImportProblem> problems, Quarantine quarantine,
            IProgressMonitor monitor) {
        this.options = options;
        for (String u : us) {
            if (u != null && !u.isBlank()) {
                this.us.add(StableIds.normalizeHandle(u));
            }
        }
        this.problems = problems;
        this.quarantine = quarantine;
        this.monitor = monitor == null ? new NullProgressMonitor() : monitor;
    }

    /** A context for tests and previews: problems collected in {@code into}, no quarantine. */
    public static ImportContext collecting(ImportOptions options, List<ImportProblem> into) {
        return new ImportContext(options, options.us(), into::add, null, null);
    }

    public ImportOptions options() {
        return options;
    }

    public ImportLimits limits() {
        return options.limits();
    }

    public java.time.ZoneId zone() {
        return options.zone();
    }

    /** Whether a name, number or address (plain, "Name &lt;addr&gt;" not parsed here) is ours. */
    public boolean isUs(String nameOrHandle) {
        if (nameOrHandle == null || nameOrHandle.isBlank() || us.isEmpty()) {
            return false;
        }
        return us.contains(StableIds.normalizeHandle(maraude.imports.internal.TextNormalizer.stripBidi(nameOrHandle)));
    }

    public boolean hasUs() {
        return !us.isEmpty();
    }

    /** The first of our names, for outbound lines whose export does not name the author. */
    public void problem(ImportFile file, long line, long offset, String code, String reason) {
        problems.accept(new ImportProblem(file.name(), line, offset, code, reason));
    }

    /**
     * The file of the export that {@code ref} (an attachment's name or path) refers to from
     * {@code from}. A reference that leads out of the imported folder or zip ("..", an absolute
     * path, a symbolic link to elsewhere) is refused and reported against {@code line}; the
     * answer says so, for importers that otherwise report a missing attachment.
     */
    public ImportContainer.Located locate(ImportFile from, String ref, long line) {
        ImportContainer c = from.container();
        if (c == null) {
            return ImportContainer.Located.NONE;
        }
        ImportContainer.Located l = c.locate(from, ref);
        if (l.outside()) {
            problem(from, line, -1, "outside-folder", //$NON-NLS-1$
                    NLS.bind(Messages.problemOutsideFolder, ImportContainer.printable(ref)));
        }
        return l;
    }

    /** Keeps an unparsed part so that nothing the user gave is lost. */
    public void quarantine(ImportFile file, long line, String text) {
        if (quarantine != null) {
            quarantine.keep(file, line, text);
        }
    }

    /** Keeps a whole file that could not be read. */
    public void quarantineFile(ImportFile file) {
        if (quarantine != null) {
            quarantine.keepFile(file);
        }
    }

    public void checkCanceled() {
        if (monitor.isCanceled()) {
            throw new OperationCanceledException();
        }
    }
}

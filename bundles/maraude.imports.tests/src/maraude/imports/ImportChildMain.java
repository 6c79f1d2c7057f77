package maraude.imports;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/**
 * Child JVM of {@link KilledImportTest}: imports {@code args[1]} into the archive {@code args[0]} in
 * batches of {@code args[2]} messages, printing "COMMITTED" after each commit (the import service
 * sets the task name after each one), so that the parent can kill it between two.
 */
public final class ImportChildMain {

    private ImportChildMain() {
    }

    public static void main(String[] args) throws Exception {
        ImportService service = TestImports.service();
        service.setBatchSize(Integer.parseInt(args[2]));
        try (Archive a = new LuceneArchiveFactory().open(Path.of(args[0]), AccessMode.READ_WRITE)) {
            service.importPaths(a, List.of(Path.of(args[1])), ImportOptions.defaults(), new NullProgressMonitor() {
                @Override
                public void setTaskName(String name) {
                    System.out.println("COMMITTED"); //$NON-NLS-1$
                    System.out.flush();
                    try {
                        Thread.sleep(200); // time for the parent to kill while the next batch is being read
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
        }
        System.out.println("DONE"); //$NON-NLS-1$
    }
}

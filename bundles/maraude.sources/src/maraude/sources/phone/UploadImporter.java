package maraude.sources.phone;

import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;

import maraude.core.archive.Archive;
import maraude.imports.ImportOptions;
import maraude.imports.ImportReport;
import maraude.imports.ImportService;

/** What the phone drop does with a received file: import it (like any file) and say what it did. */
@FunctionalInterface
public interface UploadImporter {

    ImportReport importUpload(Path file) throws Exception;

    /** Imports through {@code service} into {@code archive}. */
    static UploadImporter into(Archive archive, ImportService service, ImportOptions options) {
        return file -> service.importPaths(archive, List.of(file), options, new NullProgressMonitor());
    }
}

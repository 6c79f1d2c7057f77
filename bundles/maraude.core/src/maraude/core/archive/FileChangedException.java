package maraude.core.archive;

import java.io.IOException;

/**
 * A conditional write of a side file ({@link ArchiveFiles#writeIfVersion}) was refused because the
 * file changed since the version the writer read (another worker saved it meanwhile): nothing was
 * written. The message names the file only.
 */
public class FileChangedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String fileName;

    public FileChangedException(String fileName, Throwable cause) {
        super(fileName + " changed meanwhile", cause); //$NON-NLS-1$
        this.fileName = fileName;
    }

    /** The side file's relative name. */
    public String fileName() {
        return fileName;
    }
}

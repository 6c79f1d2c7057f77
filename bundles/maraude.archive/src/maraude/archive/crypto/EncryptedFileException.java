package maraude.archive.crypto;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.osgi.util.NLS;

/** An encrypted file outside the index (attachment, side file) is damaged or was altered. */
public class EncryptedFileException extends IOException {

    private static final long serialVersionUID = 1L;

    public EncryptedFileException(Path file, String why) {
        super(NLS.bind(Messages.Protection_fileDamaged, file, why));
    }
}

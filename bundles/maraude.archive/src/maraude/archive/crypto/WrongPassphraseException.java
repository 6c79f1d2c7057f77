package maraude.archive.crypto;

import maraude.core.archive.ArchiveException;

/**
 * The passphrase does not unlock this archive. Of kind {@link ArchiveException.Kind#BAD_INPUT} so that
 * existing callers show its message as a user error; nothing was opened.
 */
public class WrongPassphraseException extends ArchiveException {

    private static final long serialVersionUID = 1L;

    public WrongPassphraseException(String message) {
        super(Kind.BAD_INPUT, message);
    }
}

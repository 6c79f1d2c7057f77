package maraude.core.triage;

/** The triage state file cannot be read or written; the message names the file (and line:column). */
public class TriageStoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public TriageStoreException(String message, Throwable cause) {
        super(message, cause);
    }
}

package maraude.core.triage;

/**
 * A change to the shared triage state was made from a view that another worker changed meanwhile
 * ({@link TriageStates}): nothing was written, the other change stands, and the view is up to date
 * again. The message says so in the user's language; the caller shows it and lets the worker decide.
 */
public class TriageConflictException extends TriageStoreException {

    private static final long serialVersionUID = 1L;

    public TriageConflictException(String message, Throwable cause) {
        super(message, cause);
    }
}

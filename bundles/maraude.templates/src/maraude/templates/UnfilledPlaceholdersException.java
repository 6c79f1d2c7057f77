package maraude.templates;

import java.util.List;

/** Copying is blocked while a placeholder has no value; the message lists them for the worker. */
public class UnfilledPlaceholdersException extends Exception {

    private static final long serialVersionUID = 1L;

    private final List<String> missing;

    public UnfilledPlaceholdersException(List<String> missing) {
        super(Messages.format(missing.size() == 1 ? Messages.Placeholders_unfilledOne : Messages.Placeholders_unfilledMany,
                String.join(", ", missing.stream().map(n -> "{" + n + "}").toList()))); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }
}

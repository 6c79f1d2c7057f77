package maraude.templates;

/**
 * One outing risk in an outgoing text: {@code kind} is {@code revealing_word}, {@code worker_name}
 * or {@code revealing_link}; {@code start}/{@code end} are offsets in the checked text.
 */
public record Finding(String kind, int start, int end, String message, String suggestion) {

    public static final String REVEALING_WORD = "revealing_word"; //$NON-NLS-1$
    public static final String WORKER_NAME = "worker_name"; //$NON-NLS-1$
    public static final String REVEALING_LINK = "revealing_link"; //$NON-NLS-1$
}

package maraude.core.archive;

/** A range of a message's text, {@code start} inclusive, {@code end} exclusive, in chars of that text. */
public record TextRange(int start, int end) {

    public TextRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad range " + start + ".." + end); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    public int length() {
        return end - start;
    }
}

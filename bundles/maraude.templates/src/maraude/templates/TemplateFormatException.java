package maraude.templates;

/** A template file or evaluation file that cannot be read; the message names the file and the line. */
public class TemplateFormatException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String source;
    private final long line;
    private final long column;

    public TemplateFormatException(String source, long line, long column, String detail) {
        this(source, line, column, detail, null);
    }

    public TemplateFormatException(String source, long line, long column, String detail, Throwable cause) {
        super(Messages.format(Messages.TemplateFormat_error, source, Long.toString(line), Long.toString(column),
                detail), cause);
        this.source = source;
        this.line = line;
        this.column = column;
    }

    public String source() {
        return source;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }
}

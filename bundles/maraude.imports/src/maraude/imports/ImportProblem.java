package maraude.imports;

/**
 * One thing that could not be imported as is: the file (as shown to the user, "export.zip!/chat.txt"),
 * the 1-based line (0 when unknown) or byte offset (-1 when unknown), a stable {@code code} tests and
 * tools can match, and a translated reason. Never carries message text.
 */
public record ImportProblem(String file, long line, long offset, String code, String reason) {

    /** "file:line", "file@offset" or "file". */
    public String where() {
        if (line > 0) {
            return file + ':' + line;
        }
        return offset >= 0 ? file + '@' + offset : file;
    }
}

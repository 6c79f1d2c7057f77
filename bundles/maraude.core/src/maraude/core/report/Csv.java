package maraude.core.report;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.regex.Pattern;

/**
 * CSV cells and lines for spreadsheets, one rule for every file Maraude writes: a cell a spreadsheet
 * would run as a formula (starting with =, +, -, @, a tab or a carriage return) gets a leading
 * apostrophe, since names and notes are typed by people and may come from hostile exports; a plain
 * number (-12, 3.5) stays a number. Lines end with CRLF, as RFC 4180 and spreadsheets expect.
 */
public final class Csv {

    private static final String FORMULA_STARTS = "=+-@\t\r"; //$NON-NLS-1$
    private static final Pattern NUMBER = Pattern.compile("[-+]?\\d+(\\.\\d+)?"); //$NON-NLS-1$

    private final char separator;
    private final boolean quoteAll;

    /**
     * @param separator {@code ,} or {@code ;} (what French and Belgian spreadsheet settings expect)
     * @param quoteAll  every cell in quotes, or only those that need them
     */
    public Csv(char separator, boolean quoteAll) {
        this.separator = separator;
        this.quoteAll = quoteAll;
    }

    /** {@code value} with a formula defused; null is the empty cell. */
    public static String defuse(String value) {
        String v = value == null ? "" : value; //$NON-NLS-1$
        if (!v.isEmpty() && FORMULA_STARTS.indexOf(v.charAt(0)) >= 0 && !NUMBER.matcher(v).matches()) {
            return "'" + v; //$NON-NLS-1$
        }
        return v;
    }

    /** One cell: defused, then quoted when asked or needed (separator, quote, line break). */
    public String cell(String value) {
        String v = defuse(value);
        if (quoteAll || v.indexOf(separator) >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + v.replace("\"", "\"\"") + '"'; //$NON-NLS-1$ //$NON-NLS-2$
        }
        return v;
    }

    /** Writes one line of cells and its CRLF. */
    public void line(Writer w, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                w.write(separator);
            }
            w.write(cell(cells.get(i)));
        }
        w.write("\r\n"); //$NON-NLS-1$
    }
}

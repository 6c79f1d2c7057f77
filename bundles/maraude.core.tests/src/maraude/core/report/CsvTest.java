package maraude.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void everyFormulaStartIsDefusedWhateverTheQuoting() {
        for (String formula : List.of("=1+1", "+33 cmd", "-2+3", "@SUM(A1)", "\t=1", "\r=1")) {
            assertEquals("'", RegisterCsv.cell(formula).substring(1, 2), formula);
            assertEquals('\'', unquote(new Csv(',', false).cell(formula)).charAt(0), formula);
        }
    }

    @Test
    void numbersStayNumbersAndPlainTextIsUntouched() {
        Csv loose = new Csv(',', false);
        assertEquals("-12", loose.cell("-12"));
        assertEquals("+3.5", loose.cell("+3.5"));
        assertEquals("Luna", loose.cell("Luna"));
        assertEquals("", loose.cell(null));
        assertEquals("'-", loose.cell("-"));
    }

    @Test
    void quotesWhenAskedOrNeededForTheSeparatorInUse() throws Exception {
        Csv semicolons = new Csv(';', false);
        assertEquals("a,b", semicolons.cell("a,b"));
        assertEquals("\"a;b\"", semicolons.cell("a;b"));
        assertEquals("\"two\nlines\"", semicolons.cell("two\nlines"));
        assertEquals("\"x\"", new Csv(';', true).cell("x"));
        StringWriter w = new StringWriter();
        new Csv(',', false).line(w, Arrays.asList("say \"hi\"", null, "=cmd"));
        assertEquals("\"say \"\"hi\"\"\",,'=cmd\r\n", w.toString());
    }

    private static String unquote(String cell) {
        return cell.startsWith("\"") ? cell.substring(1, cell.length() - 1) : cell;
    }
}

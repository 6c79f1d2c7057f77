package maraude.archive.analysis;

import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

/**
 * The folding of {@link ASCIIFoldingFilter} ({@code dépistage} → {@code depistage}, {@code ß} →
 * {@code ss}), through a table instead of its switch of some 1,400 cases, which ran on every token
 * with an accent: most of French. The table is filled at class loading from
 * {@link ASCIIFoldingFilter#foldToASCII(char[], int, char[], int, int)} itself, one char at a time (it
 * folds each char on its own, without context), so both give the same terms for every input; a test
 * compares them on every char. A token with single-char foldings only is folded in place.
 */
public final class FoldingFilter extends TokenFilter {

    /** What each char folds to when that is one char (itself when unchanged), 0 when it folds to several. */
    private static final char[] SINGLE = new char[Character.MAX_VALUE + 1];
    /** The chars that fold to several chars (ligatures, ß, enclosed numbers…), about a hundred of them. */
    private static final Map<Character, char[]> MULTI = new HashMap<>();

    static {
        char[] in = new char[1];
        char[] out = new char[4];
        for (int c = 0; c <= Character.MAX_VALUE; c++) {
            if (c < 0x80) {
                SINGLE[c] = (char) c;
                continue;
            }
            in[0] = (char) c;
            int n = ASCIIFoldingFilter.foldToASCII(in, 0, out, 0, 1);
            if (n == 1) {
                SINGLE[c] = out[0];
            } else {
                SINGLE[c] = 0;
                MULTI.put((char) c, Arrays.copyOf(out, n));
            }
        }
    }

    private final CharTermAttribute termAtt = addAttribute(CharTermAttribute.class);
    private char[] output = new char[64];

    public FoldingFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        char[] buffer = termAtt.buffer();
        int length = termAtt.length();
        for (int i = 0; i < length; i++) {
            char c = buffer[i];
            if (c < 0x80) {
                continue;
            }
            char f = SINGLE[c];
            if (f == 0) {
                foldFrom(buffer, i, length);
                return true;
            }
            buffer[i] = f;
        }
        return true;
    }

    /** Folds a token holding a char that folds to several, from {@code start} (what is before is done). */
    private void foldFrom(char[] buffer, int start, int length) {
        if (output.length < 4 * length) {
            output = new char[4 * length];
        }
        System.arraycopy(buffer, 0, output, 0, start);
        int n = start;
        for (int i = start; i < length; i++) {
            char c = buffer[i];
            char f = c < 0x80 ? c : SINGLE[c];
            if (f != 0) {
                output[n++] = f;
            } else {
                char[] several = MULTI.get(c);
                System.arraycopy(several, 0, output, n, several.length);
                n += several.length;
            }
        }
        termAtt.copyBuffer(output, 0, n);
    }
}

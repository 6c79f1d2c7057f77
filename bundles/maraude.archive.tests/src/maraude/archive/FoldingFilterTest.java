package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.WhitespaceTokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.junit.jupiter.api.Test;

import maraude.archive.analysis.FoldingFilter;

/** The table-driven folding gives exactly the terms of Lucene's {@link ASCIIFoldingFilter}. */
class FoldingFilterTest {

    @Test
    void everyCharFoldsAsLucenesFilterFoldsIt() throws IOException {
        StringBuilder text = new StringBuilder();
        int tokens = 0;
        for (int c = 0x21; c <= Character.MAX_VALUE; c++) {
            if (Character.isWhitespace(c) || Character.isSurrogate((char) c)) {
                continue;
            }
            // "x" before and after: the char in the middle of a token, as in "dépistage"
            text.append('x').append((char) c).append("x "); //$NON-NLS-1$
            tokens++;
        }
        List<String> ours = terms(text.toString(), FoldingFilter::new);
        List<String> lucene = terms(text.toString(), ASCIIFoldingFilter::new);
        assertEquals(tokens, lucene.size());
        assertEquals(lucene, ours);
        assertEquals(List.of("xssx", "xaex", "xex"), terms("xßx xæx xéx", FoldingFilter::new)); //$NON-NLS-1$
    }

    @Test
    void mixedTokensFoldAlike() throws IOException {
        // accents, ligatures and enclosed numbers (several chars each), emoji (surrogates), other scripts
        String alphabet = "abcdeéèêëàâäçîïôöùûüœæßÆŒ①⑴ﬀﬁ½ăâîșțşţãõáíóúñ😀🙏🏽Жжαβم0123456789-_'’"; //$NON-NLS-1$
        Random random = new Random(20_261_128L);
        StringBuilder text = new StringBuilder();
        for (int t = 0; t < 20_000; t++) {
            int len = 1 + random.nextInt(24);
            for (int i = 0; i < len; i++) {
                text.appendCodePoint(alphabet.codePointAt(alphabet.offsetByCodePoints(0,
                        random.nextInt(alphabet.codePointCount(0, alphabet.length())))));
            }
            text.append(' ');
        }
        List<String> lucene = terms(text.toString(), ASCIIFoldingFilter::new);
        assertEquals(20_000, lucene.size());
        assertEquals(lucene, terms(text.toString(), FoldingFilter::new));
    }

    private static List<String> terms(String text, Function<TokenStream, TokenStream> filter) throws IOException {
        Tokenizer tokenizer = new WhitespaceTokenizer(1024);
        tokenizer.setReader(new StringReader(text));
        List<String> out = new ArrayList<>();
        try (TokenStream ts = filter.apply(tokenizer)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }
}

package maraude.templates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.TruncateTokenFilter;
import org.apache.lucene.analysis.ngram.NGramTokenFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * One analysis chain for every language, because inbound messages mix languages, drop accents and
 * misspell: lower-case, accent folding, elision ({@code l'}, {@code j'}…), multilingual stop words,
 * then per field either the whole word ({@link Mode#WORD}), a five-letter prefix that acts as a
 * language-neutral stemmer ({@link Mode#PREFIX}: capote/capotes, preservatif/preservativo), or
 * character trigrams that survive typos ({@link Mode#GRAM}).
 */
final class MatchAnalyzer extends Analyzer {

    enum Mode {
        WORD, PREFIX, GRAM
    }

    static final int PREFIX_LENGTH = 5;

    private static final CharArraySet ELISION = new CharArraySet(
            Arrays.asList("l", "d", "j", "m", "n", "s", "t", "c", "qu"), true); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$
    private static final CharArraySet STOP = loadStopWords();

    private final Mode mode;

    MatchAnalyzer(Mode mode) {
        this.mode = mode;
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer source = new StandardTokenizer();
        TokenStream s = new LowerCaseFilter(source);
        s = new ElisionFilter(s, ELISION);
        s = new ASCIIFoldingFilter(s);
        s = new StopFilter(s, STOP);
        s = new LengthFilter(s, 2, 40);
        switch (mode) {
        case PREFIX -> s = new TruncateTokenFilter(s, PREFIX_LENGTH);
        case GRAM -> s = new NGramTokenFilter(s, 3, 3, false);
        default -> {
            // whole folded word
        }
        }
        return new TokenStreamComponents(source, s);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new ASCIIFoldingFilter(new LowerCaseFilter(in));
    }

    static boolean isStopWord(String folded) {
        return STOP.contains(folded);
    }

    private static CharArraySet loadStopWords() {
        CharArraySet set = new CharArraySet(512, true);
        try (InputStream in = MatchAnalyzer.class.getClassLoader().getResourceAsStream("lang/stopwords.txt")) { //$NON-NLS-1$
            if (in == null) {
                throw new IllegalStateException("missing bundled resource lang/stopwords.txt"); //$NON-NLS-1$
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#")) { //$NON-NLS-1$
                    continue;
                }
                for (String w : line.trim().split("\\s+")) { //$NON-NLS-1$
                    if (!w.isEmpty()) {
                        set.add(TextFolding.fold(w));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return CharArraySet.unmodifiableSet(set);
    }

    static List<String> fields() {
        return List.of("w", "p", "g"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }
}

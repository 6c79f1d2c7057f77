package maraude.archive.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.util.ElisionFilter;

/**
 * Analysis of free text (message bodies, names), the same at index and query time.
 * <ol>
 * <li>{@link StandardTokenizer} (UAX#29 word breaks): keeps emoji sequences as tokens of their own
 * (👍🏽, ❤️), keeps words in any script whole (Cyrillic, Arabic, mixed Latin/Cyrillic look-alikes),
 * splits CJK per ideogram.</li>
 * <li>lower case, then French elision ({@code l'}, {@code d'}, {@code qu'}, with ' or ’);</li>
 * <li>ASCII folding: {@code dépistage} and {@code depistage} meet, as do {@code informații} and
 * {@code informatii};</li>
 * <li>{@link FrenchLightStemFilter}: light and conservative; it mostly strips plural and gender endings,
 * which also normalises most plurals of Dutch, English, Spanish, Portuguese and Romanian ({@code
 * préservatifs} → {@code preservatif}, {@code condooms} → {@code condom}, {@code jeringas} →
 * {@code jeringa}). Stemming applies on both sides, so over-stemming a foreign word costs little.</li>
 * </ol>
 * No stop words: outreach messages are short and every word counts ("pas", "not" matter).
 */
public final class TextAnalyzer extends Analyzer {

    /** Longer tokens (base64 blobs, URLs without breaks) are split by the tokenizer, never dropped. */
    private static final int MAX_TOKEN_LENGTH = 255;

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        tokenizer.setMaxTokenLength(MAX_TOKEN_LENGTH);
        TokenStream ts = new LowerCaseFilter(tokenizer);
        ts = new ElisionFilter(ts, FrenchAnalyzer.DEFAULT_ARTICLES);
        ts = new FoldingFilter(ts);
        ts = new FrenchLightStemFilter(ts);
        return new TokenStreamComponents((Tokenizer) tokenizer, ts);
    }

    /** Prefix and wildcard terms are not stemmed (they are partial words) but are folded like the text. */
    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new FoldingFilter(new LowerCaseFilter(in));
    }
}

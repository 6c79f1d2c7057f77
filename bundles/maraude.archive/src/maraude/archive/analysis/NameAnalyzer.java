package maraude.archive.analysis;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Names, pseudonyms and handles: word breaks, lower case and accent folding as {@link TextAnalyzer},
 * but no stemming ({@code Lola} and {@code Lolas} are different people) and no elision.
 */
public final class NameAnalyzer extends Analyzer {

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer tokenizer = new StandardTokenizer();
        TokenStream ts = new FoldingFilter(new LowerCaseFilter(tokenizer));
        return new TokenStreamComponents(tokenizer, ts);
    }

    @Override
    protected TokenStream normalize(String fieldName, TokenStream in) {
        return new FoldingFilter(new LowerCaseFilter(in));
    }
}

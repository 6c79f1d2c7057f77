package maraude.solr.analysis;

import java.util.Map;

import org.apache.lucene.analysis.TokenFilterFactory;
import org.apache.lucene.analysis.TokenStream;

import maraude.archive.analysis.FoldingFilter;

/**
 * The archive's accent folding ({@link FoldingFilter}) as a Solr/Lucene filter factory, for a schema
 * that builds its own chain ({@code <filter name="maraudeFolding"/>}). The configset itself uses the
 * archive's whole analyzers ({@code <analyzer class="maraude.archive.analysis.TextAnalyzer"/>}), so the
 * two cannot drift; this factory is for teams that extend the schema with fields of their own.
 */
public final class FoldingFilterFactory extends TokenFilterFactory {

    /** The SPI name. */
    public static final String NAME = "maraudeFolding"; //$NON-NLS-1$

    public FoldingFilterFactory(Map<String, String> args) {
        super(args);
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("Unknown parameters: " + args); //$NON-NLS-1$
        }
    }

    /** For the SPI loader only. */
    public FoldingFilterFactory() {
        throw defaultCtorException();
    }

    @Override
    public TokenStream create(TokenStream input) {
        return new FoldingFilter(input);
    }

    @Override
    public TokenStream normalize(TokenStream input) {
        return new FoldingFilter(input);
    }
}

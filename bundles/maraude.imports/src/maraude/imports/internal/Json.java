package maraude.imports.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.imports.ImportLimits;

/** Jackson set up for hostile input: bounded nesting, string and document sizes. */
public final class Json {

    private Json() {
    }

    public static ObjectMapper mapper(ImportLimits limits) {
        JsonFactory f = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(limits.maxNestingDepth())
                        .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxDocumentBytes()))
                        .maxDocumentLength(-1).build())
                .build();
        return new ObjectMapper(f);
    }
}

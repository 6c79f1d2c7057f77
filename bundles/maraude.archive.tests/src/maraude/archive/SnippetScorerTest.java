package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/** The snippet scorer without a hash gives Lucene's own passage scores. */
class SnippetScorerTest {

    private static final String[] TERMS = { "preservatif", "depistage", "gel", "test", "hebergement" };

    @Test
    void scoresEveryPassageAsLucenesDefaultScorer() {
        PassageScorer lucene = new PassageScorer();
        PassageScorer ours = new Snippets.DistinctTermsScorer();
        Random r = new Random(7);
        int compared = 0;
        for (int round = 0; round < 2000; round++) {
            Passage p = new Passage();
            int start = r.nextInt(500);
            p.setStartOffset(start);
            int offset = start;
            int matches = r.nextInt(8);
            for (int i = 0; i < matches; i++) {
                offset += 1 + r.nextInt(30);
                int term = r.nextInt(1 + r.nextInt(TERMS.length));
                // a new BytesRef each time, as the highlighter gives: equal terms are not the same object
                p.addMatch(offset, offset + TERMS[term].length(), new BytesRef(TERMS[term]), 1 + term + r.nextInt(3));
            }
            p.setEndOffset(offset + 20);
            int contentLength = p.getEndOffset() + r.nextInt(2000);
            assertEquals(lucene.score(p, contentLength), ours.score(p, contentLength), 1e-6f, p.toString());
            compared += matches > 1 ? 1 : 0;
        }
        assertTrue(compared > 1000);
    }
}

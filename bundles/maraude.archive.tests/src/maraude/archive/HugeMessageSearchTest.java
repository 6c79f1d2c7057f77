package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.model.Direction;
import maraude.core.model.Platform;

/**
 * What a search returns stays small whatever is in the archive: a huge message of short lines (no
 * sentence end, so one "passage") gives a capped snippet, and a query nested 20,000 parentheses deep
 * is searched instead of overflowing the stack.
 */
class HugeMessageSearchTest {

    @Test
    void snippetOfAHugeMessageIsCapped(@TempDir Path tmp) throws Exception {
        StringBuilder huge = new StringBuilder();
        for (int i = 0; huge.length() < 3_000_000; i++) {
            huge.append("ligne ").append(i).append(" preservatif gel test\n");
        }
        try (LuceneArchive a = LuceneArchive.open(tmp, AccessMode.READ_WRITE)) {
            TestData.Thread t = TestData.thread(a, Platform.SMS, "+32470000001", "Luna");
            a.addMessage(TestData.msg(t, Direction.INBOUND, TestData.T0, huge.toString()));
            a.addMessage(TestData.msg(t, Direction.INBOUND, TestData.T0.plusMinutes(1), "un preservatif svp"));
            a.commit();
            SearchResults r = a.search(SearchQuery.of("preservatif"));
            assertEquals(2, r.totalHits());
            for (SearchHit h : r.hits()) {
                assertTrue(h.snippet().length() <= Snippets.SNIPPET_MAX_CHARS + 3, "snippet of " + h.snippet().length());
                assertTrue(h.snippet().contains("[[preservatif]]"), h.snippet());
            }
        }
    }

    @Test
    void capNeverCutsAHighlightMarker() {
        String open = "x".repeat(Snippets.SNIPPET_MAX_CHARS - 3) + "[[mot]] suite";
        String capped = Snippets.capSnippet(open);
        assertTrue(capped.endsWith("]]…") || capped.endsWith("x…"), capped.substring(capped.length() - 10));
        assertEquals(capped.split("\\[\\[", -1).length, capped.split("]]", -1).length, "markers balanced");
        String longer = "[[" + "y".repeat(2 * Snippets.SNIPPET_MAX_CHARS) + "]]";
        String c2 = Snippets.capSnippet(longer);
        assertTrue(c2.endsWith("]]…"), c2.substring(c2.length() - 10));
        assertTrue(c2.length() <= Snippets.SNIPPET_MAX_CHARS + 3);
        assertEquals("court", Snippets.capSnippet("court"));
    }

    @Test
    void deeplyNestedQueryIsSearchedAsText(@TempDir Path tmp) throws Exception {
        try (LuceneArchive a = LuceneArchive.open(tmp, AccessMode.READ_WRITE)) {
            TestData.Thread t = TestData.thread(a, Platform.SMS, "+32470000001", "Luna");
            a.addMessage(TestData.msg(t, Direction.INBOUND, TestData.T0, "un test de depistage"));
            a.commit();
            String q = "(".repeat(20_000) + "depistage" + ")".repeat(20_000);
            assertEquals(1, a.search(SearchQuery.of(q)).totalHits());
            // shallow nesting is still syntax
            assertEquals(1, a.search(SearchQuery.of("((depistage OR rien) AND test)")).totalHits());
            assertEquals(0, a.search(SearchQuery.of("((depistage AND rien))")).totalHits());
            assertEquals(ArchiveQueryParser.MAX_NESTING + 1,
                    ArchiveQueryParser.nesting("(".repeat(ArchiveQueryParser.MAX_NESTING + 1) + "\"((\"" + ")"));
        }
    }
}

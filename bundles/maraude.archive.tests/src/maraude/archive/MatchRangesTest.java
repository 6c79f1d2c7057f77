package maraude.archive;

import static maraude.archive.TestData.T0;
import static maraude.archive.TestData.msg;
import static maraude.archive.TestData.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import maraude.core.archive.AccessMode;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.archive.TextRange;
import maraude.core.model.Direction;
import maraude.core.model.Platform;

/**
 * What a view highlights is what the search matched: the ranges each hit carries, the archive's
 * matcher for any text of the thread, and the snippet's markers name the same words, with the index's
 * folding (ø, œ, ß, accents) and phone numbers written another way.
 */
class MatchRangesTest {

    @TempDir
    static Path dir;
    static LuceneArchive archive;

    @BeforeAll
    static void fill() {
        archive = (LuceneArchive) new LuceneArchiveFactory().open(dir, AccessMode.READ_WRITE);
        TestData.Thread t = thread(archive, Platform.WHATSAPP, "+32470000002", "Test");
        String[] texts = { "Søren passe demain vers 14h", "Mon cœur, merci pour hier", "Die Straße ist lang, bis später",
                "DÉPISTAGE gratuit jeudi au local", "appelle-moi au 0470 12 34 56 stp", "rdv à la gare Bruxelles-Midi" };
        for (int i = 0; i < texts.length; i++) {
            archive.addMessage(msg(t, Direction.INBOUND, T0.plusMinutes(i), texts[i]));
        }
        archive.commit();
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "soren|Søren",
            "SØREN|Søren",
            "coeur|cœur",
            "cœur|cœur",
            "strasse|Straße",
            "depistage|DÉPISTAGE",
            "dépistage gratuit|DÉPISTAGE,gratuit",
            "+32 470 12 34 56|0470 12 34 56",
            "0470123456|0470 12 34 56",
            "0032470123456|0470 12 34 56",
            "gare -metro|gare" })
    void highlightsAreWhatTheSearchMatched(String query, String expected) {
        SearchResults r = archive.search(SearchQuery.of(query));
        assertEquals(1, r.totalHits(), query);
        SearchHit hit = r.hits().get(0);
        String text = archive.messages(hit.conversationId()).stream().filter(m -> m.id().equals(hit.messageId()))
                .findFirst().orElseThrow().text();
        assertEquals(List.of(expected.split(",")), words(text, hit.matches()), query);
        // a view asks the archive for the other messages of the thread: the same answer
        assertEquals(hit.matches(), archive.matcher(query).in(text), query);
        // and the snippet's markers, on a short message, wrap the same words (a number's digits aside)
        if (!expected.matches(".*\\d.*")) { //$NON-NLS-1$
            assertEquals(words(text, hit.matches()), marked(hit.snippet()), hit.snippet());
        }
    }

    @ParameterizedTest
    @CsvSource({ "soren", "coeur", "0470123456" })
    void textsWithoutTheWordsHaveNoHighlight(String query) {
        assertEquals(List.of(), archive.matcher(query).in("rien à voir ici, 0471 99 88 77"));
        assertFalse(archive.matcher(query).in("Søren, cœur, 0470/12.34.56 et 0470 12 34 56").isEmpty());
    }

    private static List<String> words(String text, List<TextRange> ranges) {
        List<String> out = new ArrayList<>();
        for (TextRange r : ranges) {
            out.add(text.substring(r.start(), r.end()));
        }
        return out;
    }

    private static List<String> marked(String snippet) {
        List<String> out = new ArrayList<>();
        Matcher m = Pattern.compile("\\[\\[(.+?)\\]\\]").matcher(snippet); //$NON-NLS-1$
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}

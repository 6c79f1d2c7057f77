package maraude.archive;

import static maraude.archive.TestData.T0;
import static maraude.archive.TestData.msg;
import static maraude.archive.TestData.thread;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import maraude.core.archive.AccessMode;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;

/** Words, accents, stemming, phone numbers, emoji and scripts, query syntax. */
class SearchAnalysisTest {

    @TempDir
    static Path dir;
    static LuceneArchive archive;
    static String condomMsg, testMsg, phoneMsg, landlineMsg, frenchMobileMsg, emojiMsg, cyrillicMsg, dutchMsg,
            spanishMsg, rdvMsg, roMsg, handleMsg;

    @BeforeAll
    static void fill() {
        archive = LuceneArchive.open(dir, AccessMode.READ_WRITE);
        var amira = thread(archive, Platform.WHATSAPP, "+32 470 98 76 54", "Amira");
        var lena = thread(archive, Platform.AD_INBOX, "lena_bxl", "Léna");
        condomMsg = add(msg(amira, Direction.OUTBOUND, T0, "On peut te déposer des préservatifs et du gel demain."));
        testMsg = add(msg(amira, Direction.INBOUND, T0.plusMinutes(1), "Le test de dépistage c'est où ?"));
        phoneMsg = add(msg(lena, Direction.INBOUND, T0.plusMinutes(2), "Mon autre numéro c'est le 0470 12 34 56, écris là-bas"));
        landlineMsg = add(msg(lena, Direction.OUTBOUND, T0.plusMinutes(3), "Le centre répond au 02 123 45 67 le matin."));
        frenchMobileMsg = add(msg(lena, Direction.INBOUND, T0.plusMinutes(4), "ma copine à Lille: +33 6 12 34 56 78"));
        emojiMsg = add(msg(lena, Direction.INBOUND, T0.plusMinutes(5), "merci 🙏🏽 trop gentille ❤️"));
        cyrillicMsg = add(msg(lena, Direction.INBOUND, T0.plusMinutes(6), "Привет, мне нужна помощь (Pомощь)"));
        dutchMsg = add(msg(amira, Direction.OUTBOUND, T0.plusMinutes(7), "We hebben gratis condooms en glijmiddel."));
        spanishMsg = add(msg(amira, Direction.INBOUND, T0.plusMinutes(8), "Necesito jeringas nuevas por favor"));
        rdvMsg = add(msg(amira, Direction.OUTBOUND, T0.plusMinutes(9), "RDV demain 14h à la permanence"));
        roMsg = add(msg(lena, Direction.INBOUND, T0.plusMinutes(10), "Am nevoie de informații despre testare"));
        handleMsg = add(msg(amira, Direction.INBOUND, T0.plusMinutes(11), "ok à plus"));
        archive.commit();
    }

    private static String add(Message m) {
        assertTrue(archive.addMessage(m));
        return m.id();
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    static Set<String> ids(String query) {
        return archive.search(SearchQuery.of(query)).hits().stream().map(SearchHit::messageId).collect(Collectors.toSet());
    }

    @Test
    void pluralFindsSingularAndBack() {
        assertEquals(Set.of(condomMsg), ids("préservatif"));
        assertEquals(Set.of(condomMsg), ids("PRESERVATIFS"));
        assertEquals(Set.of(dutchMsg), ids("condoom"));
        assertEquals(Set.of(spanishMsg), ids("jeringa"));
    }

    @Test
    void accentsAndCaseDoNotMatter() {
        assertEquals(Set.of(testMsg), ids("depistage"));
        assertEquals(Set.of(testMsg), ids("DÉPISTAGE"));
        assertEquals(Set.of(roMsg), ids("informatii"));
        assertEquals(Set.of(rdvMsg), ids("rdv"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "0470 12 34 56", "0470123456", "+32470123456", "+32 470 12 34 56", "0032 470 12 34 56",
            "0470.12.34.56", "phone:\"0470/12.34.56\"", "32470123456" })
    void phoneNumberFoundWhateverItsSpellingOrPrefix(String query) {
        assertEquals(Set.of(phoneMsg), ids(query));
    }

    @Test
    void otherNumbersAndLandLines() {
        assertEquals(Set.of(), ids("0470 12 34 57"));
        assertEquals(Set.of(landlineMsg), ids("+32 2 123 45 67"));
        assertEquals(Set.of(landlineMsg), ids("021234567"));
        assertEquals(Set.of(frenchMobileMsg), ids("06 12 34 56 78"));
    }

    @Test
    void contactPhoneAndPseudonymFindTheirMessages() {
        Set<String> amira = ids("0470987654");
        assertTrue(amira.contains(handleMsg));
        assertEquals(6, amira.size());
        assertEquals(6, ids("amira").size());
        assertEquals(6, ids("Lena").size());
    }

    @Test
    void emojiAndOtherScriptsSurvive() {
        assertEquals(Set.of(emojiMsg), ids("🙏🏽"));
        assertEquals(Set.of(emojiMsg), ids("❤️"));
        assertEquals(Set.of(cyrillicMsg), ids("привет"));
        // a word mixing a Latin P with Cyrillic letters stays one searchable token
        assertEquals(Set.of(cyrillicMsg), ids("Pомощь"));
        assertEquals(Set.of(cyrillicMsg), ids("ПОМОЩЬ"));
    }

    @Test
    void phrasesPrefixesAndOperators() {
        assertEquals(Set.of(testMsg), ids("\"test de dépistage\""));
        assertEquals(Set.of(), ids("\"dépistage de test\""));
        assertEquals(Set.of(testMsg), ids("dépist*"));
        assertEquals(Set.of(condomMsg, dutchMsg), ids("préservatif OR condoom"));
        assertEquals(Set.of(), ids("préservatif AND condoom"));
        assertEquals(Set.of(condomMsg), ids("gel préservatifs"));
        assertEquals(Set.of(condomMsg), ids("préservatif -glijmiddel"));
        assertEquals(11, ids("NOT préservatif").size());
        assertEquals(Set.of(dutchMsg), ids("text:condoom platform:WHATSAPP"));
    }

    @Test
    void colonsInPlainTextAreText() {
        assertEquals(Set.of(rdvMsg), ids("rdv: demain"));
        assertEquals(Set.of(frenchMobileMsg), ids("Lille:"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"test de", "(préservatif", "préservatif)", "AND", "OR NOT", "*gel", "gel~~", "[a TO",
            "::", "\\", "\"", "préservatif^", "platform:", "{", "&&", "||", "!" })
    void malformedQueriesNeverFail(String query) {
        assertDoesNotThrow(() -> archive.search(SearchQuery.of(query)));
    }

    @Test
    void malformedQueriesStillFindTheirWords() {
        assertEquals(Set.of(condomMsg), ids("(préservatif"));
        assertEquals(Set.of(testMsg), ids("\"test de dépistage"));
    }
}

package maraude.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MessageClassifierTest {

    private static final Instant NOW = Instant.parse("2026-03-10T20:00:00Z");
    private final MessageClassifier c = MessageClassifier.shared();

    private Classification read(String text) {
        return c.classify(text, NOW, NOW);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "merciii | closing", "great thx | closing", "top merci | closing", "dankjewel!! | closing",
            "obrigadaaa | closing", "muchas gracias | closing", "mulțumesc frumos | closing", "ok super | closing",
            "ok merci | closing", "👍 | closing", "❤️❤️ | closing", "👍🏽 | closing",
            "merci ! et vous faites aussi les tests ? | reply", "stop attends, il arrive, je t'écris après | reply",
            "stop even, ik bel je zo terug | reply", "ok ? | reply", "😢 | reply", "merci mais je veux un kit | reply",
            "stop met me te sturen | opt_out", "pas intéressée | opt_out", "STOP | opt_out", "stop svp | opt_out",
            "no me interesa | opt_out", "nao tenho interesse | opt_out", "nu ma intereseaza | opt_out",
            "please stop texting me | opt_out", "ne m'écrivez plus merci | opt_out" })
    void intentOfTrickyMessages(String text, String intent) {
        assertEquals(intent, read(text).intent().key(), text);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "la capote a craqué cette nuit | pep", "condoom gescheurd | pep", "se rompió el condón | pep",
            "camisinha estourou | pep", "prezervativul s-a rupt | pep", "the condom broke | pep",
            "un client m'a frappée | violence", "il m'a frappée, j'ai peur | violence", "een klant heeft me geslagen | violence",
            "les flics ont pris mon passeport | police", "politia mi-a luat pasaportul | police",
            "je saigne beaucoup | health", "no puedo respirar | health" })
    void urgencyInEachLanguage(String text, String kind) {
        Classification r = read(text);
        assertTrue(r.urgent(), text);
        assertEquals(kind, r.urgency().get(0).kind().key(), text);
        assertEquals(Intent.REPLY, r.intent(), "an urgent message always needs a reply");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "je voudrais des capotes svp", "la police se fait passer pour des clients ?",
            "vous avez des préservatifs de taille différente", "merci pour le colis", "mon proprio veut me mettre dehors" })
    void everydayMessagesAreNotUrgent(String text) {
        if (text.contains("police")) {
            // Police is always flagged: the worker judges; the point is that the others are not.
            assertTrue(read(text).urgent());
            return;
        }
        assertFalse(read(text).urgent(), text);
    }

    @Test
    void pepHoursLeftCountFromTheMessageTime() {
        Classification r = c.classify("la capote a pété hier soir", NOW.minus(Duration.ofHours(20)), NOW);
        assertEquals(UrgencyKind.PEP, r.urgency().get(0).kind());
        assertEquals(52, r.urgency().get(0).hoursLeft());
        assertEquals(0, c.classify("condom broke", NOW.minus(Duration.ofDays(4)), NOW).urgency().get(0).hoursLeft());
        assertNull(read("un client m'a frappée").urgency().get(0).hoursLeft(), "hours only for PEP");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = { "il m'a frappée, j'ai peur | fr", "ok super je passe demain matin | fr",
            "ik wil graag een afspraak maken | nl", "can i get some condoms | en", "necesito condones por favor | es",
            "preciso de camisinha vcs mandam | pt", "am nevoie de prezervative | ro", "jsuis pas sur de comprendre | fr" })
    void languageOfShortMessages(String text, String lang) {
        assertEquals(lang, read(text).language(), text);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = { "ok", "👍", "12", "top", "super", "stop", "?" })
    void textsThatCannotTellHaveNoLanguage(String text) {
        assertNull(read(text).language(), text);
    }

    @Test
    void aTeamExtendsTheShippedRules(@TempDir Path dir) throws IOException {
        assertEquals(Intent.REPLY, read("cimer bg").intent());
        Files.writeString(dir.resolve("fr.txt"), "[closing]\ncimer\n[filler]\nbg\n[violence]\nm a cartonn*\n",
                StandardCharsets.UTF_8);
        MessageClassifier team = new MessageClassifier(ClassifierRules.load(dir));
        assertEquals(Intent.CLOSING, team.classify("cimer bg", NOW, NOW).intent());
        assertTrue(team.classify("un mec m'a cartonnée", NOW, NOW).urgent());
        assertEquals(Intent.CLOSING, team.classify("merciii", NOW, NOW).intent(), "shipped lines stay");
    }

    @Test
    void aBrokenTeamFileIsRefusedWithItsLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("nl.txt"), "[closing]\nok\n[nonsense]\nx\n", StandardCharsets.UTF_8);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClassifierRules.load(dir));
        assertTrue(e.getMessage().contains("nl.txt:3"), e.getMessage());
    }

    @Test
    void hostileTextsAreReadInBoundedTime() {
        String huge = "merci ".repeat(200_000) + "?";
        Classification r = read(huge);
        assertEquals(Intent.CLOSING, r.intent(), "only the beginning is read");
        assertEquals(Intent.REPLY, read("").intent());
        assertEquals(Intent.REPLY, read(null).intent());
    }
}

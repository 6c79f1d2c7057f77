package maraude.core.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import maraude.core.classify.ConversationLanguage.Line;
import maraude.core.classify.ConversationLanguage.Source;
import maraude.core.model.Direction;
import maraude.core.model.Message;

class ConversationLanguageTest {

    private final LanguageDetector d = MessageClassifier.shared().detector();

    private static Line in(String t) {
        return new Line(true, t);
    }

    private static Line out(String t) {
        return new Line(false, t);
    }

    @Test
    void aShortLastMessageNeverFlipsTheThread() {
        for (String last : List.of("merciii", "ok super", "ok", "top", "👍", "12", "ok merci", "mersi")) {
            List<Line> t = List.of(out("Bonjour, je suis Camille de l'association, on envoie des colis gratuits."),
                    in("bonjour oui je veux bien un colis svp"), out("Avec plaisir, à quelle adresse ?"), in(last));
            assertEquals("fr", ConversationLanguage.decide(d, t, null, null, null).language(), last);
        }
    }

    @Test
    void eachLanguageSurvivesAShortEnding() {
        String[][] threads = { { "ik wil graag een pakketje met condooms", "top" },
                { "can i get some condoms sent to me please", "ok" },
                { "hola necesito condones me los pueden mandar", "super" },
                { "oi preciso de camisinha vcs mandam pra casa", "ok" },
                { "buna am nevoie de prezervative puteti trimite", "ok merci" },
                { "bonjour je voudrais un colis avec des capotes", "ok" } };
        String[] want = { "nl", "en", "es", "pt", "ro", "fr" };
        for (int i = 0; i < threads.length; i++) {
            List<Line> t = List.of(in(threads[i][0]), in(threads[i][1]));
            assertEquals(want[i], ConversationLanguage.decide(d, t, null, null, null).language(), threads[i][0]);
        }
    }

    @Test
    void thePersonsWordsWeighMoreThanTheService() {
        // The worker opened in French; the person answers in Portuguese: reply in Portuguese.
        List<Line> t = List.of(out("Bonjour, nous sommes une association de santé, on peut t'envoyer un colis gratuit."),
                in("oi nao falo frances, voce fala portugues?"));
        assertEquals("pt", ConversationLanguage.decide(d, t, null, null, null).language());
    }

    @Test
    void mixedLanguagesFollowTheRecentAndTheLonger() {
        List<Line> t = new ArrayList<>();
        t.add(in("hello can you help me with something"));
        t.add(in("je parle mieux français en fait, je suis de Liège"));
        t.add(in("je voudrais un rendez-vous pour un dépistage"));
        t.add(in("thx"));
        assertEquals("fr", ConversationLanguage.decide(d, t, null, null, null).language());
    }

    @Test
    void withoutEvidenceTheContactThenTheTeamThenFrench() {
        List<Line> shortOnly = List.of(in("ok"), in("👍"), in("merci"));
        assertEquals(new ConversationLanguage.Decision("ro", Source.CONTACT, 0),
                ConversationLanguage.decide(d, shortOnly, null, "ro", "nl"));
        assertEquals(Source.TEAM, ConversationLanguage.decide(d, shortOnly, null, null, "nl").source());
        assertEquals("nl", ConversationLanguage.decide(d, shortOnly, null, null, "nl").language());
        assertEquals(new ConversationLanguage.Decision("fr", Source.DEFAULT, 0),
                ConversationLanguage.decide(d, shortOnly, null, null, null));
        assertEquals("fr", ConversationLanguage.decide(d, List.of(), null, null, "xx").language(), "unknown team value");
    }

    @Test
    void theWorkersOverrideWins() {
        List<Line> t = List.of(in("bonjour je voudrais un colis avec des capotes svp"));
        ConversationLanguage.Decision o = ConversationLanguage.decide(d, t, "es", null, null);
        assertEquals("es", o.language());
        assertEquals(Source.OVERRIDE, o.source());
    }

    @Test
    void readingTheWaitingMessagesOfAThread() {
        Instant now = Instant.parse("2026-03-10T20:00:00Z");
        List<Message> t = List.of(msg(Direction.INBOUND, "bonjour vous faites des colis ?", 30),
                msg(Direction.OUTBOUND, "Oui, à quelle adresse ?", 29), msg(Direction.INBOUND, "la capote a craqué hier soir", 10),
                msg(Direction.INBOUND, "merciii", 9));
        ConversationReading r = ConversationReading.read(MessageClassifier.shared(), t, null, null, null, now);
        assertEquals("fr", r.language().language());
        assertEquals(Intent.REPLY, r.intent(), "a closing after an urgent message still needs a reply");
        assertEquals(62, r.pepHoursLeft());

        List<Message> closing = List.of(msg(Direction.INBOUND, "bonjour vous faites des colis ?", 30),
                msg(Direction.OUTBOUND, "Oui, c'est envoyé.", 29), msg(Direction.INBOUND, "merciii", 9),
                msg(Direction.SYSTEM, "Réponse automatique", 8), msg(Direction.INBOUND, "👍", 8));
        assertEquals(Intent.CLOSING, ConversationReading.read(MessageClassifier.shared(), closing, null, null, null, now).intent());

        List<Message> optOut = List.of(msg(Direction.OUTBOUND, "Bonjour, on envoie des colis gratuits.", 30),
                msg(Direction.INBOUND, "pas intéressée", 2));
        assertEquals(Intent.OPT_OUT, ConversationReading.read(MessageClassifier.shared(), optOut, null, null, null, now).intent());
    }

    @Test
    void aThreadWithoutServiceLinesIsReadFromItsNewestWaitingMessages() {
        Instant now = Instant.parse("2026-03-10T20:00:00Z");
        // an export imported without --us: the whole history is inbound, the urgent message recent
        List<Message> t = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            t.add(msg(Direction.INBOUND, "il m'a frappée, j'ai peur", 60));
        }
        t.add(msg(Direction.INBOUND, "bonjour vous faites des colis ?", 40));
        for (int i = 0; i < ConversationReading.MAX_WAITING - 2; i++) {
            t.add(msg(Direction.INBOUND, "ok merci", 30));
        }
        t.add(msg(Direction.INBOUND, "la capote a craqué hier soir", 10));
        ConversationReading r = ConversationReading.read(MessageClassifier.shared(), t, null, null, null, now);
        assertEquals(62, r.pepHoursLeft(), "the newest waiting messages are read");
        assertEquals(Intent.REPLY, r.intent(), "the question at the edge of the window is read");
        assertTrue(r.urgency().stream().noneMatch(u -> u.kind() == UrgencyKind.VIOLENCE),
                "messages older than the newest " + ConversationReading.MAX_WAITING + " waiting ones are not read");
    }

    private static Message msg(Direction d, String text, int hoursAgo) {
        ZonedDateTime at = ZonedDateTime.of(2026, 3, 10, 20, 0, 0, 0, ZoneOffset.UTC).minusHours(hoursAgo);
        return new Message(null, "conv-1", d, at, d == Direction.INBOUND ? "them" : "us", null, text, null, null);
    }
}

package maraude.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import maraude.core.model.Direction;
import maraude.core.model.Message;

class TemplateSuggesterTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 3, 10, 14, 0, 0, 0, ZoneId.of("Europe/Brussels"));
    private static TemplateSuggester suggester;

    @BeforeAll
    static void build() {
        suggester = new TemplateSuggester(TemplateLibrary.loadDefault());
    }

    @AfterAll
    static void close() {
        suggester.close();
    }

    private static List<Suggestion> suggest(String... inbound) {
        return suggester.suggest(List.of(inbound), SuggestionContext.defaults().withNow(NOW));
    }

    @Test
    void brokenCondomRanksPepFirstInFrenchWithReasons() {
        List<Suggestion> s = suggest("au secours la capote a craqué avec un client tout à l'heure");
        assertEquals(3, s.size());
        assertEquals("fr.pep_prep", s.get(0).templateId());
        assertEquals("pep_prep", s.get(0).category());
        assertTrue(s.get(0).reasons().stream().anyMatch(r -> r.contains("capote")), s.get(0).reasons().toString());
        assertTrue(s.get(0).reasons().stream().anyMatch(r -> r.contains(Messages.languageName("fr"))),
                s.get(0).reasons().toString());
        assertTrue(s.get(0).score() >= s.get(1).score() && s.get(1).score() >= s.get(2).score());
    }

    @Test
    void theAnswerFollowsTheLanguageOfTheMessage() {
        assertEquals("es.kit", suggest("hola, me pueden mandar preservativos y lubricante?").get(0).templateId());
        assertEquals("pt.housing", suggest("o dono do apartamento quer me botar na rua").get(0).templateId());
        assertEquals("ro.screening", suggest("as vrea sa fac analize pentru hiv").get(0).templateId());
        assertEquals("nl.permanence", suggest("wat zijn jullie openingsuren?").get(0).templateId());
        assertEquals("en.violence", suggest("a client threatened me with a knife and hit me").get(0).templateId());
    }

    @Test
    void recentMessagesAreReadTogether() {
        List<Suggestion> s = suggest("hello", "can you send me condoms and lube please");
        assertEquals("en.kit", s.get(0).templateId());
    }

    @Test
    void firstContactWhenNothingWasExchanged() {
        SuggestionContext ctx = SuggestionContext.defaults().withNow(NOW).withExchange(false, null);
        List<Suggestion> s = suggester.suggest(List.of(), ctx);
        assertEquals("fr.first_contact", s.get(0).templateId());
        assertTrue(s.get(0).reasons().contains(Messages.Reason_firstContact));
    }

    @Test
    void followUpWhenDueAndNotBefore() {
        SuggestionContext due = SuggestionContext.defaults().withNow(NOW).withExchange(true, NOW.minusDays(120))
                .withConversationLanguage("pt");
        Suggestion s = suggester.suggest(List.of(), due).get(0);
        assertEquals("pt.follow_up", s.templateId());
        assertTrue(s.reasons().get(0).contains("120"), s.reasons().toString());
        SuggestionContext recent = due.withExchange(true, NOW.minusDays(20));
        assertTrue(suggester.suggest(List.of(), recent).stream().noneMatch(x -> x.category().equals("follow_up")));
    }

    @Test
    void reminderWhenAnAppointmentIsAheadWithItsDateFilled() {
        SuggestionContext ctx = SuggestionContext.defaults().withNow(NOW).withAppointment(NOW.plusDays(2))
                .withConversationValues(Map.of("pseudonym", "Luna", "appointment_place", "au bureau"));
        Suggestion s = suggester.suggest(List.of(), ctx).get(0);
        assertEquals("fr.reminder", s.templateId());
        assertTrue(s.text().contains("12/03/2026 14:00"), s.text());
        assertTrue(s.text().startsWith("Bonjour Luna,"), s.text());
        assertEquals(List.of(), s.missingPlaceholders());
        // A past appointment is no reason for a reminder.
        assertTrue(suggester.suggest(List.of(), ctx.withAppointment(NOW.minusDays(1))).stream()
                .noneMatch(x -> x.category().equals("reminder")));
    }

    @Test
    void missingPlaceholdersAreListedInTheSuggestion() {
        Suggestion s = suggest("vous êtes ouverts quand cette semaine ?").get(0);
        assertEquals("fr.permanence", s.templateId());
        assertEquals(List.of("pseudonym", "permanence_hours", "service_address"), s.missingPlaceholders());
        assertTrue(s.text().contains("{permanence_hours}"));
    }

    @Test
    void unreadableTextFallsBackToFrenchDefaults() {
        List<Suggestion> s = suggest("🙂🙂 ???");
        assertEquals(3, s.size());
        s.forEach(x -> assertEquals("fr", x.language()));
    }

    @Test
    void inboundSinceTheLastOutboundMessageIsWhatCounts() {
        String conv = "c1";
        List<Message> msgs = List.of(
                Message.of(conv, Direction.INBOUND, NOW.minusDays(3), "a", null, "hallo wie is dit", List.of(), null),
                Message.of(conv, Direction.OUTBOUND, NOW.minusDays(2), "team", null, "Hallo...", List.of(), null),
                Message.of(conv, Direction.INBOUND, NOW.minusHours(2), "a", null, "mijn huisbaas zet me op straat",
                        List.of(), null),
                Message.of(conv, Direction.SYSTEM, NOW.minusHours(1), "", null, "encryption notice", List.of(), null));
        assertEquals(List.of("mijn huisbaas zet me op straat"), TemplateSuggester.recentInbound(msgs, 5));
        List<Suggestion> s = suggester.suggest(msgs, TeamSettings.empty(), Map.of(), null, NOW);
        assertEquals("nl.housing", s.get(0).templateId());
    }

    @Test
    void limitIsHonoured() {
        assertEquals(1, suggester.suggest(List.of("un colis svp"), SuggestionContext.defaults().withLimit(1)).size());
        assertEquals(5, suggester.suggest(List.of("un colis svp et un test"), SuggestionContext.defaults().withLimit(5))
                .size());
    }

    @Test
    void hostileInboundTextsStillGiveBoundedSuggestions() {
        String huge = "lubrifiant ".repeat(200_000) + "\uD83D\uDE00".repeat(10_000);
        List<Suggestion> s = suggest(huge);
        assertEquals("kit", s.get(0).category());
        assertEquals(3, suggest("\u0000\u0001\uFFFF", "{pseudonym} {{{", "a".repeat(100_000)).size());
        List<String> many = new java.util.ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            many.add("message " + i);
        }
        many.add("wanneer is de volgende bus voor een soa test");
        assertEquals("nl.screening", suggester.suggest(many, SuggestionContext.defaults()).get(0).templateId());
    }
}

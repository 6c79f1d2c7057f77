package maraude.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlaceholdersTest {

    @Test
    void namesInOrderWithoutDuplicates() {
        assertEquals(List.of("pseudonym", "permanence_hours"),
                Placeholders.names("Bonjour {pseudonym}, {permanence_hours} ({pseudonym})"));
    }

    @Test
    void fillsWhatIsKnownAndListsTheRest() {
        Placeholders.Filled f = Placeholders.fill("Le bus passe le {next_bus_date} à {next_bus_place}.",
                Map.of("next_bus_date", "12/05"));
        assertEquals("Le bus passe le 12/05 à {next_bus_place}.", f.text());
        assertEquals(List.of("next_bus_place"), f.missing());
        assertFalse(f.complete());
    }

    @Test
    void blankValuesCountAsMissing() {
        assertEquals(List.of("service_address"),
                Placeholders.fill("{service_address}", Map.of("service_address", "   ")).missing());
    }

    @Test
    void unfilledPlaceholdersBlockCopyingWithAMessageNamingThem() {
        Placeholders.Filled f = Placeholders.fill("{permanence_hours} – {service_address} – {pseudonym}",
                Map.of("pseudonym", "Luna"));
        UnfilledPlaceholdersException e = assertThrows(UnfilledPlaceholdersException.class, f::requireComplete);
        assertEquals(List.of("permanence_hours", "service_address"), e.missing());
        assertTrue(e.getMessage().contains("{permanence_hours}"), e.getMessage());
        assertTrue(e.getMessage().contains("{service_address}"), e.getMessage());
        assertFalse(e.getMessage().contains("{pseudonym}"), e.getMessage());
    }

    @Test
    void completeTextCopies() throws Exception {
        assertEquals("Lundi 14h-17h", Placeholders.fill("{permanence_hours}", Map.of("permanence_hours", "Lundi 14h-17h"))
                .requireComplete());
    }

    @Test
    void valuesAreInsertedLiterallyNeverExpandedAgain() {
        Placeholders.Filled f = Placeholders.fill("{pseudonym} {service_name}",
                Map.of("pseudonym", "{service_name}$1\\", "service_name", "X"));
        assertEquals("{service_name}$1\\ X", f.text());
        assertTrue(f.complete());
    }

    @Test
    void malformedBracesAreFound() {
        assertEquals(-1, Placeholders.firstMalformedBrace("ok {pseudonym} ok"));
        assertEquals(3, Placeholders.firstMalformedBrace("ok {permanence hours}"));
        assertEquals(0, Placeholders.firstMalformedBrace("{pseudonym"));
        assertEquals(3, Placeholders.firstMalformedBrace("ok {pseudonym {pseudonym}"));
        assertEquals(0, Placeholders.firstMalformedBrace("{Pseudonym}"));
        assertEquals(3, Placeholders.firstMalformedBrace("ok }"));
    }

    @Test
    void suggesterTextToCopyUsesSettingsAndConversation() throws Exception {
        TemplateLibrary lib = TemplateLibrary.loadDefault();
        try (TemplateSuggester s = new TemplateSuggester(lib)) {
            SuggestionContext ctx = SuggestionContext.defaults();
            UnfilledPlaceholdersException e = assertThrows(UnfilledPlaceholdersException.class,
                    () -> s.textToCopy("fr.permanence", ctx));
            assertEquals(List.of("pseudonym", "permanence_hours", "service_address"), e.missing());
            SuggestionContext full = ctx
                    .withSettings(new TeamSettings(Map.of("permanence_hours", "mardi 10h-13h", "service_address",
                            "rue Haute 1, Bruxelles")))
                    .withConversationValues(Map.of("pseudonym", "Luna"));
            String text = s.textToCopy("fr.permanence", full);
            assertTrue(text.startsWith("Bonjour Luna,\n"), text);
            assertTrue(text.contains("mardi 10h-13h, à rue Haute 1, Bruxelles"), text);
        }
    }

    @Test
    void teamSettingsFileIsReadAndBadKeysAreReported(@TempDir Path dir) throws Exception {
        Path ok = dir.resolve("team.properties");
        Files.writeString(ok, "permanence_hours = lundi 9h–12h\nservice_address=Rue de l'Été 3\n");
        TeamSettings s = TeamSettings.load(ok);
        assertEquals("lundi 9h–12h", s.get("permanence_hours"));
        assertEquals("Rue de l'Été 3", s.get("service_address"));
        Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "Permanence Hours=x\n");
        TemplateFormatException e = assertThrows(TemplateFormatException.class, () -> TeamSettings.load(bad));
        assertTrue(e.getMessage().contains("bad.properties"), e.getMessage());
    }
}

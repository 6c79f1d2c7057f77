package maraude.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The records are what the CLI prints with --json and what the UI binds to. */
class ServiceAndJsonTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void serviceBuiltByHandServesLibrarySuggesterAndCheck() {
        DefaultTemplateService s = new DefaultTemplateService();
        try {
            assertEquals(60, s.library().templates().size());
            assertSame(s.suggester(), s.suggester());
            assertEquals("fr.kit", s.suggester().suggest(List.of("vous envoyez des capotes ?"), null).get(0).templateId());
            assertEquals(1, s.check("Capotes gratuites", CheckContext.defaults()).size());
        } finally {
            s.deactivate();
        }
    }

    @Test
    void suggestionsAndFindingsSerialiseToJson() throws Exception {
        DefaultTemplateService s = new DefaultTemplateService();
        try {
            Suggestion sug = s.suggester().suggest(List.of("when are you open?"), null).get(0);
            JsonNode n = json.readTree(json.writeValueAsString(sug));
            assertEquals("en.permanence", n.get("templateId").asText());
            assertEquals("permanence", n.get("category").asText());
            assertEquals("en", n.get("language").asText());
            assertTrue(n.get("score").isNumber());
            assertTrue(n.get("reasons").isArray() && n.get("reasons").size() >= 1);
            assertTrue(n.get("text").asText().contains("{permanence_hours}"));
            assertTrue(n.get("missingPlaceholders").isArray());

            Finding f = OutingCheck.check("HIV test", CheckContext.defaults()).get(0);
            JsonNode fn = json.readTree(json.writeValueAsString(f));
            assertEquals(Finding.REVEALING_WORD, fn.get("kind").asText());
            assertEquals(0, fn.get("start").asInt());
            assertEquals(3, fn.get("end").asInt());
        } finally {
            s.deactivate();
        }
    }
}

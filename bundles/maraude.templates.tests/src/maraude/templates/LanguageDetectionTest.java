package maraude.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LanguageDetectionTest {

    private static LanguageDetection detection;

    @BeforeAll
    static void load() {
        detection = new LanguageDetection();
    }

    @Test
    void profilesLoadInsideOsgi() {
        assertNotNull(detection.profileSource());
        assertEquals("fr", detection.detect("Bonjour, je voudrais recevoir un colis s'il vous plaît").language());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "slt c quand le bus|fr",
            "merci beaucoup|fr",
            "hoi, wanneer zijn jullie open?|nl",
            "dank je wel|nl",
            "hi who is this|en",
            "thx a lot|en",
            "hola que tal|es",
            "gracias guapa|es",
            "oi tudo bem|pt",
            "obrigada querida|pt",
            "buna ziua|ro",
            "multumesc mult|ro" })
    void shortMessages(String text, String expected) {
        LanguageDetection.Guess g = detection.detect(text);
        assertEquals(expected, g.language(), () -> text + " -> " + detection.probabilities(text)); //$NON-NLS-1$
        assertFalse(g.fallback());
    }

    @Test
    void emptyTextFallsBackToFrench() {
        LanguageDetection.Guess g = detection.detect("  🙂 ");
        assertEquals("fr", g.language());
        assertTrue(g.fallback());
    }
}

package maraude.imports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Facebook and Instagram exports write UTF-8 bytes as Latin-1 code points: the repair gives back
 * the text people typed (accents, emoji, Romanian and Bulgarian letters) and never touches text
 * that was right in the first place.
 */
class MojibakeTest {

    /** What the export writes for {@code typed}: its UTF-8 bytes read as Latin-1. */
    private static String garbled(String typed) {
        return new String(typed.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @ValueSource(strings = { "café ce soir ?", "t'es dispo demain à 14h", "ça va chérie 😘😘", "mulțumesc, vin mâine",
            "Здравей, свободна ли си?", "ok 👍🏽 à tout'", "naïve façade Œuvre", "vreau să știu prețul" })
    void repairsWhatTheExportGarbled(String typed) {
        assertEquals(typed, Mojibake.repair(garbled(typed)));
    }

    @ParameterizedTest
    @ValueSource(strings = { "café", "déjà là", "Ångström", "señora", "plain ascii, no accent", "100 € la nuit",
            "ça 😘" })
    void leavesCorrectTextAlone(String right) {
        assertEquals(right, Mojibake.repair(right));
    }

    @Test
    void latin1TextThatIsNotUtf8BytesStaysAsItIs() {
        // "Ã" followed by a space is not a UTF-8 sequence: a real "Ã" (Portuguese "SÃO") is kept
        assertEquals("SÃO PAULO", Mojibake.repair("SÃO PAULO"));
        assertEquals("é tarde", Mojibake.repair("é tarde"));
    }

    @Test
    void nullAndEmptyPassThrough() {
        assertNull(Mojibake.repair(null));
        String empty = "";
        assertSame(empty, Mojibake.repair(empty));
    }
}

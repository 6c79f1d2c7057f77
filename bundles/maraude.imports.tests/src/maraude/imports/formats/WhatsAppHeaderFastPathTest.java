package maraude.imports.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The hand-written reading of the common Android header ({@code 12/03/2024, 10:05 - }) gives exactly
 * what the general way (normalisation, then the header regex) gives, on the lines it takes, and
 * leaves every other shape to the general way.
 */
class WhatsAppHeaderFastPathTest {

    private static final String[] LINES = { "12/03/2024, 10:05 - Luna: slt c koi le num", //$NON-NLS-1$
            "1/3/24, 9:05 - Luna: ok", "01.03.2024, 23:59 - Marc: merci bcp 🙏", "2024-03-01, 10:05 - x: y", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            "12/03/2024, 10:05:33 - Luna: avec secondes", "12/03/2024, 24:05 - Luna: heure impossible", //$NON-NLS-1$ //$NON-NLS-2$
            "12/03/2024, 10:60 - Luna: minute impossible", "12/03/2024, 10:05:61 - Luna: seconde impossible", //$NON-NLS-1$ //$NON-NLS-2$
            "12/03/2024, 10:055 - Luna: trois chiffres", "12/03/2024, 100:05 - Luna: trois chiffres", //$NON-NLS-1$ //$NON-NLS-2$
            "12345/03/2024, 10:05 - Luna: cinq chiffres", "12/03-2024, 10:05 - Luna: séparateurs mêlés", //$NON-NLS-1$ //$NON-NLS-2$
            "12/03/2024 10:05 - Luna: sans virgule", "12/03/2024, 10:05 PM - Luna: am pm", //$NON-NLS-1$ //$NON-NLS-2$
            "12/03/2024, 10:05 - ", "12/03/2024, 10:05 -Luna", "12/03/2024, 10:05: Luna: deux-points", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            "[12/03/2024, 10:05:33] Luna: iOS", "12/03/2024, 10.05 - Luna: point", "12/03/2024, 10:05\u202F- Luna: espace fine", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            "\u200E12/03/2024, 10:05 - Luna: marque", "12/03/2024, 10:05 - \u200ELuna: marque après", //$NON-NLS-1$ //$NON-NLS-2$
            "12/03/2024, 10:05x - Luna: lettre", "12/03/2024,  10:05 - Luna: deux espaces", "1/3/24", "12/", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            "12/03/2024, 1:05 - Luna: une heure à un chiffre", "٠١/٠٣/٢٠٢٤، ١٠:٠٥ - Luna: chiffres arabes" }; //$NON-NLS-1$ //$NON-NLS-2$

    @Test
    void sameHeaderAsTheGeneralWay() {
        int quick = 0;
        for (String line : LINES) {
            assertEquals(WhatsAppImporter.generalHeader(line), WhatsAppImporter.parseHeader(line), line);
            if (WhatsAppImporter.plainDashHeader(line) != null) {
                quick++;
            }
        }
        assertEquals(8, quick, "the plain Android shapes take the hand-written way"); //$NON-NLS-1$
        assertNotNull(WhatsAppImporter.plainDashHeader(LINES[0]));
        assertNull(WhatsAppImporter.plainDashHeader("[12/03/2024, 10:05:33] Luna: iOS")); //$NON-NLS-1$
    }

    /** Random near-misses of the plain shape: digits, separators and spaces shuffled. */
    @Test
    void sameHeaderOnRandomNearMisses() {
        Random r = new Random(16);
        String alphabet = "0123456789/.-,: -PMam[]\u202F\u200E"; //$NON-NLS-1$
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder("12/03/2024, 10:05 - Luna: texte"); //$NON-NLS-1$
            for (int k = r.nextInt(4); k >= 0; k--) {
                int at = r.nextInt(21);
                char c = alphabet.charAt(r.nextInt(alphabet.length()));
                switch (r.nextInt(3)) {
                case 0 -> b.setCharAt(at, c);
                case 1 -> b.insert(at, c);
                default -> b.deleteCharAt(at);
                }
            }
            lines.add(b.toString());
        }
        int quick = 0;
        for (String line : lines) {
            assertEquals(WhatsAppImporter.generalHeader(line), WhatsAppImporter.parseHeader(line), line);
            if (WhatsAppImporter.plainDashHeader(line) != null) {
                quick++;
            }
        }
        assertEquals(true, quick > 1000, "many variants still take the hand-written way: " + quick); //$NON-NLS-1$
    }
}

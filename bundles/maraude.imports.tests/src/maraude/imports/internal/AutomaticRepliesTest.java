package maraude.imports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.imports.Fixtures;
import maraude.imports.ImportOptions;

/** Automatic replies become system lines at import, so that they never put a thread back in the queue. */
class AutomaticRepliesTest {

    @Test
    void markersOpeningTheTextInEachLanguageAreAutomatic() {
        for (String t : List.of("Réponse automatique : Rendez-vous", "RE: [Réponse automatique] demande", //$NON-NLS-1$ //$NON-NLS-2$
                "Automatisch antwoord: ik ben er niet", "[Auto-Reply] Thanks for your message", //$NON-NLS-1$ //$NON-NLS-2$
                "*Message automatique* Je réponds dès que possible", "Respuesta automática: vuelvo el lunes", //$NON-NLS-1$ //$NON-NLS-2$
                "Resposta automática - volto já", "Răspuns automat: revin curând", "OUT OF OFFICE until Monday")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            assertTrue(AutomaticReplies.looksAutomatic(t), t);
        }
    }

    @Test
    void aPersonTalkingAboutBeingAwayIsStillAPerson() {
        for (String t : List.of("je suis absente demain, on se parle lundi ?", //$NON-NLS-1$
                "j'ai reçu ta réponse automatique hier, c'est toi ?", "Out of curiosity, is the test free?", //$NON-NLS-1$ //$NON-NLS-2$
                "", "   ", "automatiquement je pense à vous")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            assertFalse(AutomaticReplies.looksAutomatic(t), t);
        }
    }

    @Test
    void anAwayMessageAfterOurReplyIsImportedAsASystemLine() throws Exception {
        String chat = String.join("\n", //$NON-NLS-1$
                "12/03/2025 21:04 - Lola: Bonsoir, vous faites le dépistage ?", //$NON-NLS-1$
                "12/03/2025 21:30 - Maraude: Bonsoir Lola, oui, mardi de 14 h à 17 h.", //$NON-NLS-1$
                "12/03/2025 21:31 - Lola: Réponse automatique : je ne suis pas disponible, je vous réponds vite.", //$NON-NLS-1$
                "13/03/2025 09:02 - Lola: je suis absente demain, mercredi ça va ?", //$NON-NLS-1$
                ""); //$NON-NLS-1$
        Fixtures.Result r = Fixtures.text("Discussion WhatsApp avec Lola.txt", chat, //$NON-NLS-1$
                ImportOptions.defaults().withUs(Set.of("Maraude"))); //$NON-NLS-1$
        r.assertNoProblems();
        List<Direction> dirs = r.messages().stream().map(Message::direction).toList();
        assertEquals(List.of(Direction.INBOUND, Direction.OUTBOUND, Direction.SYSTEM, Direction.INBOUND), dirs);
    }

    @Test
    void mailsSentByMachinesAreSystemLinesAndAPersonsMailIsNot() throws Exception {
        String mbox = String.join("\n", //$NON-NLS-1$
                "From sam@example.org Wed Mar 12 21:00:00 2025", //$NON-NLS-1$
                "From: Sam <sam@example.org>", "To: maraude@example.be", "Subject: une question", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "Date: Wed, 12 Mar 2025 21:00:00 +0100", "Message-ID: <1@example.org>", "", "Bonjour, une question.", "", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                "From sam@example.org Wed Mar 12 22:00:00 2025", //$NON-NLS-1$
                "From: Sam <sam@example.org>", "To: maraude@example.be", "Subject: Re: une question", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "Auto-Submitted: auto-replied", "Date: Wed, 12 Mar 2025 22:00:00 +0100", //$NON-NLS-1$ //$NON-NLS-2$
                "Message-ID: <2@example.org>", "In-Reply-To: <1@example.org>", "", "Je suis en congé.", "", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                "From MAILER-DAEMON Wed Mar 12 23:00:00 2025", //$NON-NLS-1$
                "From: Mail Delivery System <MAILER-DAEMON@example.org>", "To: maraude@example.be", //$NON-NLS-1$ //$NON-NLS-2$
                "Subject: Undelivered Mail Returned to Sender", "Date: Wed, 12 Mar 2025 23:00:00 +0100", //$NON-NLS-1$ //$NON-NLS-2$
                "Message-ID: <3@example.org>", "", "This is the mail system.", "", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                "From sam@example.org Thu Mar 13 08:00:00 2025", //$NON-NLS-1$
                "From: Sam <sam@example.org>", "To: maraude@example.be", "Subject: Re: une question", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "Auto-Submitted: no", "Date: Thu, 13 Mar 2025 08:00:00 +0100", "Message-ID: <4@example.org>", "", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                "Me revoilà.", ""); //$NON-NLS-1$ //$NON-NLS-2$
        Fixtures.Result r = Fixtures.text("boite.mbox", mbox, ImportOptions.defaults().withUs(Set.of("maraude@example.be"))); //$NON-NLS-1$ //$NON-NLS-2$
        r.assertNoProblems();
        List<Direction> dirs = r.messages().stream().map(Message::direction).toList();
        assertEquals(List.of(Direction.INBOUND, Direction.SYSTEM, Direction.SYSTEM, Direction.INBOUND), dirs);
    }

    @Test
    void theFoldSkippingAsciiHeadsGivesWhatTheFullDecompositionGives() {
        for (String t : List.of("Out Of Office", "RÉPONSE AUTOMÁTICA\u00A0: ok", "re: Răspuns automat", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "cest combien le test", "tu peux m\u2019appeler ?", "\u00A0Auto-Reply", "ŞĂ\u0301 ok")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            String full = java.text.Normalizer.normalize(t, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "") //$NON-NLS-1$ //$NON-NLS-2$
                    .toLowerCase(java.util.Locale.ROOT).replace('\u00A0', ' ');
            assertEquals(full, AutomaticReplies.fold(t), t);
        }
    }

    /**
     * The quick refusal (first letter) never refuses what the pattern would take: on the texts above
     * and on random openings made of the pattern's prefixes, brackets, marks and letters.
     */
    @Test
    void theQuickRefusalNeverRefusesWhatThePatternTakes() {
        List<String> texts = new java.util.ArrayList<>(List.of("Réponse automatique : Rendez-vous", //$NON-NLS-1$
                "RE: [Réponse automatique] demande", "*Message automatique* Je réponds", "\u00A0Auto-Reply", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "\u200E[ Out of office", "\u0301Réponse automatique", "Ŕéponse automatique", "ÀUTO-REPLY", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                "merci bcp pour le gel 🙏", "🙏 auto-reply", "Fwd: tr: auto reply", "( *\tmesaj automat")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        String[] parts = { "re:", "TR :", "fwd:", "[", "(", "*", " ", "\u00A0", "\u200E", "\t", "\u0301", "É", "À", "Ô", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$ //$NON-NLS-11$ //$NON-NLS-12$ //$NON-NLS-13$ //$NON-NLS-14$
                "x", "🙏", "out of office", "Message automatique", "AUTOREPLY", "respuesta automática", "mesaj automat" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
        java.util.Random r = new java.util.Random(16);
        for (int i = 0; i < 20_000; i++) {
            StringBuilder b = new StringBuilder();
            for (int k = r.nextInt(5); k >= 0; k--) {
                b.append(parts[r.nextInt(parts.length)]);
            }
            texts.add(b.toString());
        }
        int automatic = 0;
        for (String t : texts) {
            String head = t.strip();
            head = head.substring(0, Math.min(AutomaticReplies.HEAD, head.length()));
            boolean pattern = !head.isBlank() && AutomaticReplies.markersOpen(head);
            assertEquals(pattern, AutomaticReplies.looksAutomatic(t), t);
            if (pattern) {
                automatic++;
            }
        }
        assertTrue(automatic > 1000, "the random openings hold many markers: " + automatic); //$NON-NLS-1$
    }
}

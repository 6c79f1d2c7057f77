package maraude.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutingCheckTest {

    private static List<Finding> check(String text) {
        return OutingCheck.check(text, CheckContext.defaults());
    }

    @Test
    void revealingWordInFirstLineIsFlaggedWithItsOffsetsAndANeutralOpening() {
        String text = "Préservatifs gratuits pour toi !\nÀ bientôt";
        List<Finding> f = check(text);
        assertEquals(1, f.size(), f.toString());
        Finding x = f.get(0);
        assertEquals(Finding.REVEALING_WORD, x.kind());
        assertEquals("Préservatifs", text.substring(x.start(), x.end()));
        assertTrue(x.suggestion().contains("Bonjour, j'espère que tu vas bien."), x.suggestion());
    }

    @Test
    void phrasesMatchWithoutAccentsAndAcrossCase() {
        String text = "Le service pour les TRAVAILLEUSES du sexe de Liege";
        List<Finding> f = check(text);
        assertEquals(1, f.size(), f.toString());
        assertEquals("TRAVAILLEUSES du sexe", text.substring(f.get(0).start(), f.get(0).end()));
    }

    @Test
    void previewIsFirstLineOrSixtyCharactersWhicheverIsLonger() {
        // Short first line: the preview goes on into the second line up to 60 characters.
        assertEquals(1, check("Bonjour\nle dépistage est gratuit").size());
        // Past 60 characters on a later line: not in the preview.
        String later = "Bonjour, j'espère que tu vas bien et que ta semaine se passe bien.\n"
                + "Le dépistage est gratuit et sans rendez-vous.";
        assertEquals(List.of(), check(later));
        // A long first line is shown as a whole.
        String longFirst = "Bonjour, j'espère que tu vas bien et que ta semaine se passe bien, le dépistage est gratuit";
        assertEquals(1, check(longFirst).size());
        // Leading blank lines are not what the preview shows.
        assertEquals(1, check("\n\n  \nHIV test this week").size());
    }

    @Test
    void neutralTextsHaveNoFinding() {
        assertEquals(List.of(), check("Coucou, ça va ? On est là si tu as besoin, bonne journée."));
        assertEquals(List.of(), check("Hello, hope you're doing well. Its a nice day."));
        assertEquals(List.of(), check("Bună, putem să vorbim mâine?"));
        assertEquals(List.of(), check("Buenos días, ¿putamadre? no, perdón: ¿qué tal?").stream()
                .filter(x -> !x.kind().equals(Finding.REVEALING_WORD)).toList());
        assertEquals(List.of(), check(""));
    }

    @Test
    void capitalisedAcronymsOnlyMatchInCapitals() {
        assertEquals(List.of(), check("It aids you and its fine"));
        assertEquals(1, check("Test ITS gratis esta semana").size());
    }

    @Test
    void openingFollowsTheLanguageOfTheText() {
        List<Finding> f = check("Free condoms and HIV tests this week");
        assertEquals(2, f.size(), f.toString());
        f.forEach(x -> assertTrue(x.suggestion().contains("Hello, hope you're doing well."), x.suggestion()));
        Finding ro = check("Prezervative gratuite pentru tine").get(0);
        assertTrue(ro.suggestion().contains("Bună, sper că ești bine."), ro.suggestion());
    }

    @Test
    void workerFirstNameInABulkTextIsFlaggedAnywhere() {
        String text = "Bonjour,\non est là si besoin.\nBises, Sarah";
        CheckContext bulk = CheckContext.defaults().forBulk(List.of("Sarah", "Léa"));
        List<Finding> f = OutingCheck.check(text, bulk);
        assertEquals(1, f.size());
        assertEquals(Finding.WORKER_NAME, f.get(0).kind());
        assertEquals("Sarah", text.substring(f.get(0).start(), f.get(0).end()));
        assertEquals(1, OutingCheck.check("Signé Lea", bulk).size());
        assertEquals(1, OutingCheck.check("Bonjour,\n{worker_name}", bulk).size());
        // One-to-one replies may be signed.
        assertEquals(List.of(), OutingCheck.check(text, CheckContext.defaults()));
        // A name inside another word is not a name.
        assertEquals(List.of(), OutingCheck.check("Bonjour, Sarahbelle", bulk));
    }

    @Test
    void linksRevealingTheServiceAreFlaggedAnywhere() {
        String text = "Bonjour,\n\nplus d'infos plus bas dans le message, bonne journée à toi.\n"
                + "https://www.sexwork-help.be/colis et aussi espacep.be/contact ou www.meteo.be";
        CheckContext ctx = CheckContext.defaults().withServiceDomains(List.of("espacep.be"));
        List<Finding> f = OutingCheck.check(text, ctx);
        assertEquals(2, f.size(), f.toString());
        assertEquals("https://www.sexwork-help.be/colis", text.substring(f.get(0).start(), f.get(0).end()));
        assertEquals("espacep.be/contact", text.substring(f.get(1).start(), f.get(1).end()));
        f.forEach(x -> assertEquals(Finding.REVEALING_LINK, x.kind()));
    }

    @Test
    void teamEditedListsReplaceTheShippedOnes(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("fr.txt"), "# notre liste\nopening = Salut, tout va bien ?\npaillette*\n");
        OutingWords words = OutingWords.load(dir);
        CheckContext ctx = new CheckContext(false, List.of(), List.of(), null, words);
        List<Finding> f = OutingCheck.check("Paillettes offertes cette semaine", ctx);
        assertEquals(1, f.size(), f.toString());
        assertEquals("Paillettes", "Paillettes offertes cette semaine".substring(f.get(0).start(), f.get(0).end()));
        assertTrue(f.get(0).suggestion().contains("Salut, tout va bien ?"));
        // The French list was replaced; the other languages are still the shipped ones.
        assertEquals(List.of(), OutingCheck.check("Préservatifs gratuits", ctx));
        assertEquals(1, OutingCheck.check("Free condoms", ctx).size());
    }

    @Test
    void oversizedTeamListIsRejected(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nl.txt"), "woord\n".repeat(60_000));
        TemplateFormatException e = org.junit.jupiter.api.Assertions.assertThrows(TemplateFormatException.class,
                () -> OutingWords.load(dir));
        assertTrue(e.getMessage().contains("nl.txt"), e.getMessage());
    }

    @Test
    void hostileTextsDoNotBreakTheCheck() {
        assertEquals(List.of(), check("\uD83D\uDE00".repeat(50_000)));
        assertEquals(List.of(), check("œ".repeat(100) + "\n"));
        check("a.".repeat(30_000) + "be");
        check("{".repeat(10_000));
    }
}

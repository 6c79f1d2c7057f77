package maraude.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The team's reveal rules: which blur and whether revealing asks twice, from the model's score. */
class PictureRulesTest {

    private static ExplicitnessScore score(double drawing, double hentai, double neutral, double porn, double sexy) {
        return new ExplicitnessScore(new double[] { drawing, hentai, neutral, porn, sexy }, false);
    }

    @Test
    void defaultRulesFollowTheClass() {
        PictureRules r = PictureRules.DEFAULT;
        assertEquals(RevealTier.LIGHT, r.tier(score(0.05, 0, 0.9, 0.03, 0.02)), "a document");
        assertEquals(RevealTier.LIGHT, r.tier(score(0.8, 0.1, 0.1, 0, 0)), "a drawing");
        assertEquals(RevealTier.STRONGER, r.tier(score(0, 0, 0.2, 0.1, 0.7)), "sexy");
        assertEquals(RevealTier.STRONGEST, r.tier(score(0, 0, 0.1, 0.85, 0.05)), "porn");
        assertEquals(RevealTier.STRONGEST, r.tier(score(0.3, 0.6, 0.1, 0, 0)), "hentai");
        assertEquals(RevealTier.STRONGEST, r.tier((ExplicitnessScore) null), "not scored yet");
        assertEquals(BlurLevel.STANDARD, RevealTier.LIGHT.blur());
        assertEquals(BlurLevel.MEDIUM, RevealTier.STRONGER.blur());
        assertEquals(BlurLevel.STRONG, RevealTier.STRONGEST.blur());
        assertTrue(RevealTier.STRONGEST.confirmTwice());
        assertFalse(RevealTier.STRONGER.confirmTwice());
        assertFalse(RevealTier.LIGHT.confirmTwice());
    }

    @Test
    void aClassAboveTheAlertLevelRaisesTheTierEvenWhenAnotherWins() {
        ExplicitnessScore mostlyNeutral = score(0, 0, 0.6, 0.35, 0.05);
        assertEquals(PictureClass.NEUTRAL, mostlyNeutral.top());
        assertEquals(RevealTier.STRONGEST, PictureRules.DEFAULT.tier(mostlyNeutral));
        assertEquals(RevealTier.LIGHT, PictureRules.parse("alert=0.5").tier(mostlyNeutral));
        assertEquals(RevealTier.STRONGER, PictureRules.DEFAULT.tier(score(0, 0, 0.6, 0.05, 0.35)));
    }

    @Test
    void theTeamSettingChangesTiersAndUnknownPartsAreRefused() {
        PictureRules cautious = PictureRules.parse("Sexy = strongest; neutral=stronger, alert=0.2");
        assertEquals(RevealTier.STRONGEST, cautious.tier(PictureClass.SEXY));
        assertEquals(RevealTier.STRONGER, cautious.tier(PictureClass.NEUTRAL));
        assertEquals(RevealTier.LIGHT, cautious.tier(PictureClass.DRAWING), "left out: default");
        assertEquals(0.2, cautious.alert());
        assertEquals(PictureRules.DEFAULT.toString(), PictureRules.parse(" ").toString());
        assertEquals(PictureRules.DEFAULT.toString(), PictureRules.parse(PictureRules.DEFAULT.toString()).toString());
        for (String bad : new String[] { "Porn=hidden", "Nude=light", "alert=2", "alert=x", "Porn" }) {
            assertThrows(IllegalArgumentException.class, () -> PictureRules.parse(bad), bad);
        }
    }

    @Test
    void theBlurAskedIsNeverWeakerThanTheRules() {
        ExplicitnessScore sexy = score(0, 0, 0.2, 0.1, 0.7);
        assertEquals(BlurLevel.MEDIUM, BlurLevel.AUTO.effective(sexy));
        assertEquals(BlurLevel.MEDIUM, BlurLevel.STANDARD.effective(sexy));
        assertEquals(BlurLevel.STRONG, BlurLevel.STRONG.effective(sexy), "a stronger blur asked is kept");
        assertEquals(BlurLevel.STRONG, BlurLevel.STANDARD.effective(null));
        assertEquals(BlurLevel.STANDARD, BlurLevel.AUTO.effective(ExplicitnessScore.NONE));
    }
}

package maraude.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The false-alarm and detection figures of the skin-exposure score on generated pictures. These are
 * synthetic pictures drawn by {@link TestPictures}: the figures say the heuristic behaves as
 * designed on known hard cases, not what it does on real photos.
 */
class ExplicitnessScoreTest {

    @Test
    void falseAlarmRateOnOrdinaryPicturesIsAtMostTenPercent() {
        List<TestPictures.Picture> ordinary = TestPictures.ordinary(20);
        Map<String, int[]> perCategory = new TreeMap<>();
        int alarms = 0;
        StringBuilder flagged = new StringBuilder();
        for (TestPictures.Picture p : ordinary) {
            SkinAnalyzer.Result s = SkinAnalyzer.analyze(p.image());
            assertTrue(s.score() >= 0 && s.score() <= 1);
            String category = p.name().substring(0, p.name().indexOf('-'));
            int[] c = perCategory.computeIfAbsent(category, k -> new int[2]);
            c[1]++;
            if (s.likelyExplicit()) {
                c[0]++;
                alarms++;
                flagged.append(String.format(" %s(%.2f)", p.name(), s.score()));
            }
        }
        double rate = (double) alarms / ordinary.size();
        assertEquals(100, ordinary.size());
        assertTrue(rate <= 0.10, "false-alarm rate " + rate + flagged);
        assertEquals(0, perCategory.get("document")[0], "documents never alarm");
        assertEquals(0, perCategory.get("screenshot")[0], "screenshots never alarm");
    }

    @Test
    void skinHeavyPicturesAreDetectedAcrossSkinTones() {
        List<TestPictures.Picture> heavy = TestPictures.skinHeavy(40);
        int detected = 0;
        int[] perTone = new int[TestPictures.SKIN_TONES.length];
        StringBuilder missed = new StringBuilder();
        for (int i = 0; i < heavy.size(); i++) {
            SkinAnalyzer.Result s = SkinAnalyzer.analyze(heavy.get(i).image());
            if (s.likelyExplicit()) {
                detected++;
                perTone[i % perTone.length]++;
            } else {
                missed.append(String.format(" %s(%.2f)", heavy.get(i).name(), s.score()));
            }
        }
        double rate = (double) detected / heavy.size();
        assertTrue(rate >= 0.80, "detection rate " + rate + missed);
        // Known weakness: very light skin under cool (bluish) light is nearly grey, so tone 0 is the
        // weakest; every tone must still be detected in most lighting conditions.
        for (int t = 0; t < perTone.length; t++) {
            assertTrue(perTone[t] >= (t == 0 ? 2 : 3), "skin tone " + t + " detected " + perTone[t] + "/5");
        }
    }

    @Test
    void survivesJpegCompressionAndSubsampledDecoding() {
        SafeImageDecoder decoder = new SafeImageDecoder();
        int agree = 0;
        List<TestPictures.Picture> mix = TestPictures.skinHeavy(8);
        mix.addAll(TestPictures.ordinary(2));
        for (TestPictures.Picture p : mix) {
            boolean direct = SkinAnalyzer.analyze(p.image()).likelyExplicit();
            DecodedImage d = (DecodedImage) decoder.decode(TestImages.jpeg(p.image()), ImageService.ANALYSIS_SIDE);
            if (SkinAnalyzer.analyze(d.image()).likelyExplicit() == direct) {
                agree++;
            }
        }
        assertTrue(agree >= mix.size() - 1, agree + "/" + mix.size());
    }

    @Test
    void plainColoursAndTinyPictures() {
        BufferedImage white = TestPictures.canvas(200, 200);
        java.util.Arrays.fill(Pixels.data(white), 0xFFFFFF);
        assertEquals(0, SkinAnalyzer.analyze(white).score());
        assertFalse(SkinAnalyzer.analyze(TestPictures.canvas(2, 2)).likelyExplicit());
        BufferedImage grass = TestPictures.landscape(new Random(1), 0);
        assertFalse(SkinAnalyzer.analyze(grass).likelyExplicit());
    }

    @Test
    void scoreLineRoundTripsAndOlderVersionsAreRefused() {
        ExplicitnessScore s = new ExplicitnessScore(new double[] { 0.05, 0.1, 0.2, 0.61234, 0.03766 }, false);
        ExplicitnessScore back = ExplicitnessScore.parse(s.serialize());
        assertEquals(s.probability(PictureClass.PORN), back.probability(PictureClass.PORN), 1e-6);
        assertEquals(PictureClass.PORN, back.top());
        assertFalse(back.fallback());
        assertTrue(ExplicitnessScore.parse(SkinAnalyzer.analyze(TestPictures.skinHeavy(new Random(9003), 3)).asScore()
                .serialize()).fallback());
        // The skin heuristic's line (score version 1) is not read: such pictures are scored again.
        assertThrows(IllegalArgumentException.class,
                () -> ExplicitnessScore.parse("0.61234 0.40000 0.90000 0.60000 0.80000 0.05000 true"));
        assertThrows(IllegalArgumentException.class, () -> ExplicitnessScore.parse("2 nsfwjs 0.1 0.1 0.1 0.1 1.5"));
    }
}

package maraude.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;

import org.junit.jupiter.api.Test;

class BlurTest {

    /** Sharp reference at the output size, so that energies compare like with like. */
    private static BufferedImage sharpAt(BufferedImage src, int maxSize) {
        return Pixels.fitDown(src, maxSize);
    }

    @Test
    void checkerboardLosesItsHighFrequencies() {
        BufferedImage board = TestPictures.checkerboard(960, 720, 24);
        for (int size : ImageService.SIZES) {
            for (BlurLevel level : new BlurLevel[] { BlurLevel.STANDARD, BlurLevel.STRONG }) {
                BufferedImage blurred = Blur.blur(board, size, level);
                double sharp = Blur.highFrequencyEnergy(sharpAt(board, size));
                double soft = Blur.highFrequencyEnergy(blurred);
                assertTrue(soft < 0.02 * sharp, size + " " + level + ": " + soft + " vs " + sharp);
            }
        }
    }

    @Test
    void documentTextBecomesUnreadableButKeepsItsBrightness() {
        BufferedImage doc = TestPictures.document(new Random(7));
        BufferedImage blurred = Blur.blur(doc, 320, BlurLevel.STANDARD);
        double sharp = Blur.highFrequencyEnergy(sharpAt(doc, 320));
        double soft = Blur.highFrequencyEnergy(blurred);
        assertTrue(soft < 0.03 * sharp, soft + " vs " + sharp);
        assertEquals(TestImages.meanLuma(doc), TestImages.meanLuma(blurred), 12, "a blur, not a grey box");
    }

    @Test
    void strongBlurIsSmootherThanStandard() {
        BufferedImage body = TestPictures.skinHeavy(new Random(3), 3);
        BufferedImage standard = Blur.blur(body, 960, BlurLevel.STANDARD);
        BufferedImage strong = Blur.blur(body, 960, BlurLevel.STRONG);
        // How much of the shape is left: luma spread around the mean (a uniform picture has none).
        double s0 = lumaSpread(body);
        double s1 = lumaSpread(standard);
        double s2 = lumaSpread(strong);
        assertTrue(s1 < s0, s1 + " vs " + s0);
        assertTrue(s2 < 0.85 * s1, s2 + " vs " + s1);
    }

    private static double lumaSpread(BufferedImage img) {
        double mean = TestImages.meanLuma(img);
        double sum = 0;
        int[] px = Pixels.data(Pixels.toRgb(img));
        for (int p : px) {
            double l = 0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255);
            sum += (l - mean) * (l - mean);
        }
        return Math.sqrt(sum / px.length);
    }

    @Test
    void outputFitsTheAskedSizeKeepingTheAspectRatio() {
        BufferedImage wide = TestPictures.canvas(400, 100);
        BufferedImage out = Blur.blur(wide, 96, BlurLevel.STANDARD);
        assertEquals(96, out.getWidth());
        assertEquals(24, out.getHeight());
        BufferedImage tall = TestPictures.canvas(30, 90);
        out = Blur.blur(tall, 320, BlurLevel.STRONG);
        assertEquals(107, out.getWidth());
        assertEquals(320, out.getHeight());
        BufferedImage dot = TestPictures.canvas(1, 1);
        out = Blur.blur(dot, 96, BlurLevel.STRONG);
        assertEquals(96, out.getWidth());
    }
}

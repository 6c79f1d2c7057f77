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
                System.out.printf("checkerboard %d px %s: HF energy sharp %.2f, blurred %.3f (%.2f%%)%n", size, level, sharp,
                        soft, 100 * soft / sharp);
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
        System.out.printf("document 320 px: HF energy sharp %.2f, blurred %.3f%n", sharp, soft);
        assertTrue(soft < 0.03 * sharp, soft + " vs " + sharp);
        assertEquals(TestImages.meanLuma(doc), TestImages.meanLuma(blurred), 12, "a blur, not a grey box");
    }

    @Test
    void strongBlurIsSmootherThanStandard() {
        BufferedImage body = TestPictures.skinHeavy(new Random(3), 3);
        BufferedImage standard = Blur.blur(body, 960, BlurLevel.STANDARD);
        BufferedImage strong = Blur.blur(body, 960, BlurLevel.STRONG);
        // Gradient energy at a coarse scale: how much shape is left.
        double s1 = Blur.highFrequencyEnergy(Pixels.fitDown(standard, 48));
        double s2 = Blur.highFrequencyEnergy(Pixels.fitDown(strong, 48));
        System.out.printf("body shape energy at 48 px: standard %.3f, strong %.3f%n", s1, s2);
        assertTrue(s2 < s1, s2 + " vs " + s1);
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

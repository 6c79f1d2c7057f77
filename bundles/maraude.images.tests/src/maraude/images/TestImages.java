package maraude.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;

/** Encoding helpers for tests (in memory). */
final class TestImages {

    private TestImages() {
    }

    static byte[] encode(BufferedImage img, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(img, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] jpeg(BufferedImage img) {
        return encode(img, "jpeg");
    }

    static byte[] png(BufferedImage img) {
        return encode(img, "png");
    }

    static double meanLuma(BufferedImage img) {
        BufferedImage rgb = Pixels.toRgb(img);
        double sum = 0;
        for (int p : Pixels.data(rgb)) {
            sum += 0.299 * (p >> 16 & 255) + 0.587 * (p >> 8 & 255) + 0.114 * (p & 255);
        }
        return sum / (rgb.getWidth() * rgb.getHeight());
    }

    /** Mean absolute per-channel difference between two images of the same size. */
    static double meanAbsDiff(BufferedImage a, BufferedImage b) {
        int[] pa = Pixels.data(Pixels.toRgb(a));
        int[] pb = Pixels.data(Pixels.toRgb(b));
        double sum = 0;
        for (int i = 0; i < pa.length; i++) {
            for (int s = 0; s <= 16; s += 8) {
                sum += Math.abs((pa[i] >> s & 255) - (pb[i] >> s & 255));
            }
        }
        return sum / (3.0 * pa.length);
    }

    static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

package maraude.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/** The 1/8-scale DC-only JPEG path must agree with a full ImageIO decode averaged per 8×8 block. */
class JpegDcDecoderTest {

    private static BufferedImage blockMeans(byte[] jpeg, int w, int h) throws Exception {
        BufferedImage full = Pixels.toRgb(ImageIO.read(new ByteArrayInputStream(jpeg)));
        return Pixels.image(Pixels.areaAverage(Pixels.data(full), full.getWidth(), full.getHeight(), w, h), w, h);
    }

    private static BufferedImage photo(int w, int h, long seed) {
        BufferedImage body = TestPictures.skinHeavy(new Random(seed), (int) seed);
        BufferedImage out = TestPictures.canvas(w, h);
        int[] src = Pixels.data(body);
        int[] dst = Pixels.data(out);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                dst[y * w + x] = src[(y * body.getHeight() / h) * body.getWidth() + x * body.getWidth() / w];
            }
        }
        return out;
    }

    @Test
    void colourJpegMatchesBlockMeansOfAFullDecode() throws Exception {
        for (int[] size : new int[][] { { 1600, 1200 }, { 1001, 777 }, { 640, 961 } }) { // odd sizes: partial MCUs
            byte[] jpeg = TestImages.jpeg(photo(size[0], size[1], size[0]));
            BufferedImage dc = assertNotNull(JpegDcDecoder.decode(jpeg), "baseline 4:2:0 handled");
            assertEquals((size[0] + 7) / 8, dc.getWidth());
            assertEquals((size[1] + 7) / 8, dc.getHeight());
            double diff = TestImages.meanAbsDiff(dc, blockMeans(jpeg, dc.getWidth(), dc.getHeight()));
            System.out.printf("DC decode %dx%d: mean abs difference to full decode %.2f%n", size[0], size[1], diff);
            assertTrue(diff < 4, "diff " + diff);
        }
    }

    private static <T> T assertNotNull(T value, String message) {
        org.junit.jupiter.api.Assertions.assertNotNull(value, message);
        return value;
    }

    @Test
    void greyJpegIsHandled() throws Exception {
        BufferedImage grey = new BufferedImage(800, 600, BufferedImage.TYPE_BYTE_GRAY);
        grey.getGraphics().drawImage(TestPictures.document(new Random(3)), 0, 0, 800, 600, null);
        byte[] jpeg = TestImages.jpeg(grey);
        BufferedImage dc = assertNotNull(JpegDcDecoder.decode(jpeg), "grey");
        // Compare with the raw samples (getRGB on a grey image applies a gamma conversion).
        BufferedImage full = ImageIO.read(new ByteArrayInputStream(jpeg));
        int[] raw = full.getRaster().getSamples(0, 0, 800, 600, 0, (int[]) null);
        int[] asRgb = new int[raw.length];
        for (int i = 0; i < raw.length; i++) {
            asRgb[i] = raw[i] << 16 | raw[i] << 8 | raw[i];
        }
        BufferedImage ref = Pixels.image(Pixels.areaAverage(asRgb, 800, 600, 100, 75), 100, 75);
        double diff = TestImages.meanAbsDiff(dc, ref);
        assertTrue(diff < 4, "diff " + diff);
    }

    @Test
    void truncatedOrForeignDataIsLeftToImageIo() {
        byte[] jpeg = TestImages.jpeg(photo(1600, 1200, 1));
        assertNull(JpegDcDecoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2)), "truncated");
        assertNull(JpegDcDecoder.decode(TestImages.png(photo(64, 64, 1))), "not a JPEG");
        assertNull(JpegDcDecoder.decode(new byte[] { (byte) 0xFF, (byte) 0xD8 }));
        // Through the decoder, a truncated big JPEG still becomes a TRUNCATED placeholder.
        SafeImageDecoder decoder = new SafeImageDecoder();
        assertEquals(ImagePlaceholder.Reason.TRUNCATED, assertInstanceOf(ImagePlaceholder.class,
                decoder.decode(Arrays.copyOf(jpeg, jpeg.length / 2), 96)).reason());
    }

    @Test
    void bigPicturesTakeTheFastPathThroughTheDecoder() {
        byte[] jpeg = TestImages.jpeg(photo(2400, 1800, 2));
        DecodedImage d = assertInstanceOf(DecodedImage.class, new SafeImageDecoder().decode(jpeg, 256));
        assertEquals(8, d.subsampling());
        assertEquals(300, d.image().getWidth());
        assertEquals(2400, d.sourceWidth());
    }

    @Test
    void fuzzedBigJpegsNeverThrow() {
        byte[] seed = TestImages.jpeg(photo(1600, 1200, 3));
        Random r = new Random(7);
        SafeImageDecoder decoder = new SafeImageDecoder();
        int handled = 0;
        for (int i = 0; i < 60; i++) {
            byte[] d = seed.clone();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                int at = r.nextBoolean() ? r.nextInt(Math.min(700, d.length)) : r.nextInt(d.length);
                d[at] = (byte) r.nextInt(256);
            }
            if (JpegDcDecoder.decode(d) != null) {
                handled++;
            }
            decoder.decode(d, 96); // must not throw either
        }
        System.out.println("DC fuzz: " + handled + "/60 mutated JPEGs decoded by the fast path");
    }
}

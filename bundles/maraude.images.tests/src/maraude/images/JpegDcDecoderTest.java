package maraude.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.MemoryCacheImageOutputStream;

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

    /** Each mutant goes through the fast path (decoded or refused with null) and the decoder, within a time bound. */
    @Test
    void fuzzedBigJpegsNeverThrow() {
        byte[] seed = TestImages.jpeg(photo(1600, 1200, 3));
        Random r = new Random(7);
        SafeImageDecoder decoder = new SafeImageDecoder();
        int fastPath = 0;
        int refused = 0;
        for (int i = 0; i < 60; i++) {
            byte[] d = seed.clone();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                int at = r.nextBoolean() ? r.nextInt(Math.min(700, d.length)) : r.nextInt(d.length);
                d[at] = (byte) r.nextInt(256);
            }
            int n = i;
            BufferedImage dc = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> JpegDcDecoder.decode(d),
                    () -> "fast path hung on mutant " + n); //$NON-NLS-1$
            if (dc != null) {
                fastPath++;
            } else {
                refused++;
            }
            DecodeResult res = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> decoder.decode(d, 96),
                    () -> "decoder hung on mutant " + n); //$NON-NLS-1$
            assertTrue(res instanceof DecodedImage || res instanceof ImagePlaceholder, "mutant " + n + ": " + res); //$NON-NLS-1$ //$NON-NLS-2$
        }
        assertEquals(60, fastPath + refused, "every mutant handled"); //$NON-NLS-1$
        assertTrue(fastPath > 0, "the fast path still decodes lightly damaged files"); //$NON-NLS-1$
    }

    /** Like the benchmark's phone photos: gradients, shapes, a grainy lower part and sensor noise. */
    private static BufferedImage noisyPhoto(int w, int h, long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)), 0, h,
                new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256))));
        g.fillRect(0, 0, w, h);
        for (int s = 0; s < 12; s++) {
            int x = r.nextInt(w);
            int y = r.nextInt(h);
            int sw = 50 + r.nextInt(w / 2);
            int sh = 50 + r.nextInt(h / 2);
            g.setPaint(new GradientPaint(x, y, new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)), x + sw, y + sh,
                    new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256))));
            if (r.nextBoolean()) {
                g.fill(new Ellipse2D.Double(x - sw / 2.0, y - sh / 2.0, sw, sh));
            } else {
                g.fillRect(x - sw / 2, y - sh / 2, sw, sh);
            }
        }
        g.dispose();
        int[] px = Pixels.data(img);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int d = (int) (r.nextGaussian() * (y > h / 2 ? 11 : 2.5));
                int p = px[y * w + x];
                px[y * w + x] = clamp((p >> 16 & 255) + d) << 16 | clamp((p >> 8 & 255) + d) << 8 | clamp((p & 255) + d);
            }
        }
        return img;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

    /** Baseline JPEG at the given quality, with a restart interval (in MCUs) when {@code restart > 0}. */
    private static byte[] jpeg(BufferedImage img, float quality, int restart) throws Exception {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            IIOMetadata md = w.getDefaultImageMetadata(new ImageTypeSpecifier(img), p);
            if (restart > 0) {
                String format = "javax_imageio_jpeg_image_1.0";
                IIOMetadataNode root = (IIOMetadataNode) md.getAsTree(format);
                IIOMetadataNode seq = (IIOMetadataNode) root.getElementsByTagName("markerSequence").item(0);
                IIOMetadataNode dri = new IIOMetadataNode("dri");
                dri.setAttribute("interval", Integer.toString(restart));
                seq.insertBefore(dri, seq.getElementsByTagName("sos").item(0));
                md.setFromTree(format, root);
            }
            w.write(null, new IIOImage(img, null, md), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    private static int count(byte[] data, int marker) {
        int n = 0;
        for (int i = 0; i + 1 < data.length; i++) {
            if (data[i] == (byte) 0xFF && (data[i + 1] & 255) == marker) {
                n++;
            }
        }
        return n;
    }

    @Test
    void benchmarkLikePhotosMatchBlockMeansOfAFullDecode() throws Exception {
        // Noisy photos at high quality: long AC runs, codes longer than the lookup tables, EXIF first.
        for (int[] c : new int[][] { { 1600, 1200, 90 }, { 1203, 901, 100 }, { 961, 1280, 75 } }) {
            BufferedImage img = noisyPhoto(c[0], c[1], c[0]);
            byte[] jpeg = ExifFixtures.withApp1(ExifFixtures.withoutJfif(jpeg(img, c[2] / 100f, 0)),
                    ExifFixtures.exifWithOrientation(1));
            BufferedImage dc = assertNotNull(JpegDcDecoder.decode(jpeg), "baseline noisy photo handled");
            assertEquals((c[0] + 7) / 8, dc.getWidth());
            assertEquals((c[1] + 7) / 8, dc.getHeight());
            double diff = TestImages.meanAbsDiff(dc, blockMeans(jpeg, dc.getWidth(), dc.getHeight()));
            assertTrue(diff < 4, "diff " + diff);
        }
    }

    @Test
    void restartIntervalsGiveTheSamePictureAsWithout() throws Exception {
        BufferedImage img = noisyPhoto(1001, 777, 5); // partial MCUs on both edges
        byte[] plain = jpeg(img, 0.9f, 0);
        BufferedImage ref = assertNotNull(JpegDcDecoder.decode(plain), "no restart");
        for (int interval : new int[] { 1, 7, 63 }) {
            byte[] withRst = jpeg(img, 0.9f, interval);
            assertEquals(1, count(withRst, 0xDD), "DRI written");
            int rst = 0;
            for (int m = 0xD0; m <= 0xD7; m++) {
                rst += count(withRst, m);
            }
            int mcus = ((1001 + 15) / 16) * ((777 + 15) / 16);
            assertEquals((mcus - 1) / interval, rst, "RST markers for interval " + interval);
            BufferedImage dc = assertNotNull(JpegDcDecoder.decode(withRst), "interval " + interval);
            // Same quantised coefficients, only the DC prediction restarts: the very same picture.
            assertArrayEquals(Pixels.data(ref), Pixels.data(dc), "interval " + interval);

            // A missing RST marker or a cut inside an interval: not handled here, never an exception.
            int at = -1;
            for (int i = withRst.length / 2; i + 1 < withRst.length && at < 0; i++) {
                if (withRst[i] == (byte) 0xFF && (withRst[i + 1] & 0xF8) == 0xD0) {
                    at = i;
                }
            }
            byte[] missing = new byte[withRst.length - 2];
            System.arraycopy(withRst, 0, missing, 0, at);
            System.arraycopy(withRst, at + 2, missing, at, withRst.length - at - 2);
            assertNull(JpegDcDecoder.decode(missing), "missing RST, interval " + interval);
            assertNull(JpegDcDecoder.decode(Arrays.copyOf(withRst, at + 1)), "cut before an RST, interval " + interval);
            assertNull(JpegDcDecoder.decode(Arrays.copyOf(withRst, withRst.length * 3 / 4)), "truncated, interval " + interval);
        }
    }

    @Test
    void fuzzedJpegsWithRestartsNeverThrow() throws Exception {
        byte[] seed = jpeg(noisyPhoto(800, 600, 9), 0.9f, 4);
        Random r = new Random(11);
        SafeImageDecoder decoder = new SafeImageDecoder();
        for (int i = 0; i < 60; i++) {
            byte[] d = seed.clone();
            for (int k = 0; k < 1 + r.nextInt(8); k++) {
                d[r.nextInt(d.length)] = (byte) (r.nextBoolean() ? 0xFF : r.nextInt(256));
            }
            JpegDcDecoder.decode(d); // null or a picture, never an exception
            decoder.decode(d, 64);
        }
    }
}

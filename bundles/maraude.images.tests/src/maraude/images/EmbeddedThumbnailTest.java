package maraude.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded EXIF thumbnails: used for list-size thumbnails only when they have the main image's
 * shape, never for the explicitness score; hostile EXIF offsets never break the reader.
 */
class EmbeddedThumbnailTest {

    @TempDir
    Path cacheDir;

    private final Map<String, byte[]> store = new HashMap<>();
    private int opened;

    private ImageService service() {
        return new ImageService(cacheDir, sha -> {
            byte[] d = store.get(sha);
            if (d == null) {
                throw new FileNotFoundException(sha);
            }
            opened++;
            return new ByteArrayInputStream(d);
        }).withClassifier(PictureClassifiers.skinStandIn(PictureClass.PORN)); // drawn bodies stand in for explicit pictures
    }

    private String put(byte[] bytes) {
        String sha = ImageService.sha256(bytes);
        store.put(sha, bytes);
        return sha;
    }

    private static BufferedImage flat(int w, int h, Color c) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, w, h);
        g.dispose();
        return img;
    }

    /** A phone-like JPEG: EXIF first (IFD1 thumbnail), no JFIF. */
    private static byte[] photo(BufferedImage main, BufferedImage thumbnail) {
        return ExifFixtures.withApp1(ExifFixtures.withoutJfif(TestImages.jpeg(main)),
                ExifFixtures.exifWithThumbnail(1, TestImages.jpeg(thumbnail)));
    }

    private static double[] meanRgb(BufferedImage img) {
        double[] m = new double[3];
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                int p = img.getRGB(x, y);
                m[0] += p >> 16 & 255;
                m[1] += p >> 8 & 255;
                m[2] += p & 255;
            }
        }
        for (int i = 0; i < 3; i++) {
            m[i] /= (double) img.getWidth() * img.getHeight();
        }
        return m;
    }

    private long cacheEntries() throws IOException {
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.filter(p -> !p.getFileName().toString().equals(BlurCache.SECRET_FILE)).count();
        }
    }

    @Test
    void findsTheThumbnailPhonesWrite() {
        byte[] thumb = TestImages.jpeg(flat(160, 120, Color.BLUE));
        byte[] file = photo(flat(640, 480, Color.RED), flat(160, 120, Color.BLUE));
        int[] at = ExifThumbnail.find(file);
        assertNotNull(at);
        assertEquals(thumb.length, at[1]);
        assertEquals(TestImages.indexOf(file, thumb), at[0]);
        assertTrue(java.util.Arrays.equals(thumb, java.util.Arrays.copyOfRange(file, at[0], at[0] + at[1])));
        assertEquals(640, ExifThumbnail.frameDimensions(file)[0]);
        assertNull(ExifThumbnail.find(TestImages.jpeg(flat(640, 480, Color.RED))), "no EXIF, no thumbnail");
        assertNull(ExifThumbnail.find(ExifFixtures.withApp1(TestImages.jpeg(flat(64, 48, Color.RED)),
                ExifFixtures.exifWithGps())), "EXIF without IFD1");
    }

    @Test
    void aMatchingThumbnailMakesTheListThumbnailStronglyBlurredAndUncachedUntilScored() throws Exception {
        // The embedded picture differs in colour so that the test sees which one was used.
        String sha = put(photo(flat(640, 480, Color.RED), flat(160, 120, Color.BLUE)));
        ImageService service = service();
        BlurredImage list = assertInstanceOf(BlurredImage.class, service.blurred(sha, ImageService.LIST_SIZE, BlurLevel.AUTO));
        double[] rgb = meanRgb(list.toBufferedImage());
        assertTrue(rgb[2] > 200 && rgb[0] < 60, "blurred from the embedded thumbnail");
        assertEquals(ImageService.LIST_SIZE, list.width());
        assertEquals(BlurLevel.STRONG, list.level(), "not scored yet: the strongest blur");
        assertNull(list.score(), "the score never comes from the embedded thumbnail");
        assertEquals(0, cacheEntries(), "nothing cached before the main image is scored");

        // Import: the score and the derivatives come from the main image.
        BlurredImage prepared = assertInstanceOf(BlurredImage.class, service.prepare(sha));
        assertNotNull(prepared.score());
        assertTrue(meanRgb(prepared.toBufferedImage())[0] > 200, "import decodes the main image");
        assertEquals(3, cacheEntries());
    }

    @Test
    void theScoreIsComputedFromTheMainImageNotTheEmbeddedOne() throws Exception {
        BufferedImage body = TestPictures.skinHeavy(new Random(9003), 3);
        assertTrue(SkinAnalyzer.analyze(body).likelyExplicit());
        BufferedImage innocent = TestPictures.document(new Random(4));
        int tw = 160;
        int th = Math.round(160f * body.getHeight() / body.getWidth());
        String hidden = put(photo(body, scaled(innocent, tw, th)));
        ImageService service = service();
        assertTrue(service.needsConfirmation(hidden), "explicit main image behind an innocent thumbnail is caught");
        // The list entry gone (say, a damaged file): made again from the thumbnail, at the score's level.
        BlurCache cache = new BlurCache(cacheDir);
        Files.delete(cacheDir.resolve(cache.blurredName(hidden, ImageService.LIST_SIZE, BlurLevel.STRONG)));
        BlurredImage list = assertInstanceOf(BlurredImage.class, service.blurred(hidden, 64, BlurLevel.STANDARD));
        assertEquals(BlurLevel.STRONG, list.level(), "a known explicit score sets the level of every derivative");
        assertTrue(list.score().likelyExplicit());
        assertTrue(Files.exists(cacheDir.resolve(cache.blurredName(hidden, ImageService.LIST_SIZE, BlurLevel.STRONG))),
                "cached again, at the known level");
    }

    private static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    @Test
    void aThumbnailOfAnotherShapeIsIgnored() throws Exception {
        // 16:9 main image, square embedded picture (an old crop, or another picture altogether).
        String sha = put(photo(flat(640, 360, Color.RED), flat(120, 120, Color.BLUE)));
        ImageService service = service();
        BlurredImage list = assertInstanceOf(BlurredImage.class, service.blurred(sha, ImageService.LIST_SIZE, BlurLevel.AUTO));
        assertTrue(meanRgb(list.toBufferedImage())[0] > 200, "the main image, decoded with subsampling");
        assertNotNull(list.score(), "scored from the main image");
        assertEquals(ImageService.LIST_SIZE, list.width());
        assertEquals(54, list.height());
        // Too small a thumbnail (below 80 px) is ignored as well.
        String tiny = put(photo(flat(640, 480, Color.RED), flat(40, 30, Color.BLUE)));
        assertTrue(meanRgb(assertInstanceOf(BlurredImage.class, service.blurred(tiny, 48, BlurLevel.AUTO)).toBufferedImage())[0] > 200);
        assertFalse(ExifThumbnail.sameShape(160, 120, 4000, 2250));
        assertTrue(ExifThumbnail.sameShape(160, 120, 4032, 3024));
        assertTrue(ExifThumbnail.sameShape(160, 90, 1920, 1080));
    }

    @Test
    void aBombBehindAThumbnailStaysRefused() throws Exception {
        ImageLimits tight = new ImageLimits(100_000, 30_000, 64L << 20, 4096);
        byte[] file = photo(flat(640, 480, Color.RED), flat(160, 120, Color.BLUE));
        assertNull(new SafeImageDecoder(tight).embeddedThumbnail(file, 80), "main image above the limits: no shortcut");
        assertNotNull(new SafeImageDecoder().embeddedThumbnail(file, 80));
    }

    @Test
    void hostileExifNeverBreaksTheReader() {
        byte[] good = photo(flat(320, 240, Color.RED), flat(160, 120, Color.BLUE));
        Random r = new Random(7);
        int exifEnd = 4 + ((good[4] & 255) << 8 | good[5] & 255);
        int found = 0;
        for (int i = 0; i < 3000; i++) {
            byte[] bad = good.clone();
            int flips = 1 + r.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int at = 4 + r.nextInt(Math.min(120, exifEnd - 4)); // the TIFF header and both IFDs
                bad[at] = (byte) r.nextInt(256);
            }
            if (r.nextInt(10) == 0) {
                bad = java.util.Arrays.copyOf(bad, r.nextInt(bad.length));
            }
            int[] t = ExifThumbnail.find(bad);
            if (t != null) {
                found++;
                assertTrue(t[0] >= 0 && t[1] > 0 && t[0] + t[1] <= bad.length, "inside the file");
            }
            DecodedImage d = new SafeImageDecoder().embeddedThumbnail(bad, 80); // never throws
            if (d != null) {
                assertTrue(ExifThumbnail.sameShape(d.image().getWidth(), d.image().getHeight(), 320, 240));
            }
        }
        assertTrue(found > 0, "most mutations miss the offsets");
        // Offsets pointing backwards, outside, or a length beyond the limit: none.
        assertNull(ExifThumbnail.find(new byte[] { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE1, 0, 16, 'E', 'x', 'i',
                'f', 0, 0, 'M', 'M', 0, 42, 0x7F, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF }));
    }

    @Test
    void anExportCarriesNoEmbeddedThumbnail() throws Exception {
        byte[] file = photo(flat(640, 480, Color.RED), flat(160, 120, Color.BLUE));
        assertNotNull(ExifThumbnail.find(file));
        byte[] stripped = MetadataStripper.strip(file);
        assertNull(ExifThumbnail.find(stripped), "the camera's thumbnail (maybe of an uncropped picture) is gone");
        assertEquals(-1, TestImages.indexOf(stripped, TestImages.jpeg(flat(160, 120, Color.BLUE))));
    }
}

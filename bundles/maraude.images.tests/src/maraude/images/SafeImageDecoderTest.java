package maraude.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.zip.Deflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeImageDecoderTest {

    private final SafeImageDecoder decoder = new SafeImageDecoder();

    private static ImagePlaceholder.Reason reason(DecodeResult r) {
        return assertInstanceOf(ImagePlaceholder.class, r).reason();
    }

    // ------------------------------------------------------------ decompression bombs

    /** A 100 000 × 100 000 PNG (10 gigapixels) in 100 bytes: refused from its header alone. */
    @Test
    void pngBombIsRefusedBeforeDecoding() {
        byte[] bomb = png(100_000, 100_000, new byte[] { 0, 0, 0, 0 });
        DecodeResult r = decoder.decode(bomb, 96);
        assertEquals(ImagePlaceholder.Reason.TOO_LARGE, reason(r));
        assertTrue(((ImagePlaceholder) r).detail().contains("100000"), ((ImagePlaceholder) r).detail());
    }

    @Test
    void jpegWhoseHeaderClaimsHugeDimensionsIsRefused() {
        byte[] jpeg = TestImages.jpeg(TestPictures.checkerboard(64, 48, 8));
        byte[] bomb = patchSof(jpeg, 20_000, 20_000); // 400 MP
        assertEquals(ImagePlaceholder.Reason.TOO_LARGE, reason(decoder.decode(bomb, 96)));
        byte[] wide = patchSof(jpeg, 8, 60_000); // a side above maxSide
        assertEquals(ImagePlaceholder.Reason.TOO_LARGE, reason(decoder.decode(wide, 96)));
    }

    @Test
    void limitsAreConfigurable() {
        byte[] jpeg = TestImages.jpeg(TestPictures.checkerboard(1200, 900, 8));
        SafeImageDecoder strict = new SafeImageDecoder(new ImageLimits(1_000_000, 30_000, 1 << 20, 4096));
        assertEquals(ImagePlaceholder.Reason.TOO_LARGE, reason(strict.decode(jpeg, 96)), "1.08 MP > 1 MP");
        SafeImageDecoder tinyBytes = new SafeImageDecoder(new ImageLimits(100_000_000, 30_000, 1000, 4096));
        assertEquals(ImagePlaceholder.Reason.TOO_LARGE, reason(tinyBytes.decode(jpeg, 96)));
        assertInstanceOf(DecodedImage.class, decoder.decode(jpeg, 96));
    }

    // ------------------------------------------------------------ subsampling

    @Test
    void thumbnailsAreDecodedWithSubsampling() {
        byte[] jpeg = TestImages.jpeg(TestPictures.checkerboard(2400, 1800, 16));
        DecodedImage d = assertInstanceOf(DecodedImage.class, decoder.decode(jpeg, 300));
        assertEquals(8, d.subsampling());
        assertEquals(2400, d.sourceWidth());
        assertEquals(1800, d.sourceHeight());
        assertEquals(300, d.image().getWidth());
        assertEquals(225, d.image().getHeight());
        assertEquals(BufferedImage.TYPE_INT_RGB, d.image().getType());
        DecodedImage small = assertInstanceOf(DecodedImage.class, decoder.decode(TestImages.png(TestPictures.canvas(50, 40)), 300));
        assertEquals(1, small.subsampling());
    }

    @Test
    void revealSizeIsCappedByTheOutputLimit() {
        byte[] jpeg = TestImages.jpeg(TestPictures.checkerboard(2000, 1000, 16));
        SafeImageDecoder capped = new SafeImageDecoder(new ImageLimits(100_000_000, 30_000, 1 << 26, 500));
        DecodedImage d = assertInstanceOf(DecodedImage.class, capped.decode(jpeg, Integer.MAX_VALUE));
        assertEquals(4, d.subsampling());
        assertEquals(500, d.image().getWidth());
    }

    @Test
    void decodesFromAFileToo(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("p.png");
        Files.write(f, TestImages.png(TestPictures.checkerboard(640, 480, 8)));
        DecodedImage d = assertInstanceOf(DecodedImage.class, decoder.decode(f, 100));
        assertEquals(6, d.subsampling());
        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        assertEquals(ImagePlaceholder.Reason.EMPTY, reason(decoder.decode(empty, 100)));
        assertEquals(ImagePlaceholder.Reason.IO_ERROR, reason(decoder.decode(dir.resolve("missing.jpg"), 100)));
    }

    // ------------------------------------------------------------ EXIF orientation

    @Test
    void exifOrientationTurnsThePicture() {
        BufferedImage img = TestPictures.canvas(80, 40);
        Pixels.data(img)[0] = 0xFF0000; // top-left marker
        byte[] png = TestImages.png(img);
        byte[] jpeg = ExifFixtures.withApp1(TestImages.jpeg(img), ExifFixtures.exifWithOrientation(6));
        DecodedImage d = assertInstanceOf(DecodedImage.class, decoder.decode(jpeg, 1000));
        assertEquals(40, d.image().getWidth(), "orientation 6: rotated 90° clockwise");
        assertEquals(80, d.image().getHeight());
        assertEquals(80, assertInstanceOf(DecodedImage.class, decoder.decode(png, 1000)).image().getWidth());
    }

    // ------------------------------------------------------------ corrupt input

    @Test
    void emptyAndGarbageBecomePlaceholders() {
        assertEquals(ImagePlaceholder.Reason.EMPTY, reason(decoder.decode(new byte[0], 96)));
        assertEquals(ImagePlaceholder.Reason.EMPTY, reason(decoder.decode((byte[]) null, 96)));
        byte[] text = "Bonjour, ceci n'est pas une image".getBytes(StandardCharsets.UTF_8);
        assertEquals(ImagePlaceholder.Reason.UNSUPPORTED_FORMAT, reason(decoder.decode(text, 96)));
    }

    @Test
    void truncatedJpegIsReportedAsTruncated() {
        byte[] jpeg = TestImages.jpeg(TestPictures.document(new Random(2)));
        byte[] cut = Arrays.copyOf(jpeg, jpeg.length * 6 / 10);
        ImagePlaceholder p = assertInstanceOf(ImagePlaceholder.class, decoder.decode(cut, 96));
        assertEquals(ImagePlaceholder.Reason.TRUNCATED, p.reason(), p.detail());
        assertTrue(p.message().length() > 5);
    }

    @Test
    void truncatedPngIsReportedAsTruncatedOrCorrupt() {
        byte[] png = TestImages.png(TestPictures.document(new Random(2)));
        for (int keep : new int[] { 20, 40, png.length / 3, png.length * 2 / 3 }) {
            ImagePlaceholder.Reason r = reason(decoder.decode(Arrays.copyOf(png, keep), 96));
            assertTrue(r == ImagePlaceholder.Reason.TRUNCATED || r == ImagePlaceholder.Reason.CORRUPT, keep + ": " + r);
        }
        // Only the IEND chunk missing: every pixel is there, so the picture is shown.
        assertInstanceOf(DecodedImage.class, decoder.decode(Arrays.copyOf(png, png.length - 12), 96));
    }

    /** Random byte flips, cuts and insertions in JPEG, PNG, GIF and BMP files: each one decoded or a placeholder, never an exception or a hang. */
    @Test
    void fuzzedFilesNeverThrow() {
        BufferedImage img = TestPictures.screenshot(new Random(5));
        byte[][] seeds = { TestImages.jpeg(img), TestImages.png(img), TestImages.encode(img, "gif"), TestImages.encode(img, "bmp") };
        Random r = new Random(42);
        Map<ImagePlaceholder.Reason, Integer> counts = new EnumMap<>(ImagePlaceholder.Reason.class);
        int decoded = 0;
        for (int i = 0; i < 400; i++) {
            byte[] d = seeds[i % seeds.length].clone();
            switch (r.nextInt(3)) {
                case 0 -> {
                    for (int k = 0; k < 1 + r.nextInt(20); k++) {
                        d[r.nextInt(Math.min(d.length, 600))] = (byte) r.nextInt(256); // headers mostly
                    }
                }
                case 1 -> d = Arrays.copyOf(d, r.nextInt(d.length));
                default -> {
                    for (int k = 0; k < 5; k++) {
                        d[r.nextInt(d.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                }
            }
            byte[] mutant = d;
            int n = i;
            DecodeResult res = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> decoder.decode(mutant, 96),
                    () -> "decoder hung on mutant " + n); //$NON-NLS-1$
            if (res instanceof ImagePlaceholder p) {
                counts.merge(p.reason(), 1, Integer::sum);
            } else {
                assertInstanceOf(DecodedImage.class, res, "mutant " + n); //$NON-NLS-1$
                decoded++;
            }
        }
        assertEquals(400, decoded + counts.values().stream().mapToInt(Integer::intValue).sum(), "every mutant handled"); //$NON-NLS-1$
        assertTrue(counts.values().stream().mapToInt(Integer::intValue).sum() > 50, "mutations must hurt: " + counts);
    }

    @Test
    void placeholderMessagesExistInEveryLanguage() {
        for (ImagePlaceholder.Reason reason : ImagePlaceholder.Reason.values()) {
            String m = new ImagePlaceholder(reason, "").message();
            assertTrue(m != null && !m.isBlank() && !m.startsWith("NLS missing"), reason + ": " + m);
        }
        assertTrue(new ImagePlaceholder(ImagePlaceholder.Reason.TOO_LARGE, "jpeg 9×9").message().contains("jpeg 9×9"));
    }

    // ------------------------------------------------------------ builders

    /** An RGB PNG of the given size (any size: a hostile header) and raw (before deflate) scanline bytes. */
    static byte[] png(int w, int h, byte[] raw) {
        Deflater def = new Deflater();
        def.setInput(raw);
        def.finish();
        byte[] buf = new byte[256];
        int n = def.deflate(buf);
        return maraude.core.archive.PngFile.write(w, h, 2, Arrays.copyOf(buf, n));
    }

    /** Rewrites the dimensions in a JPEG's SOF0 segment. */
    static byte[] patchSof(byte[] jpeg, int w, int h) {
        byte[] d = jpeg.clone();
        for (int i = 2; i + 9 < d.length; i++) {
            if ((d[i] & 255) == 0xFF && (d[i + 1] & 255) == 0xC0) {
                d[i + 5] = (byte) (h >> 8);
                d[i + 6] = (byte) h;
                d[i + 7] = (byte) (w >> 8);
                d[i + 8] = (byte) w;
                return d;
            }
        }
        throw new IllegalStateException("no SOF0");
    }

    /** A stream whose available() says {@code claims} and whose reads return at most {@code step} bytes. */
    private static java.io.InputStream stream(byte[] data, int claims, int step) {
        return new java.io.ByteArrayInputStream(data) {
            @Override
            public synchronized int available() {
                return claims;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, step));
            }
        };
    }

    @Test
    void readBoundedReadsEverythingUpToOneByteOverTheLimitWhateverAvailableClaims() throws Exception {
        byte[] data = new byte[300_000];
        new Random(4).nextBytes(data);
        for (int claims : new int[] { 0, 1, 1000, 300_000, 5_000_000, Integer.MAX_VALUE }) {
            for (int step : new int[] { 1 << 20, 777 }) {
                String what = "claims " + claims + ", step " + step;
                assertArrayEquals(data, SafeImageDecoder.readBounded(stream(data, claims, step), 1_000_000), what);
                assertArrayEquals(data, SafeImageDecoder.readBounded(stream(data, claims, step), 300_000), what);
                // Over the limit: exactly limit + 1 bytes, which tells the caller "too large".
                assertArrayEquals(Arrays.copyOf(data, 100_001),
                        SafeImageDecoder.readBounded(stream(data, claims, step), 100_000), what);
                assertEquals(1, SafeImageDecoder.readBounded(stream(data, claims, step), 0).length, what);
            }
        }
        assertEquals(0, SafeImageDecoder.readBounded(stream(new byte[0], 0, 10), 100).length);
    }
}

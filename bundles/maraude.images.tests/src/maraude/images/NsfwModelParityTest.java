package maraude.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java forward pass against the reference: the published nsfwjs package run by Node on
 * TensorFlow.js's CPU backend ({@code nsfwjs-reference/reference.js}, packages pinned by
 * {@code package-lock.json}), on the same generated pixels. Every class probability must agree
 * within 0.01. Also checks that the shipped weights file is exactly what the converter makes from
 * the pinned package.
 *
 * <p>Needs {@code node} and {@code npm ci} in {@code nsfwjs-reference} (CI does both): without them
 * the test is skipped on a developer's machine and fails on CI.</p>
 */
class NsfwModelParityTest {

    private static final double TOLERANCE = 0.01;

    private static Path reference;

    @BeforeAll
    static void referenceInstalled() {
        reference = Paths.get(System.getProperty("maraude.nsfwjsReference", "nsfwjs-reference")).toAbsolutePath(); //$NON-NLS-1$ //$NON-NLS-2$
        boolean ready = Files.isDirectory(reference.resolve("node_modules/nsfwjs")) //$NON-NLS-1$
                && Files.isDirectory(reference.resolve("node_modules/@tensorflow/tfjs")) && nodeRuns(); //$NON-NLS-1$
        if (!ready && "true".equals(System.getenv("CI"))) { //$NON-NLS-1$ //$NON-NLS-2$
            fail("CI must run npm ci in " + reference + " and have node on the PATH"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        Assumptions.assumeTrue(ready, "reference not installed: (cd " + reference + " && npm ci)"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static boolean nodeRuns() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start(); //$NON-NLS-1$ //$NON-NLS-2$
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * The pictures: documents, app screenshots, landscapes, food and clothed people of several sizes
     * and shapes, some at exactly 224×224 (no resize), some through the product's path (JPEG, then
     * the safe subsampled decode the model sees at import), and a few skin-heavy drawings so that
     * classes other than Neutral get weight.
     */
    static List<TestPictures.Picture> pictures() {
        List<TestPictures.Picture> out = new ArrayList<>(TestPictures.ordinary(9)); // 45
        for (TestPictures.Picture p : TestPictures.skinHeavy(3)) {
            out.add(p);
        }
        SafeImageDecoder decoder = new SafeImageDecoder();
        Random r = new Random(77);
        for (int i = 0; i < 2; i++) {
            BufferedImage doc = i % 2 == 0 ? TestPictures.document(r) : TestPictures.screenshot(r);
            out.add(new TestPictures.Picture("square-" + i, Pixels.toRgb(scaled(doc, 224, 224)))); //$NON-NLS-1$
            DecodeResult d = decoder.decode(TestImages.jpeg(TestPictures.landscape(r, i)), ImageService.ANALYSIS_SIDE);
            out.add(new TestPictures.Picture("decoded-" + i, ((DecodedImage) d).image())); //$NON-NLS-1$
        }
        return out;
    }

    private static BufferedImage scaled(BufferedImage src, int w, int h) {
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.drawImage(src, 0, 0, w, h, null);
        g.dispose();
        return out;
    }

    @Test
    void everyClassProbabilityMatchesTheReference(@TempDir Path tmp) throws Exception {
        List<TestPictures.Picture> pictures = pictures();
        assertTrue(pictures.size() >= 50, "at least 50 pictures"); //$NON-NLS-1$
        Path input = tmp.resolve("pictures.rgb"); //$NON-NLS-1$
        Files.write(input, rgb(pictures));
        String json = run(tmp, "reference.js", input.toString()); //$NON-NLS-1$
        List<double[]> expected = parse(json);
        assertEquals(pictures.size(), expected.size());

        NsfwModel model = NsfwModel.loadBundled();
        assertEquals(List.of("Drawing", "Hentai", "Neutral", "Porn", "Sexy"), model.classes()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        double worst = 0;
        int[] topCounts = new int[5];
        StringBuilder failures = new StringBuilder();
        for (int i = 0; i < pictures.size(); i++) {
            float[] got = model.predict(pictures.get(i).image());
            double[] want = expected.get(i);
            int top = 0;
            for (int c = 0; c < 5; c++) {
                double d = Math.abs(got[c] - want[c]);
                worst = Math.max(worst, d);
                if (d > TOLERANCE) {
                    failures.append(pictures.get(i).name()).append(" class ").append(c).append(": java ").append(got[c]) //$NON-NLS-1$ //$NON-NLS-2$
                            .append(" reference ").append(want[c]).append('\n'); //$NON-NLS-1$
                }
                top = want[c] > want[top] ? c : top;
            }
            topCounts[top]++;
        }
        assertEquals("", failures.toString(), "largest difference " + worst); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(topCounts[2] + topCounts[0] > pictures.size() / 2, "mostly Neutral/Drawing: the inputs are ordinary"); //$NON-NLS-1$
    }

    @Test
    void theShippedWeightsAreTheConvertedPinnedPackage(@TempDir Path tmp) throws Exception {
        Path converted = tmp.resolve("converted.bin"); //$NON-NLS-1$
        run(tmp, "convert.js", converted.toString()); //$NON-NLS-1$
        byte[] shipped;
        try (InputStream in = NsfwModel.class.getResourceAsStream(NsfwModel.RESOURCE)) {
            shipped = in.readAllBytes();
        }
        assertArrayEquals(Files.readAllBytes(converted), shipped, "model file differs from the converter's output"); //$NON-NLS-1$
    }

    /** Pictures as the reference reads them: count, then width, height and RGB bytes of each. */
    static byte[] rgb(List<TestPictures.Picture> pictures) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.writeInt(pictures.size());
        for (TestPictures.Picture p : pictures) {
            BufferedImage img = p.image();
            out.writeInt(img.getWidth());
            out.writeInt(img.getHeight());
            int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
            for (int v : px) {
                out.write(v >> 16);
                out.write(v >> 8);
                out.write(v);
            }
        }
        out.flush();
        return bytes.toByteArray();
    }

    private static String run(Path tmp, String script, String arg) throws Exception {
        Path err = tmp.resolve(script + ".err"); //$NON-NLS-1$
        Process p = new ProcessBuilder("node", script, arg).directory(reference.toFile()) //$NON-NLS-1$
                .redirectError(err.toFile()).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail(script + " timed out"); //$NON-NLS-1$
        }
        assertEquals(0, p.exitValue(), () -> script + " failed: " + readQuietly(err)); //$NON-NLS-1$
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The reference's {@code "probabilities": [[...], ...]}. */
    static List<double[]> parse(String json) {
        int at = json.indexOf("\"probabilities\""); //$NON-NLS-1$
        assertTrue(at >= 0, json);
        Matcher m = Pattern.compile("\\[([^\\[\\]]*)\\]").matcher(json.substring(at)); //$NON-NLS-1$
        List<double[]> out = new ArrayList<>();
        while (m.find()) {
            String[] parts = m.group(1).split(","); //$NON-NLS-1$
            double[] v = new double[parts.length];
            for (int i = 0; i < v.length; i++) {
                v[i] = Double.parseDouble(parts[i].trim());
            }
            out.add(v);
        }
        return out;
    }
}

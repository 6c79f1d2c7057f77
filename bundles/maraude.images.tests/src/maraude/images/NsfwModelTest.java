package maraude.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/**
 * The model file is read strictly (a damaged one is refused with an IOException, so that the
 * heuristic fallback takes over), and the model gives a probability distribution whatever the
 * picture's size. Agreement with the reference implementation is {@link NsfwModelParityTest}.
 */
class NsfwModelTest {

    private static byte[] shipped() throws IOException {
        try (InputStream in = NsfwModel.class.getResourceAsStream(NsfwModel.RESOURCE)) {
            return in.readAllBytes();
        }
    }

    @Test
    void damagedModelFilesAreRefused() throws Exception {
        byte[] good = shipped();
        assertThrows(IOException.class, () -> NsfwModel.load(new ByteArrayInputStream(Arrays.copyOf(good, good.length - 1))),
                "truncated weights");
        byte[] longer = Arrays.copyOf(good, good.length + 1);
        assertThrows(IOException.class, () -> NsfwModel.load(new ByteArrayInputStream(longer)), "trailing bytes");
        assertThrows(IOException.class, () -> NsfwModel.load(new ByteArrayInputStream("not a model\n".getBytes(StandardCharsets.US_ASCII))));
        String text = new String(good, StandardCharsets.ISO_8859_1);
        byte[] unknownLayer = text.replaceFirst("layer Add ", "layer Multiply ").getBytes(StandardCharsets.ISO_8859_1);
        IOException e = assertThrows(IOException.class, () -> NsfwModel.load(new ByteArrayInputStream(unknownLayer)));
        assertTrue(e.getMessage().contains("Multiply"), e.getMessage());
        byte[] missingWeights = text.replaceFirst("tensor Conv1/kernel ", "tensor Conv9/kernel ").getBytes(StandardCharsets.ISO_8859_1);
        assertThrows(IOException.class, () -> NsfwModel.load(new ByteArrayInputStream(missingWeights)));
    }

    @Test
    void anyPictureSizeGivesAProbabilityDistribution() throws Exception {
        NsfwModel model = NsfwModel.loadBundled();
        Random r = new Random(3);
        for (int[] size : new int[][] { { 1, 1 }, { 224, 224 }, { 256, 40 }, { 13, 300 } }) {
            java.awt.image.BufferedImage img = TestPictures.canvas(size[0], size[1]);
            for (int i = 0; i < Pixels.data(img).length; i++) {
                Pixels.data(img)[i] = r.nextInt(1 << 24);
            }
            float[] p = model.predict(img);
            assertEquals(5, p.length);
            double sum = 0;
            for (float v : p) {
                assertTrue(v >= 0 && v <= 1, Arrays.toString(p));
                sum += v;
            }
            assertEquals(1, sum, 1e-5, Arrays.toString(size));
        }
    }
}

package maraude.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import javax.imageio.ImageIO;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * A blurred derivative as PNG bytes (what the cache holds; SWT's ImageLoader reads it directly).
 *
 * @param png    the PNG encoding
 * @param width  pixel width
 * @param height pixel height
 * @param level  the blur actually applied (never weaker than the explicitness score asks)
 * @param score  the picture's explicitness score, computed from the main image; {@code null} only for a
 *               list-size thumbnail blurred {@link BlurLevel#STRONG} from the camera's embedded
 *               thumbnail before the picture was scored (see {@link ImageService#blurred(String, int, BlurLevel)})
 */
public record BlurredImage(byte[] png, int width, int height, BlurLevel level, ExplicitnessScore score) implements BlurResult {

    /** Decodes the (already blurred) PNG, in memory; {@code null} if the bytes are not a picture. */
    public BufferedImage toBufferedImage() {
        try {
            return ImageIO.read(new MemoryCacheImageInputStream(new ByteArrayInputStream(png)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

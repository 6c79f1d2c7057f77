package maraude.images;

import java.awt.image.BufferedImage;

/**
 * Pixels decoded in memory, with the size announced by the file's header and the subsampling step
 * used. Never written anywhere by this bundle.
 *
 * @param image        TYPE_INT_RGB pixels (alpha composited on white)
 * @param sourceWidth  width in the header
 * @param sourceHeight height in the header
 * @param format       decoder format name, e.g. "jpeg"
 * @param subsampling  source subsampling step used (1 = every pixel)
 */
public record DecodedImage(BufferedImage image, int sourceWidth, int sourceHeight, String format, int subsampling)
        implements DecodeResult {
}

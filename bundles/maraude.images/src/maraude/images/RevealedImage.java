package maraude.images;

import java.awt.image.BufferedImage;

/**
 * The sharp picture, in memory only: the UI converts it to an SWT image and drops it when the
 * conversation is left. Deliberately offers no encoding method; exporting goes through
 * {@link ImageService#exportStripped}.
 */
public record RevealedImage(String sha256, BufferedImage image, int sourceWidth, int sourceHeight) implements RevealResult {
}

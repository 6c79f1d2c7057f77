package maraude.images;

/** Sharp pixels in memory only, or a placeholder with the reason (forbidden, undecodable…). */
public sealed interface RevealResult permits RevealedImage, ImagePlaceholder {
}

package maraude.images;

/** A blurred derivative, or a placeholder with the reason. */
public sealed interface BlurResult permits BlurredImage, ImagePlaceholder {
}

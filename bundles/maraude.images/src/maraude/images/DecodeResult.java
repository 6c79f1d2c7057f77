package maraude.images;

/** Either decoded pixels or a placeholder with the reason: decoding never throws. */
public sealed interface DecodeResult permits DecodedImage, ImagePlaceholder {
}

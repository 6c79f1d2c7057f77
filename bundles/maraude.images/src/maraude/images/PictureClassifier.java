package maraude.images;

import java.awt.image.BufferedImage;

/** Scores a decoded picture (the safe subsampled decode, RGB). Implementations are thread-safe. */
@FunctionalInterface
public interface PictureClassifier {

    ExplicitnessScore classify(BufferedImage rgb);
}

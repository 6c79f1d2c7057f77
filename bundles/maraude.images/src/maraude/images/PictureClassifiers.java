package maraude.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.Objects;

/**
 * The classifier the image services use: the NSFWJS model shipped in this bundle, loaded once on
 * first use. When it cannot be loaded (damaged bundle, out of memory), the skin heuristic stands in:
 * its scores are marked {@link ExplicitnessScore#fallback()} and each image service records a
 * {@link ImageAuditEvent.Kind#MODEL_UNAVAILABLE} warning in the audit trail.
 */
public final class PictureClassifiers {

    private static final Object LOCK = new Object();
    private static volatile NsfwModel model;
    private static volatile String loadError;
    private static volatile PictureClassifier override;

    private PictureClassifiers() {
    }

    /** The shared model, loaded on first call; {@code null} when it cannot be loaded. */
    public static NsfwModel model() {
        NsfwModel m = model;
        if (m != null || loadError != null) {
            return m;
        }
        synchronized (LOCK) {
            if (model == null && loadError == null) {
                try {
                    model = NsfwModel.loadBundled();
                } catch (IOException | RuntimeException | OutOfMemoryError e) {
                    loadError = e.getClass().getSimpleName() + ": " + e.getMessage(); //$NON-NLS-1$
                }
            }
            return model;
        }
    }

    /** Why the model could not be loaded, or {@code null}. */
    public static String loadError() {
        model();
        return loadError;
    }

    /**
     * The classifier in force: a test override if one is set, else the model, else the heuristic.
     * Asked at each call, so that an override set by a test applies to services already built.
     */
    public static PictureClassifier standard() {
        return PictureClassifiers::classify;
    }

    private static ExplicitnessScore classify(BufferedImage rgb) {
        PictureClassifier o = override;
        if (o != null) {
            return o.classify(rgb);
        }
        return modelOrFallback(rgb);
    }

    static ExplicitnessScore modelOrFallback(BufferedImage rgb) {
        NsfwModel m = model();
        if (m != null) {
            return ExplicitnessScore.fromModel(m.predict(rgb));
        }
        return SkinAnalyzer.analyze(rgb).asScore();
    }

    /**
     * Test hook: pictures that the old skin heuristic flags are classified {@code forced} (with
     * probability 0.97), the others by the model. Lets a test show the explicit-class path with a
     * synthetic stand-in (a drawn skin-coloured shape) instead of a real explicit picture.
     */
    public static PictureClassifier skinStandIn(PictureClass forced) {
        Objects.requireNonNull(forced, "forced"); //$NON-NLS-1$
        return rgb -> SkinAnalyzer.analyze(rgb).likelyExplicit() ? ExplicitnessScore.of(forced, 0.97)
                : modelOrFallback(rgb);
    }

    /**
     * Test hook: replaces the classifier of every image service until the returned handle is
     * closed. Never called by the product.
     */
    public static AutoCloseable overrideForTests(PictureClassifier classifier) {
        override = Objects.requireNonNull(classifier, "classifier"); //$NON-NLS-1$
        return () -> override = null;
    }
}

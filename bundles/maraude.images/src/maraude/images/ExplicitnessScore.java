package maraude.images;

import java.util.Locale;

/**
 * What the on-device classifier says about a picture: the five class probabilities of the NSFWJS
 * model ({@link NsfwModel}), or, when the model could not be loaded, the skin heuristic's stand-in
 * ({@link #fallback()}: its score as the Porn probability). How a score is treated (blur, second
 * confirmation) is the team's {@link PictureRules}.
 *
 * @param probabilities one per {@link PictureClass}, in its order, summing to 1
 * @param fallback      computed by the skin heuristic because the model was unavailable
 */
public record ExplicitnessScore(double[] probabilities, boolean fallback) {

    /**
     * Version of the stored scores: 1 was the skin heuristic alone, 2 the NSFWJS MobileNetV2 model.
     * A stored score of another version (or a fallback one, once the model loads) is recomputed.
     */
    public static final int VERSION = 2;

    /** The score of an empty picture: Neutral for sure. */
    public static final ExplicitnessScore NONE = of(PictureClass.NEUTRAL, 1);

    public ExplicitnessScore {
        if (probabilities.length != PictureClass.values().length) {
            throw new IllegalArgumentException("one probability per class expected"); //$NON-NLS-1$
        }
        probabilities = probabilities.clone();
    }

    /** A score whose class {@code c} has probability {@code p}, the rest Neutral (tests, stand-ins). */
    public static ExplicitnessScore of(PictureClass c, double p) {
        double[] v = new double[PictureClass.values().length];
        v[PictureClass.NEUTRAL.ordinal()] = 1 - p;
        v[c.ordinal()] += p;
        return new ExplicitnessScore(v, false);
    }

    static ExplicitnessScore fallback(double porn) {
        double p = Math.max(0, Math.min(1, porn));
        double[] v = new double[PictureClass.values().length];
        v[PictureClass.PORN.ordinal()] = p;
        v[PictureClass.NEUTRAL.ordinal()] = 1 - p;
        return new ExplicitnessScore(v, true);
    }

    static ExplicitnessScore fromModel(float[] probabilities) {
        double[] v = new double[probabilities.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = probabilities[i];
        }
        return new ExplicitnessScore(v, false);
    }

    @Override
    public double[] probabilities() {
        return probabilities.clone();
    }

    public double probability(PictureClass c) {
        return probabilities[c.ordinal()];
    }

    /** The most likely class. */
    public PictureClass top() {
        int best = 0;
        for (int i = 1; i < probabilities.length; i++) {
            best = probabilities[i] > probabilities[best] ? i : best;
        }
        return PictureClass.values()[best];
    }

    /** Probability that the picture is sexual (Porn + Hentai + Sexy), 0..1. */
    public double score() {
        return probability(PictureClass.PORN) + probability(PictureClass.HENTAI) + probability(PictureClass.SEXY);
    }

    /** Whether the default rules ask the strongest blur and a second confirmation. */
    public boolean likelyExplicit() {
        return PictureRules.DEFAULT.tier(this) == RevealTier.STRONGEST;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExplicitnessScore s && s.fallback == fallback
                && java.util.Arrays.equals(s.probabilities, probabilities);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(probabilities) * 31 + Boolean.hashCode(fallback);
    }

    @Override
    public String toString() {
        return serialize();
    }

    /** One line, numbers only, for the cache file: version, source, the five probabilities. */
    String serialize() {
        StringBuilder b = new StringBuilder().append(VERSION).append(fallback ? " skin" : " nsfwjs"); //$NON-NLS-1$ //$NON-NLS-2$
        for (double p : probabilities) {
            b.append(' ').append(String.format(Locale.ROOT, "%.6f", p)); //$NON-NLS-1$
        }
        return b.toString();
    }

    /**
     * Reads a cache line.
     *
     * @throws IllegalArgumentException for a damaged line or one of another {@link #VERSION} (such a
     *                                  score is recomputed)
     */
    static ExplicitnessScore parse(String line) {
        String[] p = line.trim().split(" "); //$NON-NLS-1$
        if (p.length != 2 + PictureClass.values().length || !p[0].equals(Integer.toString(VERSION))
                || !(p[1].equals("skin") || p[1].equals("nsfwjs"))) { //$NON-NLS-1$ //$NON-NLS-2$
            throw new IllegalArgumentException("stale or bad score line"); //$NON-NLS-1$
        }
        double[] v = new double[PictureClass.values().length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(p[i + 2]);
            if (!(v[i] >= 0 && v[i] <= 1)) {
                throw new IllegalArgumentException("bad probability"); //$NON-NLS-1$
            }
        }
        return new ExplicitnessScore(v, p[1].equals("skin")); //$NON-NLS-1$
    }
}

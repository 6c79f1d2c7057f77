package maraude.images;

/**
 * On-device estimate of how likely a picture shows exposed skin (nudity), from skin-pixel analysis.
 * A heuristic, not a classifier: see {@link SkinAnalyzer} for what it measures and its limits.
 *
 * @param score              0 (nothing skin-like) .. 1 (large central smooth skin region)
 * @param skinRatio          share of the picture's pixels classified as skin
 * @param largestRegionShare share of the skin pixels that belong to the largest connected region
 * @param regionCompactness  largest region's area / its bounding box area (0..1)
 * @param regionCentrality   1 when the largest region's centroid is the picture's centre, 0 at a corner
 * @param borderContact      share of the picture's border pixels that the largest region touches
 * @param likelyExplicit     {@code score >= THRESHOLD}: stronger blur and a second confirmation
 */
public record ExplicitnessScore(double score, double skinRatio, double largestRegionShare, double regionCompactness,
        double regionCentrality, double borderContact, boolean likelyExplicit) {

    public static final double THRESHOLD = 0.5;

    /** The score of a picture with no skin at all. */
    public static final ExplicitnessScore NONE = new ExplicitnessScore(0, 0, 0, 0, 0, 0, false);

    /** One line, numbers only, for the cache file. */
    String serialize() {
        return String.format(java.util.Locale.ROOT, "%.5f %.5f %.5f %.5f %.5f %.5f %b", score, //$NON-NLS-1$
                skinRatio, largestRegionShare, regionCompactness, regionCentrality, borderContact, likelyExplicit);
    }

    static ExplicitnessScore parse(String line) {
        String[] p = line.trim().split(" "); //$NON-NLS-1$
        if (p.length != 7) {
            throw new IllegalArgumentException("bad score line"); //$NON-NLS-1$
        }
        return new ExplicitnessScore(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]),
                Double.parseDouble(p[3]), Double.parseDouble(p[4]), Double.parseDouble(p[5]), Boolean.parseBoolean(p[6]));
    }
}

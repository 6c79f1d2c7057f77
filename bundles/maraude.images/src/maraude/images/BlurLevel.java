package maraude.images;

/**
 * How strongly a picture is blurred. The blur pixelates the picture down to a grid whose longest
 * side has {@link #cells()} cells, then smooths the grid away: nothing smaller than a cell survives.
 */
public enum BlurLevel {
    /** Let the explicitness score choose: {@link #STRONG} for likely explicit pictures. */
    AUTO(12),
    /** Shapes and colours stay guessable (a document, a landscape, a face-sized blob). */
    STANDARD(12),
    /** Only the dominant colours survive; used for likely explicit pictures. */
    STRONG(5);

    private final int cells;

    BlurLevel(int cells) {
        this.cells = cells;
    }

    public int cells() {
        return cells;
    }

    /** The level to apply: the requested one, but never weaker than what the score requires. */
    public BlurLevel effective(ExplicitnessScore score) {
        if (this == STRONG || (score != null && score.likelyExplicit())) {
            return STRONG;
        }
        return STANDARD;
    }
}

package maraude.images;

/**
 * How strongly a picture is blurred. The blur pixelates the picture down to a grid whose longest
 * side has {@link #cells()} cells, then smooths the grid away: nothing smaller than a cell survives.
 */
public enum BlurLevel {
    /** Let the score and the team's {@link PictureRules} choose. */
    AUTO(12),
    /** Shapes and colours stay guessable (a document, a landscape, a face-sized blob). */
    STANDARD(12),
    /** Only the dominant colours survive; used for pictures that ask a second confirmation. */
    STRONG(5),
    /** Between the two: large shapes only (the "Sexy" class by default). */
    MEDIUM(8);

    private final int cells;

    BlurLevel(int cells) {
        this.cells = cells;
    }

    public int cells() {
        return cells;
    }

    /** The level to apply under the default rules. */
    public BlurLevel effective(ExplicitnessScore score) {
        return effective(score, PictureRules.DEFAULT);
    }

    /**
     * The level to apply: the requested one, but never weaker than what the score asks under the
     * rules (fewer cells is stronger).
     */
    public BlurLevel effective(ExplicitnessScore score, PictureRules rules) {
        BlurLevel needed = score == null ? STRONG : rules.tier(score).blur();
        if (this == AUTO) {
            return needed;
        }
        return cells <= needed.cells ? this : needed;
    }
}

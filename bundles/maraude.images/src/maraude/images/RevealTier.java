package maraude.images;

/** How carefully a picture is shown, from its score and the team's {@link PictureRules}. */
public enum RevealTier {
    /** Light blur, one click reveals (documents, screenshots, maps, drawings). */
    LIGHT(BlurLevel.STANDARD),
    /** Stronger blur, one click reveals. */
    STRONGER(BlurLevel.MEDIUM),
    /** Strongest blur; revealing asks a second confirmation. */
    STRONGEST(BlurLevel.STRONG);

    private final BlurLevel blur;

    RevealTier(BlurLevel blur) {
        this.blur = blur;
    }

    public BlurLevel blur() {
        return blur;
    }

    public boolean confirmTwice() {
        return this == STRONGEST;
    }
}

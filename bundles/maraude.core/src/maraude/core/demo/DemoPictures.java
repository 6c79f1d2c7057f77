package maraude.core.demo;

import java.util.List;

/**
 * The pictures the demo conversations carry: {@link #FLYERS} flyers the team sends, then
 * {@link #PHOTOS} photos people send, always the same for the same seed. Drawing and encoding them
 * needs an imaging library, so the generator (plain Java) is given them: the command line's
 * {@code demo} and the workbench tests pass {@code maraude.images.DemoImages}; without pictures
 * ({@link #NONE}) the conversations are the same, with no attachment.
 */
@FunctionalInterface
public interface DemoPictures {

    int FLYERS = 6;
    int PHOTOS = 6;

    /** No picture at all: messages that would carry one carry none. */
    DemoPictures NONE = seed -> List.of();

    /**
     * {@link #FLYERS} flyers then {@link #PHOTOS} photos (their attachment records computed from their
     * bytes), or an empty list.
     */
    List<GeneratedAttachment> pool(long seed);
}

package maraude.images;

import java.io.IOException;
import java.io.InputStream;

/** Supplies a picture's encoded bytes (a fresh stream per call; the callee closes it). */
@FunctionalInterface
public interface ImageBytes {

    InputStream open() throws IOException;
}

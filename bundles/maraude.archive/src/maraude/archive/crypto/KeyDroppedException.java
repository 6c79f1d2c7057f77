package maraude.archive.crypto;

import java.io.IOException;

/** A read or write reached an archive whose key was dropped ({@link DataKey#destroy()}: locked). */
public class KeyDroppedException extends IOException {

    private static final long serialVersionUID = 1L;

    public KeyDroppedException() {
        super(Messages.Protection_keyDropped);
    }
}

package maraude.core.demo;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import maraude.core.model.Attachment;

/**
 * A generated file: its metadata as a message carries it (sha256 of {@code bytes}, lower-case hex, as
 * the archive's content-addressed store computes it) and the bytes themselves.
 */
public record GeneratedAttachment(Attachment attachment, byte[] bytes) {

    public InputStream open() {
        return new ByteArrayInputStream(bytes);
    }
}

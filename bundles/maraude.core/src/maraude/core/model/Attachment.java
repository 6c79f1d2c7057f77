package maraude.core.model;

import java.util.Objects;

/**
 * A file carried by a message. The bytes live in the archive's content-addressed store under
 * {@code sha256}; {@code fileName} is the name the export gave it (may be empty).
 */
public record Attachment(String sha256, String mediaType, String fileName, long size) {

    public Attachment {
        Objects.requireNonNull(sha256, "sha256"); //$NON-NLS-1$
        mediaType = mediaType == null || mediaType.isBlank() ? "application/octet-stream" : mediaType; //$NON-NLS-1$
        fileName = fileName == null ? "" : fileName; //$NON-NLS-1$
    }

    public boolean isImage() {
        return mediaType.startsWith("image/"); //$NON-NLS-1$
    }
}

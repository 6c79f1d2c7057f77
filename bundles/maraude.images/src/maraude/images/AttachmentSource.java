package maraude.images;

import java.io.IOException;
import java.io.InputStream;

/** Opens an attachment's bytes by hash; {@code archive::openAttachment} fits. */
@FunctionalInterface
public interface AttachmentSource {

    InputStream open(String sha256) throws IOException;
}

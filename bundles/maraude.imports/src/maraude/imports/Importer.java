package maraude.imports;

import java.io.IOException;

import maraude.core.model.Platform;

/**
 * Reads one export format. Each format is one class, registered as an OSGi service (a
 * {@code @Component}), so adding a format never touches the {@link ImportService}.
 * <p>
 * An importer only parses and emits: contacts, conversations, messages and attachments go to an
 * {@link ImportSink}; problems (with file and line/offset) and unparsed parts go to the
 * {@link ImportContext}. It never writes to disk itself and never fetches anything remote.
 */
public interface Importer {

    /** Stable key ("whatsapp", "sms-backup"…), also used to remember who "us" is per source. */
    String id();

    Platform platform();

    /**
     * How sure this importer is that it reads {@code file}, judged from its name and its first
     * bytes ({@link ImportFile#head()}): 0 = not mine; the highest score wins.
     */
    int confidence(ImportFile file) throws IOException;

    default boolean canRead(ImportFile file) {
        try {
            return confidence(file) > 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Reads the whole file. Recoverable problems (a bad line, a missing attachment) are reported
     * through {@code context} and reading goes on; an exception means the rest of the file could
     * not be read (what was emitted before stays valid).
     */
    void read(ImportFile file, ImportContext context, ImportSink sink) throws IOException;
}

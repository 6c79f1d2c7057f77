package maraude.ui.conversation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.eclipse.core.runtime.ILog;

import maraude.images.AuditSink;
import maraude.images.ImageAuditEvent;

/**
 * The pictures' audit trail: one line per reveal, refused reveal or export, appended to
 * {@code <archive>/audit/images.log} as {@code instant TAB kind TAB sha256}. No pixels, no names,
 * no message text: which attachment and when. Erasing a picture (forget, purge, retention) replaces
 * its hash here by {@code erased}, so that a known picture's hash does not tell it was once archived.
 */
public final class ImageAuditLog implements AuditSink {

    private final Path file;

    public ImageAuditLog(Path file) {
        this.file = file;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void record(ImageAuditEvent event) {
        String line = event.at() + "\t" + event.kind().name() + "\t" + event.sha256() + "\n"; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, line, StandardCharsets.US_ASCII, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException | RuntimeException e) {
            // An AuditSink must not throw; the failure itself is worth a trace (no pixels, no text).
            ILog.of(ImageAuditLog.class).error("Writing the picture audit trail failed: " + file, e); //$NON-NLS-1$
        }
    }
}

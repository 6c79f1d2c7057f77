package maraude.core.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * A side file's content held in memory and handed over whole when the stream is closed, once (a second
 * close does nothing): how a write that must be all or nothing (a version check, one document sent to
 * the servers) is given to callers that write to a stream.
 */
public final class WriteOnClose extends ByteArrayOutputStream {

    /** What closing does with the bytes written. */
    @FunctionalInterface
    public interface Target {
        void accept(byte[] content) throws IOException;
    }

    private final Target target;
    private boolean closed;

    private WriteOnClose(Target target) {
        this.target = target;
    }

    /** A stream whose bytes go to {@code target} when it is first closed. */
    public static OutputStream to(Target target) {
        return new WriteOnClose(target);
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        target.accept(toByteArray());
    }
}

package maraude.imports.internal;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;

/**
 * Reads lines (LF, CRLF or CR) with a length limit: a longer line is skipped up to its end and
 * reported as too long, so one enormous line cannot exhaust memory or stop the file.
 */
public final class LineReader implements Closeable {

    /** A line; when {@code tooLong}, {@code text} holds only its first characters. */
    public record Line(String text, long number, boolean tooLong, long length) {
    }

    private final Reader in;
    private final int max;
    private final char[] buf = new char[65536];
    private int pos;
    private int len;
    private long number;
    private boolean replaced;
    private final StringBuilder sb = new StringBuilder(256);

    public LineReader(Reader in, int maxChars) {
        this.in = in;
        this.max = maxChars;
    }

    /** Whether a U+FFFD (an undecodable byte) was seen. */
    public boolean sawReplacement() {
        return replaced;
    }

    public Line next() throws IOException {
        sb.setLength(0);
        long length = 0;
        boolean tooLong = false;
        boolean any = false;
        while (true) {
            if (pos >= len) {
                len = in.read(buf, 0, buf.length);
                pos = 0;
                if (len <= 0) {
                    len = 0;
                    if (!any) {
                        return null;
                    }
                    return new Line(sb.toString(), ++number, tooLong, length);
                }
            }
            any = true;
            int start = pos;
            while (pos < len) {
                char c = buf[pos];
                if (c == '\n' || c == '\r') {
                    break;
                }
                if (c == '\uFFFD') {
                    replaced = true;
                }
                pos++;
            }
            int n = pos - start;
            length += n;
            if (!tooLong) {
                if (sb.length() + n > max) {
                    tooLong = true;
                    sb.append(buf, start, Math.min(n, Math.max(0, 1024 - sb.length())));
                } else {
                    sb.append(buf, start, n);
                }
            }
            if (pos < len) {
                char c = buf[pos++];
                if (c == '\r') {
                    if (pos >= len) {
                        len = in.read(buf, 0, buf.length);
                        pos = 0;
                        if (len <= 0) {
                            len = 0;
                        }
                    }
                    if (pos < len && buf[pos] == '\n') {
                        pos++;
                    }
                }
                return new Line(sb.toString(), ++number, tooLong, length);
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

package maraude.imports.internal;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * SMS Backup & Restore can write emoji as pairs of surrogate character references
 * ({@code &#55357;&#56846;}), which are invalid XML. This reader turns such references into the
 * characters themselves (a lone surrogate into U+FFFD) while streaming; every other text passes
 * through unchanged.
 */
public final class SurrogateRefReader extends FilterReader {

    private final char[] pending = new char[16];
    private int pendingPos;
    private int pendingLen;
    private int peeked = -2;

    public SurrogateRefReader(Reader in) {
        super(in);
    }

    private int rawRead() throws IOException {
        if (peeked != -2) {
            int c = peeked;
            peeked = -2;
            return c;
        }
        return in.read();
    }

    @Override
    public int read() throws IOException {
        if (pendingPos < pendingLen) {
            return pending[pendingPos++];
        }
        int c = rawRead();
        if (c != '&') {
            return c;
        }
        // Collect "&#digits;" (at most 8 digits); anything else is passed through as read.
        pendingLen = 0;
        pendingPos = 0;
        StringBuilder s = new StringBuilder("&"); //$NON-NLS-1$
        int d = rawRead();
        if (d != '#') {
            peeked = d;
            return '&';
        }
        s.append('#');
        int value = 0;
        int digits = 0;
        while (true) {
            d = rawRead();
            if (d >= '0' && d <= '9' && digits < 8) {
                value = value * 10 + (d - '0');
                digits++;
                s.append((char) d);
            } else {
                break;
            }
        }
        if (d == ';' && digits > 0 && value >= 0xD800 && value <= 0xDFFF) {
            char ch = (char) value;
            if (Character.isHighSurrogate(ch)) {
                return pairWith(ch);
            }
            return '\uFFFD';
        }
        if (d >= 0) {
            s.append((char) d);
        }
        s.getChars(1, s.length(), pending, 0);
        pendingLen = s.length() - 1;
        return '&';
    }

    /** After a high surrogate reference, expects a low one; otherwise emits U+FFFD and replays. */
    private int pairWith(char high) throws IOException {
        StringBuilder s = new StringBuilder();
        int d = rawRead();
        if (d == '&') {
            s.append('&');
            d = rawRead();
            if (d == '#') {
                s.append('#');
                int value = 0;
                int digits = 0;
                while (true) {
                    d = rawRead();
                    if (d >= '0' && d <= '9' && digits < 8) {
                        value = value * 10 + (d - '0');
                        digits++;
                        s.append((char) d);
                    } else {
                        break;
                    }
                }
                if (d == ';' && Character.isLowSurrogate((char) value) && value <= 0xDFFF) {
                    pending[0] = (char) value;
                    pendingPos = 0;
                    pendingLen = 1;
                    return high;
                }
            }
        }
        if (d >= 0) {
            s.append((char) d);
        }
        // Not a pair: a replacement char, then what was read, replayed unchanged.
        String r = s.toString();
        r.getChars(0, Math.min(r.length(), pending.length), pending, 0);
        pendingPos = 0;
        pendingLen = Math.min(r.length(), pending.length);
        return '\uFFFD';
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        int n = 0;
        while (n < len) {
            int c = read();
            if (c < 0) {
                return n == 0 ? -1 : n;
            }
            cbuf[off + n++] = (char) c;
        }
        return n;
    }

    @Override
    public boolean markSupported() {
        return false;
    }
}

package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * UTF-8 text in which a line may hold bytes that are not UTF-8 (a line pasted from a Latin-1
 * source, a damaged byte). Valid sequences are read as UTF-8; each invalid byte is read as
 * windows-1252, what such bytes nearly always are, and the line it is on (1-based, LF, CRLF or CR
 * as in {@link LineReader}) is told once to {@code badLine}. The rest of the file keeps its UTF-8:
 * one bad byte no longer turns a whole file into mojibake.
 */
final class Utf8LineReader extends Reader {

    private static final Charset CP1252 = Charset.forName("windows-1252"); //$NON-NLS-1$

    private final InputStream in;
    private final LongConsumer badLine;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(16384).flip();
    private final CharBuffer chars = CharBuffer.allocate(16384).flip();
    private boolean eof;
    private boolean flushed;
    private long breaks;
    private boolean lastWasCr;
    private long lastReported;

    Utf8LineReader(InputStream in, LongConsumer badLine) {
        this.in = in;
        this.badLine = badLine == null ? l -> {
        } : badLine;
    }

    @Override
    public int read(char[] cbuf, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!chars.hasRemaining() && !fill()) {
            return -1;
        }
        int n = Math.min(len, chars.remaining());
        chars.get(cbuf, off, n);
        return n;
    }

    /** Decodes more characters; false at the end. */
    private boolean fill() throws IOException {
        chars.clear();
        try {
            while (chars.position() == 0) {
                if (flushed) {
                    return false;
                }
                if (!bytes.hasRemaining() || (!eof && bytes.remaining() < 4)) {
                    if (!eof) {
                        bytes.compact();
                        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                        if (n < 0) {
                            eof = true;
                        } else {
                            bytes.position(bytes.position() + n);
                        }
                        bytes.flip();
                    }
                }
                int before = chars.position();
                CoderResult r = utf8.decode(bytes, chars, eof);
                count(before);
                if (r.isError()) {
                    if (chars.remaining() < r.length()) {
                        break; // hand out what we have first
                    }
                    report();
                    for (int i = 0; i < r.length(); i++) {
                        byte b = bytes.get();
                        chars.put(new String(new byte[] { b }, CP1252).charAt(0));
                    }
                    lastWasCr = false;
                } else if (r.isUnderflow() && eof && !bytes.hasRemaining()) {
                    before = chars.position();
                    utf8.flush(chars);
                    count(before);
                    flushed = true;
                } else if (r.isOverflow()) {
                    break;
                }
            }
        } finally {
            chars.flip();
        }
        return true; // the loop leaves with characters, or returns false at the end
    }

    /** Counts line breaks among the characters decoded since {@code from} (one test per character on the common path). */
    private void count(int from) {
        char[] a = chars.array();
        int to = chars.position();
        if (to <= from) {
            return;
        }
        int prevCr = lastWasCr ? from - 1 : Integer.MIN_VALUE;
        long n = 0;
        for (int i = from; i < to; i++) {
            char c = a[i];
            if (c > '\r') {
                continue;
            }
            if (c == '\n') {
                if (prevCr != i - 1) {
                    n++;
                }
            } else if (c == '\r') {
                n++;
                prevCr = i;
            }
        }
        breaks += n;
        lastWasCr = a[to - 1] == '\r';
    }

    private void report() {
        long line = breaks + 1;
        if (line != lastReported) {
            lastReported = line;
            badLine.accept(line);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

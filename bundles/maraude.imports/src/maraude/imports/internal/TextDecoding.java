package maraude.imports.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

import org.eclipse.osgi.util.NLS;

import maraude.imports.ImportContext;
import maraude.imports.ImportFile;
import maraude.imports.Messages;

/**
 * Guesses the encoding of a text export: a BOM wins (UTF-8, UTF-16 LE/BE); else zero bytes reveal
 * UTF-16 without BOM; else UTF-8 if the first bytes are valid UTF-8, or hold more UTF-8 sequences
 * than stray bytes; else windows-1252 (what "Latin-1" files really are). In a UTF-8 file, a byte
 * that is not UTF-8 is read as windows-1252 on its own and its line reported
 * ({@link Utf8LineReader}): the rest of the file stays UTF-8.
 */
public final class TextDecoding {

    /** The charset and how many BOM bytes to skip. */
    public record Guess(Charset charset, int bomLength, boolean fallback) {
    }

    private static final Charset CP1252 = Charset.forName("windows-1252"); //$NON-NLS-1$

    private TextDecoding() {
    }

    public static Guess guess(byte[] h) {
        if (h.length >= 3 && (h[0] & 0xFF) == 0xEF && (h[1] & 0xFF) == 0xBB && (h[2] & 0xFF) == 0xBF) {
            return new Guess(StandardCharsets.UTF_8, 3, false);
        }
        if (h.length >= 2 && (h[0] & 0xFF) == 0xFF && (h[1] & 0xFF) == 0xFE) {
            return new Guess(StandardCharsets.UTF_16LE, 2, false);
        }
        if (h.length >= 2 && (h[0] & 0xFF) == 0xFE && (h[1] & 0xFF) == 0xFF) {
            return new Guess(StandardCharsets.UTF_16BE, 2, false);
        }
        int evenZeros = 0;
        int oddZeros = 0;
        int n = Math.min(h.length, 4096);
        for (int i = 0; i < n; i++) {
            if (h[i] == 0) {
                if ((i & 1) == 0) {
                    evenZeros++;
                } else {
                    oddZeros++;
                }
            }
        }
        if (n >= 4 && oddZeros > n / 4 && evenZeros < n / 50) {
            return new Guess(StandardCharsets.UTF_16LE, 0, false);
        }
        if (n >= 4 && evenZeros > n / 4 && oddZeros < n / 50) {
            return new Guess(StandardCharsets.UTF_16BE, 0, false);
        }
        return validUtf8(h) || mostlyUtf8(h) ? new Guess(StandardCharsets.UTF_8, 0, false) : new Guess(CP1252, 0, true);
    }

    /** More well-formed multi-byte UTF-8 sequences than bytes that fit none: UTF-8 with a few stray bytes. */
    static boolean mostlyUtf8(byte[] h) {
        int good = 0;
        int bad = 0;
        int i = 0;
        while (i < h.length) {
            int b = h[i] & 0xFF;
            int n = b < 0x80 ? 0 : b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : -1;
            if (n == 0) {
                i++;
                continue;
            }
            boolean ok = n > 0;
            for (int k = 1; ok && k <= n; k++) {
                ok = i + k < h.length && (h[i + k] & 0xC0) == 0x80;
            }
            if (ok) {
                good++;
                i += n + 1;
            } else {
                bad++;
                i++;
            }
        }
        return good > bad;
    }

    /** Valid UTF-8, except possibly a sequence cut at the end of the sample. */
    static boolean validUtf8(byte[] h) {
        CharsetDecoder d = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(h);
        CharBuffer out = CharBuffer.allocate(h.length + 1);
        CoderResult r = d.decode(in, out, false);
        return !r.isError();
    }

    public static Reader reader(InputStream in, Guess g) throws IOException {
        return reader(in, g, null);
    }

    /** A reader of {@code in}; in UTF-8, each line holding bytes that are not UTF-8 is told to {@code badLine}. */
    public static Reader reader(InputStream in, Guess g, LongConsumer badLine) throws IOException {
        in.skipNBytes(g.bomLength());
        if (g.charset().equals(StandardCharsets.UTF_8)) {
            return new Utf8LineReader(in, badLine);
        }
        CharsetDecoder d = g.charset().newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(in, d);
    }

    /** Opens a text file with its guessed encoding, reporting nothing. */
    public static Reader open(ImportFile f) throws IOException {
        return open(f, null);
    }

    /**
     * Opens a text file with its guessed encoding; each line whose bytes are not all UTF-8 in a
     * UTF-8 file is reported to {@code ctx} (see {@link #reporter}); null reports nothing.
     */
    public static Reader open(ImportFile f, ImportContext ctx) throws IOException {
        Guess g = guess(f.head());
        InputStream in = f.open();
        try {
            return reader(in, g, ctx == null ? null : reporter(ctx, f));
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    public static String decodeHead(byte[] head) {
        Guess g = guess(head);
        CharsetDecoder d = g.charset().newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try {
            return d.decode(ByteBuffer.wrap(head, g.bomLength(), head.length - g.bomLength())).toString();
        } catch (CharacterCodingException e) {
            return ""; //$NON-NLS-1$
        }
    }

    /** Decodes a whole document with the guessed encoding, reporting nothing. */
    public static String decode(byte[] all) {
        return decode(all, null, null);
    }

    /** Decodes a whole document with the guessed encoding, reporting its lines that are not UTF-8 (see {@link #open}). */
    public static String decode(byte[] all, ImportFile f, ImportContext ctx) {
        return decode(all, ctx == null ? null : reporter(ctx, f));
    }

    /** Decodes a whole document with the guessed encoding, telling {@code badLine} its lines that are not UTF-8. */
    public static String decode(byte[] all, LongConsumer badLine) {
        Guess g = guess(all);
        if (!g.charset().equals(StandardCharsets.UTF_8)) {
            return decodeHead(all);
        }
        return utf8(all, g.bomLength(), badLine);
    }

    /** UTF-8 from {@code skip} on, bytes that are not UTF-8 read as windows-1252 and their lines told to {@code badLine}. */
    public static String utf8(byte[] all, int skip, LongConsumer badLine) {
        try (Reader r = new Utf8LineReader(new ByteArrayInputStream(all, skip, all.length - skip), badLine)) {
            StringBuilder b = new StringBuilder(all.length);
            char[] buf = new char[16384];
            int n;
            while ((n = r.read(buf)) > 0) {
                b.append(buf, 0, n);
            }
            return b.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: cannot happen
        }
    }

    /** Lines reported one by one per file; past this, one last problem says there are more. */
    static final int REPORTED_LINES = 100;

    /** Reports each line holding bytes that are not UTF-8, up to {@link #REPORTED_LINES}. */
    public static LongConsumer reporter(ImportContext ctx, ImportFile f) {
        int[] count = { 0 };
        return line -> {
            int n = ++count[0];
            if (n <= REPORTED_LINES) {
                ctx.problem(f, line, -1, "invalid-encoding", Messages.problemInvalidEncodingLine); //$NON-NLS-1$
            } else if (n == REPORTED_LINES + 1) {
                ctx.problem(f, line, -1, "invalid-encoding", //$NON-NLS-1$
                        NLS.bind(Messages.problemInvalidEncodingMore, Integer.valueOf(REPORTED_LINES)));
            }
        };
    }
}

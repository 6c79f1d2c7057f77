package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import maraude.imports.ImportFile;

/**
 * Guesses the encoding of a text export: a BOM wins (UTF-8, UTF-16 LE/BE); else zero bytes reveal
 * UTF-16 without BOM; else UTF-8 if the first bytes are valid UTF-8; else windows-1252 (what
 * "Latin-1" files really are). Undecodable bytes later in a UTF-8 file become U+FFFD.
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
        return validUtf8(h) ? new Guess(StandardCharsets.UTF_8, 0, false) : new Guess(CP1252, 0, true);
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
        in.skipNBytes(g.bomLength());
        CharsetDecoder d = g.charset().newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(in, d);
    }

    /** Opens a text file with its guessed encoding. */
    public static Reader open(ImportFile f) throws IOException {
        Guess g = guess(f.head());
        InputStream in = f.open();
        try {
            return reader(in, g);
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

    /** Decodes a whole document with the guessed encoding. */
    public static String decode(byte[] all) {
        return decodeHead(all);
    }
}

package maraude.ui.team;

import java.util.Locale;

/**
 * Whether the fingerprint a worker typed (the one the administrator read out) names the certificate a
 * server presents: the typed hex digits must be the start of the presented fingerprint and at least
 * {@link #MIN_DIGITS} long. Colons, spaces and case do not count; any other character is a mismatch.
 * Asking for the administrator's own figures, rather than a click, is what makes the worker compare.
 */
public final class TypedFingerprint {

    /**
     * The digits asked for at least: 16 hex digits are 64 bits of the SHA-256; making another
     * certificate whose fingerprint starts the same is out of anyone's reach.
     */
    public static final int MIN_DIGITS = 16;

    /** What the typed text is so far. */
    public enum Verdict {
        /** Nothing against it, but fewer than {@link #MIN_DIGITS} digits. */
        TOO_SHORT,
        /** Not the start of the presented fingerprint. */
        MISMATCH,
        /** At least {@link #MIN_DIGITS} digits, all the presented fingerprint's. */
        MATCH
    }

    private TypedFingerprint() {
    }

    public static Verdict check(String typed, String presented) {
        String t = digits(typed);
        String p = digits(presented);
        if (t == null || p == null || !p.startsWith(t)) {
            return Verdict.MISMATCH;
        }
        return t.length() >= MIN_DIGITS ? Verdict.MATCH : Verdict.TOO_SHORT;
    }

    /** How many more digits are needed (0 when enough). */
    public static int missing(String typed) {
        String t = digits(typed);
        return t == null ? MIN_DIGITS : Math.max(0, MIN_DIGITS - t.length());
    }

    /** The hex digits of a fingerprint as written (lower case), null when it holds anything else. */
    private static String digits(String s) {
        if (s == null) {
            return ""; //$NON-NLS-1$
        }
        StringBuilder b = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            if (c == ':' || Character.isWhitespace(c)) {
                continue;
            }
            if (Character.digit(c, 16) < 0) {
                return null;
            }
            b.append(c);
        }
        return b.toString().toLowerCase(Locale.ROOT);
    }
}

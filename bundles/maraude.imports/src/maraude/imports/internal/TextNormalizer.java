package maraude.imports.internal;

/** Invisible marks, odd spaces and non-Latin digits that exports put around dates and names. */
public final class TextNormalizer {

    private TextNormalizer() {
    }

    /** Left-to-right/right-to-left marks, embeddings, isolates and BOM: never part of a name. */
    public static boolean isBidi(char c) {
        return c == '\u200E' || c == '\u200F' || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\uFEFF' || c == '\u061C';
    }

    public static String stripBidi(String s) {
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (isBidi(c)) {
                if (b == null) {
                    b = new StringBuilder(s.length()).append(s, 0, i);
                }
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? s : b.toString();
    }

    /**
     * A name fit to show: line breaks and tabs become a space; NUL and every other C0/C1 control,
     * and the bidi embeddings, overrides and isolates that can disguise a name (U+202A–U+202E,
     * U+2066–U+2069), are removed; spaces collapse. The marks LRM, RLM and ALM are harmless in
     * right-to-left names and stay. A clean name is returned as is (ids made from it do not change).
     */
    public static String cleanName(String s) {
        if (s == null) {
            return null;
        }
        int i = 0;
        while (i < s.length() && !unfitInName(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length()).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n' || c == '\r' || c == '\t' || c == '\u000B' || c == '\u000C' || c == '\u0085' || c == '\u2028'
                    || c == '\u2029') {
                if (b.length() > 0 && b.charAt(b.length() - 1) != ' ') {
                    b.append(' ');
                }
            } else if (!unfitInName(c) && !(c == ' ' && b.length() > 0 && b.charAt(b.length() - 1) == ' ')) {
                b.append(c);
            }
        }
        return b.toString().strip();
    }

    private static boolean unfitInName(char c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= '\u202A' && c <= '\u202E') || (c >= '\u2066' && c <= '\u2069')
                || c == '\u2028' || c == '\u2029';
    }

    /** Strips bidi marks and whitespace at both ends only. */
    public static String trimMarks(String s) {
        int a = 0;
        int z = s.length();
        while (a < z && (isBidi(s.charAt(a)) || Character.isWhitespace(s.charAt(a)) || s.charAt(a) == '\u00A0')) {
            a++;
        }
        while (z > a && (isBidi(s.charAt(z - 1)) || Character.isWhitespace(s.charAt(z - 1)) || s.charAt(z - 1) == '\u00A0')) {
            z--;
        }
        return s.substring(a, z);
    }

    /**
     * Normalizes the start of a line for header matching: drops bidi marks, maps narrow and
     * non-breaking spaces to a space, Arabic-Indic digits to ASCII and the Arabic comma to ",".
     * {@code map[i]} is the index in {@code s} of normalized char i ({@code map[len]} = end).
     */
    public static String normalizeHeader(String s, int maxChars, int[] map) {
        int n = Math.min(s.length(), maxChars);
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (isBidi(c)) {
                continue;
            }
            if (c == '\u202F' || c == '\u00A0' || c == '\u2009' || c == '\u2007') {
                c = ' ';
            } else if (c >= '\u0660' && c <= '\u0669') {
                c = (char) ('0' + (c - '\u0660'));
            } else if (c >= '\u06F0' && c <= '\u06F9') {
                c = (char) ('0' + (c - '\u06F0'));
            } else if (c == '\u060C') {
                c = ',';
            }
            map[b.length()] = i;
            b.append(c);
        }
        map[b.length()] = n;
        return b.toString();
    }
}

package maraude.archive.analysis;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds phone-number-like runs in text and turns them into canonical keys, so that every way of
 * writing a number meets every other:
 * {@code 0470 12 34 56}, {@code 0470/12.34.56}, {@code +32 470 12 34 56}, {@code +32 (0)470 123456},
 * {@code 0032470123456}, {@code 32470123456}.
 *
 * <p>
 * Keys are national significant numbers (NSN) without country code or trunk zero. A national form
 * ({@code 0} + NSN) gives its NSN. An international form ({@code +}, {@code 00}, or bare digits)
 * has a country code of 1 to 3 digits that cannot be told apart without a numbering plan, so it
 * gives its last 9 digits (the NSN length of mobiles in BE, FR, NL, ES, PT, RO) and its last 8
 * (Belgian land lines). A query number matches a stored one when they share a key. The rare price
 * is that two numbers ending with the same 8 digits in different countries meet.
 */
public final class PhoneNumbers {

    /** The same without slashes or parentheses: in a query they mean grouping and field syntax. */
    private static final Pattern QUERY_CANDIDATE = Pattern.compile(
            "(?<![\\p{L}\\p{N}+:\\\\])\\+?\\d(?:[ .\\-\\u00A0\\u202F]?\\d){7,16}(?![\\p{N}*?~])"); //$NON-NLS-1$

    private static final int MIN_DIGITS = 8;
    private static final int MAX_DIGITS = 15;

    private PhoneNumbers() {
    }

    /**
     * Canonical keys of every phone-number-like run in {@code text} (no duplicates). A hand-written
     * scanner rather than a regular expression: it runs on every message indexed, and a regex with
     * look-behind cost about a seventh of the indexing time.
     */
    public static Set<String> keysIn(String text) {
        Set<String> keys = new LinkedHashSet<>();
        if (text == null) {
            return keys;
        }
        int n = text.length();
        int i = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                i++;
                continue;
            }
            // a run must not continue a word or a number: "ab0470…", "x2"
            if (i > 0 && Character.isLetterOrDigit(text.charAt(i - 1))) {
                while (i < n && (isDigit(text.charAt(i)) || Character.isLetter(text.charAt(i)))) {
                    i++;
                }
                continue;
            }
            int start = i;
            boolean plus = start > 0 && text.charAt(start - 1) == '+';
            if (!plus && start > 1 && text.charAt(start - 2) == '+' && text.charAt(start - 1) == ' ') {
                plus = true;
            }
            StringBuilder digits = new StringBuilder(16);
            int end = i;
            while (i < n) {
                char d = text.charAt(i);
                if (isDigit(d)) {
                    digits.append(d);
                    i++;
                    end = i;
                } else if (text.startsWith("(0)", i)) { //$NON-NLS-1$
                    i += 3;
                    if (i < n && text.charAt(i) == ' ') {
                        i++;
                    }
                } else if (isSeparator(d) && i + 1 < n && (isDigit(text.charAt(i + 1)) || text.charAt(i + 1) == '(')) {
                    i++;
                } else {
                    break;
                }
            }
            i = Math.max(i, end);
            if (end < n && Character.isLetter(text.charAt(end))) {
                continue; // "0470123456abc" is a code, not a number
            }
            if (digits.length() >= MIN_DIGITS && digits.length() <= MAX_DIGITS + 2) {
                keys.addAll(keysOf((plus ? "+" : "") + digits)); //$NON-NLS-1$ //$NON-NLS-2$
            }
        }
        return keys;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isSeparator(char c) {
        return c == ' ' || c == '.' || c == '-' || c == '/' || c == '\u00A0' || c == '\u202F';
    }

    /**
     * Keys of one written number (empty if it is not phone-like: fewer than 8 or more than 15 digits).
     */
    public static List<String> keysOf(String written) {
        String s = written.strip().replace("(0)", ""); //$NON-NLS-1$ //$NON-NLS-2$
        boolean plus = s.startsWith("+"); //$NON-NLS-1$
        StringBuilder d = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c >= '0' && c <= '9') {
                d.append(c);
            }
        }
        String digits = d.toString();
        List<String> keys = new ArrayList<>(2);
        if (!plus && digits.startsWith("00")) { //$NON-NLS-1$
            digits = digits.substring(2);
            plus = true;
        }
        if (digits.length() < MIN_DIGITS || digits.length() > MAX_DIGITS) {
            return keys;
        }
        if (!plus && digits.charAt(0) == '0') {
            String nsn = digits.substring(1);
            if (nsn.length() >= MIN_DIGITS) {
                keys.add(nsn);
            }
            return keys;
        }
        if (digits.length() >= 9) {
            keys.add(digits.substring(digits.length() - 9));
        }
        keys.add(digits.substring(digits.length() - 8));
        return keys;
    }

    /** Spans of a query string that look like phone numbers: {start, end} pairs. */
    public static List<int[]> querySpans(String query) {
        List<int[]> spans = new ArrayList<>();
        Matcher m = QUERY_CANDIDATE.matcher(query);
        while (m.find()) {
            if (!keysOf(m.group()).isEmpty()) {
                spans.add(new int[] { m.start(), m.end() });
            }
        }
        return spans;
    }
}

package maraude.core.classify;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How the classifier reads a message: lower case, no accents, apostrophes and hyphens as spaces, and
 * runs of one repeated letter squeezed ("merciii", "obrigadaaa", "okkk" read as "merci", "obrigada",
 * "ok"). Rules are normalised the same way, so a squeezed rule word still meets its text.
 */
public final class TextNorm {

    /** Longest text read: the verdict of a message is in its beginning and the cost must stay bounded. */
    static final int MAX_CHARS = 4000;

    private TextNorm() {
    }

    /** The words of a text, normalised, in order; digits are kept as words. */
    public static List<String> words(String text) {
        return words(text, 2);
    }

    /**
     * The words with runs of three or more of one letter cut to one ("merciii") but doubled letters
     * kept ("see", "good", "dankjewel"): what language detection looks up first, since squeezing
     * every double letter makes words of different languages meet ("see" and "se").
     */
    static List<String> lightWords(String text) {
        return words(text, 3);
    }

    /** Squeezes every run of one letter in an already normalised word. */
    static String squeeze(String word) {
        StringBuilder b = new StringBuilder(word.length());
        for (int i = 0; i < word.length(); i++) {
            char c = word.charAt(i);
            if (!(Character.isLetter(c) && b.length() > 0 && b.charAt(b.length() - 1) == c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** @param run runs of this many equal letters or more are cut to one letter */
    private static List<String> words(String text, int run) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        StringBuilder w = new StringBuilder();
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(c) || c == '+') {
                char l = Character.toLowerCase(c);
                if (l == 'ß') {
                    w.append("ss"); //$NON-NLS-1$
                } else if (l == 'œ') {
                    w.append("oe"); //$NON-NLS-1$
                } else if (l == 'æ') {
                    w.append("ae"); //$NON-NLS-1$
                } else if (l == 'ı') {
                    w.append('i');
                } else {
                    w.append(l);
                }
            } else if (w.length() > 0) {
                out.add(cut(w, run));
                w.setLength(0);
            }
        }
        if (w.length() > 0) {
            out.add(cut(w, run));
        }
        return out;
    }

    private static String cut(StringBuilder w, int run) {
        StringBuilder b = new StringBuilder(w.length());
        int i = 0;
        while (i < w.length()) {
            char c = w.charAt(i);
            int j = i;
            while (j < w.length() && w.charAt(j) == c) {
                j++;
            }
            int len = j - i;
            int keep = Character.isLetter(c) && len >= run ? 1 : len;
            for (int k = 0; k < keep; k++) {
                b.append(c);
            }
            i = j;
        }
        return b.toString();
    }

    /** One rule word or phrase normalised like a text; the trailing "*" of a prefix is kept. */
    static List<String> ruleWords(String entry) {
        List<String> out = new ArrayList<>();
        for (String part : entry.strip().split("\\s+")) { //$NON-NLS-1$
            boolean prefix = part.endsWith("*") && part.length() > 1; //$NON-NLS-1$
            List<String> w = words(prefix ? part.substring(0, part.length() - 1) : part);
            for (int i = 0; i < w.size(); i++) {
                out.add(prefix && i == w.size() - 1 ? w.get(i) + "*" : w.get(i)); //$NON-NLS-1$
            }
        }
        return out;
    }

    /** Emoji and other pictographs of a text (each as a string), in order. */
    public static List<String> emoji(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) {
            return out;
        }
        String s = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        s.codePoints().forEach(cp -> {
            int t = Character.getType(cp);
            boolean skinTone = cp >= 0x1F3FB && cp <= 0x1F3FF;
            if (!skinTone && (t == Character.OTHER_SYMBOL || (cp >= 0x1F000 && cp <= 0x1FAFF))) {
                out.add(new String(Character.toChars(cp)));
            }
        });
        return out;
    }

    /** Letters in a text, for "is there anything to read at all". */
    static int letters(String text) {
        if (text == null) {
            return 0;
        }
        int n = 0;
        int max = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < max; i++) {
            if (Character.isLetter(text.charAt(i))) {
                n++;
            }
        }
        return n;
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}

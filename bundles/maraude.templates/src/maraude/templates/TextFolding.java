package maraude.templates;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Lower-cases and strips accents, keeping a map back to the original offsets so that findings point
 * at the worker's own text.
 */
final class TextFolding {

    private TextFolding() {
    }

    static String fold(String s) {
        return fold(s, null);
    }

    /**
     * @param origin if not null, receives for each folded char the offset of its source char; must be
     *               at least {@code 2 * s.length()} long
     */
    static String fold(String s, int[] origin) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String piece;
            if (c < 128) {
                piece = String.valueOf(Character.toLowerCase(c));
            } else if (c == 'œ' || c == 'Œ') {
                piece = "oe"; //$NON-NLS-1$
            } else if (c == 'æ' || c == 'Æ') {
                piece = "ae"; //$NON-NLS-1$
            } else if (c == 'ß') {
                piece = "ss"; //$NON-NLS-1$
            } else if (c == '’' || c == 'ʼ') {
                piece = "'"; //$NON-NLS-1$
            } else if (Character.isHighSurrogate(c) || Character.isLowSurrogate(c)) {
                piece = " "; //$NON-NLS-1$
            } else {
                String d = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
                StringBuilder kept = new StringBuilder(1);
                for (int j = 0; j < d.length(); j++) {
                    char x = d.charAt(j);
                    if (Character.getType(x) != Character.NON_SPACING_MARK) {
                        kept.append(x);
                    }
                }
                piece = kept.length() == 0 ? " " : kept.toString().toLowerCase(Locale.ROOT); //$NON-NLS-1$
                if (piece.length() > 2) {
                    piece = piece.substring(0, 2);
                }
            }
            for (int j = 0; j < piece.length(); j++) {
                if (origin != null) {
                    origin[b.length()] = i;
                }
                b.append(piece.charAt(j));
            }
        }
        return b.toString();
    }
}

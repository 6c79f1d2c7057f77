package maraude.imports.internal;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.apache.james.mime4j.dom.Header;
import org.apache.james.mime4j.stream.Field;

/**
 * Tells automatic replies apart from a person's words, so that an away message or a platform notice
 * arriving after our reply does not put the conversation back in the permanence queue. Importers
 * record such messages as {@link maraude.core.model.Direction#SYSTEM} lines.
 * <p>
 * Only strong markers count, because a false alarm hides a real message from the queue: the words
 * "automatic reply" (in the languages the teams meet) opening the text, after reply prefixes and
 * brackets ("RE: [Réponse automatique]"), as mail clients and messaging apps write them, and for mail the RFC 3834 headers and bounce senders. A person who
 * writes "je suis absente demain" is still a person.
 */
public final class AutomaticReplies {

    /** Only the opening of a text is looked at: that is where clients put their marker. */
    static final int HEAD = 120;

    private static final Pattern MARKERS = Pattern.compile(
            "^(?:(?:re|tr|fw|fwd|aw|wg|antw|rv|res)\\s*:\\s*)*[\\[(*\\s\u200e]*(" //$NON-NLS-1$ reply prefixes, brackets
                    + "reponse automatique|message automatique|message genere automatiquement|absence du bureau" //$NON-NLS-1$ fr
                    + "|automatisch antwoord|automatisch bericht|afwezigheidsbericht|automatisch gegenereerd bericht" //$NON-NLS-1$ nl
                    + "|automatic reply|auto-reply|autoreply|auto reply|automated message|automatic message|out of office" //$NON-NLS-1$ en
                    + "|respuesta automatica|mensaje automatico" //$NON-NLS-1$ es
                    + "|resposta automatica|mensagem automatica" //$NON-NLS-1$ pt
                    + "|raspuns automat|mesaj automat" //$NON-NLS-1$ ro
                    + ")\\b"); //$NON-NLS-1$

    private static final Pattern COMBINING_MARKS = Pattern.compile("\\p{M}+"); //$NON-NLS-1$

    private static final List<String> BOUNCE_SENDERS = List.of("mailer-daemon@", "postmaster@", "noreply@", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            "no-reply@", "no_reply@", "donotreply@", "do-not-reply@"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

    private AutomaticReplies() {
    }

    /** True when the text opens like an automatic reply ("Réponse automatique : …", "[Auto-Reply] …"). */
    public static boolean looksAutomatic(String text) {
        if (text == null || text.isBlank()) {
            return false;
        }
        String head = text.strip();
        head = head.substring(0, Math.min(HEAD, head.length()));
        if (!mayOpenWithMarker(head)) {
            return false; // most messages: folding the head and running the pattern could not match
        }
        return markersOpen(head);
    }

    /** The head folded, then {@link #MARKERS}: what {@link #looksAutomatic} answers, without the quick refusal. */
    static boolean markersOpen(String head) {
        return MARKERS.matcher(fold(head)).lookingAt(); // the pattern is anchored: no need to try every position
    }

    /** Every reply prefix and marker of {@link #MARKERS} starts with one of these letters (folded). */
    private static final String FIRST_LETTERS = "rtfawmo"; //$NON-NLS-1$

    /**
     * False when {@link #MARKERS} cannot match the folded head: after what the pattern lets come
     * first (brackets, asterisks, its whitespace, marks that folding drops), the first letter,
     * folded, must start a reply prefix or a marker.
     */
    static boolean mayOpenWithMarker(String head) {
        for (int i = 0; i < head.length(); i++) {
            char c = head.charAt(i);
            if (c == '[' || c == '(' || c == '*' || c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f'
                    || c == '\r' || c == '\u200E' || c == '\u00A0') {
                continue;
            }
            int type = Character.getType(c);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK
                    || type == Character.COMBINING_SPACING_MARK) {
                continue;
            }
            if (c < 0x80) {
                return FIRST_LETTERS.indexOf(Character.toLowerCase(c)) >= 0;
            }
            String folded = fold(String.valueOf(c));
            return !folded.isEmpty() && FIRST_LETTERS.indexOf(folded.charAt(0)) >= 0;
        }
        return false;
    }

    /** Accents dropped, lower case, no-break space as a space: what {@link #MARKERS} is written for. */
    static String fold(String head) {
        // Called for every inbound message: the pattern is compiled once, and an ASCII head (most
        // messages) has no marks to drop, so it skips the decomposition.
        String plain = isAscii(head) ? head
                : COMBINING_MARKS.matcher(Normalizer.normalize(head, Normalizer.Form.NFD)).replaceAll(""); //$NON-NLS-1$
        return plain.toLowerCase(Locale.ROOT).replace('\u00A0', ' ');
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when a mail says it was sent by a machine: {@code Auto-Submitted} other than {@code no}
     * (RFC 3834), the autoresponder headers of common servers, or a bounce/no-reply sender.
     */
    public static boolean isAutomaticMail(Header header, String fromAddress) {
        if (header != null) {
            Field auto = header.getField("Auto-Submitted"); //$NON-NLS-1$
            if (auto != null && auto.getBody() != null && !auto.getBody().strip().toLowerCase(Locale.ROOT).startsWith("no")) { //$NON-NLS-1$
                return true;
            }
            if (header.getField("X-Autoreply") != null || header.getField("X-Autorespond") != null //$NON-NLS-1$ //$NON-NLS-2$
                    || header.getField("X-Auto-Response-Suppress") != null && header.getField("X-MS-Exchange-Generated-Message-Source") != null) { //$NON-NLS-1$ //$NON-NLS-2$
                return true;
            }
            Field precedence = header.getField("Precedence"); //$NON-NLS-1$
            if (precedence != null && precedence.getBody() != null
                    && precedence.getBody().strip().toLowerCase(Locale.ROOT).startsWith("auto_reply")) { //$NON-NLS-1$
                return true;
            }
        }
        if (fromAddress != null) {
            String from = fromAddress.strip().toLowerCase(Locale.ROOT);
            for (String b : BOUNCE_SENDERS) {
                if (from.startsWith(b)) {
                    return true;
                }
            }
        }
        return false;
    }
}

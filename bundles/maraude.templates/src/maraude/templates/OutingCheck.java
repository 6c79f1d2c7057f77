package maraude.templates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks an outgoing text for what could out the person who receives it: the first line is what a
 * lock screen or a notification preview shows to whoever holds the phone. Findings:
 * <ul>
 * <li>a revealing word (sex work, sexual health, the service's nature) in the first line or the first
 * 60 characters, with a neutral opening to use instead;</li>
 * <li>a worker's first name (or a {@code {worker_name}} field) in a text meant for bulk sends;</li>
 * <li>a link whose domain name reveals the service, anywhere in the text (link previews show it).</li>
 * </ul>
 * Pure function of its input; never logs the text.
 */
public final class OutingCheck {

    /** Characters a notification preview typically shows. */
    public static final int PREVIEW_CHARS = 60;
    static final int MAX_TEXT = 20_000;

    /** Top-level domains recognised in bare links such as {@code example.be/kit}. */
    private static final java.util.Set<String> TLDS = java.util.Set.of("be", "com", "org", "net", "eu", "fr", "nl", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
            "lu", "de", "uk", "info", "es", "pt", "br", "ro", "io", "app", "me", "site", "online", "help"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$ //$NON-NLS-9$ //$NON-NLS-10$ //$NON-NLS-11$ //$NON-NLS-12$ //$NON-NLS-13$
    private static final Pattern TOKEN = Pattern.compile("\\S{1,2048}"); //$NON-NLS-1$
    private static final Pattern LABEL = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"); //$NON-NLS-1$
    private static final Pattern WORKER_FIELD = Pattern.compile("\\{(worker_name|worker|signature_name)\\}"); //$NON-NLS-1$

    private OutingCheck() {
    }

    public static List<Finding> check(String text, CheckContext ctx) {
        CheckContext c = ctx == null ? CheckContext.defaults() : ctx;
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String t = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        List<Finding> out = new ArrayList<>();
        revealingWords(t, c, out);
        if (c.bulk()) {
            workerNames(t, c, out);
        }
        links(t, c, out);
        out.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::kind));
        return out;
    }

    /** Convenience: the first-line region [start, end) the preview shows. */
    static int[] previewRegion(String t) {
        int start = 0;
        while (start < t.length() && Character.isWhitespace(t.charAt(start))) {
            start++;
        }
        int nl = t.indexOf('\n', start);
        int lineEnd = nl < 0 ? t.length() : nl;
        int end = Math.max(lineEnd, Math.min(t.length(), start + PREVIEW_CHARS));
        return new int[] { start, end };
    }

    private static void revealingWords(String t, CheckContext c, List<Finding> out) {
        int[] region = previewRegion(t);
        int[] origin = new int[t.length() * 2 + 1];
        String folded = TextFolding.fold(t, origin);
        String keepCase = OutingWords.foldKeepCase(t);
        List<int[]> taken = new ArrayList<>();
        String lang = c.language() != null ? c.language() : dominantLanguage(folded, keepCase, c.words());
        for (OutingWords.Entry e : c.words().entries()) {
            Matcher m = e.pattern().matcher(e.caseSensitive() ? keepCase : folded);
            while (m.find()) {
                int s = e.caseSensitive() ? m.start() : origin[m.start()];
                int end = e.caseSensitive() ? m.end() : origin[m.end() - 1] + 1;
                while (end < t.length() && Character.isLetterOrDigit(t.charAt(end))) {
                    end++; // a prefix entry flags the whole word
                }
                if (s < region[0] || s >= region[1] || overlaps(taken, s, end)) {
                    continue;
                }
                taken.add(new int[] { s, end });
                out.add(new Finding(Finding.REVEALING_WORD, s, end,
                        Messages.format(Messages.Outing_revealingWord, t.substring(s, end)),
                        Messages.format(Messages.Outing_suggestOpening, c.words().opening(lang))));
            }
        }
    }

    /** The language whose list matches most often in the whole text: the opening is suggested in it. */
    private static String dominantLanguage(String folded, String keepCase, OutingWords words) {
        java.util.Map<String, Integer> count = new java.util.HashMap<>();
        for (OutingWords.Entry e : words.entries()) {
            Matcher m = e.pattern().matcher(e.caseSensitive() ? keepCase : folded);
            while (m.find()) {
                count.merge(e.language(), 1, Integer::sum);
            }
        }
        String best = Languages.FALLBACK;
        int n = 0;
        for (String l : Languages.SUPPORTED) {
            if (count.getOrDefault(l, 0) > n) {
                n = count.get(l);
                best = l;
            }
        }
        return best;
    }

    private static boolean overlaps(List<int[]> taken, int s, int e) {
        for (int[] r : taken) {
            if (s < r[1] && e > r[0]) {
                return true;
            }
        }
        return false;
    }

    private static void workerNames(String t, CheckContext c, List<Finding> out) {
        int[] origin = new int[t.length() * 2 + 1];
        String folded = TextFolding.fold(t, origin);
        for (String name : c.workerNames()) {
            if (name == null || name.strip().length() < 2) {
                continue;
            }
            Pattern p = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(TextFolding.fold(name.strip())) //$NON-NLS-1$
                    + "(?![\\p{L}\\p{N}])"); //$NON-NLS-1$
            Matcher m = p.matcher(folded);
            while (m.find()) {
                int s = origin[m.start()];
                int e = origin[m.end() - 1] + 1;
                out.add(new Finding(Finding.WORKER_NAME, s, e,
                        Messages.format(Messages.Outing_workerName, t.substring(s, e)), Messages.Outing_suggestRemoveName));
            }
        }
        Matcher f = WORKER_FIELD.matcher(t);
        while (f.find()) {
            out.add(new Finding(Finding.WORKER_NAME, f.start(), f.end(),
                    Messages.format(Messages.Outing_workerPlaceholder, f.group()), Messages.Outing_suggestRemoveName));
        }
    }

    /**
     * Links are found token by token (no backtracking regular expression over the whole text, which a
     * hostile "a.a.a.a…" would make blow the stack).
     */
    private static void links(String t, CheckContext c, List<Finding> out) {
        Matcher m = TOKEN.matcher(t);
        while (m.find()) {
            String tok = m.group();
            int s = m.start();
            int e = m.end();
            while (e > s && ".,;:!?)]}\"'»".indexOf(t.charAt(e - 1)) >= 0) { //$NON-NLS-1$
                e--;
            }
            while (s < e && "([{\"'«<".indexOf(t.charAt(s)) >= 0) { //$NON-NLS-1$
                s++;
            }
            if (s >= e) {
                continue;
            }
            tok = t.substring(s, e);
            String host = hostOf(tok);
            if (host != null && revealingHost(host, c)) {
                out.add(new Finding(Finding.REVEALING_LINK, s, e, Messages.format(Messages.Outing_revealingLink, host),
                        Messages.Outing_suggestLink));
            }
        }
    }

    /** The host name of a token that looks like a link, or null. */
    static String hostOf(String token) {
        String x = TextFolding.fold(token).toLowerCase(Locale.ROOT);
        boolean scheme = false;
        for (String p : new String[] { "https://", "http://" }) { //$NON-NLS-1$ //$NON-NLS-2$
            if (x.startsWith(p)) {
                x = x.substring(p.length());
                scheme = true;
            }
        }
        int cut = x.length();
        for (char ch : new char[] { '/', '?', '#', ':' }) {
            int i = x.indexOf(ch);
            if (i >= 0 && i < cut) {
                cut = i;
            }
        }
        String host = x.substring(0, cut);
        if (host.contains("@")) { //$NON-NLS-1$
            return null; // an e-mail address, not a link
        }
        String[] labels = host.split("\\.", -1); //$NON-NLS-1$
        if (labels.length < 2 || labels.length > 20) {
            return null;
        }
        for (String l : labels) {
            if (!LABEL.matcher(l).matches()) {
                return null;
            }
        }
        return scheme || TLDS.contains(labels[labels.length - 1]) ? host : null;
    }

    private static boolean revealingHost(String host, CheckContext c) {
        for (String d : c.serviceDomains()) {
            String dd = d.strip().toLowerCase(Locale.ROOT);
            if (!dd.isEmpty() && (host.equals(dd) || host.endsWith("." + dd))) { //$NON-NLS-1$
                return true;
            }
        }
        String compact = host.replace("-", "").replace(".", " "); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        for (String piece : c.words().domainPieces()) {
            if (!piece.isEmpty() && compact.contains(piece.replace("-", ""))) { //$NON-NLS-1$ //$NON-NLS-2$
                return true;
            }
        }
        return false;
    }
}

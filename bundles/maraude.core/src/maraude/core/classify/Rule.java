package maraude.core.classify;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of a rule file, compiled: groups joined by "+" that must all occur within
 * {@link #WINDOW} words of each other; each group a set of alternatives ("|"); each alternative a
 * sequence of consecutive words, a word ending in "*" matching every word that starts so.
 */
final class Rule {

    /** Words between the first and the last group of a combined rule, at most. */
    static final int WINDOW = 8;

    private final String source;
    private final List<List<String[]>> groups;
    /** Per group, its alternatives by their first word, so that a position is tried only against those that can start there. */
    private final List<Group> index;

    /** A group's alternatives: those starting with an exact word by that word, those starting with a prefix apart. */
    private record Group(Map<String, List<String[]>> byFirstWord, List<String[]> prefixFirst) {
        static Group of(List<String[]> alts) {
            Map<String, List<String[]>> exact = new HashMap<>();
            List<String[]> prefix = new ArrayList<>();
            for (String[] seq : alts) {
                String first = seq[0];
                if (!first.isEmpty() && first.charAt(first.length() - 1) == '*') {
                    prefix.add(seq);
                } else {
                    exact.computeIfAbsent(first, k -> new ArrayList<>()).add(seq);
                }
            }
            return new Group(exact, prefix);
        }

        int match(List<String> words, int at) {
            List<String[]> exact = byFirstWord.get(words.get(at));
            int best = exact == null ? 0 : matchAny(exact, words, at);
            int viaPrefix = prefixFirst.isEmpty() ? 0 : matchAny(prefixFirst, words, at);
            return Math.max(best, viaPrefix);
        }
    }

    private Rule(String source, List<List<String[]>> groups) {
        this.source = source;
        this.groups = groups;
        List<Group> idx = new ArrayList<>(groups.size());
        for (List<String[]> g : groups) {
            idx.add(Group.of(g));
        }
        this.index = idx;
    }

    /** Compiles an entry; null when it holds no word. */
    static Rule compile(String entry) {
        List<List<String[]>> groups = new ArrayList<>();
        for (String g : entry.split("\\s\\+\\s|\\s\\+$|^\\+\\s")) { //$NON-NLS-1$
            List<String[]> alts = new ArrayList<>();
            for (String alt : g.split("\\|")) { //$NON-NLS-1$
                List<String> w = TextNorm.ruleWords(alt);
                if (!w.isEmpty()) {
                    alts.add(w.toArray(String[]::new));
                }
            }
            if (!alts.isEmpty()) {
                groups.add(alts);
            }
        }
        return groups.isEmpty() ? null : new Rule(entry.strip(), groups);
    }

    String source() {
        return source;
    }

    /** A single sequence of words without "+" or "|": used for acknowledgement coverage. */
    boolean isSimple() {
        return groups.size() == 1 && groups.get(0).size() == 1;
    }

    /** Length in words of the first alternative of the first group. */
    String[] firstSequence() {
        return groups.get(0).get(0);
    }

    /**
     * Where the rule matches in the words: [start, end) of the span from the first to the last group
     * matched, or null.
     */
    int[] find(List<String> words) {
        if (groups.size() == 1) {
            Group only = index.get(0);
            for (int i = 0; i < words.size(); i++) {
                int len = only.match(words, i);
                if (len > 0) {
                    return new int[] { i, i + len };
                }
            }
            return null;
        }
        // Every position where each group matches; then the tightest combination within the window.
        List<List<int[]>> hits = new ArrayList<>();
        for (Group g : index) {
            List<int[]> h = new ArrayList<>();
            for (int i = 0; i < words.size(); i++) {
                int len = g.match(words, i);
                if (len > 0) {
                    h.add(new int[] { i, i + len });
                }
            }
            if (h.isEmpty()) {
                return null;
            }
            hits.add(h);
        }
        for (int[] anchor : hits.get(0)) {
            int lo = anchor[0];
            int hi = anchor[1];
            boolean all = true;
            for (int k = 1; k < hits.size() && all; k++) {
                int[] best = null;
                for (int[] h : hits.get(k)) {
                    if (overlaps(h, anchor)) {
                        continue;
                    }
                    int nlo = Math.min(lo, h[0]);
                    int nhi = Math.max(hi, h[1]);
                    if (nhi - nlo <= WINDOW + anchor[1] - anchor[0] + h[1] - h[0]
                            && (best == null || nhi - nlo < Math.max(hi, best[1]) - Math.min(lo, best[0]))) {
                        best = h;
                    }
                }
                if (best == null) {
                    all = false;
                } else {
                    lo = Math.min(lo, best[0]);
                    hi = Math.max(hi, best[1]);
                }
            }
            if (all) {
                return new int[] { lo, hi };
            }
        }
        return null;
    }

    private static boolean overlaps(int[] a, int[] b) {
        return a[0] < b[1] && b[0] < a[1];
    }

    /** Length of the longest alternative matching at {@code at}, 0 when none. */
    static int matchAny(List<String[]> alts, List<String> words, int at) {
        int best = 0;
        for (String[] seq : alts) {
            if (seq.length > best && matches(seq, words, at)) {
                best = seq.length;
            }
        }
        return best;
    }

    static boolean matches(String[] seq, List<String> words, int at) {
        if (at + seq.length > words.size()) {
            return false;
        }
        for (int k = 0; k < seq.length; k++) {
            String p = seq[k];
            String w = words.get(at + k);
            int last = p.length() - 1;
            if (last >= 0 && p.charAt(last) == '*') {
                // a prefix: compared in place (this runs for every word of every rule)
                if (!w.regionMatches(0, p, 0, last)) {
                    return false;
                }
            } else if (!w.equals(p)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return source;
    }
}

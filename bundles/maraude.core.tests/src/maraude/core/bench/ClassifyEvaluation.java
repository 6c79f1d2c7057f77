package maraude.core.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import maraude.core.classify.ClassifierRules;
import maraude.core.classify.Classification;
import maraude.core.classify.Intent;
import maraude.core.classify.LanguageDetector;
import maraude.core.classify.Languages;
import maraude.core.classify.MessageClassifier;
import maraude.core.classify.Urgency;

/**
 * {@code ./bench classify [EVAL_DIR] [--misses]}: the message classifier on the labelled set shipped in
 * {@code bundles/maraude.core.tests/eval}: {@code classify-tune.tsv} (rules may be tuned on it) and
 * {@code classify-heldout.tsv} (never used for tuning, reported apart). Prints intent accuracy,
 * per-class precision and recall, urgent recall and false alarms, language accuracy on messages of
 * three words or more, overall, per language and per part, next to two baselines measured in the
 * same run: the optimaize n-gram detector alone (the library the product used before, restricted to
 * the six languages) and the word lists alone. {@code --misses} lists the tuning part's errors
 * (never the held-out part's).
 */
public final class ClassifyEvaluation {

    /** One labelled message; {@code language} null when no language can be told. */
    record Item(String text, String language, Intent intent, Set<String> urgency, boolean heldOut) {
    }

    private static final Instant NOW = Instant.parse("2026-01-15T12:00:00Z"); //$NON-NLS-1$

    private ClassifyEvaluation() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of("bundles/maraude.core.tests/eval"); //$NON-NLS-1$
        boolean misses = false;
        for (String a : args) {
            if (a.equals("--misses")) { //$NON-NLS-1$
                misses = true;
            } else {
                dir = Path.of(a);
            }
        }
        List<Item> items = new ArrayList<>();
        items.addAll(read(dir.resolve("classify-tune.tsv"), false)); //$NON-NLS-1$
        items.addAll(read(dir.resolve("classify-heldout.tsv"), true)); //$NON-NLS-1$
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        ClassifierRules rules = ClassifierRules.loadDefault();
        long t0 = System.nanoTime();
        MessageClassifier classifier = new MessageClassifier(rules);
        LanguageDetector wordsOnly = new LanguageDetector(rules, false);
        com.optimaize.langdetect.LanguageDetector ngramOnly = ngrams();
        var factory = com.optimaize.langdetect.text.CommonTextObjectFactories.forDetectingShortCleanText();
        long t1 = System.nanoTime();
        List<Classification> got = new ArrayList<>();
        for (Item it : items) {
            got.add(classifier.classify(it.text, NOW, NOW));
        }
        long t2 = System.nanoTime();
        out.printf(Locale.ROOT, "Classifier evaluation: %d messages (%d tuning, %d held out), %d languages%n", items.size(), //$NON-NLS-1$
                items.stream().filter(i -> !i.heldOut).count(), items.stream().filter(i -> i.heldOut).count(),
                Languages.SUPPORTED.size());
        out.printf(Locale.ROOT, "load %.0f ms, classify %.2f ms/message%n%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6 / items.size()); //$NON-NLS-1$
        for (String part : List.of("all", "tuning", "held-out")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                if (part.equals("all") || items.get(i).heldOut == part.equals("held-out")) { //$NON-NLS-1$ //$NON-NLS-2$
                    idx.add(i);
                }
            }
            out.println("== " + part + " (" + idx.size() + " messages)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            report(out, items, got, idx, i -> wordsOnly.detect(items.get(i).text).language(), i -> {
                String best = null;
                double p = -1;
                for (var d : ngramOnly.getProbabilities(factory.forText(items.get(i).text))) {
                    if (d.getProbability() > p) {
                        p = d.getProbability();
                        best = d.getLocale().getLanguage();
                    }
                }
                return best;
            });
            out.println();
        }
        if (misses) {
            out.println("== tuning-part errors"); //$NON-NLS-1$
            for (int i = 0; i < items.size(); i++) {
                Item it = items.get(i);
                Classification c = got.get(i);
                if (it.heldOut) {
                    continue;
                }
                boolean langOk = it.language == null || words(it.text) < 3 || it.language.equals(c.language());
                if (c.intent() != it.intent || !kinds(c).equals(it.urgency) || !langOk) {
                    out.printf("%s | want %s %s %s | got %s %s %s %s%n", it.text, it.language, it.intent.key(), it.urgency, //$NON-NLS-1$
                            c.language(), c.intent().key(), kinds(c), c.matched());
                }
            }
        }
    }

    private static void report(PrintStream out, List<Item> items, List<Classification> got, List<Integer> idx,
            Function<Integer, String> wordsOnly, Function<Integer, String> ngramOnly) {
        int intentOk = 0;
        Map<String, int[]> byLang = new LinkedHashMap<>(); // intent ok, total, lang ok, lang total
        Map<Intent, int[]> byClass = new LinkedHashMap<>(); // tp, fp, fn
        for (Intent in : Intent.values()) {
            byClass.put(in, new int[3]);
        }
        int urgentTotal = 0;
        int urgentFound = 0;
        int calm = 0;
        int falseAlarms = 0;
        int kindOk = 0;
        int langTotal = 0;
        int langOk = 0;
        int langWordsOnly = 0;
        int langNgrams = 0;
        for (int i : idx) {
            Item it = items.get(i);
            Classification c = got.get(i);
            String key = it.language == null ? "-" : it.language; //$NON-NLS-1$
            int[] l = byLang.computeIfAbsent(key, k -> new int[4]);
            l[1]++;
            if (c.intent() == it.intent) {
                intentOk++;
                l[0]++;
                byClass.get(it.intent)[0]++;
            } else {
                byClass.get(c.intent())[1]++;
                byClass.get(it.intent)[2]++;
            }
            if (!it.urgency.isEmpty()) {
                urgentTotal++;
                if (c.urgent()) {
                    urgentFound++;
                    if (kinds(c).containsAll(it.urgency)) {
                        kindOk++;
                    }
                }
            } else {
                calm++;
                if (c.urgent()) {
                    falseAlarms++;
                }
            }
            if (it.language != null && words(it.text) >= 3) {
                langTotal++;
                l[3]++;
                if (it.language.equals(c.language())) {
                    langOk++;
                    l[2]++;
                }
                if (it.language.equals(wordsOnly.apply(i))) {
                    langWordsOnly++;
                }
                if (it.language.equals(ngramOnly.apply(i))) {
                    langNgrams++;
                }
            }
        }
        out.printf(Locale.ROOT, "intent accuracy            %s (target 92 %%)%n", pct(intentOk, idx.size())); //$NON-NLS-1$
        out.printf(Locale.ROOT, "urgent recall              %s (target 100 %%), right kind %d/%d%n", pct(urgentFound, urgentTotal), kindOk, urgentTotal); //$NON-NLS-1$
        out.printf(Locale.ROOT, "false alarms               %s of %d non-urgent (target at most 2 %%)%n", pct(falseAlarms, calm), calm); //$NON-NLS-1$
        out.printf(Locale.ROOT, "language, 3+ words         %s (target 95 %%); baselines same run: optimaize n-grams alone %s, word lists alone %s%n", //$NON-NLS-1$
                pct(langOk, langTotal), pct(langNgrams, langTotal), pct(langWordsOnly, langTotal));
        out.println("per class        precision   recall"); //$NON-NLS-1$
        for (Map.Entry<Intent, int[]> e : byClass.entrySet()) {
            int[] x = e.getValue();
            out.printf(Locale.ROOT, "  %-12s   %-10s  %s%n", e.getKey().key(), pct(x[0], x[0] + x[1]), pct(x[0], x[0] + x[2])); //$NON-NLS-1$
        }
        out.println("per language     intent       language (3+ words)"); //$NON-NLS-1$
        for (Map.Entry<String, int[]> e : byLang.entrySet()) {
            int[] x = e.getValue();
            out.printf(Locale.ROOT, "  %-12s   %-11s  %s%n", e.getKey(), pct(x[0], x[1]), x[3] == 0 ? "-" : pct(x[2], x[3])); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    private static Set<String> kinds(Classification c) {
        Set<String> s = new TreeSet<>();
        for (Urgency u : c.urgency()) {
            s.add(u.kind().key());
        }
        return s;
    }

    static int words(String text) {
        int n = 0;
        for (String w : text.split("[\\s,.!?;:]+")) { //$NON-NLS-1$
            if (w.chars().anyMatch(Character::isLetter)) {
                n++;
            }
        }
        return n;
    }

    private static String pct(int a, int b) {
        return b == 0 ? "-" : String.format(Locale.ROOT, "%.1f %% (%d/%d)", 100.0 * a / b, a, b); //$NON-NLS-1$ //$NON-NLS-2$
    }

    static List<Item> read(Path file, boolean heldOut) throws IOException {
        List<Item> out = new ArrayList<>();
        int n = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            n++;
            if (line.isBlank() || line.startsWith("#")) { //$NON-NLS-1$
                continue;
            }
            String[] f = line.split("\t"); //$NON-NLS-1$
            if (f.length != 4) {
                throw new IllegalArgumentException(file + ":" + n + ": expected 4 tab-separated fields"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            Set<String> urg = new TreeSet<>();
            if (!f[3].equals("-")) { //$NON-NLS-1$
                urg.addAll(List.of(f[3].split(","))); //$NON-NLS-1$
            }
            out.add(new Item(f[0], f[1].equals("-") ? null : f[1], Intent.fromKey(f[2]), urg, heldOut)); //$NON-NLS-1$
        }
        return out;
    }

    private static com.optimaize.langdetect.LanguageDetector ngrams() throws IOException {
        var reader = new com.optimaize.langdetect.profiles.LanguageProfileReader();
        List<com.optimaize.langdetect.profiles.LanguageProfile> profiles = new ArrayList<>();
        for (String code : Languages.SUPPORTED) {
            profiles.add(reader.readBuiltIn(com.optimaize.langdetect.i18n.LdLocale.fromString(code)));
        }
        return com.optimaize.langdetect.LanguageDetectorBuilder
                .create(com.optimaize.langdetect.ngram.NgramExtractors.standard()).withProfiles(profiles).build();
    }
}

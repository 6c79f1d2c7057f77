package maraude.templates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Accuracy of the suggestions on the labelled inbound messages in this test fragment's
 * {@code eval/inbound.tsv} (text, language, expected category); not shipped with the product. Each message is evaluated alone, in a conversation already
 * under way, so only the text decides. Prints top-1 and top-3 accuracy per language and overall.
 */
public final class Evaluation {

    /** The set, relative to this fragment's folder. */
    public static final String DEFAULT_SET = "eval/inbound.tsv"; //$NON-NLS-1$
    private static final String FRAGMENT = "bundles/maraude.templates.tests"; //$NON-NLS-1$

    /** One labelled message. */
    public record Item(String text, String language, Category expected, int line) {
    }

    /** Counts for one language (or "all"). */
    public record Score(int total, int top1, int top3, int languageRight) {

        public double top1Rate() {
            return total == 0 ? 0 : top1 / (double) total;
        }

        public double top3Rate() {
            return total == 0 ? 0 : top3 / (double) total;
        }

        public double languageRate() {
            return total == 0 ? 0 : languageRight / (double) total;
        }

        Score add(boolean t1, boolean t3, boolean lang) {
            return new Score(total + 1, top1 + (t1 ? 1 : 0), top3 + (t3 ? 1 : 0), languageRight + (lang ? 1 : 0));
        }
    }

    /** Per language and "all"; {@code misses} lists the messages whose expected category was not first. */
    public record Report(Map<String, Score> byLanguage, Score overall, List<String> misses) {
    }

    private Evaluation() {
    }

    /** The set in {@code eval/}, found from the working folder (the fragment's, or the repository's). */
    public static List<Item> loadDefault() {
        Path file = defaultSet();
        try (InputStream in = Files.newInputStream(file)) {
            return parse(in, DEFAULT_SET);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (TemplateFormatException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    static Path defaultSet() {
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath(); //$NON-NLS-1$
        for (Path p = start; p != null; p = p.getParent()) {
            for (Path candidate : List.of(p.resolve(DEFAULT_SET), p.resolve(FRAGMENT).resolve(DEFAULT_SET))) {
                if (Files.isRegularFile(candidate) && candidate.getParent().getParent().endsWith("maraude.templates.tests")) { //$NON-NLS-1$
                    return candidate;
                }
            }
        }
        throw new IllegalStateException(DEFAULT_SET + " not found above " + start); //$NON-NLS-1$
    }

    /** Reads {@code text<TAB>language<TAB>category} lines; {@code #} starts a comment line. */
    public static List<Item> parse(InputStream in, String source) throws IOException, TemplateFormatException {
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        List<Item> items = new ArrayList<>();
        String line;
        int n = 0;
        while ((line = r.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) { //$NON-NLS-1$
                continue;
            }
            String[] f = line.split("\t", -1); //$NON-NLS-1$
            if (f.length != 3 || f[0].isBlank()) {
                throw new TemplateFormatException(source, n, 1, Messages.TemplateFormat_badEvalLine);
            }
            if (!Languages.isSupported(f[1].trim())) {
                throw new TemplateFormatException(source, n, f[0].length() + 2,
                        Messages.format(Messages.TemplateFormat_badLanguage, f[1]));
            }
            Category c = Category.fromKey(f[2]);
            if (c == null) {
                throw new TemplateFormatException(source, n, f[0].length() + f[1].length() + 3,
                        Messages.format(Messages.TemplateFormat_badCategory, f[2]));
            }
            items.add(new Item(f[0].strip(), f[1].trim(), c, n));
        }
        return items;
    }

    public static Report run(TemplateSuggester suggester, List<Item> items) {
        Map<String, Score> by = new TreeMap<>();
        Score all = new Score(0, 0, 0, 0);
        List<String> misses = new ArrayList<>();
        SuggestionContext ctx = SuggestionContext.defaults().withLimit(3);
        for (Item it : items) {
            List<Suggestion> s = suggester.suggest(List.of(it.text()), ctx);
            boolean t1 = !s.isEmpty() && s.get(0).category().equals(it.expected().key());
            boolean t3 = s.stream().limit(3).anyMatch(x -> x.category().equals(it.expected().key()));
            boolean lang = !s.isEmpty() && s.get(0).language().equals(it.language());
            by.merge(it.language(), new Score(0, 0, 0, 0).add(t1, t3, lang),
                    (a, b) -> new Score(a.total() + b.total(), a.top1() + b.top1(), a.top3() + b.top3(),
                            a.languageRight() + b.languageRight()));
            all = all.add(t1, t3, lang);
            if (!t1) {
                // Line numbers only: the texts are the shipped synthetic set, but keep reports text-free.
                misses.add(String.format(Locale.ROOT, "line %d: expected %s, got %s", it.line(), it.expected().key(), //$NON-NLS-1$
                        s.stream().map(Suggestion::category).toList()));
            }
        }
        return new Report(by, all, misses);
    }

    public static void print(Report r, PrintStream out) {
        out.println("language  messages  top-1    top-3    language-detected"); //$NON-NLS-1$
        r.byLanguage().forEach((l, s) -> out.println(row(l, s)));
        out.println(row("all", r.overall())); //$NON-NLS-1$
    }

    private static String row(String l, Score s) {
        return String.format(Locale.ROOT, "%-8s  %8d  %5.1f %%  %5.1f %%  %5.1f %%", l, s.total(), 100 * s.top1Rate(), //$NON-NLS-1$
                100 * s.top3Rate(), 100 * s.languageRate());
    }

    /** Prints the figures; {@code -v} also lists the misses by line number. */
    public static void main(String[] args) throws Exception {
        try (TemplateSuggester s = new TemplateSuggester(TemplateLibrary.loadDefault())) {
            List<Item> items = args.length > 0 && !args[0].equals("-v") //$NON-NLS-1$
                    ? parse(Files.newInputStream(Path.of(args[0])), args[0])
                    : loadDefault();
            Report r = run(s, items);
            print(r, System.out);
            if (List.of(args).contains("-v")) { //$NON-NLS-1$
                r.misses().forEach(System.out::println);
            }
        }
    }
}

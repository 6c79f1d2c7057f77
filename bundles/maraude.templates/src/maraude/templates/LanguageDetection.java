package maraude.templates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetector;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

/**
 * Detects the language of inbound messages with the optimaize language-detector, restricted to the
 * library's languages. Its n-gram model abstains on short texts ({@code detect()} returns nothing
 * below its confidence threshold), so the top of {@code getProbabilities()} is used, combined with a
 * small list of very frequent words per language ({@code lang/hints.tsv}) that carries greetings
 * such as "oi", "hola" or "salut" which n-grams cannot tell apart.
 */
public final class LanguageDetection {

    /** How the n-gram profiles were found; tests check that it works inside OSGi. */
    public enum ProfileSource {
        /** The library's own {@code readBuiltIn}, which uses its class loader. */
        BUILT_IN,
        /** This bundle's class loader, reaching the {@code languages} package it imports. */
        BUNDLE_CLASS_LOADER
    }

    /** One language with its combined score in [0,1]. */
    public record Guess(String language, double probability, boolean fallback) {
    }

    private static final int MAX_CHARS = 2000;

    private final LanguageDetector detector;
    private final TextObjectFactory textFactory;
    private final ProfileSource profileSource;
    private final Map<String, String> hints;

    public LanguageDetection() {
        List<LanguageProfile> profiles;
        ProfileSource source;
        try {
            profiles = new ArrayList<>();
            LanguageProfileReader reader = new LanguageProfileReader();
            for (String code : Languages.SUPPORTED) {
                profiles.add(reader.readBuiltIn(LdLocale.fromString(code)));
            }
            source = ProfileSource.BUILT_IN;
        } catch (IOException | RuntimeException e) {
            // Inside OSGi the library's class loader may not see its own resources depending on how the
            // jar was wrapped; this bundle imports the "languages" package, so its loader reaches them.
            try {
                profiles = new LanguageProfileReader().read(LanguageDetection.class.getClassLoader(), "languages", //$NON-NLS-1$
                        Languages.SUPPORTED);
                source = ProfileSource.BUNDLE_CLASS_LOADER;
            } catch (IOException e2) {
                e2.addSuppressed(e);
                throw new UncheckedIOException(e2);
            }
        }
        this.profileSource = source;
        this.detector = LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
        this.textFactory = CommonTextObjectFactories.forDetectingShortCleanText();
        this.hints = loadHints();
    }

    public ProfileSource profileSource() {
        return profileSource;
    }

    /** The most likely supported language; French with {@code fallback=true} when nothing can be said. */
    public Guess detect(String text) {
        List<Guess> all = probabilities(text);
        return all.isEmpty() ? new Guess(Languages.FALLBACK, 0, true) : all.get(0);
    }

    /** Every supported language with a non-zero score, best first. */
    public List<Guess> probabilities(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        String t = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        Map<String, Double> ngram = new HashMap<>();
        for (DetectedLanguage d : detector.getProbabilities(textFactory.forText(t))) {
            ngram.put(d.getLocale().getLanguage(), d.getProbability());
        }
        Map<String, Integer> votes = new HashMap<>();
        int words = 0;
        int hinted = 0;
        int letters = 0;
        for (String w : TextFolding.fold(t).split("[^\\p{L}]+")) { //$NON-NLS-1$
            if (w.isEmpty()) {
                continue;
            }
            words++;
            letters += w.length();
            String lang = hints.get(w);
            if (lang != null) {
                hinted++;
                for (String l : lang.split(",")) { //$NON-NLS-1$
                    votes.merge(l, 1, Integer::sum);
                }
            }
        }
        if (words == 0) {
            return List.of();
        }
        // The shorter the text, the less the n-grams know and the more the frequent words count.
        double hintWeight = hinted == 0 ? 0 : letters < 20 ? 0.7 : letters < 60 ? 0.45 : 0.25;
        Map<String, Double> score = new LinkedHashMap<>();
        for (String l : Languages.SUPPORTED) {
            double s = (1 - hintWeight) * ngram.getOrDefault(l, 0.0)
                    + hintWeight * (hinted == 0 ? 0 : votes.getOrDefault(l, 0) / (double) hinted);
            if (s > 0) {
                score.put(l, s);
            }
        }
        double sum = score.values().stream().mapToDouble(Double::doubleValue).sum();
        List<Guess> out = new ArrayList<>();
        score.forEach((l, s) -> out.add(new Guess(l, s / sum, false)));
        out.sort(Comparator.comparingDouble(Guess::probability).reversed());
        return out;
    }

    private static Map<String, String> loadHints() {
        Map<String, String> m = new HashMap<>();
        try (InputStream in = LanguageDetection.class.getClassLoader().getResourceAsStream("lang/hints.tsv")) { //$NON-NLS-1$
            if (in == null) {
                throw new IllegalStateException("missing bundled resource lang/hints.tsv"); //$NON-NLS-1$
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) { //$NON-NLS-1$
                    continue;
                }
                String[] parts = line.split("\t"); //$NON-NLS-1$
                if (parts.length == 2) {
                    String lang = parts[0].trim();
                    for (String w : parts[1].trim().split("\\s+")) { //$NON-NLS-1$
                        String f = TextFolding.fold(w).toLowerCase(Locale.ROOT);
                        m.merge(f, lang, (a, b) -> a.contains(b) ? a : a + "," + b); //$NON-NLS-1$
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }
}

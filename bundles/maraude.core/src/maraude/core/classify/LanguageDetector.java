package maraude.core.classify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.optimaize.langdetect.DetectedLanguage;
import com.optimaize.langdetect.LanguageDetectorBuilder;
import com.optimaize.langdetect.i18n.LdLocale;
import com.optimaize.langdetect.ngram.NgramExtractors;
import com.optimaize.langdetect.profiles.LanguageProfile;
import com.optimaize.langdetect.profiles.LanguageProfileReader;
import com.optimaize.langdetect.text.CommonTextObjectFactories;
import com.optimaize.langdetect.text.TextObjectFactory;

/**
 * Language of a short message, restricted to the six languages of the service. Two sources of
 * evidence are added up: the frequent words of each language ({@code [language]} sections of the
 * rule files, slang and spellings without accents included), which decide on short messages, and the
 * optimaize character n-gram profiles of the six languages, which weigh more as the text grows. When
 * neither says enough (one word like "ok", an emoji, a number) the answer is null rather than a guess.
 * Thread-safe.
 */
public final class LanguageDetector {

    /** The detector's verdict; {@code scores} holds every language with evidence. */
    public record Result(String language, double confidence, int words, Map<String, Double> scores) {
    }

    /** Below this much evidence (about one language-specific word) the text cannot tell. */
    static final double MIN_EVIDENCE = 0.9;

    private final ClassifierRules rules;
    private final com.optimaize.langdetect.LanguageDetector ngrams;
    private final TextObjectFactory textFactory;

    public LanguageDetector(ClassifierRules rules) {
        this(rules, true);
    }

    /** @param useNgrams false: word lists only (the evaluation measures each part) */
    public LanguageDetector(ClassifierRules rules, boolean useNgrams) {
        this.rules = rules;
        this.ngrams = useNgrams ? buildNgrams() : null;
        this.textFactory = CommonTextObjectFactories.forDetectingShortCleanText();
    }

    private static volatile com.optimaize.langdetect.LanguageDetector shippedNgrams;

    private static com.optimaize.langdetect.LanguageDetector buildNgrams() {
        com.optimaize.langdetect.LanguageDetector d = shippedNgrams;
        if (d == null) {
            List<LanguageProfile> profiles = new ArrayList<>();
            try {
                LanguageProfileReader reader = new LanguageProfileReader();
                for (String code : Languages.SUPPORTED) {
                    profiles.add(reader.readBuiltIn(LdLocale.fromString(code)));
                }
            } catch (IOException | RuntimeException e) {
                // Inside OSGi the library's class loader may not see its own profiles depending on how
                // the jar was wrapped; this bundle imports the "languages" package, so its loader does.
                try {
                    profiles = new LanguageProfileReader().read(LanguageDetector.class.getClassLoader(), "languages", //$NON-NLS-1$
                            Languages.SUPPORTED);
                } catch (IOException e2) {
                    e2.addSuppressed(e);
                    throw new IllegalStateException("cannot read the language profiles", e2); //$NON-NLS-1$
                }
            }
            d = LanguageDetectorBuilder.create(NgramExtractors.standard()).withProfiles(profiles).build();
            shippedNgrams = d;
        }
        return d;
    }

    public Result detect(String text) {
        List<String> words = TextNorm.lightWords(text);
        Map<String, Double> score = new LinkedHashMap<>();
        int letters = 0;
        int wordCount = 0;
        for (String w : words) {
            if (w.chars().anyMatch(Character::isLetter)) {
                wordCount++;
                letters += w.length();
            }
            var langs = rules.languagesOf(w);
            for (String l : langs) {
                score.merge(l, 1.0 / langs.size(), Double::sum);
            }
        }
        if (ngrams != null && letters >= 10) {
            // The n-grams know long words and endings the lists lack; on a few letters they mostly guess.
            double weight = Math.min(2.5, letters / 20.0);
            String t = text.length() > TextNorm.MAX_CHARS ? text.substring(0, TextNorm.MAX_CHARS) : text;
            for (DetectedLanguage d : ngrams.getProbabilities(textFactory.forText(t))) {
                score.merge(d.getLocale().getLanguage(), weight * d.getProbability(), Double::sum);
            }
        }
        String best = null;
        double bestScore = 0;
        double total = 0;
        for (Map.Entry<String, Double> e : score.entrySet()) {
            total += e.getValue();
            if (e.getValue() > bestScore) {
                bestScore = e.getValue();
                best = e.getKey();
            }
        }
        if (best == null || bestScore < MIN_EVIDENCE) {
            return new Result(null, 0, wordCount, Map.copyOf(score));
        }
        double confidence = (bestScore / total) * Math.min(1.0, bestScore / 3.0);
        return new Result(best, Math.round(confidence * 100) / 100.0, wordCount, new HashMap<>(score));
    }
}

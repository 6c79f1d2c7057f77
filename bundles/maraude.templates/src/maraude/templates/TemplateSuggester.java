package maraude.templates;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import maraude.core.model.Message;

/**
 * Ranks templates for a conversation from its recent inbound messages: the language comes from the
 * text (optimaize), the meaning from a Lucene match against each template's examples and keywords,
 * and rules add what the text cannot say (nothing exchanged yet, follow-up due, appointment ahead).
 * Thread-safe once built; build one per library and reuse it.
 */
public final class TemplateSuggester implements AutoCloseable {

    /** Only the last few inbound messages speak for the current need. */
    static final int MAX_INBOUND = 5;
    /** A template in the detected language is preferred when two match about as well. */
    private static final double SAME_LANGUAGE_BONUS = 1.15;

    private final TemplateLibrary library;
    private final LanguageDetection languages;
    private final TemplateIndex index;

    public TemplateSuggester(TemplateLibrary library) {
        this(library, new LanguageDetection());
    }

    public TemplateSuggester(TemplateLibrary library, LanguageDetection languages) {
        this.library = library;
        this.languages = languages;
        this.index = new TemplateIndex(library.templates());
    }

    public TemplateLibrary library() {
        return library;
    }

    public LanguageDetection languageDetection() {
        return languages;
    }

    /**
     * @param recentInbound the latest inbound texts, oldest first (may be empty)
     * @return at most {@code ctx.limit()} suggestions, best first
     */
    public List<Suggestion> suggest(List<String> recentInbound, SuggestionContext ctx) {
        SuggestionContext c = ctx == null ? SuggestionContext.defaults() : ctx;
        List<String> inbound = recentInbound == null ? List.of()
                : recentInbound.stream().filter(s -> s != null && !s.isBlank()).toList();
        if (inbound.size() > MAX_INBOUND) {
            inbound = inbound.subList(inbound.size() - MAX_INBOUND, inbound.size());
        }
        String text = String.join("\n", inbound); //$NON-NLS-1$

        List<String> common = new ArrayList<>();
        String language = chooseLanguage(text, c, common);

        Map<Category, Double> score = new EnumMap<>(Category.class);
        Map<Category, List<String>> why = new EnumMap<>(Category.class);
        if (!text.isBlank()) {
            Map<Category, TemplateIndex.Hit> best = new EnumMap<>(Category.class);
            Map<Category, Double> raw = new EnumMap<>(Category.class);
            for (TemplateIndex.Hit h : index.search(text)) {
                double s = h.score() * (h.template().language().equals(language) ? SAME_LANGUAGE_BONUS : 1.0);
                Category cat = h.template().category();
                if (s > raw.getOrDefault(cat, 0.0)) {
                    raw.put(cat, s);
                    best.put(cat, h);
                }
            }
            double top = raw.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
            for (Map.Entry<Category, Double> e : raw.entrySet()) {
                score.put(e.getKey(), 0.9 * e.getValue() / top);
                List<String> words = best.get(e.getKey()).matchedWords();
                if (!words.isEmpty()) {
                    reasons(why, e.getKey()).add(Messages.format(Messages.Reason_matched, String.join(", ", words))); //$NON-NLS-1$
                }
            }
        }
        applyRules(inbound.isEmpty(), c, score, why);
        if (score.isEmpty()) {
            for (Category d : List.of(Category.PERMANENCE, Category.KIT, Category.SCREENING)) {
                score.put(d, 0.3 - 0.1 * score.size());
                reasons(why, d).add(Messages.Reason_default);
            }
        }

        List<Map.Entry<Category, Double>> ranked = new ArrayList<>(score.entrySet());
        ranked.sort(Map.Entry.<Category, Double>comparingByValue(Comparator.reverseOrder())
                .thenComparing(e -> e.getKey().ordinal()));
        Map<String, String> values = c.placeholderValues();
        List<Suggestion> out = new ArrayList<>();
        for (Map.Entry<Category, Double> e : ranked) {
            if (out.size() >= c.limit()) {
                break;
            }
            List<String> rs = new ArrayList<>(reasons(why, e.getKey()));
            Optional<Template> t = pick(e.getKey(), language, rs);
            if (t.isEmpty()) {
                continue;
            }
            rs.addAll(common);
            Placeholders.Filled filled = Placeholders.fill(t.get().text(), values);
            out.add(new Suggestion(t.get().id(), e.getKey().key(), t.get().language(), round(e.getValue()), rs,
                    filled.text(), filled.missing()));
        }
        return out;
    }

    /** Suggestions for an archived conversation: the inbound messages since the service last wrote. */
    public List<Suggestion> suggest(List<Message> conversation, TeamSettings settings, Map<String, String> values,
            java.time.ZonedDateTime appointment, java.time.ZonedDateTime now) {
        SuggestionContext ctx = SuggestionContext.fromConversation(conversation, settings, values, appointment, now);
        return suggest(recentInbound(conversation, MAX_INBOUND), ctx);
    }

    /**
     * The text of a template ready to copy.
     *
     * @throws UnfilledPlaceholdersException when a placeholder has no value; its message lists them
     */
    public String textToCopy(String templateId, SuggestionContext ctx) throws UnfilledPlaceholdersException {
        Template t = library.byId(templateId)
                .orElseThrow(() -> new IllegalArgumentException("unknown template " + templateId)); //$NON-NLS-1$
        return Placeholders.fill(t.text(), (ctx == null ? SuggestionContext.defaults() : ctx).placeholderValues())
                .requireComplete();
    }

    /** Inbound texts written after the service's last outbound message, oldest first, at most {@code max}. */
    public static List<String> recentInbound(List<Message> conversation, int max) {
        List<Message> sorted = new ArrayList<>(conversation);
        sorted.sort(Comparator.comparing(Message::instant));
        List<String> out = new ArrayList<>();
        for (Message m : sorted) {
            if (m.isOutbound()) {
                out.clear();
            } else if (m.isInbound() && !m.text().isBlank()) {
                out.add(m.text());
            }
        }
        return out.size() > max ? List.copyOf(out.subList(out.size() - max, out.size())) : out;
    }

    private String chooseLanguage(String text, SuggestionContext c, List<String> reasons) {
        // The conversation's language is read from the whole thread (or chosen by a worker): a last
        // "merciii" or "ok super" must not turn a French thread's suggestions Romanian or English.
        if (Languages.isSupported(c.conversationLanguage())) {
            if (!text.isBlank()) {
                reasons.add(Messages.format(Messages.Reason_conversationLanguage,
                        Messages.languageName(c.conversationLanguage())));
            }
            return c.conversationLanguage();
        }
        if (!text.isBlank()) {
            LanguageDetection.Guess g = languages.detect(text);
            if (!g.fallback()) {
                reasons.add(Messages.format(Messages.Reason_language, Messages.languageName(g.language()),
                        Long.toString(Math.round(g.probability() * 100))));
                return g.language();
            }
        }
        if (!text.isBlank()) {
            reasons.add(Messages.Reason_languageFallback);
        }
        return Languages.FALLBACK;
    }

    private static void applyRules(boolean noInbound, SuggestionContext c, Map<Category, Double> score,
            Map<Category, List<String>> why) {
        if (!c.exchangedBefore()) {
            score.merge(Category.FIRST_CONTACT, noInbound ? 1.0 : 0.5, Math::max);
            reasons(why, Category.FIRST_CONTACT).add(0, Messages.Reason_firstContact);
        }
        if (noInbound && c.followUpDue()) {
            long days = java.time.Duration.between(c.lastExchange(), c.now()).toDays();
            score.merge(Category.FOLLOW_UP, 1.0, Math::max);
            reasons(why, Category.FOLLOW_UP).add(0, Messages.format(Messages.Reason_followUpDue, Long.toString(days)));
        }
        if (c.appointmentAhead()) {
            double s = noInbound ? 0.95 : Math.min(1.0, score.getOrDefault(Category.REMINDER, 0.0) + 0.35);
            score.put(Category.REMINDER, s);
            reasons(why, Category.REMINDER).add(0, Messages.format(Messages.Reason_appointment,
                    c.placeholderValues().get(Placeholders.APPOINTMENT_DATE)));
        }
    }

    private Optional<Template> pick(Category cat, String language, List<String> reasons) {
        Optional<Template> t = library.find(cat, language);
        if (t.isEmpty()) {
            t = library.find(cat, Languages.FALLBACK);
            if (t.isEmpty()) {
                t = library.byCategory(cat).stream().findFirst();
            }
            t.ifPresent(x -> reasons.add(Messages.format(Messages.Reason_templateFallback,
                    Messages.languageName(x.language()))));
        }
        return t;
    }

    private static List<String> reasons(Map<Category, List<String>> why, Category c) {
        return why.computeIfAbsent(c, k -> new ArrayList<>());
    }

    private static double round(double d) {
        return Math.round(d * 1000) / 1000.0;
    }

    @Override
    public void close() {
        index.close();
    }

    static String describe(List<Suggestion> s) {
        StringBuilder b = new StringBuilder();
        for (Suggestion x : s) {
            b.append(String.format(Locale.ROOT, "%s %.3f %s%n", x.templateId(), x.score(), x.reasons())); //$NON-NLS-1$
        }
        return b.toString();
    }
}

package maraude.core.classify;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The language of a conversation, from the whole thread rather than its last message:
 * <ol>
 * <li>a worker's override for the contact, when there is one;</li>
 * <li>else the thread: every message the detector can tell adds its evidence, inbound messages
 * (the person's own words) three times more than the service's, recent ones more than old ones
 * (each step back weighs 0.85 of the next), short ones little: one or two words ("merciii", "ok
 * super", an emoji, a number) count for nothing, three or four words for a third;</li>
 * <li>else the contact's language in other conversations;</li>
 * <li>else the team's default ({@code team.properties}), else French.</li>
 * </ol>
 */
public final class ConversationLanguage {

    /** Where the decision came from. */
    public enum Source {
        OVERRIDE("override"), THREAD("thread"), CONTACT("contact"), TEAM("team"), DEFAULT("default"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$

        private final String key;

        Source(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    /** One message of the thread as the rule needs it, oldest first. */
    public record Line(boolean inbound, String text) {
    }

    /** The language and why. {@code confidence} is the winner's share of the thread's evidence. */
    public record Decision(String language, Source source, double confidence) {
    }

    /** Evidence below this (about one short inbound sentence) leaves the thread undecided. */
    static final double MIN_EVIDENCE = 0.3;
    static final double OUTBOUND_WEIGHT = 1 / 3.0;
    static final double RECENCY = 0.85;
    /** Only the latest messages are read: a long thread's language is settled by then. */
    static final int MAX_LINES = 40;

    private ConversationLanguage() {
    }

    /**
     * @param override     the worker's choice for the contact, or null
     * @param contactPrior the contact's language from other conversations, or null
     * @param teamDefault  the team's default language, or null
     */
    public static Decision decide(LanguageDetector detector, List<Line> thread, String override, String contactPrior,
            String teamDefault) {
        return decideAskingPrior(detector, thread, override, () -> contactPrior, teamDefault);
    }

    /** {@link #decide}, the contact's prior asked for only when the override and the thread do not tell. */
    public static Decision decideAskingPrior(LanguageDetector detector, List<Line> thread, String override,
            java.util.function.Supplier<String> contactPrior, String teamDefault) {
        if (Languages.isSupported(override)) {
            return new Decision(override, Source.OVERRIDE, 1);
        }
        return decideAskingPrior(fromThread(detector, thread), override, contactPrior, teamDefault);
    }

    /**
     * {@link #decideAskingPrior(LanguageDetector, List, String, java.util.function.Supplier, String)}
     * with the thread's own verdict already read ({@link #fromThread}, possibly kept from an earlier
     * reading).
     */
    public static Decision decideAskingPrior(Decision fromThread, String override,
            java.util.function.Supplier<String> contactPrior, String teamDefault) {
        if (Languages.isSupported(override)) {
            return new Decision(override, Source.OVERRIDE, 1);
        }
        if (fromThread != null) {
            return fromThread;
        }
        String prior = contactPrior.get();
        if (Languages.isSupported(prior)) {
            return new Decision(prior, Source.CONTACT, 0);
        }
        if (Languages.isSupported(teamDefault)) {
            return new Decision(teamDefault, Source.TEAM, 0);
        }
        return new Decision(Languages.DEFAULT, Source.DEFAULT, 0);
    }

    /** The thread's own verdict, or null when it does not say enough. */
    public static Decision fromThread(LanguageDetector detector, List<Line> thread) {
        Map<String, Double> evidence = new HashMap<>();
        double recency = 1;
        int read = 0;
        for (int i = thread.size() - 1; i >= 0 && read < MAX_LINES; i--) {
            Line l = thread.get(i);
            if (l.text() == null || l.text().isBlank()) {
                continue;
            }
            read++;
            LanguageDetector.Result r = detector.detect(l.text());
            double length = r.words() <= 2 ? 0 : r.words() <= 4 ? 1 / 3.0 : 1;
            double w = recency * length * (l.inbound() ? 1 : OUTBOUND_WEIGHT);
            recency *= RECENCY;
            if (w == 0 || r.language() == null) {
                continue;
            }
            double total = r.scores().values().stream().mapToDouble(Double::doubleValue).sum();
            for (Map.Entry<String, Double> e : r.scores().entrySet()) {
                evidence.merge(e.getKey(), w * e.getValue() / total, Double::sum);
            }
        }
        String best = null;
        double bestScore = 0;
        double sum = 0;
        for (Map.Entry<String, Double> e : evidence.entrySet()) {
            sum += e.getValue();
            if (e.getValue() > bestScore) {
                bestScore = e.getValue();
                best = e.getKey();
            }
        }
        if (best == null || bestScore < MIN_EVIDENCE) {
            return null;
        }
        return new Decision(best, Source.THREAD, Math.round(bestScore / sum * 100) / 100.0);
    }
}

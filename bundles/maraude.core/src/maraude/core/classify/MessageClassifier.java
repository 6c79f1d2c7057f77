package maraude.core.classify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads one inbound message: its language, its intent and its urgencies, with the rule entries that
 * decided. Pure function of the text, the rules and the clock; runs on the machine, nothing leaves it.
 *
 * <p>
 * The rules, in order:
 * <ol>
 * <li>An urgency anywhere makes the message urgent, and a message that is urgent needs a reply; the
 * words of a {@code [not_urgent]} phrase ("vous êtes de la police ?") are not looked at for it.</li>
 * <li>An {@code [opt_out]} phrase anywhere ("ne m'écrivez plus", "stop met me te sturen") is an
 * opt-out; an {@code [opt_out_alone]} word ("stop") only when the message holds nothing else but
 * acknowledgements and small words: "stop attends, il arrive, je t'écris après" needs a reply.</li>
 * <li>A message made only of acknowledgements ({@code [closing]}), small words ({@code [filler]}) and
 * friendly emoji, without a question mark, is a closing: "merciii", "ok super", "top merci 🙏". One
 * word outside these lists ("merci ! et vous faites aussi les tests ?") makes it a reply.</li>
 * <li>Everything else needs a reply: when in doubt, a person waits.</li>
 * </ol>
 * Thread-safe.
 */
public final class MessageClassifier {

    private final String fingerprint;
    private final java.util.function.Supplier<ClassifierRules> source;
    private final java.util.function.Function<ClassifierRules, LanguageDetector> detectorOf;
    private volatile ClassifierRules rules;
    private volatile LanguageDetector detector;

    /** The detector (its n-gram profiles are the slow part) is built on first use. */
    public MessageClassifier(ClassifierRules rules) {
        this(rules.fingerprint(), () -> rules, LanguageDetector::new);
        this.rules = rules;
    }

    public MessageClassifier(ClassifierRules rules, LanguageDetector detector) {
        this(rules.fingerprint(), () -> rules, r -> detector);
        this.rules = rules;
        this.detector = detector;
    }

    private MessageClassifier(String fingerprint, java.util.function.Supplier<ClassifierRules> source,
            java.util.function.Function<ClassifierRules, LanguageDetector> detectorOf) {
        this.fingerprint = fingerprint;
        this.source = source;
        this.detectorOf = detectorOf;
    }

    private static volatile MessageClassifier shared;

    /**
     * A classifier over the shipped rules. They are parsed, and the detector built, on first use: a
     * queue whose readings are all kept on disk needs only their {@linkplain #rulesFingerprint() fingerprint}.
     */
    public static MessageClassifier shared() {
        MessageClassifier c = shared;
        if (c == null) {
            c = new MessageClassifier(ClassifierRules.shippedFingerprint(), ClassifierRules::loadDefault,
                    LanguageDetector::new);
            shared = c;
        }
        return c;
    }

    /** The rules' {@link ClassifierRules#fingerprint()}: what a reading kept on disk was made with. */
    public String rulesFingerprint() {
        return fingerprint;
    }

    private ClassifierRules rules() {
        ClassifierRules r = rules;
        if (r == null) {
            synchronized (this) {
                r = rules;
                if (r == null) {
                    r = source.get();
                    rules = r;
                }
            }
        }
        return r;
    }

    public LanguageDetector detector() {
        LanguageDetector d = detector;
        if (d == null) {
            synchronized (this) {
                d = detector;
                if (d == null) {
                    d = detectorOf.apply(rules());
                    detector = d;
                }
            }
        }
        return d;
    }

    /**
     * @param sentAt when the message was written (the PEP window runs from then); null: {@code now}
     * @param now    the current instant, for the hours left
     */
    public Classification classify(String text, Instant sentAt, Instant now) {
        String t = bounded(text);
        List<String> words = TextNorm.words(t);
        List<String> matched = new ArrayList<>();
        List<Urgency> urgency = urgencies(words, sentAt == null ? now : sentAt, now, matched);
        LanguageDetector.Result lang = detector().detect(t);
        Intent intent = urgency.isEmpty() ? intent(t, words, matched) : Intent.REPLY;
        return new Classification(lang.language(), lang.confidence(), lang.words(), intent, urgency, matched);
    }

    /**
     * Intent and urgencies of a waiting message, without its language (the conversation's is read
     * from the whole thread): {@link #classify} with {@code now = sentAt}, so PEP hours are those at
     * the message's time; {@link ThreadReading} recounts them for each {@code now}.
     */
    Classification classifyWaiting(String text, Instant sentAt) {
        String t = bounded(text);
        List<String> words = TextNorm.words(t);
        List<String> matched = new ArrayList<>();
        List<Urgency> urgency = urgencies(words, sentAt, sentAt, matched);
        Intent intent = urgency.isEmpty() ? intent(t, words, matched) : Intent.REPLY;
        return new Classification(null, 0, words.size(), intent, urgency, matched);
    }

    /** The intent alone (no language, no urgency): what the queue needs of older messages. */
    public Intent intentOf(String text) {
        String t = bounded(text);
        List<String> words = TextNorm.words(t);
        List<String> matched = new ArrayList<>();
        return urgencies(words, null, null, matched).isEmpty() ? intent(t, words, matched) : Intent.REPLY;
    }

    /**
     * Whether the text asks not to be contacted any more (an urgency or a question in it does not
     * change that here): the cheap check the register makes on every thread's last inbound message.
     */
    public boolean optOut(String text) {
        String t = bounded(text);
        return intent(t, TextNorm.words(t), new ArrayList<>()) == Intent.OPT_OUT;
    }

    /** Only the beginning of a huge text is read: the verdict is there and the cost stays bounded. */
    private static String bounded(String text) {
        if (text == null) {
            return ""; //$NON-NLS-1$
        }
        if (text.length() <= TextNorm.MAX_CHARS) {
            return text;
        }
        int cut = text.lastIndexOf(' ', TextNorm.MAX_CHARS);
        return text.substring(0, cut > 0 ? cut : TextNorm.MAX_CHARS); // not in the middle of a word
    }

    private List<Urgency> urgencies(List<String> all, Instant sentAt, Instant now, List<String> matched) {
        List<Urgency> out = new ArrayList<>();
        List<String> words = all;
        for (Rule r : rules().notUrgent) {
            int[] span;
            while ((span = r.find(words)) != null) {
                if (words == all) {
                    words = new ArrayList<>(all);
                }
                for (int i = span[0]; i < span[1]; i++) {
                    words.set(i, "\0"); // hidden, and no rule word can match it //$NON-NLS-1$
                }
            }
        }
        for (Map.Entry<UrgencyKind, List<Rule>> e : rules().urgency.entrySet()) {
            for (Rule r : e.getValue()) {
                int[] span = r.find(words);
                if (span != null) {
                    String what = String.join(" ", words.subList(span[0], span[1])); //$NON-NLS-1$
                    Integer hours = null;
                    if (e.getKey() == UrgencyKind.PEP && sentAt != null && now != null) {
                        hours = Urgency.pepHoursLeft(sentAt, now);
                    }
                    out.add(new Urgency(e.getKey(), what, hours));
                    matched.add(e.getKey().key() + ": " + r.source()); //$NON-NLS-1$
                    break;
                }
            }
        }
        return out;
    }

    private Intent intent(String text, List<String> words, List<String> matched) {
        for (Rule r : rules().optOut) {
            if (r.find(words) != null) {
                matched.add("opt_out: " + r.source()); //$NON-NLS-1$
                return Intent.OPT_OUT;
            }
        }
        boolean question = text.indexOf('?') >= 0 || text.indexOf('¿') >= 0;
        int closings = 0;
        int stops = 0;
        List<String> hits = new ArrayList<>();
        int i = 0;
        while (i < words.size()) {
            int len = longest(rules().optOutAlone, words, i);
            if (len > 0) {
                stops++;
                hits.add("opt_out_alone: " + String.join(" ", words.subList(i, i + len))); //$NON-NLS-1$ //$NON-NLS-2$
                i += len;
                continue;
            }
            len = longest(rules().closing, words, i);
            if (len > 0) {
                closings++;
                hits.add("closing: " + String.join(" ", words.subList(i, i + len))); //$NON-NLS-1$ //$NON-NLS-2$
                i += len;
                continue;
            }
            if (rules().filler.contains(words.get(i))) {
                i++;
                continue;
            }
            return Intent.REPLY; // a word that is neither thanks nor small talk: the person says something
        }
        for (String e : TextNorm.emoji(text)) {
            if (rules().closingEmoji.contains(ClassifierRules.baseEmoji(e))) {
                closings++;
            } else {
                return Intent.REPLY; // a sad or worried emoji deserves an answer
            }
        }
        if (stops > 0) {
            matched.addAll(hits);
            return Intent.OPT_OUT;
        }
        if (closings > 0 && !question) {
            matched.addAll(hits);
            return Intent.CLOSING;
        }
        return Intent.REPLY;
    }

    private static int longest(List<Rule> rules, List<String> words, int at) {
        int best = 0;
        for (Rule r : rules) {
            String[] seq = r.firstSequence();
            if (r.isSimple() && seq.length > best && Rule.matches(seq, words, at)) {
                best = seq.length;
            }
        }
        return best;
    }
}

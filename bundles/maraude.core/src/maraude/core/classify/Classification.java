package maraude.core.classify;

import java.util.List;

/**
 * What the classifier read in one message.
 *
 * @param language           a supported language, or null when the text cannot tell ("ok", an emoji)
 * @param languageConfidence 0..1
 * @param words              number of words read (a message of one or two words never decides a
 *                           conversation's language)
 * @param matched            the rule entries that decided, for the worker to see why
 */
public record Classification(String language, double languageConfidence, int words, Intent intent,
        List<Urgency> urgency, List<String> matched) {

    public Classification {
        urgency = List.copyOf(urgency);
        matched = List.copyOf(matched);
    }

    public boolean urgent() {
        return !urgency.isEmpty();
    }
}

package maraude.templates;

import java.util.List;

/**
 * What the outing check needs to know about a text: whether it is meant for bulk sends, the team's
 * first names (they must not appear in bulk texts), the service's own domains, the language of the
 * neutral opening to suggest (null: the language of the word found) and the word lists.
 */
public record CheckContext(boolean bulk, List<String> workerNames, List<String> serviceDomains, String language,
        OutingWords words) {

    public CheckContext {
        workerNames = workerNames == null ? List.of() : List.copyOf(workerNames);
        serviceDomains = serviceDomains == null ? List.of() : List.copyOf(serviceDomains);
        words = words == null ? OutingWords.loadDefault() : words;
    }

    /** A one-to-one reply with the shipped word lists. */
    public static CheckContext defaults() {
        return new CheckContext(false, List.of(), List.of(), null, null);
    }

    public CheckContext forBulk(List<String> names) {
        return new CheckContext(true, names, serviceDomains, language, words);
    }

    public CheckContext withServiceDomains(List<String> domains) {
        return new CheckContext(bulk, workerNames, domains, language, words);
    }

    public CheckContext withLanguage(String lang) {
        return new CheckContext(bulk, workerNames, serviceDomains, lang, words);
    }
}

package maraude.templates;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {name}} placeholders: lower-case ASCII letters, digits and underscores. Filling is a single
 * pass, so a value that itself contains braces is inserted literally and never expanded again.
 */
public final class Placeholders {

    /** Well-known names; teams may add their own keys in their settings. */
    public static final String PERMANENCE_HOURS = "permanence_hours"; //$NON-NLS-1$
    public static final String SERVICE_ADDRESS = "service_address"; //$NON-NLS-1$
    public static final String SERVICE_NAME = "service_name"; //$NON-NLS-1$
    public static final String SERVICE_PHONE = "service_phone"; //$NON-NLS-1$
    public static final String NEXT_BUS_DATE = "next_bus_date"; //$NON-NLS-1$
    public static final String NEXT_BUS_PLACE = "next_bus_place"; //$NON-NLS-1$
    public static final String PSEUDONYM = "pseudonym"; //$NON-NLS-1$
    public static final String APPOINTMENT_DATE = "appointment_date"; //$NON-NLS-1$
    public static final String APPOINTMENT_PLACE = "appointment_place"; //$NON-NLS-1$
    public static final String PEP_CONTACT = "pep_contact"; //$NON-NLS-1$

    static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z][a-z0-9_]{0,40})\\}"); //$NON-NLS-1$

    private Placeholders() {
    }

    /** Names in order of first appearance, without duplicates. */
    public static List<String> names(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = PLACEHOLDER.matcher(text == null ? "" : text); //$NON-NLS-1$
        while (m.find()) {
            names.add(m.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * Offset of the first brace that is not part of a well-formed placeholder (a typo such as
     * {@code {permanence hours}} or a lone brace), or -1.
     */
    public static int firstMalformedBrace(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        int pos = 0;
        while (true) {
            int next = m.find(pos) ? m.start() : text.length();
            for (int i = pos; i < next; i++) {
                char c = text.charAt(i);
                if (c == '{' || c == '}') {
                    return i;
                }
            }
            if (next == text.length()) {
                return -1;
            }
            pos = m.end();
        }
    }

    /**
     * Replaces every placeholder that has a non-blank value; the others stay as {@code {name}} and are
     * listed in {@link Filled#missing()}.
     */
    public static Filled fill(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 64);
        Set<String> missing = new LinkedHashSet<>();
        while (m.find()) {
            String name = m.group(1);
            String value = values == null ? null : values.get(name);
            if (value == null || value.isBlank()) {
                missing.add(name);
                m.appendReplacement(out, Matcher.quoteReplacement(m.group()));
            } else {
                m.appendReplacement(out, Matcher.quoteReplacement(value.strip()));
            }
        }
        m.appendTail(out);
        return new Filled(out.toString(), new ArrayList<>(missing));
    }

    /** A text after filling, with the placeholders that had no value. */
    public record Filled(String text, List<String> missing) {

        public Filled {
            missing = List.copyOf(missing);
        }

        public boolean complete() {
            return missing.isEmpty();
        }

        /**
         * The text ready to copy.
         *
         * @throws UnfilledPlaceholdersException naming every placeholder still empty
         */
        public String requireComplete() throws UnfilledPlaceholdersException {
            if (!missing.isEmpty()) {
                throw new UnfilledPlaceholdersException(missing);
            }
            return text;
        }
    }
}

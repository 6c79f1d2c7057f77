package maraude.templates;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The per-language lists of revealing words ({@code outing/<lang>.txt}) and revealing pieces of
 * domain names ({@code outing/domains.txt}). The shipped lists live in this bundle; a team edits
 * copies in a folder of its own and loads them with {@link #load(Path)}.
 */
public final class OutingWords {

    static final String DOMAINS = "domains.txt"; //$NON-NLS-1$
    private static final long MAX_FILE = 256 * 1024;
    private static final int MAX_ENTRIES = 2000;

    /** One entry, compiled against folded text. */
    record Entry(String language, String word, Pattern pattern, boolean caseSensitive) {
    }

    private final List<Entry> entries;
    private final Map<String, String> openings;
    private final List<String> domainPieces;

    OutingWords(List<Entry> entries, Map<String, String> openings, List<String> domainPieces) {
        this.entries = List.copyOf(entries);
        this.openings = Map.copyOf(openings);
        this.domainPieces = List.copyOf(domainPieces);
    }

    private static volatile OutingWords shipped;

    public static OutingWords loadDefault() {
        OutingWords w = shipped;
        if (w == null) {
            Builder b = new Builder();
            ClassLoader cl = OutingWords.class.getClassLoader();
            try {
                for (String lang : Languages.SUPPORTED) {
                    String name = "outing/" + lang + ".txt"; //$NON-NLS-1$ //$NON-NLS-2$
                    try (InputStream in = cl.getResourceAsStream(name)) {
                        b.read(lang, in, name);
                    }
                }
                try (InputStream in = cl.getResourceAsStream("outing/" + DOMAINS)) { //$NON-NLS-1$
                    b.read(null, in, "outing/" + DOMAINS); //$NON-NLS-1$
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (TemplateFormatException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
            w = b.build();
            shipped = w;
        }
        return w;
    }

    /**
     * Reads a team's folder: {@code fr.txt}, {@code nl.txt}… and {@code domains.txt}; a file that is
     * missing there is taken from the shipped lists.
     */
    public static OutingWords load(Path folder) throws IOException, TemplateFormatException {
        Builder b = new Builder();
        ClassLoader cl = OutingWords.class.getClassLoader();
        List<String> names = new ArrayList<>(Languages.SUPPORTED.stream().map(l -> l + ".txt").toList()); //$NON-NLS-1$
        names.add(DOMAINS);
        for (String name : names) {
            String lang = name.equals(DOMAINS) ? null : name.substring(0, name.length() - 4);
            Path p = folder.resolve(name);
            if (Files.isRegularFile(p)) {
                if (Files.size(p) > MAX_FILE) {
                    throw new TemplateFormatException(p.toString(), 0, 0, Messages.TemplateFormat_tooLarge);
                }
                try (InputStream in = Files.newInputStream(p)) {
                    b.read(lang, in, p.toString());
                }
            } else {
                try (InputStream in = cl.getResourceAsStream("outing/" + name)) { //$NON-NLS-1$
                    b.read(lang, in, "outing/" + name); //$NON-NLS-1$
                }
            }
        }
        return b.build();
    }

    List<Entry> entries() {
        return entries;
    }

    List<String> domainPieces() {
        return domainPieces;
    }

    /** The neutral opening to suggest in a language (French when unknown). */
    public String opening(String language) {
        String o = openings.get(language);
        return o != null ? o : openings.getOrDefault(Languages.FALLBACK, ""); //$NON-NLS-1$
    }

    private static final class Builder {
        final List<Entry> entries = new ArrayList<>();
        final Map<String, String> openings = new LinkedHashMap<>();
        final List<String> domains = new ArrayList<>();

        void read(String lang, InputStream in, String source) throws IOException, TemplateFormatException {
            if (in == null) {
                throw new IllegalStateException("missing bundled resource " + source); //$NON-NLS-1$
            }
            byte[] bytes = in.readNBytes((int) MAX_FILE + 1);
            if (bytes.length > MAX_FILE) {
                throw new TemplateFormatException(source, 0, 0, Messages.TemplateFormat_tooLarge);
            }
            BufferedReader r = new BufferedReader(
                    new InputStreamReader(new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) { //$NON-NLS-1$
                    continue;
                }
                if (entries.size() + domains.size() >= MAX_ENTRIES) {
                    throw new TemplateFormatException(source, n, 1,
                            Messages.format(Messages.TemplateFormat_tooMany, MAX_ENTRIES));
                }
                if (s.length() > 80) {
                    throw new TemplateFormatException(source, n, 1, Messages.format(Messages.TemplateFormat_tooLong, s.substring(0, 20), 80));
                }
                if (lang == null) {
                    domains.add(TextFolding.fold(s).replaceAll("[^a-z0-9.-]", "")); //$NON-NLS-1$ //$NON-NLS-2$
                    continue;
                }
                if (s.startsWith("opening")) { //$NON-NLS-1$
                    int eq = s.indexOf('=');
                    if (eq > 0 && s.substring(0, eq).strip().equals("opening")) { //$NON-NLS-1$
                        openings.put(lang, s.substring(eq + 1).strip());
                        continue;
                    }
                }
                entries.add(compile(lang, s));
            }
        }

        OutingWords build() {
            return new OutingWords(entries, openings, domains);
        }
    }

    static Entry compile(String lang, String raw) {
        boolean prefix = raw.endsWith("*"); //$NON-NLS-1$
        String word = prefix ? raw.substring(0, raw.length() - 1).strip() : raw;
        boolean caseSensitive = word.chars().anyMatch(Character::isLetter) && word.equals(word.toUpperCase(java.util.Locale.ROOT))
                && word.length() > 1;
        StringBuilder re = new StringBuilder("(?<![\\p{L}\\p{N}])"); //$NON-NLS-1$
        String[] parts = (caseSensitive ? foldKeepCase(word) : TextFolding.fold(word)).split("[\\s'\\-]+"); //$NON-NLS-1$
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                re.append("[\\s'\\-]+"); //$NON-NLS-1$
            }
            re.append(Pattern.quote(parts[i]));
        }
        if (!prefix) {
            re.append("(?![\\p{L}\\p{N}])"); //$NON-NLS-1$
        }
        return new Entry(lang, word, Pattern.compile(re.toString()), caseSensitive);
    }

    /** Accent folding without lower-casing, for entries written in capitals. */
    static String foldKeepCase(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String f = TextFolding.fold(String.valueOf(c));
            b.append(Character.isUpperCase(c) && f.length() == 1 ? Character.toUpperCase(f.charAt(0)) : f.charAt(0));
        }
        return b.toString();
    }
}

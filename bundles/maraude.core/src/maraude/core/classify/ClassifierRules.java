package maraude.core.classify;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The classifier's word lists and rules, one file per language ({@code classify/<lang>.txt}) and one
 * for emoji ({@code classify/emoji.txt}); the format is described in {@code classify/README.txt}. A
 * team adds its own lines with files of the same names in a folder of its own ({@link #load(Path)}):
 * they extend the shipped lists, they do not replace them. Immutable.
 */
public final class ClassifierRules {

    static final String EMOJI = "emoji"; //$NON-NLS-1$
    private static final long MAX_FILE = 256 * 1024;
    private static final int MAX_ENTRIES = 20000;

    /** Word (runs of 3+ letters cut) → the languages it belongs to; then the same, fully squeezed. */
    final Map<String, Set<String>> languageWords;
    final Map<String, Set<String>> squeezedLanguageWords;
    /** Acknowledgement sequences, longest first. */
    final List<Rule> closing;
    final Set<String> filler;
    final List<Rule> optOut;
    final List<Rule> optOutAlone;
    final Map<UrgencyKind, List<Rule>> urgency;
    /** Phrases whose words are hidden from the urgency rules ("are you police?"). */
    final List<Rule> notUrgent;
    final Set<String> closingEmoji;
    /** Checksums of every rule file read, shipped and the team's: readings kept on disk name it. */
    private final String fingerprint;

    private ClassifierRules(Builder b) {
        this.fingerprint = b.digest.value();
        this.languageWords = Map.copyOf(b.languageWords);
        this.squeezedLanguageWords = Map.copyOf(b.squeezedLanguageWords);
        List<Rule> c = new ArrayList<>(b.closing);
        c.sort((x, y) -> Integer.compare(y.firstSequence().length, x.firstSequence().length));
        this.closing = List.copyOf(c);
        this.filler = Set.copyOf(b.filler);
        this.optOut = List.copyOf(b.optOut);
        this.optOutAlone = List.copyOf(b.optOutAlone);
        Map<UrgencyKind, List<Rule>> u = new EnumMap<>(UrgencyKind.class);
        b.urgency.forEach((k, v) -> u.put(k, List.copyOf(v)));
        this.urgency = u;
        this.notUrgent = List.copyOf(b.notUrgent);
        this.closingEmoji = Set.copyOf(b.closingEmoji);
    }

    private static volatile ClassifierRules shipped;

    /** The shipped rules (read once). */
    public static ClassifierRules loadDefault() {
        ClassifierRules r = shipped;
        if (r == null) {
            Builder b = new Builder();
            try {
                for (String name : fileNames()) {
                    b.read(name, shippedStream(name), "classify/" + name + ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            r = new ClassifierRules(b);
            shipped = r;
        }
        return r;
    }

    /**
     * The shipped rules plus a team's lines: {@code fr.txt}, {@code nl.txt}… and {@code emoji.txt} in
     * {@code folder}, each optional. A missing folder gives the shipped rules.
     *
     * @throws IOException              when a file cannot be read
     * @throws IllegalArgumentException when a file is too large, has too many entries or an unknown
     *                                  section (the message names the file and line)
     */
    public static ClassifierRules load(Path folder) throws IOException {
        Builder b = new Builder();
        for (String name : fileNames()) {
            b.read(name, shippedStream(name), "classify/" + name + ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
            Path p = folder == null ? null : folder.resolve(name + ".txt"); //$NON-NLS-1$
            if (p != null && Files.isRegularFile(p)) {
                if (Files.size(p) > MAX_FILE) {
                    throw new IllegalArgumentException(p + ": file too large (more than " + MAX_FILE + " bytes)"); //$NON-NLS-1$ //$NON-NLS-2$
                }
                try (InputStream in = Files.newInputStream(p)) {
                    b.read(name, in, p.toString());
                }
            }
        }
        return new ClassifierRules(b);
    }

    private static List<String> fileNames() {
        List<String> l = new ArrayList<>(Languages.SUPPORTED);
        l.add(EMOJI);
        return l;
    }

    private static InputStream shippedStream(String name) {
        InputStream in = ClassifierRules.class.getClassLoader().getResourceAsStream("classify/" + name + ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
        if (in == null) {
            throw new IllegalStateException("missing bundled resource classify/" + name + ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return in;
    }

    /**
     * Names this rule set: equal fingerprints, equal rules (shipped files and a team's own lines). A
     * reading kept on disk is valid only for the rules that made it.
     */
    public String fingerprint() {
        return fingerprint;
    }

    private static volatile String shippedFingerprint;

    /**
     * The {@link #fingerprint()} of {@link #loadDefault()}, from the files' bytes alone (nothing
     * parsed): what a new process compares with the readings kept on disk.
     */
    public static String shippedFingerprint() {
        String f = shippedFingerprint;
        if (f == null) {
            Digest d = new Digest();
            try {
                for (String name : fileNames()) {
                    try (InputStream in = shippedStream(name)) {
                        d.add(name, in.readNBytes((int) MAX_FILE + 1));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            f = d.value();
            shippedFingerprint = f;
        }
        return f;
    }

    /**
     * Names the rule files read: which file, how long, what (the same bytes moved to another file make
     * another rule set). Two independent checksums and the lengths, not a cryptographic hash: it only
     * has to change when a team edits its lines, and a new process computes it before any other work
     * (a SHA-256 would first load the JDK's security providers, ~0.1 s of a 1 s command).
     */
    private static final class Digest {
        private final java.util.zip.CRC32C crc32c = new java.util.zip.CRC32C();
        private final java.util.zip.CRC32 crc32 = new java.util.zip.CRC32();
        private long length;

        void add(String lang, byte[] bytes) {
            byte[] head = (lang + '\0' + bytes.length + '\0').getBytes(StandardCharsets.UTF_8);
            crc32c.update(head);
            crc32c.update(bytes);
            crc32.update(bytes);
            crc32.update(head);
            length = length * 31 + bytes.length;
        }

        String value() {
            return Long.toHexString(crc32c.getValue() << 32 | crc32.getValue()) + '-' + Long.toHexString(length);
        }
    }

    /** The languages a word of {@link TextNorm#lightWords} belongs to (empty when none). */
    Set<String> languagesOf(String word) {
        Set<String> s = languageWords.get(word);
        if (s != null) {
            return s;
        }
        // "mercii" finds "merci"; but "ok" must not find "ook": only a word with a doubled letter falls back.
        String squeezed = TextNorm.squeeze(word);
        return squeezed.equals(word) ? Set.of() : squeezedLanguageWords.getOrDefault(squeezed, Set.of());
    }

    private static final class Builder {
        final Map<String, Set<String>> languageWords = new HashMap<>();
        final Map<String, Set<String>> squeezedLanguageWords = new HashMap<>();
        final List<Rule> closing = new ArrayList<>();
        final Set<String> filler = new HashSet<>();
        final List<Rule> optOut = new ArrayList<>();
        final List<Rule> optOutAlone = new ArrayList<>();
        final Map<UrgencyKind, List<Rule>> urgency = new EnumMap<>(UrgencyKind.class);
        final List<Rule> notUrgent = new ArrayList<>();
        final Set<String> closingEmoji = new LinkedHashSet<>();
        int entries;
        final Digest digest = new Digest();

        void read(String lang, InputStream raw, String source) throws IOException {
            byte[] bytes;
            try (InputStream in = raw) {
                bytes = in.readNBytes((int) MAX_FILE + 1);
            }
            if (bytes.length > MAX_FILE) {
                throw new IllegalArgumentException(source + ": file too large (more than " + MAX_FILE + " bytes)"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            digest.add(lang, bytes);
            BufferedReader r = new BufferedReader(
                    new InputStreamReader(new ByteArrayInputStream(bytes), StandardCharsets.UTF_8));
            String section = null;
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                String s = line.strip();
                if (s.isEmpty() || s.startsWith("#")) { //$NON-NLS-1$
                    continue;
                }
                if (s.startsWith("[") && s.endsWith("]")) { //$NON-NLS-1$ //$NON-NLS-2$
                    section = s.substring(1, s.length() - 1).strip();
                    if (!known(section)) {
                        throw new IllegalArgumentException(source + ":" + n + ": unknown section [" + section + "]"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    }
                    continue;
                }
                if (section == null) {
                    throw new IllegalArgumentException(source + ":" + n + ": entry before any [section]"); //$NON-NLS-1$ //$NON-NLS-2$
                }
                if (++entries > MAX_ENTRIES) {
                    throw new IllegalArgumentException(source + ":" + n + ": more than " + MAX_ENTRIES + " entries"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                }
                add(lang, section, s);
            }
        }

        private static boolean known(String section) {
            return switch (section) {
            case "language", "closing", "filler", "opt_out", "opt_out_alone", "not_urgent" -> true; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            default -> {
                try {
                    UrgencyKind.fromKey(section);
                    yield true;
                } catch (IllegalArgumentException e) {
                    yield false;
                }
            }
            };
        }

        private void add(String lang, String section, String s) {
            if (EMOJI.equals(lang)) {
                if (section.equals("closing")) { //$NON-NLS-1$
                    for (String e : s.split("\\s+")) { //$NON-NLS-1$
                        closingEmoji.add(baseEmoji(e));
                    }
                }
                return;
            }
            switch (section) {
            case "language" -> { //$NON-NLS-1$
                for (String w : TextNorm.lightWords(s)) {
                    languageWords.computeIfAbsent(w, k -> new LinkedHashSet<>()).add(lang);
                    squeezedLanguageWords.computeIfAbsent(TextNorm.squeeze(w), k -> new LinkedHashSet<>()).add(lang);
                }
            }
            case "filler" -> filler.addAll(TextNorm.words(s)); //$NON-NLS-1$
            case "closing" -> { //$NON-NLS-1$
                for (String alt : s.split("\\|")) { //$NON-NLS-1$
                    Rule r = Rule.compile(alt);
                    if (r != null) {
                        closing.add(r);
                    }
                }
            }
            case "opt_out" -> addRule(optOut, s); //$NON-NLS-1$
            case "opt_out_alone" -> addRule(optOutAlone, s); //$NON-NLS-1$
            case "not_urgent" -> addRule(notUrgent, s); //$NON-NLS-1$
            default -> addRule(urgency.computeIfAbsent(UrgencyKind.fromKey(section), k -> new ArrayList<>()), s);
            }
        }

        private static void addRule(List<Rule> l, String s) {
            Rule r = Rule.compile(s);
            if (r != null) {
                l.add(r);
            }
        }
    }

    /** An emoji without its variation selector, so "❤️" and "❤" are one. */
    static String baseEmoji(String e) {
        return e.replace("\uFE0F", "").replace("\uFE0E", ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    }
}

package maraude.core.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The layout of {@code <archive>/quarantine/} (the parts of exports no importer could read, kept so
 * that nothing the user gave is lost), shared by the importers that write it and the erasure that
 * must reach it without depending on the imports bundle.
 *
 * <h2>Names and contents</h2> An item is {@code quarantine/<key>.q} where {@code <key>} is
 * HMAC-SHA256(secret, run stamp, source file, kind) in hex and the secret is
 * {@code quarantine/}{@value #SECRET_FILE} (32 random bytes): a file name says nothing of the export it
 * came from (an export's name often holds a person's name or number). The item's first line is a
 * JSON header (its source file as the messages' {@code SourceRef} names it, the export's file name,
 * the kind, when it was quarantined); the kept bytes follow. Everything goes through the archive's
 * {@link ArchiveFiles}, so a protected archive encrypts header, original name and content.
 *
 * <h2>Erasure rules</h2> An unparsed part cannot be read, so it is attributed by where it came from
 * and by what it says ({@link #erase}):
 * <ul>
 * <li>forget a contact: every item whose source file gave any of the person's messages, and every item
 * whose header or content holds one of the person's names, handles or numbers (compared folded,
 * numbers by their last 9 digits);</li>
 * <li>purge and retention: every item whose source file gave a message the purge removed, and every
 * item quarantined before the cutoff (for a per-platform policy: the shortest period's cutoff);</li>
 * <li>items in the older format (no header: named after the export) cannot be attributed and go at
 * the first forget or purge.</li>
 * </ul>
 */
public final class QuarantineFiles {

    /** The folder inside the archive's side files. */
    public static final String FOLDER = "quarantine"; //$NON-NLS-1$
    /** The naming secret inside {@link #FOLDER}. */
    public static final String SECRET_FILE = "names.key"; //$NON-NLS-1$
    /** Suffix of an item. */
    public static final String SUFFIX = ".q"; //$NON-NLS-1$
    /** Kind of an item holding lines kept one by one. */
    public static final String KIND_LINES = "lines"; //$NON-NLS-1$
    /** Kind of an item holding a whole source file. */
    public static final String KIND_FILE = "file"; //$NON-NLS-1$

    private static final String HMAC = "HmacSHA256"; //$NON-NLS-1$
    private static final String MAGIC = "maraude-quarantine"; //$NON-NLS-1$
    private static final int MAX_HEADER = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * What an item says of itself. {@code source} is null for an item of the older format (no header),
     * which cannot be attributed.
     */
    public record Item(String name, String source, String fileName, String kind, long quarantinedAt) {
        public boolean legacy() {
            return source == null;
        }
    }

    private QuarantineFiles() {
    }

    /** The naming secret, created on first use (through {@code files}: encrypted on a protected archive). */
    public static synchronized byte[] secret(ArchiveFiles files) throws IOException {
        String name = FOLDER + '/' + SECRET_FILE;
        if (files.exists(name)) {
            byte[] s = files.readAllBytes(name);
            if (s.length >= 32) {
                return s;
            }
        }
        byte[] s = new byte[32];
        new SecureRandom().nextBytes(s);
        files.writeAllBytes(name, s);
        return s;
    }

    /** The item name for one run's source file and kind: a keyed hash, nothing of the source in clear. */
    public static String nameFor(byte[] secret, String stamp, String source, String kind) throws IOException {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            byte[] h = mac.doFinal((stamp + '\n' + kind + '\n' + source).getBytes(StandardCharsets.UTF_8));
            return FOLDER + '/' + HexFormat.of().formatHex(h, 0, 20) + SUFFIX;
        } catch (GeneralSecurityException e) {
            throw new IOException("quarantine name: " + e.getClass().getSimpleName(), e); //$NON-NLS-1$
        }
    }

    /** The first line of an item. */
    public static byte[] header(String source, String fileName, String kind, long quarantinedAt) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("format", MAGIC); //$NON-NLS-1$
        h.put("source", source); //$NON-NLS-1$
        h.put("file", fileName); //$NON-NLS-1$
        h.put("kind", kind); //$NON-NLS-1$
        h.put("at", quarantinedAt); //$NON-NLS-1$
        try {
            byte[] json = JSON.writeValueAsBytes(h); // one line: JSON escapes line breaks
            byte[] out = new byte[json.length + 1];
            System.arraycopy(json, 0, out, 0, json.length);
            out[json.length] = '\n';
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every item (the secret left out), with its header read; an unreadable item is listed as legacy. */
    public static List<Item> list(ArchiveFiles files) throws IOException {
        List<Item> out = new ArrayList<>();
        for (String n : files.list(FOLDER + '/')) {
            if (n.equals(FOLDER + '/' + SECRET_FILE)) {
                continue;
            }
            out.add(read(files, n));
        }
        return out;
    }

    private static Item read(ArchiveFiles files, String name) {
        try (InputStream in = files.read(name)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            int b;
            while ((b = in.read()) >= 0 && b != '\n' && line.size() < MAX_HEADER) {
                line.write(b);
            }
            JsonNode h = JSON.readTree(line.toByteArray());
            if (h != null && MAGIC.equals(h.path("format").asText()) && h.hasNonNull("source")) { //$NON-NLS-1$ //$NON-NLS-2$
                return new Item(name, h.get("source").asText(), h.path("file").asText(""), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                        h.path("kind").asText(""), h.path("at").asLong(0)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            }
        } catch (IOException | RuntimeException e) {
            // not an item of this format (older, damaged): cannot be attributed
        }
        return new Item(name, null, null, null, 0);
    }

    /**
     * Deletes every item that {@code attributed} accepts, every item whose original name or content
     * holds one of {@code identifiers} (names, handles, numbers; may be empty), and every item of the
     * older format.
     *
     * @return how many items were deleted
     */
    public static int erase(ArchiveFiles files, Predicate<Item> attributed, Collection<String> identifiers)
            throws IOException {
        List<Matcher> matchers = new ArrayList<>();
        for (String id : identifiers) {
            Matcher m = Matcher.of(id);
            if (m != null) {
                matchers.add(m);
            }
        }
        int deleted = 0;
        for (Item item : list(files)) {
            boolean drop = item.legacy() || attributed.test(item)
                    || (!matchers.isEmpty() && mentions(files, item, matchers));
            if (drop && files.delete(item.name())) {
                deleted++;
            }
        }
        return deleted;
    }

    private static boolean mentions(ArchiveFiles files, Item item, List<Matcher> matchers) {
        String text;
        try {
            text = new String(files.readAllBytes(item.name()), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return true; // unreadable: it cannot be shown not to hold the person
        }
        Folded f = new Folded(text);
        for (Matcher m : matchers) {
            if (m.in(f)) {
                return true;
            }
        }
        return false;
    }

    /** A text folded for matching: words (lower case, no accents) and its digits run together. */
    private static final class Folded {
        final String words;
        final String digits;

        Folded(String text) {
            words = ' ' + fold(text) + ' ';
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c >= '0' && c <= '9') {
                    d.append(c);
                }
            }
            digits = d.toString();
        }
    }

    /** One identifier: a folded phrase (3 characters or more) and, when it has 6 digits or more, a number. */
    private record Matcher(String words, String digits) {
        static Matcher of(String id) {
            if (id == null) {
                return null;
            }
            String w = fold(id);
            StringBuilder d = new StringBuilder();
            for (int i = 0; i < id.length(); i++) {
                char c = id.charAt(i);
                if (c >= '0' && c <= '9') {
                    d.append(c);
                }
            }
            String digits = d.length() >= 6 ? d.substring(Math.max(0, d.length() - 9)) : null;
            String words = w.replace(" ", "").length() >= 3 ? ' ' + w + ' ' : null; //$NON-NLS-1$ //$NON-NLS-2$
            return words == null && digits == null ? null : new Matcher(words, digits);
        }

        boolean in(Folded f) {
            return (words != null && f.words.contains(words)) || (digits != null && f.digits.contains(digits));
        }
    }

    /** Lower case, accents removed, every run of other than letters and digits one space. */
    static String fold(String s) {
        String n = Normalizer.normalize(s, Normalizer.Form.NFKD).toLowerCase(Locale.ROOT);
        StringBuilder b = new StringBuilder(n.length());
        boolean space = true;
        for (int i = 0; i < n.length(); i++) {
            char c = n.charAt(i);
            if (Character.getType(c) == Character.NON_SPACING_MARK) {
                continue;
            }
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
                space = false;
            } else if (!space) {
                b.append(' ');
                space = true;
            }
        }
        int end = b.length();
        while (end > 0 && b.charAt(end - 1) == ' ') {
            end--;
        }
        return b.substring(0, end);
    }

    /** Whether {@code sources} (source files of erased messages) holds the item's source. */
    public static Predicate<Item> fromSources(Set<String> sources) {
        return item -> item.source() != null && sources.contains(item.source());
    }

    /** Items quarantined before {@code cutoffMillis}. */
    public static Predicate<Item> quarantinedBefore(long cutoffMillis) {
        return item -> item.quarantinedAt() < cutoffMillis;
    }
}

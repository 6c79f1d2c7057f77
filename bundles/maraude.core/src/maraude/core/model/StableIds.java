package maraude.core.model;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

/**
 * Identities derived from content, so that re-importing an export or importing an overlapping one
 * never duplicates anything. Truncated SHA-256, hex, with a type prefix that keeps ids readable.
 */
public final class StableIds {

    private StableIds() {
    }

    public static String contactId(Platform platform, String handle) {
        return "c-" + hash(platform.key(), normalizeHandle(handle)); //$NON-NLS-1$
    }

    public static String conversationId(Platform platform, String threadKey) {
        return "t-" + hash(platform.key(), threadKey.strip()); //$NON-NLS-1$
    }

    /**
     * The instant is taken to the second in UTC: exports of the same chat from phones in different
     * zones, or with and without seconds, still agree when the seconds are equal.
     */
    public static String messageId(String conversationId, ZonedDateTime instant, String author, String text,
            List<Attachment> attachments) {
        // the bytes of hash(conversationId, seconds, author, text, "sha,sha,"), without the joined string
        MessageDigest md = digest();
        part(md, conversationId);
        part(md, Long.toString(instant.toEpochSecond()));
        part(md, author.strip());
        part(md, text.strip());
        for (Attachment a : attachments) {
            md.update(a.sha256().getBytes(StandardCharsets.UTF_8));
            md.update((byte) ',');
        }
        md.update((byte) 0);
        return "m-" + hex(md); //$NON-NLS-1$
    }

    /** Phone numbers keep only digits and a leading +; other handles are case-folded and trimmed. */
    public static String normalizeHandle(String handle) {
        String h = handle.strip();
        if (h.matches("\\+?[0-9 ()./-]{6,}")) { //$NON-NLS-1$
            return (h.startsWith("+") ? "+" : "") + h.replaceAll("[^0-9]", ""); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        }
        return h.toLowerCase(Locale.ROOT);
    }

    static String hash(String... parts) {
        MessageDigest md = digest();
        for (String p : parts) {
            part(md, p);
        }
        return hex(md);
    }

    /** One digest per thread, reset after each use: {@code getInstance} looks up the provider each time. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    });

    private static MessageDigest digest() {
        MessageDigest md = SHA256.get();
        md.reset(); // a digest left half-fed by an exception must not leak into the next id
        return md;
    }

    /** A part: its UTF-8 bytes and a 0 byte. */
    private static void part(MessageDigest md, String p) {
        md.update(p.getBytes(StandardCharsets.UTF_8));
        md.update((byte) 0);
    }

    /** The first 12 bytes of the digest (which {@code digest()} resets), in lower-case hex. */
    private static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest(), 0, 12);
    }
}

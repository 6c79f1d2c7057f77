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
        StringBuilder att = new StringBuilder();
        for (Attachment a : attachments) {
            att.append(a.sha256()).append(',');
        }
        return "m-" + hash(conversationId, Long.toString(instant.toEpochSecond()), author.strip(), //$NON-NLS-1$
                text.strip(), att.toString());
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
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256"); //$NON-NLS-1$
            for (String p : parts) {
                md.update(p.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

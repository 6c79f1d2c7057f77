package maraude.imports.internal;

import java.util.Locale;
import java.util.Map;

/** Media types of attachment files from their extension (exports rarely say). */
public final class MediaTypes {

    private static final Map<String, String> BY_EXT = Map.ofEntries(Map.entry("jpg", "image/jpeg"), //$NON-NLS-1$ //$NON-NLS-2$
            Map.entry("jpeg", "image/jpeg"), Map.entry("png", "image/png"), Map.entry("gif", "image/gif"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"), Map.entry("bmp", "image/bmp"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            Map.entry("mp4", "video/mp4"), Map.entry("3gp", "video/3gpp"), Map.entry("mov", "video/quicktime"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            Map.entry("opus", "audio/ogg"), Map.entry("ogg", "audio/ogg"), Map.entry("mp3", "audio/mpeg"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            Map.entry("m4a", "audio/mp4"), Map.entry("aac", "audio/aac"), Map.entry("amr", "audio/amr"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            Map.entry("wav", "audio/wav"), Map.entry("pdf", "application/pdf"), Map.entry("vcf", "text/vcard"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
            Map.entry("txt", "text/plain"), Map.entry("doc", "application/msword"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            Map.entry("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document")); //$NON-NLS-1$ //$NON-NLS-2$

    private MediaTypes() {
    }

    public static String ofName(String fileName) {
        int i = fileName.lastIndexOf('.');
        if (i < 0) {
            return "application/octet-stream"; //$NON-NLS-1$
        }
        return BY_EXT.getOrDefault(fileName.substring(i + 1).toLowerCase(Locale.ROOT), "application/octet-stream"); //$NON-NLS-1$
    }

    /** Files that are attachments of some export rather than exports themselves: skipped quietly. */
    public static boolean isMedia(String fileName) {
        String t = ofName(fileName);
        return !t.equals("application/octet-stream") && !t.equals("text/plain") //$NON-NLS-1$ //$NON-NLS-2$
                || fileName.toLowerCase(Locale.ROOT).endsWith(".css") || fileName.toLowerCase(Locale.ROOT).endsWith(".js") //$NON-NLS-1$ //$NON-NLS-2$
                || fileName.toLowerCase(Locale.ROOT).endsWith(".xsl"); //$NON-NLS-1$
    }
}

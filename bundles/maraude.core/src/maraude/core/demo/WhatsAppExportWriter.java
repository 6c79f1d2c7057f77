package maraude.core.demo;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;

import maraude.core.demo.DemoGenerator.WhatsAppExportResult;
import maraude.core.model.Attachment;
import maraude.core.model.Direction;
import maraude.core.model.Message;

/**
 * Writes generated conversations as French Android WhatsApp exports ("Discussion WhatsApp avec
 * X.txt"), whatever their original platform: the same words, so a benchmark can grep raw files.
 */
final class WhatsAppExportWriter {

    private static final DateTimeFormatter HEADER = DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm", Locale.ROOT); //$NON-NLS-1$
    private static final DateTimeFormatter MEDIA_DAY = DateTimeFormatter.ofPattern("yyyyMMdd", Locale.ROOT); //$NON-NLS-1$

    private final Path dir;
    private final boolean withMedia;

    WhatsAppExportWriter(Path dir, boolean withMedia) {
        this.dir = dir;
        this.withMedia = withMedia;
    }

    WhatsAppExportResult writeAll(Iterator<GeneratedConversation> it) throws IOException {
        Files.createDirectories(dir);
        long files = 0;
        long messages = 0;
        long bytes = 0;
        while (it.hasNext()) {
            GeneratedConversation g = it.next();
            String name = safe(g.contact().displayName()) + '_' + DemoGenerator.token(g.index());
            Path folder = withMedia ? dir.resolve(name) : dir;
            Files.createDirectories(folder);
            Path txt = folder.resolve("Discussion WhatsApp avec " + name + ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
            Map<String, String> mediaNames = new HashMap<>();
            int counter = 0;
            try (OutputStream os = Files.newOutputStream(txt);
                    BufferedWriter w = new BufferedWriter(new OutputStreamWriter(os, StandardCharsets.UTF_8))) {
                for (Message m : g.messages()) {
                    w.write(m.instant().format(HEADER));
                    w.write(" - "); //$NON-NLS-1$
                    if (m.direction() != Direction.SYSTEM) {
                        w.write(m.author());
                        w.write(": "); //$NON-NLS-1$
                    }
                    StringBuilder body = new StringBuilder();
                    for (Attachment a : m.attachments()) {
                        if (withMedia) {
                            String file = mediaNames.get(a.sha256());
                            if (file == null) {
                                counter++;
                                file = String.format(Locale.ROOT, "IMG-%s-WA%04d.%s", m.instant().format(MEDIA_DAY), //$NON-NLS-1$
                                        counter, a.mediaType().equals("image/png") ? "png" : "jpg"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                                mediaNames.put(a.sha256(), file);
                                GeneratedAttachment ga = g.attachments().get(a.sha256());
                                Files.write(folder.resolve(file), ga.bytes());
                            }
                            body.append('\u200E').append(file).append(" (fichier joint)"); //$NON-NLS-1$
                        } else {
                            body.append("<Médias omis>"); //$NON-NLS-1$
                        }
                        body.append('\n');
                    }
                    body.append(m.text());
                    String b = body.toString().stripTrailing();
                    w.write(b);
                    w.write('\n');
                    messages++;
                }
            }
            bytes += Files.size(txt);
            files++;
        }
        return new WhatsAppExportResult(files, messages, bytes);
    }

    /** A file-name-safe version of a display name (letters, digits, space, dash, underscore). */
    static String safe(String s) {
        String t = DemoGenerator.stripAccents(s).replaceAll("[^A-Za-z0-9 _-]", "_").strip(); //$NON-NLS-1$ //$NON-NLS-2$
        return t.isEmpty() ? "contact" : t.length() > 40 ? t.substring(0, 40) : t; //$NON-NLS-1$
    }
}

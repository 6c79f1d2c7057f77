package maraude.imports.formats;

import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;

import maraude.core.model.Attachment;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Platform;
import maraude.imports.ImportContext;
import maraude.imports.ImportFile;
import maraude.imports.ImportSink;
import maraude.imports.Importer;
import maraude.imports.Messages;
import maraude.imports.internal.Emitter;
import maraude.imports.internal.LineReader;
import maraude.imports.internal.LineReader.Line;
import maraude.imports.internal.MediaTypes;
import maraude.imports.internal.TextDecoding;

/**
 * Text written by signal-export ({@code chat.md}): {@code [2019-12-24 12:23:05] Name: text} or the
 * older {@code [2019-12-24, 12:23] Name: text}, continuation lines, Markdown links to media.
 * Times are wall-clock times of the exporting computer.
 */
@Component(service = Importer.class)
public final class SignalImporter implements Importer {

    private static final Pattern HEADER = Pattern
            .compile("^\\[(\\d{4})-(\\d{2})-(\\d{2}),? (\\d{2}):(\\d{2})(?::(\\d{2}))?\\] ([^:]{1,120}?): ?(.*)$"); //$NON-NLS-1$
    private static final Pattern MEDIA = Pattern.compile("!?\\[([^\\]]*)\\]\\((\\./)?(media/[^)]+)\\)"); //$NON-NLS-1$

    @Override
    public String id() {
        return "signal"; //$NON-NLS-1$
    }

    @Override
    public Platform platform() {
        return Platform.SIGNAL;
    }

    @Override
    public int confidence(ImportFile file) throws IOException {
        String ext = file.extension();
        String lower = file.name().toLowerCase(Locale.ROOT);
        if (!(ext.equals("md") || (ext.equals("txt") && lower.contains("signal")))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            return 0;
        }
        for (String l : file.headText().split("\r\n|\n|\r", 20)) { //$NON-NLS-1$
            if (HEADER.matcher(l).matches()) {
                return 80;
            }
        }
        return 0;
    }

    @Override
    public void read(ImportFile file, ImportContext ctx, ImportSink sink) throws IOException {
        String chat = chatName(file);
        Contact contact = Contact.of(Platform.SIGNAL, chat, chat);
        Conversation conv = Conversation.of(Platform.SIGNAL, chat, contact, chat);
        Emitter out = new Emitter(sink, file);
        out.conversation(contact, conv);
        ZonedDateTime at = null;
        String author = null;
        StringBuilder text = null;
        long start = 0;
        try (LineReader lines = new LineReader(TextDecoding.open(file, ctx), ctx.limits().maxLineChars())) {
            Line line;
            while ((line = lines.next()) != null) {
                ctx.checkCanceled();
                if (line.tooLong()) {
                    ctx.problem(file, line.number(), -1, "line-too-long", //$NON-NLS-1$
                            NLS.bind(Messages.problemLineTooLong, Long.valueOf(line.length())));
                    ctx.quarantine(file, line.number(), line.text() + " [...]"); //$NON-NLS-1$
                    continue;
                }
                Matcher m = HEADER.matcher(line.text());
                if (m.matches()) {
                    if (text != null) {
                        emit(out, conv, at, author, text, start, file, ctx);
                    }
                    start = line.number();
                    try {
                        at = ZonedDateTime.of(LocalDateTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                                Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
                                m.group(6) == null ? 0 : Integer.parseInt(m.group(6))), ctx.zone());
                    } catch (DateTimeException e) {
                        at = null;
                    }
                    author = m.group(7).strip();
                    text = new StringBuilder(m.group(8));
                } else if (text != null) {
                    text.append('\n').append(line.text());
                } else if (!line.text().isBlank()) {
                    ctx.problem(file, line.number(), -1, "text-before-first-message", //$NON-NLS-1$
                            Messages.problemTextBeforeFirstMessage);
                    ctx.quarantine(file, line.number(), line.text());
                }
            }
            if (text != null) {
                emit(out, conv, at, author, text, start, file, ctx);
            }
        }
    }

    private static void emit(Emitter out, Conversation conv, ZonedDateTime at, String author, StringBuilder text,
            long line, ImportFile file, ImportContext ctx) throws IOException {
        String t = text.toString().stripTrailing();
        if (at == null) {
            ctx.problem(file, line, -1, "bad-date", Messages.problemBadDate); //$NON-NLS-1$
            ctx.quarantine(file, line, t);
            return;
        }
        List<Attachment> atts = new ArrayList<>();
        Matcher m = MEDIA.matcher(t);
        while (m.find()) {
            Optional<ImportFile> f = ctx.locate(file, m.group(3), line).file();
            if (f.isPresent()) {
                try (var in = f.get().open()) {
                    atts.add(out.attachment(in, MediaTypes.ofName(f.get().fileName()), f.get().fileName()));
                }
            }
        }
        Direction dir = ctx.isUs(author) || author.equalsIgnoreCase("Me") ? Direction.OUTBOUND : Direction.INBOUND; //$NON-NLS-1$
        out.message(conv.id(), dir, at, author, t, atts, line, -1);
    }

    private static String chatName(ImportFile file) {
        String n = file.fileName();
        if (n.equalsIgnoreCase("chat.md")) { //$NON-NLS-1$
            String p = file.path();
            int i = p.lastIndexOf('/');
            if (i > 0) {
                String dir = p.substring(0, i);
                return dir.substring(dir.lastIndexOf('/') + 1);
            }
        }
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }
}

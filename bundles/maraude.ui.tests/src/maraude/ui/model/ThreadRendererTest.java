package maraude.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.TextMatcher;
import maraude.core.archive.TextRange;
import maraude.core.model.Attachment;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.ui.model.ThreadRenderer.Style;

/** The conversation view's text, without a widget: blocks, header styles, pictures, and the search's matches. */
class ThreadRendererTest {

    private static final ZonedDateTime T0 = ZonedDateTime.of(2026, 3, 2, 10, 0, 0, 0, ZoneId.of("Europe/Brussels")); //$NON-NLS-1$
    private static final ThreadRenderer RENDERER = new ThreadRenderer(
            new ThreadRenderer.Labels("reçu", "envoyé", "en attente", "système", "[image {0}]", "[fichier {0}]", "{0} {1}"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$
            t -> t.toLocalTime().toString(), m -> m.text().startsWith("PENDING")); //$NON-NLS-1$

    private static Message msg(Direction d, int minute, String author, String text, List<Attachment> attachments) {
        return Message.of("c1", d, T0.plusMinutes(minute), author, null, text, attachments, null); //$NON-NLS-1$
    }

    @Test
    void eachMessageIsAHeaderItsTextAndItsAttachments() {
        Attachment photo = new Attachment("ab".repeat(32), "image/jpeg", "IMG-1.jpg", 10); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        Attachment pdf = new Attachment("cd".repeat(32), "application/pdf", "", 10); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        List<Message> thread = List.of(msg(Direction.INBOUND, 0, "Luna", "Coucou", List.of(photo, pdf)), //$NON-NLS-1$ //$NON-NLS-2$
                msg(Direction.OUTBOUND, 1, "Équipe", "PENDING réponse", List.of()), //$NON-NLS-1$ //$NON-NLS-2$
                msg(Direction.SYSTEM, 2, "", "Messages chiffrés", List.of())); //$NON-NLS-1$ //$NON-NLS-2$
        ThreadRenderer.Rendered r = RENDERER.render(thread, thread.get(1).id(), TextMatcher.NONE);
        String first = "10:00  Luna  (reçu)\nCoucou\n[image IMG-1.jpg]\n[fichier application/pdf]\n\n"; //$NON-NLS-1$
        String second = "10:01  Équipe  (en attente)\nPENDING réponse\n\n"; //$NON-NLS-1$
        assertEquals(first + second + "10:02    (système)\nMessages chiffrés\n\n", r.text()); //$NON-NLS-1$
        assertEquals(List.of(new ThreadRenderer.Span(0, 20, Style.INBOUND_HEADER),
                new ThreadRenderer.Span(first.length(), 28, Style.PENDING_HEADER),
                new ThreadRenderer.Span(first.length() + second.length(), 19, Style.SYSTEM_HEADER)), r.headers());
        assertEquals(first.length(), r.scrollTo());
        assertEquals(List.of(new ThreadRenderer.Picture(photo, "10:00 Luna")), r.pictures()); //$NON-NLS-1$
        assertEquals(List.of(), r.matches());
    }

    @Test
    void theSearchsMatchesAreHighlightedWhereTheArchiveFoundThem() throws Exception {
        Path dir = Files.createTempDirectory("thread-renderer"); //$NON-NLS-1$
        try (Archive archive = new LuceneArchiveFactory().open(dir, AccessMode.READ_WRITE)) {
            List<Message> thread = List.of(msg(Direction.INBOUND, 0, "Luna", "Søren m'a parlé de vous", List.of()), //$NON-NLS-1$ //$NON-NLS-2$
                    msg(Direction.OUTBOUND, 1, "Équipe", "Merci pour tes Messages, SOREN est le bienvenu", List.of()), //$NON-NLS-1$ //$NON-NLS-2$
                    msg(Direction.INBOUND, 2, "Luna", "mon cœur, appelle le 0470 12 34 56", List.of())); //$NON-NLS-1$ //$NON-NLS-2$
            // the query as typed: the archive folds ø and œ, stems "message", reads the number in any form
            ThreadRenderer.Rendered r = RENDERER.render(thread, null,
                    archive.matcher("soren AND message OR coeur OR +32470123456 platform:whatsapp")); //$NON-NLS-1$
            List<String> marked = new ArrayList<>();
            for (TextRange m : r.matches()) {
                marked.add(r.text().substring(m.start(), m.end()));
            }
            assertEquals(List.of("Søren", "Messages", "SOREN", "cœur", "0470 12 34 56"), marked); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

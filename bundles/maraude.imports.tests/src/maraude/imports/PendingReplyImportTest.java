package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.PendingReplies;
import maraude.core.model.Message;

/**
 * A reply copied in the workbench is recorded as pending; when the platform's export comes in, the
 * real message takes its place instead of doubling it.
 */
class PendingReplyImportTest {

    private static final ZoneId BXL = ZoneId.of("Europe/Brussels");

    @Test
    void theExportedMessageReplacesThePendingReply(@TempDir Path tmp) throws Exception {
        ImportService service = TestImports.service();
        ImportOptions us = Fixtures.options().withUs(Set.of("Lanterne"));
        Path first = tmp.resolve("Discussion WhatsApp avec Luna.txt");
        Files.writeString(first, "20/11/2026 09:58 - Luna: Bonjour, vous envoyez des colis ?\n", StandardCharsets.UTF_8);
        try (Archive a = new LuceneArchiveFactory().open(tmp.resolve("archive"), AccessMode.READ_WRITE)) {
            service.importPaths(a, List.of(first), us, new NullProgressMonitor());
            String conversation = a.summaries().get(0).conversationId();

            // The worker copies a reply at 10:00; she pastes it in WhatsApp and sends it at 10:03.
            String reply = "Oui, gratuitement et  discrètement.";
            a.addMessage(PendingReplies.create(conversation, "camille", reply, "kit-fr",
                    ZonedDateTime.of(2026, 11, 20, 10, 0, 0, 0, BXL)));
            a.commit();
            assertEquals(1, a.pendingReplies().size());

            // A later export of the same chat holds the real message (WhatsApp folded the double space).
            Path later = tmp.resolve("later/Discussion WhatsApp avec Luna.txt");
            Files.createDirectories(later.getParent());
            Files.writeString(later, "20/11/2026 09:58 - Luna: Bonjour, vous envoyez des colis ?\n"
                    + "20/11/2026 10:03 - Lanterne: Oui, gratuitement et discrètement.\n"
                    + "20/11/2026 10:30 - Luna: Merci !\n", StandardCharsets.UTF_8);
            ImportReport r = service.importPaths(a, List.of(later), us, new NullProgressMonitor());
            assertEquals(2, r.messagesAdded(), "the real reply and the thanks");

            List<Message> thread = a.messages(conversation);
            List<Message> ours = thread.stream().filter(Message::isOutbound).toList();
            assertEquals(1, ours.size(), "one reply, not two: " + ours);
            assertFalse(PendingReplies.isPending(ours.get(0)), "the real message stayed");
            assertEquals(10, ours.get(0).instant().withZoneSameInstant(BXL).getHour());
            assertEquals(3, ours.get(0).instant().getMinute());
            assertTrue(a.pendingReplies().isEmpty());
            assertEquals(3, thread.size());
        }
    }

    @Test
    void anotherTextOrAnotherWeekLeavesThePendingReply() {
        ZonedDateTime copied = ZonedDateTime.of(2026, 11, 20, 10, 0, 0, 0, BXL);
        Message pending = PendingReplies.create("t-1", "an", "À demain au bus", null, copied);
        Message same = Message.of("t-1", maraude.core.model.Direction.OUTBOUND, copied.plusMinutes(2), "Lanterne",
                null, "à demain  au BUS", List.of(), null);
        assertTrue(PendingReplies.replacedBy(pending, same), "case, accents and spaces do not matter");
        assertFalse(PendingReplies.replacedBy(pending, Message.of("t-1", maraude.core.model.Direction.OUTBOUND,
                copied.plusDays(8), "Lanterne", null, "À demain au bus", List.of(), null)), "a week later it is another message");
        assertFalse(PendingReplies.replacedBy(pending, Message.of("t-2", maraude.core.model.Direction.OUTBOUND,
                copied.plusMinutes(2), "Lanterne", null, "À demain au bus", List.of(), null)), "another conversation");
        assertFalse(PendingReplies.replacedBy(pending, Message.of("t-1", maraude.core.model.Direction.INBOUND,
                copied.plusMinutes(2), "Luna", null, "À demain au bus", List.of(), null)), "their words, not ours");
    }
}

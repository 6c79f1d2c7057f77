package maraude.archive;

import static maraude.archive.TestData.T0;
import static maraude.archive.TestData.msg;
import static maraude.archive.TestData.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;
import maraude.core.archive.ConversationSummary;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;

class ThreadsAndSummariesTest {

    @TempDir
    Path dir;

    @Test
    void threadIsChronologicalWithTiesInSourceOrder() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.WHATSAPP, "+32470100100", "Alba");
            Message second = msg(t, Direction.INBOUND, T0.plusMinutes(1), "deux", null, 2);
            Message sameSecondA = msg(t, Direction.INBOUND, T0.plusMinutes(2), "trois", null, 3);
            Message sameSecondB = msg(t, Direction.INBOUND, T0.plusMinutes(2), "quatre", null, 4);
            Message first = msg(t, Direction.OUTBOUND, T0, "un", "w-1", 1);
            // added out of order, across two commits (two segments)
            a.addMessage(sameSecondB);
            a.addMessage(second);
            a.commit();
            a.addMessage(first);
            a.addMessage(sameSecondA);
            a.commit();
            assertEquals(List.of(first, second, sameSecondA, sameSecondB), a.messages(t.conversation().id()));
            assertEquals(List.of(), a.messages("t-nope"));
        }
    }

    @Test
    void summariesComputeWhatTheQueueNeeds() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var waiting = thread(a, Platform.WHATSAPP, "+32470200200", "Bo");
            var answered = thread(a, Platform.SMS, "+32470300300", "Cy");
            var empty = thread(a, Platform.AD_INBOX, "dee", "Dee");
            a.addMessage(msg(waiting, Direction.INBOUND, T0, "tu es là ?", null, 1));
            a.addMessage(msg(waiting, Direction.OUTBOUND, T0.plusHours(1), "oui", "w-1", 2));
            a.commit(); // split across segments on purpose
            a.addMessage(msg(waiting, Direction.INBOUND, T0.plusHours(2), "j'ai besoin de préservatifs", null, 3));
            a.addMessage(msg(waiting, Direction.INBOUND, T0.plusHours(3), "et   du\ngel", null, 4));
            a.addMessage(msg(waiting, Direction.SYSTEM, T0.plusHours(4), "Le numéro a changé", null, 5));
            a.addMessage(msg(answered, Direction.INBOUND, T0, "merci", null, 1));
            a.addMessage(msg(answered, Direction.OUTBOUND, T0.plusMinutes(5), "de rien " + "x".repeat(300), "w-2", 2));
            a.commit();

            List<ConversationSummary> list = a.summaries();
            assertEquals(3, list.size());
            assertEquals(waiting.conversation().id(), list.get(0).conversationId(), "most recent first");
            assertEquals(empty.conversation().id(), list.get(2).conversationId(), "empty last");
            Map<String, ConversationSummary> by = list.stream()
                    .collect(Collectors.toMap(ConversationSummary::conversationId, Function.identity()));

            ConversationSummary w = by.get(waiting.conversation().id());
            assertEquals(5, w.messageCount());
            assertEquals("Bo", w.contactName());
            assertEquals(Platform.WHATSAPP, w.platform());
            assertEquals(T0.toInstant(), w.firstMessage());
            assertEquals(T0.plusHours(4).toInstant(), w.lastMessage());
            assertEquals(Direction.INBOUND, w.lastMeaningfulDirection(), "system lines do not count");
            assertEquals(T0.plusHours(3).toInstant(), w.lastInbound());
            assertEquals(T0.plusHours(1).toInstant(), w.lastOutbound());
            assertEquals(T0.plusHours(2).toInstant(), w.oldestUnansweredInbound());
            assertEquals("Le numéro a changé", w.lastMessagePreview());

            ConversationSummary c = by.get(answered.conversation().id());
            assertEquals(Direction.OUTBOUND, c.lastMeaningfulDirection());
            assertNull(c.oldestUnansweredInbound());
            assertEquals(141, c.lastMessagePreview().length(), "140 characters and an ellipsis");

            ConversationSummary e = by.get(empty.conversation().id());
            assertEquals(0, e.messageCount());
            assertNull(e.lastMessage());
            assertEquals("Dee", e.title());
        }
    }
}

package maraude.archive;

import static maraude.archive.TestData.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Contact;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/**
 * Search hits read from doc values (schema version 3) say what the stored message says; hits of
 * messages written without them (version 2) are read from stored fields and say the same.
 */
class HitReaderTest {

    @TempDir
    Path dir;

    private static final String LONG = "Bonjour, c'est l'équipe de la permanence. " + "On passe jeudi avec des kits. ".repeat(8)
            + "Le dépistage est gratuit.";

    private static List<Message> messages(Conversation v) {
        ZonedDateTime brussels = ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, ZoneId.of("Europe/Brussels"));
        return List.of(
                Message.of(v.id(), Direction.INBOUND, brussels, "Nina", null, "dépistage demain ?", List.of(),
                        SourceRef.ofLine("chat.txt", 1)),
                // after the change to summer time, in a zone given as an offset, and in UTC
                Message.of(v.id(), Direction.OUTBOUND, brussels.plusHours(2).withZoneSameInstant(ZoneOffset.ofHours(2)),
                        "Équipe", "w-1", "Le  dépistage\nest   gratuit", List.of(), SourceRef.ofLine("chat.txt", 2)),
                Message.of(v.id(), Direction.OUTBOUND, brussels.plusHours(3).withZoneSameInstant(ZoneOffset.UTC), "Équipe",
                        null, LONG, List.of(), SourceRef.ofLine("chat.txt", 3)),
                Message.of(v.id(), Direction.INBOUND, brussels.plusHours(4), "Nina", null, "un dépistage…", List.of(),
                        SourceRef.ofLine("chat.txt", 4)),
                Message.of(v.id(), Direction.SYSTEM, brussels.plusHours(5), "", null, "dépistage 🙏🏽 مرحبا", List.of(),
                        null));
    }

    private static SearchQuery depistage() {
        return new SearchQuery("dépistage", null, null, null, null, null, null, SearchQuery.Sort.OLDEST, 0, 20);
    }

    @Test
    void hitsFromDocValuesSayWhatTheStoredMessagesSay() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.WHATSAPP, "+32470123456", "Nina");
            List<Message> ms = messages(t.conversation());
            ms.forEach(a::addMessage);
            a.commit();
            List<SearchHit> hits = a.search(depistage()).hits();
            assertEquals(ms.size(), hits.size());
            Map<String, Message> byId = a.messages(t.conversation().id()).stream()
                    .collect(Collectors.toMap(Message::id, Function.identity()));
            for (SearchHit h : hits) {
                Message m = byId.get(h.messageId());
                assertEquals(m.conversationId(), h.conversationId());
                assertEquals(m.direction(), h.direction());
                assertEquals(m.instant(), h.instant(), "instant and zone of " + m.text());
                assertEquals(Platform.WHATSAPP, h.platform());
                assertEquals("Nina", h.contactName());
                assertTrue(h.snippet().contains("[[dépistage]]") || h.snippet().contains("[[Dépistage]]"), h.snippet());
            }
            // whitespace is collapsed in a snippet; a long text gives a passage, not the whole text
            assertTrue(snippetOf(hits, "Le [[dépistage]] est gratuit"));
            SearchHit longHit = hits.get(2);
            assertTrue(longHit.snippet().length() < LONG.length(), longHit.snippet());
            assertTrue(hits.get(3).snippet().endsWith("…"), "a text that ends with an ellipsis keeps it");
            assertTrue(hits.get(4).snippet().contains("🙏🏽 مرحبا"), hits.get(4).snippet());
        }
    }

    private static boolean snippetOf(List<SearchHit> hits, String snippet) {
        return hits.stream().anyMatch(h -> h.snippet().equals(snippet));
    }

    /** Documents as schema version 2 wrote them (no hit doc values): same hits, read from stored fields. */
    @Test
    void messagesWithoutHitDocValuesAreReadFromStoredFields() throws IOException {
        Path v2 = dir.resolve("v2");
        Path v3 = dir.resolve("v3");
        Contact c = Contact.of(Platform.SMS, "+32470654321", "Lola");
        Conversation v = Conversation.of(Platform.SMS, "+32470654321", c, "Lola");
        try (LuceneArchive a = LuceneArchive.open(v3, AccessMode.READ_WRITE)) {
            a.putContact(c);
            a.putConversation(v);
            messages(v).forEach(a::addMessage);
            a.commit();
        }
        try (LuceneArchive a = LuceneArchive.open(v2, AccessMode.READ_WRITE)) {
            a.commit(); // the archive's first commit, as any archive has
        }
        try (FSDirectory d = FSDirectory.open(v2.resolve("index"));
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(ArchiveSchema.analyzer()))) {
            w.addDocument(ArchiveSchema.contactDocument(c));
            w.addDocument(ArchiveSchema.conversationDocument(v));
            for (Message m : messages(v)) {
                Document doc = ArchiveSchema.messageDocument(m, v, c);
                doc.removeFields(ArchiveSchema.HIT);
                w.addDocument(doc);
            }
            w.commit();
        }
        List<String> fromDocValues = describe(v3);
        List<String> fromStored = describe(v2);
        assertEquals(5, fromStored.size());
        assertEquals(fromStored.stream().map(HitReaderTest::withoutSnippet).toList(),
                fromDocValues.stream().map(HitReaderTest::withoutSnippet).toList());
        // the stored text keeps its spaces and line break, the preview collapses them
        assertTrue(fromStored.get(1).endsWith("Le  [[dépistage]]\nest   gratuit"), fromStored.get(1));
        assertTrue(fromDocValues.get(1).endsWith("Le [[dépistage]] est gratuit"), fromDocValues.get(1));
        assertFalse(fromStored.get(0).isEmpty());
    }

    private static List<String> describe(Path archive) {
        List<String> out = new ArrayList<>();
        try (LuceneArchive a = LuceneArchive.open(archive, AccessMode.READ_ONLY)) {
            for (SearchHit h : a.search(depistage()).hits()) {
                out.add(h.messageId() + '|' + h.conversationId() + '|' + h.direction() + '|' + h.instant() + '|'
                        + h.platform() + '|' + h.contactName() + '|' + h.snippet());
            }
        }
        return out;
    }

    private static String withoutSnippet(String described) {
        return described.substring(0, described.lastIndexOf('|'));
    }
}

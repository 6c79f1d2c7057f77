package maraude.archive;

import static maraude.archive.TestData.T0;
import static maraude.archive.TestData.msg;
import static maraude.archive.TestData.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.AccessMode;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchQuery.Sort;
import maraude.core.archive.SearchResults;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;

/**
 * 60 messages "dépistage n" over 3 platforms and 3 months, alternating directions and two workers.
 */
class FiltersAndFacetsTest {

    @TempDir
    static Path dir;
    static LuceneArchive archive;
    static TestData.Thread wa, sms, ad;
    static final List<Message> all = new ArrayList<>();

    @BeforeAll
    static void fill() {
        archive = LuceneArchive.open(dir, AccessMode.READ_WRITE);
        wa = thread(archive, Platform.WHATSAPP, "+32471000001", "Amira");
        sms = thread(archive, Platform.SMS, "+32471000002", "Bea");
        ad = thread(archive, Platform.AD_INBOX, "lola75", "Lola");
        TestData.Thread[] threads = { wa, sms, ad };
        for (int i = 0; i < 60; i++) {
            TestData.Thread t = threads[i % 3];
            Direction d = i % 2 == 0 ? Direction.INBOUND : Direction.OUTBOUND;
            Message m = msg(t, d, T0.plusDays(i * 1L + (i / 20) * 10L), "Question " + i + " sur le dépistage et le test",
                    d == Direction.OUTBOUND ? (i % 4 == 1 ? "w-anna" : "w-bruno") : null, i + 1);
            assertTrue(archive.addMessage(m));
            all.add(m);
        }
        archive.commit();
    }

    @AfterAll
    static void close() {
        archive.close();
    }

    static SearchQuery q(String text, Set<Platform> p, String contact, Direction d, String worker, Instant from,
            Instant to, Sort sort, int offset, int limit) {
        return new SearchQuery(text, p, contact, d, worker, from, to, sort, offset, limit);
    }

    @Test
    void equalScoresRankTheNewestFirst() {
        // The 60 texts have the same length and the word once: 60 equal scores. They were added oldest first.
        SearchResults r = archive.search(q("dépistage", null, null, null, null, null, null, Sort.RELEVANCE, 0, 10));
        assertEquals(60, r.totalHits());
        List<Message> newest = all.stream().sorted((a, b) -> b.instant().compareTo(a.instant())).limit(10).toList();
        assertEquals(newest.stream().map(Message::id).toList(), r.hits().stream().map(SearchHit::messageId).toList());
        float score = r.hits().get(0).score();
        assertTrue(score > 0, "relevance is reported: " + score);
        r.hits().forEach(h -> assertEquals(score, h.score(), "equal scores"));
        // the next page goes on where the first stopped
        SearchResults next = archive.search(q("dépistage", null, null, null, null, null, null, Sort.RELEVANCE, 10, 10));
        assertEquals(all.stream().sorted((a, b) -> b.instant().compareTo(a.instant())).skip(10).limit(10).map(Message::id)
                .toList(), next.hits().stream().map(SearchHit::messageId).toList());
    }

    @Test
    void platformFilterAndFacetsCountAllHits() {
        SearchResults r = archive.search(q("dépistage", Set.of(Platform.WHATSAPP, Platform.SMS), null, null, null,
                null, null, Sort.RELEVANCE, 0, 5));
        assertEquals(40, r.totalHits());
        assertEquals(5, r.hits().size());
        assertEquals(Map.of("whatsapp", 20L, "sms", 20L), r.byPlatform());
        assertEquals(40L, r.byMonth().values().stream().mapToLong(Long::longValue).sum());
        r.hits().forEach(h -> assertTrue(h.platform() == Platform.WHATSAPP || h.platform() == Platform.SMS));
    }

    @Test
    void monthFacetsUseTheMessagesLocalMonth() {
        SearchResults r = archive.search(SearchQuery.of("test"));
        assertEquals(60, r.totalHits());
        Map<String, Long> expected = new java.util.TreeMap<>();
        for (Message m : all) {
            expected.merge(String.format("%04d-%02d", m.instant().getYear(), m.instant().getMonthValue()), 1L, Long::sum);
        }
        assertEquals(expected, new java.util.TreeMap<>(r.byMonth()));
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(r.byMonth().keySet()), "months in order");
    }

    @Test
    void contactDirectionAndWorkerFilters() {
        SearchResults byContact = archive.search(q("", null, ad.contact().id(), null, null, null, null, Sort.OLDEST, 0, 100));
        assertEquals(20, byContact.totalHits());
        byContact.hits().forEach(h -> assertEquals(ad.contact().id(), h.contactId()));
        assertEquals("Lola", byContact.hits().get(0).contactName());

        SearchResults inbound = archive.search(q("dépistage", null, null, Direction.INBOUND, null, null, null, Sort.NEWEST, 0, 100));
        assertEquals(30, inbound.totalHits());
        inbound.hits().forEach(h -> assertEquals(Direction.INBOUND, h.direction()));

        long anna = all.stream().filter(m -> "w-anna".equals(m.workerId())).count();
        assertEquals(anna, archive.search(q("", null, null, null, "w-anna", null, null, Sort.NEWEST, 0, 100)).totalHits());
    }

    @Test
    void dateRangeIsInclusiveAndUsesInstants() {
        Instant from = all.get(10).instant().toInstant();
        Instant to = all.get(19).instant().toInstant();
        SearchResults r = archive.search(q("", null, null, null, null, from, to, Sort.OLDEST, 0, 100));
        assertEquals(10, r.totalHits());
        assertEquals(all.get(10).id(), r.hits().get(0).messageId());
        assertEquals(all.get(19).id(), r.hits().get(9).messageId());
        assertEquals(50, archive.search(q("", null, null, null, null, from, null, Sort.OLDEST, 0, 100)).totalHits());
    }

    @Test
    void sortsAndPages() {
        List<SearchHit> newest = archive.search(q("test", null, null, null, null, null, null, Sort.NEWEST, 0, 60)).hits();
        for (int i = 1; i < newest.size(); i++) {
            assertTrue(!newest.get(i).instant().isAfter(newest.get(i - 1).instant()));
        }
        assertEquals(all.get(59).id(), newest.get(0).messageId());
        List<SearchHit> page2 = archive.search(q("test", null, null, null, null, null, null, Sort.OLDEST, 10, 10)).hits();
        assertEquals(10, page2.size());
        assertEquals(all.get(10).id(), page2.get(0).messageId());
        assertEquals(all.get(10).instant(), page2.get(0).instant());
        SearchResults beyond = archive.search(q("test", null, null, null, null, null, null, Sort.OLDEST, 100, 10));
        assertEquals(0, beyond.hits().size());
        assertEquals(60, beyond.totalHits());
    }

    @Test
    void snippetsWrapMatchedWords() {
        SearchHit h = archive.search(q("depistage", null, null, null, null, null, null, Sort.OLDEST, 0, 1)).hits().get(0);
        assertEquals("Question 0 sur le [[dépistage]] et le test", h.snippet());
        SearchHit noWord = archive.search(q("", null, null, null, null, null, null, Sort.OLDEST, 0, 1)).hits().get(0);
        assertEquals("Question 0 sur le dépistage et le test", noWord.snippet());
    }

    @Test
    void fieldSyntaxInTheQueryText() {
        assertEquals(20, archive.search(SearchQuery.of("platform:sms")).totalHits());
        assertEquals(10, archive.search(SearchQuery.of("platform:sms direction:inbound")).totalHits());
        assertEquals(40, archive.search(SearchQuery.of("test NOT platform:sms")).totalHits());
    }
}

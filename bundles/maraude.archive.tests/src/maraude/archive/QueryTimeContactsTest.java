package maraude.archive;

import static maraude.archive.TestData.T0;
import static maraude.archive.TestData.msg;
import static maraude.archive.TestData.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.lucene.queryparser.classic.ParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import maraude.core.archive.AccessMode;
import maraude.core.archive.SearchHit;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Contact;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;

/**
 * Contact names, handles and handle numbers are matched at query time (not indexed into every message):
 * prefixes, phrases, fuzzy and renamed contacts; plus the shortcuts the search path takes.
 */
class QueryTimeContactsTest {

    @TempDir
    Path dir;

    private static Set<String> ids(LuceneArchive a, String q) {
        return a.search(SearchQuery.of(q)).hits().stream().map(SearchHit::messageId).collect(Collectors.toSet());
    }

    @Test
    void namesHandlesAndNumbersOfContactsFindTheirThreads() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var rosa = thread(a, Platform.WHATSAPP, "+32 471 11 22 33", "Rosa Maria");
            var kim = thread(a, Platform.AD_INBOX, "kim_sweet", "Kim");
            // outbound only: the author ("Équipe") never names the contact, only the conversation does
            Message toRosa = msg(rosa, Direction.OUTBOUND, T0, "rendez-vous jeudi");
            Message toKim = msg(kim, Direction.OUTBOUND, T0.plusMinutes(1), "on passe demain");
            a.addMessage(toRosa);
            a.addMessage(toKim);
            a.commit();
            assertEquals(Set.of(toRosa.id()), ids(a, "rosa"));
            assertEquals(Set.of(toRosa.id()), ids(a, "ros*"));
            assertEquals(Set.of(toRosa.id()), ids(a, "\"rosa maria\""));
            assertEquals(Set.of(), ids(a, "\"maria rosa\""));
            assertEquals(Set.of(toRosa.id()), ids(a, "rsoa~1"));
            assertEquals(Set.of(toRosa.id()), ids(a, "0471 11 22 33"));
            assertEquals(Set.of(toRosa.id()), ids(a, "phone:\"+32471112233\""));
            assertEquals(Set.of(toKim.id()), ids(a, "kim_sweet"));
            assertEquals(Set.of(toRosa.id()), ids(a, "rosa jeudi"));
            assertEquals(Set.of(), ids(a, "rosa demain"));
            assertEquals(Set.of(toKim.id()), ids(a, "demain NOT rosa"));

            // renaming the contact: searches follow the current name
            a.putContact(new Contact(rosa.contact().id(), Platform.WHATSAPP, rosa.contact().handle(), "Dolores"));
            a.commit();
            assertEquals(Set.of(toRosa.id()), ids(a, "dolores"));
            assertEquals(Set.of(), ids(a, "rosa"));
        }
    }

    @Test
    void typeFilterIsSkippedOnlyForQueriesThatRequireAMessageField() throws ParseException {
        ArchiveQueryParser p = new ArchiveQueryParser(ArchiveSchema.analyzer());
        assertTrue(ArchiveSchema.matchesMessagesOnly(p.parse("préservatifs")));
        assertTrue(ArchiveSchema.matchesMessagesOnly(p.parse("\"test de dépistage\" OR gel*")));
        assertTrue(ArchiveSchema.matchesMessagesOnly(p.parse("0470 12 34 56")));
        assertTrue(ArchiveSchema.matchesMessagesOnly(p.parse("gel platform:sms")));
        assertFalse(ArchiveSchema.matchesMessagesOnly(p.parse("platform:sms")));
        assertFalse(ArchiveSchema.matchesMessagesOnly(p.parse("gel OR platform:sms")));
        assertFalse(ArchiveSchema.matchesMessagesOnly(p.parse("NOT gel")));
        assertFalse(ArchiveSchema.matchesMessagesOnly(p.parse("")));
        assertFalse(ArchiveSchema.matchesMessagesOnly(p.parse("contact:c-1")));
        assertFalse(ArchiveSchema.matchesMessagesOnly(p.parse("id:m-1")));
    }

    @Test
    void contactsAndConversationsNeverComeBackAsHits() {
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            var t = thread(a, Platform.SMS, "+32471000009", "Nour");
            a.addMessage(msg(t, Direction.INBOUND, T0, "bonjour"));
            a.commit();
            assertEquals(1, a.search(SearchQuery.of("")).totalHits());
            assertEquals(1, a.search(SearchQuery.of("platform:sms")).totalHits());
            assertEquals(0, a.search(SearchQuery.of("NOT bonjour")).totalHits());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "2026-03-02T10:00+01:00[Europe/Brussels]", "2026-03-29T03:30:15+02:00[Europe/Brussels]",
            "2026-10-25T02:30+01:00[Europe/Brussels]", "2026-10-25T02:30+02:00[Europe/Brussels]",
            "2024-02-29T23:59:59.999+01:00[Europe/Paris]", "2024-02-29T23:59:59.123456789Z",
            "2024-01-01T00:00:00.000001-03:30", "2024-07-01T12:00Z[UTC]", "+12024-07-01T12:00Z",
            "2024-07-01T12:00+05:45:30", "2024-07-01T12:00:01+14:00[Pacific/Kiritimati]" })
    void storedInstantsParseAsTheGeneralParserDoes(String when) {
        assertEquals(ZonedDateTime.parse(when), WhenCodec.parse(when));
    }

    @Test
    void everyZoneRoundTripsAndFormatsAsToString() {
        int[] nanos = { 0, 7_000_000, 120_000, 5, 999_999_999 };
        int[] seconds = { 0, 5 };
        for (String z : ZoneId.getAvailableZoneIds()) {
            for (int n : nanos) {
                for (int s : seconds) {
                    ZonedDateTime t = ZonedDateTime.of(2025, 10, 26, 2, 30, s, n, ZoneOffset.UTC).withZoneSameInstant(ZoneId.of(z));
                    assertEquals(t.toString(), WhenCodec.format(t), z);
                    assertEquals(t, WhenCodec.parse(t.toString()), z);
                }
            }
        }
        ZonedDateTime far = ZonedDateTime.of(12_024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(2));
        assertEquals(far.toString(), WhenCodec.format(far));
        ZonedDateTime early = ZonedDateTime.of(999, 1, 1, 0, 0, 0, 0, ZoneId.of("Europe/Brussels"));
        assertEquals(early.toString(), WhenCodec.format(early));
        ZonedDateTime offsetOnly = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-3));
        assertEquals(offsetOnly.toString(), WhenCodec.format(offsetOnly));
    }
}

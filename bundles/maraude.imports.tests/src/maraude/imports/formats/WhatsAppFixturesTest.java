package maraude.imports.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.imports.Fixtures;
import maraude.imports.Fixtures.Result;
import maraude.imports.ImportOptions;

/** Every WhatsApp fixture, counted by hand from the files (continuation lines joined). */
class WhatsAppFixturesTest {

    private static final ZoneId BXL = ZoneId.of("Europe/Brussels");

    private static ZonedDateTime at(int y, int mo, int d, int h, int mi, int s) {
        return ZonedDateTime.of(y, mo, d, h, mi, s, 0, BXL);
    }

    @ParameterizedTest(name = "{0}: {1} messages, {2} system")
    @CsvSource({
            "chatminer_android_ddmmyy_24h.txt, 9, 2",
            "chatminer_android_mmddyyyy_12h_es_am_pm.txt, 9, 2",
            "chatminer_android_yyyymmdd_24h.txt, 9, 2",
            "chatminer_ios_bracket_mmddyy_24h.txt, 9, 2",
            "chatminer_testlog_mixed_formats.txt, 23, 3",
            "mtln_android_ar_arabic_digits_rlm.txt, 2, 0",
            "mtln_android_de_ddmmyy_multiline.txt, 3, 1",
            "mtln_android_en_us_12h.txt, 2, 0",
            "mtln_ios_de_lrm_anhang_attachment.txt, 2, 0",
            "pustur_parser_test_header_variants.txt, 16, 0",
            "pustur_short_chat_android_en_2017.txt, 5, 2" })
    void everyFixtureImportsWithExactCounts(String file, int messages, int system) throws Exception {
        Result r = Fixtures.read("whatsapp/" + file);
        assertEquals("whatsapp", r.importer().id());
        assertEquals(messages, r.messages().size());
        assertEquals(system, r.count(Direction.SYSTEM));
        r.assertNoProblems();
        assertEquals(1, r.sink().conversations.size());
        assertEquals(messages, r.messages().stream().map(Message::id).distinct().count(), "ids unique");
    }

    /** The same chat in four layouts gives the same instants, authors and texts. */
    @ParameterizedTest
    @CsvSource({ "chatminer_android_ddmmyy_24h.txt", "chatminer_android_mmddyyyy_12h_es_am_pm.txt",
            "chatminer_android_yyyymmdd_24h.txt", "chatminer_ios_bracket_mmddyy_24h.txt" })
    void chatMinerLayoutsAgree(String file) throws Exception {
        Result r = Fixtures.read("whatsapp/" + file);
        Message first = r.message(0);
        assertEquals(at(2019, 1, 1, 11, 25, 0), first.instant());
        assertEquals("John Doe", first.author());
        assertEquals("Lorem ipsum dolor sit amet.", first.text());
        assertEquals(Direction.INBOUND, first.direction());
        assertEquals(".", r.message(1).text(), "'John Doe:.' has the body '.'");
        Message multi = r.message(2);
        assertEquals(at(2019, 1, 30, 20, 49, 0), multi.instant());
        assertEquals("Lorem ipsum dolor sit amet,\nconsectetur adipiscing elit. Duis libero.", multi.text());
        assertEquals("Lorem ipsum : dolor sit amet.", r.message(3).text());
        assertEquals("John-John Doe", r.message(3).author());
        Message created = r.message(4);
        assertEquals(Direction.SYSTEM, created.direction());
        assertEquals("", created.author());
        assertEquals("+12 345 578 created group \"Groupname\"", created.text());
        assertEquals(at(2020, 6, 20, 0, 8, 0), created.instant(), "00:08 a. m. stays after midnight");
        assertEquals("John Doe \uD83E\uDD13", r.message(6).author());
        assertEquals("\uD83E\uDD13", r.message(7).author(), "emoji-only author");
        assertEquals(at(2021, 12, 30, 22, 1, 0), r.message(8).instant());
        assertEquals(10, r.message(8).source().line(), "source line kept");
    }

    @Test
    void mixedTestlogInfersMonthFirstAndKeepsRepeatedLines() throws Exception {
        Result r = Fixtures.read("whatsapp/chatminer_testlog_mixed_formats.txt");
        assertEquals(at(2019, 12, 24, 11, 23, 0), r.message(0).instant());
        assertEquals(6, r.message(3).text().split("\n").length, "six-line message");
        Message e2e = r.message(4);
        assertEquals(Direction.SYSTEM, e2e.direction());
        assertTrue(e2e.text().startsWith("Messages and calls are end-to-end encrypted."));
        assertEquals(at(2019, 9, 24, 23, 30, 0), r.message(8).instant(), "p.m.");
        assertEquals(at(2019, 9, 24, 11, 30, 0), r.message(9).instant(), "a.m.");
        assertEquals(at(2019, 12, 24, 23, 30, 0), r.message(10).instant(), "p. m.");
        assertEquals(at(2022, 9, 10, 22, 37, 0), r.message(11).instant(), "09/10/22 month-first in this file");
        assertEquals("Testing brackets", r.message(12).text());
        assertEquals(at(2021, 10, 24, 15, 21, 43), r.message(14).instant());
        // lines 21 and 22 say the same thing at the same second: both kept, with different stable ids
        assertEquals(r.message(14).text(), r.message(15).text());
        assertTrue(!r.message(14).id().equals(r.message(15).id()));
        assertEquals("Testing dash - in message body", r.message(16).text());
        assertEquals("Testing abnormal\u00A0unicode", r.message(17).text(), "NBSP in the body is kept");
        assertEquals(at(2022, 12, 24, 13, 1, 0), r.message(20).instant(), "'13:01.' with a trailing dot");
    }

    @Test
    void arabicDigitsRlmAndArabicPm() throws Exception {
        Result r = Fixtures.read("whatsapp/mtln_android_ar_arabic_digits_rlm.txt");
        assertEquals(at(2022, 4, 24, 14, 7, 0), r.message(0).instant());
        assertEquals("\u0639\u0645\u0627\u0631 \u0644\u0628\u0646\u0627\u0646", r.message(0).author());
        assertEquals("\u0627\u0644\u0633\u0644\u0627\u0645", r.message(0).text());
        assertEquals(at(2022, 4, 24, 14, 8, 0), r.message(1).instant());
    }

    @Test
    void germanAndroidNoticeAndContinuation() throws Exception {
        Result r = Fixtures.read("whatsapp/mtln_android_de_ddmmyy_multiline.txt");
        assertEquals(Direction.SYSTEM, r.message(0).direction());
        assertEquals(at(2024, 3, 13, 10, 17, 0), r.message(2).instant());
        assertEquals("Hoi\nzweite Zeile", r.message(2).text());
    }

    @Test
    void usTwelveHourClockIsMonthFirst() throws Exception {
        Result r = Fixtures.read("whatsapp/mtln_android_en_us_12h.txt");
        assertEquals(at(2024, 3, 13, 22, 15, 0), r.message(0).instant());
        assertEquals(at(2024, 3, 14, 8, 5, 0), r.message(1).instant());
        assertEquals("Bob", r.message(1).author());
    }

    @Test
    void iosLrmBeforeBracketAndAttachmentMarker() throws Exception {
        Result r = Fixtures.read("whatsapp/mtln_ios_de_lrm_anhang_attachment.txt");
        assertEquals(at(2024, 3, 13, 10, 15, 1), r.message(0).instant());
        assertEquals("Tom", r.message(0).author());
        assertEquals("<Anhang: 00000001-PHOTO-2024-03-13-10-16-02.jpg>", r.message(1).text());
        assertEquals(List.of(), r.message(1).attachments(), "a lone .txt has no media beside it");
    }

    @Test
    void pusturHeaderVariantsAllParse() throws Exception {
        Result r = Fixtures.read("whatsapp/pustur_parser_test_header_variants.txt");
        // day-first wins in this file (3 decisive lines against 2): 3/6/18 is 3 June
        assertEquals(at(2018, 6, 3, 13, 55, 0), r.message(0).instant(), "p.m.");
        assertEquals(at(2018, 6, 3, 13, 55, 0), r.message(1).instant(), "01.55 PM with dashes");
        assertEquals(at(2018, 6, 13, 21, 25, 15), r.message(2).instant(), "dot time, colon separator");
        assertEquals(at(2018, 6, 13, 21, 25, 15), r.message(3).instant(), "06.13 falls back to month-first");
        assertEquals(at(2018, 6, 13, 21, 25, 15), r.message(4).instant(), "Finnish klo");
        assertEquals(at(2018, 6, 13, 21, 25, 15), r.message(5).instant(), "13. 6. 2018. without separator");
        assertEquals(at(2018, 6, 3, 13, 55, 0), r.message(7).instant(), "LRM before [");
        assertEquals(at(2018, 6, 13, 21, 25, 15), r.message(8).instant(), "year first in brackets");
        assertEquals(at(2018, 6, 13, 21, 25, 15), r.message(9).instant(), "year in the middle");
        assertEquals(at(2018, 6, 3, 13, 55, 0), r.message(10).instant(), "p.NBSP m.");
        assertEquals(at(2018, 6, 3, 13, 55, 0), r.message(11).instant(), "NNBSP PM");
        for (int i = 0; i < 12; i++) {
            assertEquals("a", r.message(i).author());
            assertEquals("m", r.message(i).text());
        }
        assertEquals("4f2680f1db95a8454775cc2eefc95bfc.jpg (Datei angeh\u00e4ngt)\nDir auch frohe Ostern.",
                r.message(15).text(), "caption on the next line");
    }

    @Test
    void shortChat2017SystemLinesAndEmptyLineInsideMessage() throws Exception {
        Result r = Fixtures.read("whatsapp/pustur_short_chat_android_en_2017.txt");
        assertEquals(Direction.SYSTEM, r.message(0).direction());
        assertEquals("You created group \"ShortChat\"", r.message(1).text());
        assertEquals("+410123456789", r.message(4).author());
        assertEquals("How are you?\n\nIs everything alright?", r.message(4).text());
        assertEquals(at(2017, 4, 9, 1, 50, 0), r.message(4).instant());
    }

    @Test
    void usMakesMessagesOutbound() throws Exception {
        Result r = Fixtures.read("whatsapp/mtln_android_en_us_12h.txt",
                Fixtures.options().withUs(Set.of("alice")));
        assertEquals(Direction.OUTBOUND, r.message(0).direction(), "names match case-insensitively");
        assertEquals(Direction.INBOUND, r.message(1).direction());
        Result phone = Fixtures.read("whatsapp/pustur_short_chat_android_en_2017.txt",
                Fixtures.options().withUs(Set.of("+41 012 345 67 89")));
        assertEquals(Direction.OUTBOUND, phone.message(4).direction(), "numbers match whatever their spacing");
    }

    @Test
    void dateOrderCanBeForced() throws Exception {
        Result r = Fixtures.read("whatsapp/pustur_short_chat_android_en_2017.txt",
                Fixtures.options().withDateOrder(ImportOptions.DateOrder.MONTH_FIRST));
        assertEquals(at(2017, 6, 3, 0, 45, 0), r.message(0).instant());
    }
}

package maraude.imports.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.imports.Fixtures;
import maraude.imports.Fixtures.Result;

/** SMS/MMS, mail, Telegram, Messenger, Instagram and Signal fixtures, counted by hand. */
class OtherFormatsFixturesTest {

    private static final ZoneId BXL = ZoneId.of("Europe/Brussels");

    private static ZonedDateTime epochMs(long ms) {
        return ZonedDateTime.ofInstant(Instant.ofEpochMilli(ms), BXL);
    }

    @Test
    void smsSmall() throws Exception {
        Result r = Fixtures.read("sms/sbr_sms_small.xml");
        assertEquals("sms-backup", r.importer().id());
        r.assertNoProblems();
        assertEquals(12, r.messages().size());
        assertEquals(3, r.sink().conversations.size());
        assertEquals(8, r.count(Direction.INBOUND));
        assertEquals(4, r.count(Direction.OUTBOUND));
        Message first = r.message(0);
        assertEquals(epochMs(1512226167463L), first.instant());
        assertEquals("Contact A", first.author());
        assertEquals("Body text 1", first.text());
        assertEquals(Platform.SMS, r.sink().conversations.get(0).platform());
        assertEquals("Body text 10\nBody text 11\nBody text 12", r.message(9).text(), "&#10; entities");
        assertEquals(Direction.OUTBOUND, r.message(9).direction());
        assertEquals("", r.message(9).author());
    }

    @Test
    void smsAndMmsAnonymizedIsTruncatedAndKeepsWhatCameBefore() throws Exception {
        Result r = Fixtures.read("sms/sbr_sms_and_mms_anonymized.xml");
        // 41 <sms> and 9 <mms>, the last <mms> cut off by the end of the file
        assertEquals(49, r.messages().size());
        assertEquals(1, r.problems().size());
        assertEquals("truncated", r.problems().get(0).code());
        assertEquals(136, r.problems().get(0).line());
        assertEquals(7, r.sink().conversations.size());
        Message mms = r.message(41);
        assertEquals("Body text 45", mms.text());
        assertEquals(epochMs(1720997593000L), mms.instant());
        assertEquals("Contact D", mms.author());
        assertEquals(Direction.INBOUND, mms.direction());
        Message sent = r.message(42);
        assertEquals("Body text 46", sent.text(), "SMIL part skipped");
        assertEquals(Direction.OUTBOUND, sent.direction());
        Message group = r.message(43);
        assertEquals("+15550000009", group.author(), "group sender from addr type 137");
        assertTrue(r.sink().conversations.stream().anyMatch(c -> c.title().equals(
                "+15550000009, +15550000006, +15550000010, +15550000007")), "group titled by its members");
        Message image = r.message(47);
        assertEquals("Body text 54", image.text());
        assertEquals(1, image.attachments().size());
        assertEquals("image/png", image.attachments().get(0).mediaType());
    }

    @Test
    void mmsBase64Parts() throws Exception {
        Result r = Fixtures.read("sms/sbr_sample_mms_base64_parts.xml");
        r.assertNoProblems();
        assertEquals(4, r.messages().size());
        List<String> types = r.messages().stream().map(m -> m.attachments().get(0).mediaType()).toList();
        assertEquals(List.of("image/png", "video/mp4", "audio/mp3", "application/pdf"), types);
        assertEquals("Here is an image attachment", r.message(0).text());
        byte[] png = r.sink().attachmentBytes.get(r.message(0).attachments().get(0).sha256());
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
        assertEquals("image.png", r.message(0).attachments().get(0).fileName());
    }

    @Test
    void emlMultipartQpBase64Latin1() throws Exception {
        Result r = Fixtures.read("eml/cpython_msg_10_multipart_qp_base64_latin1.eml");
        assertEquals("mail", r.importer().id());
        r.assertNoProblems();
        assertEquals(1, r.messages().size());
        Message m = r.message(0);
        assertEquals("Barry Warsaw", m.author());
        assertEquals(ZonedDateTime.of(2001, 4, 20, 19, 35, 2, 0, ZoneId.of("-04:00")).toInstant(), m.instant().toInstant());
        assertEquals(BXL, m.instant().getZone());
        assertEquals("Lyrics\n\nThis is a 7bit encoded message.\n\n\u00a1This is a Quoted Printable encoded message!"
                + "\n\nThis is a Base64 encoded message.\n\nThis is a Base64 encoded message."
                + "\n\nThis has no Content-Transfer-Encoding: header.", m.text());
        assertEquals("Lyrics", r.sink().conversations.get(0).title());
        assertEquals("barry@python.org", r.sink().contacts.get(0).handle());
        Result us = Fixtures.read("eml/cpython_msg_10_multipart_qp_base64_latin1.eml",
                Fixtures.options().withUs(Set.of("Barry@Python.org")));
        assertEquals(Direction.OUTBOUND, us.message(0).direction());
        assertEquals("cravindogs@cravindogs.com", us.sink().contacts.get(0).handle(), "contact is the recipient");
    }

    @Test
    void emlRaw8bitHeaderAndAppleDate() throws Exception {
        Result r = Fixtures.read("eml/tika_rfc822_date_utf8_raw8bit_header.eml");
        r.assertNoProblems();
        Message m = r.message(0);
        assertEquals("Philipp Steinkr\u00fcger", m.author());
        assertEquals(ZonedDateTime.of(2016, 5, 16, 9, 30, 32, 0, ZoneId.of("+01:00")).toInstant(), m.instant().toInstant());
        assertEquals("Testemail\n\nGMT+1", m.text());
    }

    @Test
    void mboxSimpleAndMultiline() throws Exception {
        Result r = Fixtures.read("mbox/tika_simple.mbox");
        r.assertNoProblems();
        assertEquals(2, r.messages().size());
        assertEquals("Test content 1", r.message(0).text());
        assertEquals("Test content 2", r.message(1).text());
        assertEquals(ZonedDateTime.of(2009, 6, 1, 10, 0, 0, 0, BXL), r.message(0).instant(), "From_ line date");
        assertEquals(ZonedDateTime.of(2010, 6, 1, 11, 0, 0, 0, BXL), r.message(1).instant());
        assertEquals(5, r.message(1).source().line());
        assertEquals("envelope-sender-mailbox-name", r.message(0).author());
        assertEquals(1, r.sink().conversations.size());
        Result m2 = Fixtures.read("mbox/tika_multiline2.mbox");
        m2.assertNoProblems();
        assertEquals(1, m2.messages().size());
        assertEquals("Test content\n    outside of header\nContent-type: something\n or other", m2.message(0).text(),
                "header-looking lines after the blank line are body");
    }

    @Test
    void telegramSingleAndBatch() throws Exception {
        for (String f : List.of("telegram/chatminer_single_export.json", "telegram/chatminer_batch_export.json")) {
            Result r = Fixtures.read(f);
            assertEquals("telegram", r.importer().id());
            r.assertNoProblems();
            assertEquals(2, r.messages().size());
            assertEquals(ZonedDateTime.ofInstant(Instant.ofEpochSecond(1544006350), BXL), r.message(0).instant());
            assertEquals("Author 1", r.message(0).author());
            assertEquals("Minimal Message", r.message(0).text());
            assertEquals("Link:https://telegram.org/", r.message(1).text(), "entity array concatenated");
        }
        assertEquals("Chatname", Fixtures.read("telegram/chatminer_batch_export.json").sink().conversations.get(0).title());
    }

    @Test
    void messengerJsonRepairsMojibake() throws Exception {
        Result r = Fixtures.read("facebook/msgvault_json_simple_mojibake_message_1.json",
                Fixtures.options().withUs(Set.of("Test User")));
        assertEquals("facebook-json", r.importer().id());
        r.assertNoProblems();
        assertEquals(3, r.messages().size());
        assertEquals("caf\u00e9 time?", r.message(1).text());
        assertEquals(epochMs(1600000060000L), r.message(1).instant());
        assertEquals(Direction.INBOUND, r.message(1).direction());
        assertEquals(Direction.OUTBOUND, r.message(0).direction());
        assertEquals("Alice Example", r.sink().conversations.get(0).title());
        assertEquals("Alice Example", r.sink().contacts.get(0).displayName());
    }

    @Test
    void messengerNonTextGroupAndE2ee() throws Exception {
        Result r = Fixtures.read("facebook/msgvault_json_nontext_photos_calls_share_message_1.json");
        assertEquals(6, r.messages().size());
        assertEquals(2, r.problems().size(), "sticker and photo files are not in the fixture folder");
        assertTrue(r.problems().stream().allMatch(p -> p.code().equals("missing-attachment") && p.line() > 0));
        assertEquals("[call 192 s]", r.message(2).text());
        assertEquals("[missed call]", r.message(3).text());
        assertEquals("Example share text\nhttps://example.com/article", r.message(4).text());
        assertEquals(Direction.SYSTEM, r.message(5).direction(), "Unsubscribe");
        Result g = Fixtures.read("facebook/msgvault_json_group_message_1.json");
        assertEquals(3, g.messages().size());
        assertEquals("Crew", g.sink().conversations.get(0).title());
        Result e = Fixtures.read("facebook/msgvault_e2ee_secure_storage_alice_1.json");
        e.assertNoProblems();
        assertEquals(4, e.messages().size());
        assertEquals("caf\u00e9 time?", e.message(1).text());
        assertEquals("Alice Example", e.message(1).author());
        assertEquals(epochMs(1600000180000L), e.message(3).instant());
    }

    @Test
    void messengerHtml() throws Exception {
        Result r = Fixtures.read("facebook/msgvault_html_simple_message_1.html");
        assertEquals("facebook-html", r.importer().id());
        r.assertNoProblems();
        assertEquals(3, r.messages().size());
        assertEquals(ZonedDateTime.of(2020, 9, 13, 12, 26, 0, 0, BXL), r.message(0).instant());
        assertEquals("Test User", r.message(0).author());
        assertEquals("caf\u00e9 time?", r.message(1).text());
        assertEquals("Alice Example", r.sink().conversations.get(0).title());
    }

    @Test
    void instagram() throws Exception {
        Result r = Fixtures.read("instagram/chatminer_instagram_message_1.json");
        r.assertNoProblems();
        assertEquals(2, r.messages().size());
        assertEquals(Platform.INSTAGRAM, r.sink().conversations.get(0).platform());
        assertEquals(epochMs(1579294140000L), r.message(0).instant());
        assertEquals("Hello Jane!", r.message(0).text());
    }

    @Test
    void signal() throws Exception {
        Result r = Fixtures.read("signal/chatminer_signal_export.txt");
        assertEquals("signal", r.importer().id());
        r.assertNoProblems();
        assertEquals(2, r.messages().size());
        assertEquals(ZonedDateTime.of(2019, 12, 24, 12, 23, 0, 0, BXL), r.message(0).instant());
        assertEquals("Hello\nJane!", r.message(1).text());
        assertEquals("John Doe", r.message(1).author());
    }
}

package maraude.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

class StableIdsTest {

    private static final ZonedDateTime AT = ZonedDateTime.of(2026, 3, 29, 1, 30, 0, 0, ZoneId.of("Europe/Brussels"));

    @Test
    void phoneNumbersNormalizeWhateverTheirSpacing() {
        assertEquals(StableIds.contactId(Platform.SMS, "+32 470 12 34 56"),
                StableIds.contactId(Platform.SMS, "+32470123456"));
        assertEquals("+32470123456", StableIds.normalizeHandle("+32 (470) 12-34-56"));
    }

    @Test
    void pseudonymsAreCaseFolded() {
        assertEquals(Contact.of(Platform.AD_INBOX, "Luna_Bxl", null).id(),
                Contact.of(Platform.AD_INBOX, "luna_bxl", "Luna").id());
        assertNotEquals(Contact.of(Platform.AD_INBOX, "luna", null).id(), Contact.of(Platform.SMS, "luna", null).id());
    }

    @Test
    void messageIdIsTheSameForTheSameMomentSeenFromAnotherZone() {
        Message a = Message.of("t-1", Direction.INBOUND, AT, "Luna", null, "Bonjour", List.of(), null);
        Message b = Message.of("t-1", Direction.INBOUND, AT.withZoneSameInstant(ZoneId.of("UTC")), "Luna", null,
                "Bonjour ", List.of(), SourceRef.ofLine("other.txt", 4));
        assertEquals(a.id(), b.id());
    }

    @Test
    void messageIdChangesWithTextAuthorOrAttachment() {
        Message a = Message.of("t-1", Direction.INBOUND, AT, "Luna", null, "Bonjour", List.of(), null);
        assertNotEquals(a.id(), Message.of("t-1", Direction.INBOUND, AT, "Luna", null, "Bonjour !", List.of(), null).id());
        assertNotEquals(a.id(), Message.of("t-1", Direction.INBOUND, AT, "Sol", null, "Bonjour", List.of(), null).id());
        assertNotEquals(a.id(), Message.of("t-1", Direction.INBOUND, AT, "Luna", null, "Bonjour",
                List.of(new Attachment("abc", "image/jpeg", "a.jpg", 3)), null).id());
        assertNotEquals(a.id(), Message.of("t-2", Direction.INBOUND, AT, "Luna", null, "Bonjour", List.of(), null).id());
    }

    @Test
    void platformKeysRoundTrip() {
        for (Platform p : Platform.values()) {
            assertEquals(p, Platform.fromKey(p.key()));
        }
        assertEquals(Platform.AD_INBOX, Platform.fromKey("ad-inbox"));
    }

    /**
     * The ids are the dedup keys of every archive already written: the formula as it was when ids were
     * first made (a new digest per id, the parts joined into strings) must give the same bytes on any
     * input, whitespace, accents, emoji, lone surrogates and attachments included.
     */
    @Test
    void idsAreTheOnesOfTheFirstFormulaOnManyInputs() throws Exception {
        Random r = new Random(16);
        String[] pieces = { "", " ", "\t", "\n", "Bonjour", "préservatif", "😀", "❤️", "\uD83D", "\uDE00", "0",
                "+32 470 12 34 56", "ß", "İ", "\u00A0", "\u2028", ",", "\u0000", "m-", "|" };
        ZoneId[] zones = { ZoneId.of("UTC"), ZoneId.of("Europe/Brussels"), ZoneId.of("America/Sao_Paulo") };
        for (int i = 0; i < 20_000; i++) {
            String conv = "t-" + text(r, pieces, 3);
            ZonedDateTime at = ZonedDateTime.ofInstant(Instant.ofEpochSecond(r.nextLong() % 5_000_000_000L,
                    r.nextInt(1_000_000_000)), zones[r.nextInt(zones.length)]);
            String author = text(r, pieces, 4);
            String text = text(r, pieces, 12);
            List<Attachment> atts = new ArrayList<>();
            for (int a = r.nextInt(3); a > 0; a--) {
                atts.add(new Attachment(text(r, pieces, 2) + Integer.toHexString(r.nextInt()), "image/jpeg", "a.jpg", a));
            }
            assertEquals(firstMessageId(conv, at, author, text, atts), StableIds.messageId(conv, at, author, text, atts));
            String handle = text(r, pieces, 4);
            Platform p = Platform.values()[r.nextInt(Platform.values().length)];
            assertEquals("c-" + firstHash(p.key(), StableIds.normalizeHandle(handle)), StableIds.contactId(p, handle));
            assertEquals("t-" + firstHash(p.key(), handle.strip()), StableIds.conversationId(p, handle));
        }
        // the author and the text count stripped
        assertEquals("m-" + firstHash("t-1", Long.toString(AT.toEpochSecond()), "Luna", "Bonjour", ""),
                StableIds.messageId("t-1", AT, " Luna", "Bonjour\n", List.of()));
    }

    private static String text(Random r, String[] pieces, int max) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(max + 1); n > 0; n--) {
            sb.append(r.nextInt(4) == 0 ? pieces[r.nextInt(pieces.length)] : Character.toString(0x20 + r.nextInt(0x250)));
        }
        return sb.toString();
    }

    /** The formula of the first version, kept here as the reference. */
    private static String firstMessageId(String conversationId, ZonedDateTime instant, String author, String text,
            List<Attachment> attachments) throws Exception {
        StringBuilder att = new StringBuilder();
        for (Attachment a : attachments) {
            att.append(a.sha256()).append(',');
        }
        return "m-" + firstHash(conversationId, Long.toString(instant.toEpochSecond()), author.strip(), text.strip(),
                att.toString());
    }

    private static String firstHash(String... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        for (String p : parts) {
            md.update(p.getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
        }
        return HexFormat.of().formatHex(md.digest(), 0, 12);
    }
}

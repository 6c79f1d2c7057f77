package maraude.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

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
}

package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;

import org.eclipse.osgi.util.NLS;
import org.junit.jupiter.api.Test;

import maraude.core.model.Message;
import maraude.imports.Fixtures.Result;
import maraude.imports.ImportOptions.DateOrder;

/** Issue 16: a photo left out of a Telegram export says what it was; a WhatsApp chat is named after its one partner. */
class MissingMediaAndChatNamesTest {

    private static final String TELEGRAM = "{\"name\":\"Luna\",\"type\":\"personal_chat\",\"id\":42,\"messages\":[\n"
            + "{\"id\":1,\"type\":\"message\",\"date_unixtime\":\"1711267500\",\"from\":\"Luna\",\"from_id\":\"user42\","
            + "\"photo\":\"(File not included. Change data exporting settings to download.)\",\"width\":1280,\"height\":960,\"text\":\"\"},\n"
            + "{\"id\":2,\"type\":\"message\",\"date_unixtime\":\"1711267560\",\"from\":\"Luna\",\"from_id\":\"user42\","
            + "\"file\":\"(File not included. Change data exporting settings to download.)\",\"file_name\":\"audio_1.ogg\","
            + "\"media_type\":\"voice_message\",\"text\":\"\"},\n"
            + "{\"id\":3,\"type\":\"message\",\"date_unixtime\":\"1711267620\",\"from\":\"Luna\",\"from_id\":\"user42\","
            + "\"photo\":\"(File not included. Change data exporting settings to download.)\",\"text\":\"ma photo\"}\n]}";

    @Test
    void aTelegramPhotoNotIncludedSaysWhatItWas() throws Exception {
        Result r = Fixtures.text("result.json", TELEGRAM, ImportOptions.defaults());
        r.assertNoProblems();
        assertEquals(List.of(NLS.bind(Messages.notIncludedPhoto, ""), NLS.bind(Messages.notIncludedAudio, " (audio_1.ogg)"),
                "ma photo"), r.messages().stream().map(Message::text).toList());
        Message photo = r.message(0);
        // The note is shown, but the id is the one the export's own (empty) text gives: the same in any language.
        Message bare = Message.of(photo.conversationId(), photo.direction(), photo.instant(), photo.author(), null, "",
                photo.attachments(), photo.source());
        assertEquals(bare.id(), photo.id());
    }

    private static final String TWO = "24/03/2024 09:05 - Luna: coucou\n24/03/2024 09:06 - Moi: bonjour\n"
            + "24/03/2024 09:07 - Luna: tu es l\u00e0 ?\n";

    @Test
    void aWhatsAppFileWithAPlainNameIsNamedAfterItsOnlyOtherAuthor() throws Exception {
        ImportOptions us = ImportOptions.defaults().withUs(Set.of("Moi"));
        for (ImportOptions o : List.of(us, us.withDateOrder(DateOrder.DAY_FIRST))) {
            Result r = Fixtures.text("export-2024.txt", TWO, o);
            assertEquals("Luna", r.sink().conversations.get(0).title());
            assertEquals("Luna", r.sink().contacts.get(0).displayName());
        }
    }

    @Test
    void theFileStemStaysWhenThePartnerCannotBeTold() throws Exception {
        // We are not known: two authors, either may be us.
        assertEquals("export-2024", Fixtures.text("export-2024.txt", TWO, ImportOptions.defaults()).sink().conversations.get(0).title());
        // A group: several others.
        String group = TWO + "24/03/2024 09:08 - Zed: salut\n";
        assertEquals("export-2024", Fixtures.text("export-2024.txt", group, ImportOptions.defaults().withUs(Set.of("Moi")))
                .sink().conversations.get(0).title());
        // The platform's own name wins over the author.
        assertEquals("Luna Bis", Fixtures.text("WhatsApp Chat with Luna Bis.txt", TWO, ImportOptions.defaults().withUs(Set.of("Moi")))
                .sink().conversations.get(0).title());
    }
}

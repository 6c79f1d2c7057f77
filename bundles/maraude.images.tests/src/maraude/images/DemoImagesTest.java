package maraude.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

import maraude.core.demo.DemoGenerator;
import maraude.core.demo.DemoPictures;
import maraude.core.demo.GeneratedAttachment;
import maraude.core.demo.GeneratedConversation;
import maraude.core.model.Attachment;
import maraude.core.model.Message;

/** The demo archive's pictures: real PNG flyers and JPEG photos, drawn the same for the same seed. */
class DemoImagesTest {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 4, 14, 16, 30, 0, 0, ZoneId.of("Europe/Brussels"));

    @Test
    void attachmentsAreRealImagesWhoseHashMatches() throws IOException {
        Set<String> types = new HashSet<>();
        int checked = 0;
        DemoGenerator generator = new DemoGenerator(81, NOW).withPictures(new DemoImages());
        for (GeneratedConversation g : (Iterable<GeneratedConversation>) generator.stream(40_000)::iterator) {
            for (Message m : g.messages()) {
                for (Attachment a : m.attachments()) {
                    GeneratedAttachment ga = g.attachments().get(a.sha256());
                    assertNotNull(ga, "bytes missing for an attachment");
                    assertEquals(a.sha256(), DemoImages.sha256(ga.bytes()));
                    assertEquals(a.size(), ga.bytes().length);
                    BufferedImage img = ImageIO.read(new ByteArrayInputStream(ga.bytes()));
                    assertNotNull(img, a.mediaType());
                    assertTrue(img.getWidth() > 50 && img.getHeight() > 50);
                    types.add(a.mediaType());
                    checked++;
                }
            }
        }
        assertEquals(Set.of("image/png", "image/jpeg"), types);
        assertTrue(checked > 20, "attachments: " + checked);
    }

    @Test
    void flyersThenPhotosTheSameForTheSameSeed() {
        List<GeneratedAttachment> a = new DemoImages().pool(7);
        List<GeneratedAttachment> b = new DemoImages().pool(7);
        assertEquals(DemoPictures.FLYERS + DemoPictures.PHOTOS, a.size());
        for (int i = 0; i < a.size(); i++) {
            assertEquals(i < DemoPictures.FLYERS ? "image/png" : "image/jpeg", a.get(i).attachment().mediaType());
            assertArrayEquals(a.get(i).bytes(), b.get(i).bytes());
        }
        assertTrue(new HashSet<>(a.stream().map(x -> x.attachment().sha256()).toList()).size() == a.size(),
                "twelve different pictures");
    }
}

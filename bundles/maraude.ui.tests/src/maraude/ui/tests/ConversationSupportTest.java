package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.RGB;
import org.junit.jupiter.api.Test;

import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.images.ImageAuditEvent;
import maraude.templates.TeamSettings;
import maraude.ui.conversation.ImageAuditLog;
import maraude.ui.conversation.PendingReplies;
import maraude.ui.conversation.SwtImages;
import maraude.ui.conversation.TeamFiles;

/** The conversation side's plain helpers, without a workbench. */
class ConversationSupportTest {

    @Test
    void aPendingReplyIsOutboundByTheWorkerAndNamesItsTemplate() {
        ZonedDateTime now = ZonedDateTime.of(2026, 3, 29, 2, 30, 0, 0, ZoneId.of("Europe/Brussels")); //$NON-NLS-1$
        Message m = PendingReplies.create("t-1", "Camille", "Bonjour", "fr-kit", now); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(Direction.OUTBOUND, m.direction());
        assertEquals("Camille", m.author()); //$NON-NLS-1$
        assertEquals("Camille", m.workerId()); //$NON-NLS-1$
        assertTrue(PendingReplies.isPending(m));
        assertEquals("fr-kit", PendingReplies.templateId(m)); //$NON-NLS-1$
        Message free = PendingReplies.create("t-1", "Camille", "Bonjour", null, now); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        assertTrue(PendingReplies.isPending(free));
        assertNull(PendingReplies.templateId(free));
        Message imported = Message.of("t-1", Direction.OUTBOUND, now, "Camille", "Camille", "Bonjour", List.of(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                maraude.core.model.SourceRef.ofLine("_chat.txt", 12)); //$NON-NLS-1$
        assertFalse(PendingReplies.isPending(imported));
    }

    @Test
    void teamSettingsFileMissingBrokenOrForbiddingReveals() throws Exception {
        Path folder = Files.createTempDirectory("maraude-team"); //$NON-NLS-1$
        TeamFiles.Loaded none = TeamFiles.load(folder);
        assertNull(none.error());
        assertTrue(none.settings().asMap().isEmpty());

        Files.writeString(folder.resolve(TeamFiles.SETTINGS_FILE), "Bad Key=1\n", StandardCharsets.UTF_8); //$NON-NLS-1$
        TeamFiles.Loaded broken = TeamFiles.load(folder);
        assertNotNull(broken.error());
        assertTrue(broken.error().startsWith(TeamFiles.SETTINGS_FILE), broken.error());
        assertTrue(broken.settings().asMap().isEmpty(), "nothing half-read"); //$NON-NLS-1$

        TeamSettings s = new TeamSettings(Map.of(TeamFiles.REVEAL_FORBIDDEN, " Sam , alex")); //$NON-NLS-1$
        assertFalse(TeamFiles.mayReveal(s, "sam")); //$NON-NLS-1$
        assertFalse(TeamFiles.mayReveal(s, "Alex")); //$NON-NLS-1$
        assertTrue(TeamFiles.mayReveal(s, "Camille")); //$NON-NLS-1$
        assertFalse(TeamFiles.mayReveal(new TeamSettings(Map.of(TeamFiles.REVEAL_FORBIDDEN, "*")), "Camille")); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(TeamFiles.mayReveal(TeamSettings.empty(), "Camille")); //$NON-NLS-1$
    }

    @Test
    void theAuditTrailHoldsWhichPictureAndWhenNothingElse() throws Exception {
        Path file = Files.createTempDirectory("maraude-audit").resolve("audit").resolve("images.log"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        ImageAuditLog log = new ImageAuditLog(file);
        String sha = "ab".repeat(32); //$NON-NLS-1$
        Instant at = Instant.parse("2026-10-25T01:30:00Z"); //$NON-NLS-1$
        log.record(new ImageAuditEvent(ImageAuditEvent.Kind.REVEAL_REFUSED, sha, "Camille", at)); //$NON-NLS-1$
        log.record(new ImageAuditEvent(ImageAuditEvent.Kind.REVEALED, sha, "Camille", at.plusSeconds(5))); //$NON-NLS-1$
        List<String> lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        assertEquals(List.of("2026-10-25T01:30:00Z\tREVEAL_REFUSED\t" + sha, "2026-10-25T01:30:05Z\tREVEALED\t" + sha), lines); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void sharpPixelsReachSwtUnchangedInMemory() {
        BufferedImage img = new BufferedImage(7, 3, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 7; x++) {
                img.setRGB(x, y, (x * 36) << 16 | (y * 120) << 8 | (x * y * 10));
            }
        }
        ImageData d = SwtImages.fromAwt(img);
        assertEquals(7, d.width);
        assertEquals(3, d.height);
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 7; x++) {
                RGB c = d.palette.getRGB(d.getPixel(x, y));
                assertEquals(img.getRGB(x, y) & 0xFFFFFF, c.red << 16 | c.green << 8 | c.blue, "pixel " + x + "," + y); //$NON-NLS-1$ //$NON-NLS-2$
            }
        }
    }
}

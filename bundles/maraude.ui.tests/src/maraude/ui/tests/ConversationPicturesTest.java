package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.eclipse.osgi.util.NLS;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Label;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Attachment;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.images.BlurLevel;
import maraude.images.BlurResult;
import maraude.images.ImagePlaceholder;
import maraude.images.ExplicitnessScore;
import maraude.images.ImageService;
import maraude.images.PictureClass;
import maraude.images.PictureClassifiers;
import maraude.images.PictureRules;
import maraude.images.RevealTier;
import maraude.ui.ArchiveEvents;
import maraude.ui.WidgetIds;
import maraude.ui.conversation.ListThumbnails;
import maraude.ui.conversation.Messages;
import maraude.ui.conversation.PictureTile;
import maraude.ui.conversation.PictureTile.State;
import maraude.ui.parts.ConversationPart;
import maraude.ui.parts.QueuePart;
import maraude.ui.parts.SearchPart;
import maraude.core.triage.QueueItem;

/**
 * Pictures in the real workbench: shown blurred (measured on the screen's pixels against the sharp
 * picture), sharp only after a click on "show", blurred again when the worker opens another
 * conversation and comes back or leaves the part; a likely explicit picture asks twice; a broken one
 * says why.
 */
@TestMethodOrder(OrderAnnotation.class)
class ConversationPicturesTest {

    /** A blurred picture keeps less than this share of the sharp picture's high-frequency energy. */
    private static final double BLURRED_MAX = 0.15;
    /** A revealed picture keeps at least this share of it. */
    private static final double SHARP_MIN = 0.5;

    private static Path archiveFolder;
    private static WorkbenchDriver workbench;
    private static String withPictures;
    private static Attachment picture;
    private static String other;
    private static String testConversation;
    private static String explicitSha;
    private static String corruptSha;
    private static ImagePlaceholder corruptReason;
    private static ConversationPart part;
    private static String documentSha;
    /** The classifier's test hook: the drawn body stands in for an explicit picture (class Porn). */
    private static AutoCloseable standIn;

    @BeforeAll
    static void startOnDemoArchiveWithPictures() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-ui-pictures"); //$NON-NLS-1$
        byte[] explicit = PictureFixtures.skinHeavyJpeg();
        byte[] corrupt = PictureFixtures.truncated(explicit);
        byte[] document = PictureFixtures.documentJpeg();
        standIn = PictureClassifiers.overrideForTests(PictureClassifiers.skinStandIn(PictureClass.PORN));
        Path scratch = Files.createTempDirectory("maraude-ui-pictures-check"); //$NON-NLS-1$
        ImageService check = new ImageService(scratch, sha -> new ByteArrayInputStream(explicit));
        assertEquals(PictureClass.PORN, check.score(() -> new ByteArrayInputStream(explicit)).top(),
                "the stand-in must be forced to an explicit class"); //$NON-NLS-1$
        ExplicitnessScore paper = check.score(() -> new ByteArrayInputStream(document));
        assertFalse(paper.fallback(), "the document is scored by the model"); //$NON-NLS-1$
        assertEquals(RevealTier.LIGHT, PictureRules.DEFAULT.tier(paper), "the model takes the paper for ordinary: " + paper); //$NON-NLS-1$
        BlurResult broken = check.blurred(() -> new ByteArrayInputStream(corrupt), PictureTile.SIZE, BlurLevel.AUTO);
        assertTrue(broken instanceof ImagePlaceholder, "the truncated fixture must not decode"); //$NON-NLS-1$
        corruptReason = (ImagePlaceholder) broken;

        try (Archive archive = TestArchives.factory().open(archiveFolder, AccessMode.READ_WRITE)) {
            TestArchives.populateDemo(archive, 3_000);
            testConversation = PictureFixtures.addTestConversation(archive, explicit, corrupt, document);
            for (Message m : archive.messages(testConversation)) {
                explicitSha = m.attachments().get(0).sha256();
                corruptSha = m.attachments().get(1).sha256();
                documentSha = m.attachments().get(2).sha256();
            }
            for (Conversation c : archive.conversations()) {
                if (c.id().equals(testConversation)) {
                    continue;
                }
                Attachment first = archive.messages(c.id()).stream().flatMap(m -> m.attachments().stream())
                        .filter(Attachment::isImage).findFirst().orElse(null);
                if (first != null && withPictures == null) {
                    withPictures = c.id();
                    picture = first;
                } else if (first == null && other == null) {
                    other = c.id();
                }
            }
        }
        assertNotNull(withPictures, "the demo archive has a conversation with pictures"); //$NON-NLS-1$
        assertNotNull(other);
        workbench = WorkbenchDriver.start(archiveFolder);
        part = (ConversationPart) workbench.sync(workbench.part(ConversationPart.ID)::getObject);
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
        if (standIn != null) {
            standIn.close();
        }
    }

    private static void open(String conversationId) {
        workbench.syncRun(() -> workbench.application().getContext().get(IEventBroker.class).send(
                ArchiveEvents.OPEN_CONVERSATION, new ArchiveEvents.OpenConversation(conversationId, null, null)));
        try {
            workbench.waitUntil(() -> conversationId.equals(workbench.sync(part::conversationId)), "the conversation to open"); //$NON-NLS-1$
        } catch (AssertionError e) {
            Label header = workbench.widget(WidgetIds.CONVERSATION_HEADER);
            throw new AssertionError(e.getMessage() + "; shown: " + workbench.sync(part::conversationId) //$NON-NLS-1$
                    + ", header: " + workbench.sync(header::getText), e); //$NON-NLS-1$
        }
    }

    private static PictureTile tile(String sha) {
        return workbench.sync(() -> part.pictures().tiles().stream().filter(t -> t.attachment().sha256().equals(sha))
                .findFirst().orElse(null));
    }

    private static PictureTile awaitTile(String sha, State state) {
        workbench.waitUntil(() -> {
            PictureTile t = tile(sha);
            return t != null && workbench.sync(t::state) == state;
        }, "picture " + sha.substring(0, 8) + " " + state); //$NON-NLS-1$ //$NON-NLS-2$
        return tile(sha);
    }

    private static void click(PictureTile t) {
        workbench.syncRun(() -> t.showButton().notifyListeners(SWT.Selection, null));
    }

    /** The picture as the screen shows it, once painted (its mean luminance is the sharp picture's). */
    private static ImageData onScreen(PictureTile t, ImageData sharp) {
        double expectedMean = ScreenPixels.meanLuminance(sharp);
        ImageData[] seen = new ImageData[1];
        workbench.waitUntil(() -> {
            workbench.syncRun(() -> t.canvas().update());
            workbench.flush();
            Rectangle r = workbench.sync(t::imageBounds);
            seen[0] = r == null ? null : ScreenPixels.capture(workbench, r);
            return seen[0] != null && Math.abs(ScreenPixels.meanLuminance(seen[0]) - expectedMean) < 25;
        }, "the picture to be painted"); //$NON-NLS-1$
        return seen[0];
    }

    private static ImageData sharpReference(String sha) throws Exception {
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY);
                InputStream in = reader.openAttachment(sha)) {
            return new ImageLoader().load(in)[0];
        }
    }

    private static List<String> audit() throws IOException {
        Path log = archiveFolder.resolve("audit").resolve("images.log"); //$NON-NLS-1$ //$NON-NLS-2$
        return Files.exists(log) ? Files.readAllLines(log, StandardCharsets.US_ASCII) : List.of();
    }

    @Test
    @Order(1)
    void picturesAreBlurredUntilShownAndBlurAgainWhenTheConversationIsLeft() throws Exception {
        ImageData sharp = sharpReference(picture.sha256());
        double sharpEnergy = ScreenPixels.energy(sharp);
        assertTrue(sharpEnergy > 20, "the reference picture has detail to lose: " + sharpEnergy); //$NON-NLS-1$

        open(withPictures);
        PictureTile t = awaitTile(picture.sha256(), State.BLURRED);
        double blurred = ScreenPixels.energy(onScreen(t, sharp));
        workbench.screenshot("pictures-blurred"); //$NON-NLS-1$
        assertTrue(blurred < BLURRED_MAX * sharpEnergy,
                "blurred on screen: energy " + blurred + " vs sharp " + sharpEnergy); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(audit().isEmpty(), "nothing revealed yet"); //$NON-NLS-1$

        click(t);
        awaitTile(picture.sha256(), State.SHARP);
        ImageData shown = onScreen(t, sharp);
        // Shown at most PictureTile.SIZE on its longest side: compare with the sharp picture at that size.
        double scale = Math.min(1.0, (double) PictureTile.SIZE / Math.max(sharp.width, sharp.height));
        assertEquals(Math.round(sharp.width * scale), shown.width, "drawn at its size, never enlarged"); //$NON-NLS-1$
        double sharpShown = ScreenPixels.energy(sharp.scaledTo(shown.width, shown.height));
        double revealed = ScreenPixels.energy(shown);
        assertTrue(revealed > SHARP_MIN * sharpShown,
                "sharp on screen after show: energy " + revealed + " vs sharp " + sharpShown); //$NON-NLS-1$ //$NON-NLS-2$
        List<String> trail = audit();
        assertEquals(1, trail.size(), "one reveal recorded"); //$NON-NLS-1$
        assertTrue(trail.get(0).endsWith("\tREVEALED\t" + picture.sha256()), "which attachment and when, nothing else"); //$NON-NLS-1$ //$NON-NLS-2$

        open(other);
        assertTrue(workbench.sync(() -> part.pictures().tiles().isEmpty()), "the other conversation has no picture"); //$NON-NLS-1$
        open(withPictures);
        t = awaitTile(picture.sha256(), State.BLURRED);
        double again = ScreenPixels.energy(onScreen(t, sharp));
        workbench.screenshot("pictures-blurred-again"); //$NON-NLS-1$
        assertTrue(again < BLURRED_MAX * sharpEnergy, "blurred again after coming back: " + again); //$NON-NLS-1$
    }

    @Test
    @Order(2)
    void leavingThePartBlursAgain() throws Exception {
        open(withPictures);
        PictureTile t = awaitTile(picture.sha256(), State.BLURRED);
        workbench.syncRun(() -> workbench.application().getContext().get(EPartService.class)
                .activate(workbench.part(ConversationPart.ID)));
        click(t);
        awaitTile(picture.sha256(), State.SHARP);
        MPart queue = workbench.part(QueuePart.ID);
        workbench.syncRun(() -> workbench.application().getContext().get(EPartService.class).activate(queue));
        awaitTile(picture.sha256(), State.BLURRED);
        ImageData sharp = sharpReference(picture.sha256());
        double energy = ScreenPixels.energy(onScreen(t, sharp));
        assertTrue(energy < BLURRED_MAX * ScreenPixels.energy(sharp), "blurred once the queue is active: " + energy); //$NON-NLS-1$
    }

    @Test
    @Order(3)
    void likelyExplicitPicturesAskTwiceAndBrokenOnesSayWhy() throws Exception {
        open(testConversation);
        PictureTile explicit = awaitTile(explicitSha, State.BLURRED);
        assertTrue(workbench.sync(explicit::explicit));
        assertEquals(Messages.Picture_explicit, workbench.sync(explicit::note));
        PictureTile broken = awaitTile(corruptSha, State.UNAVAILABLE);
        assertEquals(NLS.bind(Messages.Picture_unavailable, corruptReason.message()), workbench.sync(broken::note));
        assertFalse(workbench.sync(() -> broken.showButton().isEnabled()), "nothing to show"); //$NON-NLS-1$
        workbench.screenshot("pictures-explicit-and-broken"); //$NON-NLS-1$

        int before = audit().size();
        click(explicit);
        awaitTile(explicitSha, State.CONFIRMING);
        assertEquals(Messages.Picture_confirmQuestion, workbench.sync(explicit::note));
        assertEquals(before, audit().size(), "the first click reveals nothing"); //$NON-NLS-1$
        click(explicit);
        awaitTile(explicitSha, State.SHARP);
        List<String> trail = audit();
        assertEquals(before + 1, trail.size());
        assertTrue(trail.get(trail.size() - 1).endsWith("\tREVEALED\t" + explicitSha)); //$NON-NLS-1$

        click(explicit); // "blur" again by hand
        awaitTile(explicitSha, State.BLURRED);
    }

    /**
     * A photo of an administrative paper, which the picture model takes for an ordinary picture:
     * blurred lightly, no warning, and one click shows it sharp (readable), recorded in the trail.
     */
    @Test
    @Order(6)
    void aDocumentIsShownAfterOneClick() throws Exception {
        open(testConversation);
        workbench.syncRun(() -> workbench.application().getContext().get(EPartService.class)
                .activate(workbench.part(ConversationPart.ID)));
        PictureTile paper = awaitTile(documentSha, State.BLURRED);
        org.eclipse.swt.custom.ScrolledComposite strip = workbench.widget(WidgetIds.CONVERSATION_PICTURES);
        workbench.syncRun(() -> strip.showControl(paper.canvas())); // the third picture, below the others
        assertFalse(workbench.sync(paper::explicit));
        assertEquals("", workbench.sync(paper::note), "no warning on an ordinary picture"); //$NON-NLS-1$ //$NON-NLS-2$
        ImageData sharp = sharpReference(documentSha);
        double blurred = ScreenPixels.energy(onScreen(paper, sharp));
        assertTrue(blurred < BLURRED_MAX * ScreenPixels.energy(sharp), "blurred first: " + blurred); //$NON-NLS-1$
        int before = audit().size();
        click(paper);
        awaitTile(documentSha, State.SHARP);
        workbench.screenshot("pictures-document-one-click"); //$NON-NLS-1$
        List<String> trail = audit();
        assertEquals(before + 1, trail.size(), "one click, one reveal"); //$NON-NLS-1$
        assertTrue(trail.get(trail.size() - 1).endsWith("\tREVEALED\t" + documentSha)); //$NON-NLS-1$
        click(paper);
        awaitTile(documentSha, State.BLURRED);
    }

    /**
     * The permanence queue shows a conversation's first picture as a small thumbnail, blurred: the
     * screen pixels of that cell are the blurred derivative, with far less high-frequency energy than
     * the sharp picture at the same size.
     */
    @Test
    @Order(4)
    void queueRowsWithAPictureShowABlurredThumbnail() throws Exception {
        int auditBefore = audit().size();
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty(), "the queue to load"); //$NON-NLS-1$
        // a queue too narrow for every column leaves the thumbnails out: the whole screen gives it room
        org.eclipse.swt.widgets.Shell shell = workbench.mainShell();
        workbench.syncRun(() -> {
            shell.setBounds(workbench.display().getPrimaryMonitor().getBounds());
            shell.layout(true, true);
        });
        workbench.waitUntil(() -> !workbench.sync(() -> queue.isHidden(QueuePart.COL_THUMBNAIL)), "room for the thumbnails"); //$NON-NLS-1$
        List<QueueItem> rows = workbench.sync(queue::rows);
        int row = -1;
        String sha = null;
        try (Archive reader = TestArchives.factory().open(archiveFolder, AccessMode.READ_ONLY)) {
            for (int i = 0; i < rows.size() && sha == null; i++) {
                sha = ListThumbnails.firstPicture(reader.messages(rows.get(i).conversationId()));
                row = i;
            }
        }
        assertNotNull(sha, "a waiting conversation has a picture (the test conversation does)"); //$NON-NLS-1$
        int r = row;
        org.eclipse.swt.widgets.Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        workbench.syncRun(() -> {
            table.setTopIndex(r);
            table.showItem(table.getItem(r));
        });
        assertListThumbnailBlurred(table, workbench.sync(queue::thumbnails), r, sha, "queue"); //$NON-NLS-1$
        assertEquals(auditBefore, audit().size(), "lists reveal nothing"); //$NON-NLS-1$
    }

    /** A search hit on a message with a picture shows it as a blurred thumbnail as well. */
    @Test
    @Order(5)
    void searchHitsWithAPictureShowABlurredThumbnail() throws Exception {
        int auditBefore = audit().size();
        SearchPart search = (SearchPart) workbench.showPart("maraude.perspective.permanence", SearchPart.ID); //$NON-NLS-1$
        org.eclipse.swt.widgets.Text query = workbench.widget(WidgetIds.SEARCH_TEXT);
        workbench.syncRun(() -> query.setText("voici photos")); //$NON-NLS-1$
        workbench.waitUntil(() -> workbench.sync(search::hits).stream().anyMatch(h -> h.conversationId().equals(testConversation)),
                "the test message among the hits"); //$NON-NLS-1$
        List<maraude.core.archive.SearchHit> hits = workbench.sync(search::hits);
        int row = 0;
        while (!hits.get(row).conversationId().equals(testConversation)) {
            row++;
        }
        int r = row;
        org.eclipse.swt.widgets.Table table = workbench.widget(WidgetIds.SEARCH_TABLE);
        workbench.syncRun(() -> {
            table.setTopIndex(r);
            table.showItem(table.getItem(r));
        });
        assertListThumbnailBlurred(table, workbench.sync(search::thumbnails), r, explicitSha, "search"); //$NON-NLS-1$
        assertEquals(auditBefore, audit().size(), "lists reveal nothing"); //$NON-NLS-1$
    }

    /**
     * Waits for row {@code r}'s thumbnail to be painted (screen pixels equal to the blurred image
     * drawn), then checks that the screen shows far less detail than the sharp picture at that size.
     */
    private static void assertListThumbnailBlurred(org.eclipse.swt.widgets.Table table, ListThumbnails thumbnails, int r,
            String sha, String what) throws Exception {
        workbench.waitUntil(() -> workbench.sync(() -> thumbnails.imageBounds(r)) != null, what + ": the row's thumbnail"); //$NON-NLS-1$
        ImageData drawn = workbench.sync(() -> thumbnails.imageData(r));
        assertTrue(Math.max(drawn.width, drawn.height) <= ListThumbnails.SIZE, "a small thumbnail"); //$NON-NLS-1$
        ImageData[] seen = new ImageData[1];
        workbench.waitUntil(() -> {
            workbench.syncRun(table::update);
            workbench.flush();
            Rectangle bounds = workbench.sync(() -> thumbnails.imageBounds(r));
            seen[0] = bounds == null ? null : ScreenPixels.capture(workbench, bounds);
            return seen[0] != null && ScreenPixels.meanAbsDiff(seen[0], drawn) < 6;
        }, what + ": the thumbnail to be painted in its cell"); //$NON-NLS-1$
        workbench.screenshot(what + "-thumbnails"); //$NON-NLS-1$
        ImageData sharp = sharpReference(sha);
        double sharpAtSize = ScreenPixels.energy(sharp.scaledTo(seen[0].width, seen[0].height));
        double onScreen = ScreenPixels.energy(seen[0]);
        assertTrue(sharpAtSize > 20, "the picture has detail to lose at that size: " + sharpAtSize); //$NON-NLS-1$
        assertTrue(onScreen < BLURRED_MAX * sharpAtSize,
                what + ": blurred in the list: energy " + onScreen + " vs sharp " + sharpAtSize); //$NON-NLS-1$ //$NON-NLS-2$
    }
}

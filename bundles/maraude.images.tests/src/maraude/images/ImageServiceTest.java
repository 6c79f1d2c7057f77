package maraude.images;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageServiceTest {

    private static final Instant NOW = Instant.parse("2025-03-01T10:15:30Z");

    @TempDir
    Path cacheDir;

    private final Map<String, byte[]> store = new HashMap<>();
    private final List<ImageAuditEvent> trail = new ArrayList<>();
    private boolean storeBroken;

    private ImageService service(RevealPolicy policy) {
        AttachmentSource source = sha -> {
            if (storeBroken) {
                throw new IOException("store offline");
            }
            byte[] d = store.get(sha);
            if (d == null) {
                throw new FileNotFoundException(sha);
            }
            return new ByteArrayInputStream(d);
        };
        // The explicit fixture is a drawn skin-coloured body: a synthetic stand-in forced to "Porn"
        // through the test hook; the other pictures are classified by the model.
        return new ImageService(cacheDir, source, trail::add, policy, ImageLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC))
                .withClassifier(PictureClassifiers.skinStandIn(PictureClass.PORN));
    }

    private String put(byte[] bytes) {
        String sha = ImageService.sha256(bytes);
        store.put(sha, bytes);
        return sha;
    }

    private String ordinaryPhoto;
    private String explicitPhoto;
    private BufferedImage ordinaryPixels;

    @BeforeEach
    void storePictures() {
        ordinaryPixels = TestPictures.document(new Random(4));
        ordinaryPhoto = put(TestImages.jpeg(ordinaryPixels));
        BufferedImage body = TestPictures.skinHeavy(new Random(9003), 3);
        assertTrue(SkinAnalyzer.analyze(body).likelyExplicit(), "fixture must be a detected one");
        explicitPhoto = put(TestImages.jpeg(body));
    }

    private Set<String> cacheFiles() throws IOException {
        try (Stream<Path> s = Files.list(cacheDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(BlurCache.SECRET_FILE))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }

    /** The keyed stem the cache names a picture's entries with. */
    private String k(String sha) throws IOException {
        return new BlurCache(cacheDir).key(sha);
    }

    /**
     * A forget erases the picture while it is being blurred (right after it was read): the blurred
     * copies and the score written afterwards do not outlive it. The other picture keeps its entries.
     */
    @Test
    void entriesWrittenAfterTheirPictureWasErasedAreDeleted() throws Exception {
        assertInstanceOf(BlurredImage.class, service(RevealPolicy.ALLOW_ALL).blurred(explicitPhoto, 96, BlurLevel.AUTO));
        Set<String> explicitEntries = cacheFiles();
        assertFalse(explicitEntries.isEmpty());
        AttachmentSource erasedOnceRead = sha -> {
            byte[] d = store.get(sha);
            if (d == null) {
                throw new java.nio.file.NoSuchFileException(sha);
            }
            return new ByteArrayInputStream(d) {
                @Override
                public void close() {
                    store.remove(sha); // the erasure, between the read and the cache writes
                }
            };
        };
        ImageService service = new ImageService(cacheDir, erasedOnceRead, trail::add, RevealPolicy.ALLOW_ALL,
                ImageLimits.DEFAULT, Clock.fixed(NOW, ZoneOffset.UTC)).withClassifier(PictureClassifiers.skinStandIn(PictureClass.PORN));
        assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 320, BlurLevel.AUTO),
                "the worker still sees the blurred picture asked for");
        assertFalse(store.containsKey(ordinaryPhoto));
        assertEquals(explicitEntries, cacheFiles(), "nothing of the erased picture is left in the cache");
    }

    @Test
    void derivativesAreComputedOnceCachedAndBlurred() throws Exception {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        BlurredImage b = assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 320, BlurLevel.AUTO));
        assertEquals(320, Math.max(b.width(), b.height()));
        assertEquals(BlurLevel.STANDARD, b.level());
        assertEquals(Set.of(k(ordinaryPhoto) + "-96-standard.png", k(ordinaryPhoto) + "-320-standard.png",
                k(ordinaryPhoto) + ".score"), cacheFiles(), "thumbnails at once");
        assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 960, BlurLevel.AUTO));
        assertEquals(Set.of(k(ordinaryPhoto) + "-96-standard.png", k(ordinaryPhoto) + "-320-standard.png",
                k(ordinaryPhoto) + "-960-standard.png", k(ordinaryPhoto) + ".score"), cacheFiles(), "preview when first asked");
        // Every cached picture is blurred: far less high-frequency energy than the sharp one.
        for (int size : ImageService.SIZES) {
            BufferedImage cached = ImageIO.read(cacheDir.resolve(k(ordinaryPhoto) + "-" + size + "-standard.png").toFile());
            double sharp = Blur.highFrequencyEnergy(Pixels.fitDown(ordinaryPixels, Math.min(size, 360)));
            assertTrue(Blur.highFrequencyEnergy(cached) < 0.05 * sharp, "cached " + size + " px is blurred");
        }
        // Served from the cache afterwards: the store is not read again.
        storeBroken = true;
        BlurredImage again = assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 320, BlurLevel.AUTO));
        assertArrayEquals(b.png(), again.png());
        BlurredImage small = assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 64, BlurLevel.STANDARD));
        assertEquals(64, Math.max(small.width(), small.height()));
        assertTrue(trail.isEmpty(), "blurred views are not audited");
    }

    @Test
    void cacheFileNamesDoNotRevealWhichPicturesTheArchiveHolds() throws Exception {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        service.prepare(ordinaryPhoto);
        service.blurred(explicitPhoto, 960, BlurLevel.AUTO);
        Set<String> names = cacheFiles();
        assertEquals(7, names.size(), "2 + 3 derivatives and 2 scores: " + names);
        for (String name : names) {
            assertFalse(name.contains(ordinaryPhoto) || name.contains(explicitPhoto), "named after a sha256: " + name);
            assertTrue(name.matches("[0-9a-f]{64}(-[0-9]+-[a-z]+\\.png|\\.score)"), name);
        }
        byte[] secret = Files.readAllBytes(cacheDir.resolve(BlurCache.SECRET_FILE));
        assertEquals(32, secret.length);
        // Another cache on another folder names the same picture differently (its own secret).
        Path elsewhere = Files.createTempDirectory(cacheDir.getParent(), "other-cache");
        assertFalse(new BlurCache(elsewhere).key(ordinaryPhoto).equals(k(ordinaryPhoto)), "keyed per cache");
        // A new service on the same folder finds the entries (the secret is kept), without the store.
        storeBroken = true;
        ImageService again = service(RevealPolicy.ALLOW_ALL);
        BlurredImage hit = assertInstanceOf(BlurredImage.class, again.blurred(ordinaryPhoto, 320, BlurLevel.AUTO));
        assertEquals(320, Math.max(hit.width(), hit.height()));
        assertTrue(again.needsConfirmation(explicitPhoto), "the score is found under its keyed name");
    }

    @Test
    void entriesOfOlderVersionsNamedAfterTheShaAreRenamedAndStillServed() throws Exception {
        BufferedImage blurred = Blur.blur(ordinaryPixels, 96, BlurLevel.STANDARD);
        Files.write(cacheDir.resolve(ordinaryPhoto + "-96-standard.png"), FastPng.encode(blurred));
        Files.writeString(cacheDir.resolve(ordinaryPhoto + ".score"), ExplicitnessScore.NONE.serialize());
        Files.writeString(cacheDir.resolve(explicitPhoto + ".score"), "damaged");
        Files.writeString(cacheDir.resolve("notes.txt"), "not ours");
        storeBroken = true;
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        BlurredImage b = assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 96, BlurLevel.AUTO));
        assertEquals(96, Math.max(b.width(), b.height()));
        assertEquals(Set.of(k(ordinaryPhoto) + "-96-standard.png", k(ordinaryPhoto) + ".score", k(explicitPhoto) + ".score",
                "notes.txt"), cacheFiles(), "old names are gone, other files untouched");
        storeBroken = false;
        assertTrue(service.needsConfirmation(explicitPhoto), "a damaged old score is recomputed");
    }

    @Test
    void likelyExplicitPicturesAreAlwaysBlurredStrongly() throws Exception {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        BlurredImage b = assertInstanceOf(BlurredImage.class, service.blurred(explicitPhoto, 96, BlurLevel.STANDARD));
        assertEquals(BlurLevel.STRONG, b.level(), "a weaker level asked is overridden");
        assertTrue(b.score().likelyExplicit());
        assertTrue(service.needsConfirmation(explicitPhoto));
        assertFalse(service.needsConfirmation(ordinaryPhoto));
        assertTrue(cacheFiles().contains(k(explicitPhoto) + "-320-strong.png"));
        String stem = k(explicitPhoto);
        assertFalse(cacheFiles().stream().anyMatch(f -> f.startsWith(stem) && f.contains("standard")));
    }

    @Test
    void revealIsAuditedAndNeedsASecondConfirmationForExplicitPictures() {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        RevealedImage r = assertInstanceOf(RevealedImage.class, service.reveal(ordinaryPhoto, 200, "worker-7", false));
        assertEquals(200, Math.max(r.image().getWidth(), r.image().getHeight()));
        assertEquals(ordinaryPixels.getWidth(), r.sourceWidth());
        assertEquals(List.of(new ImageAuditEvent(ImageAuditEvent.Kind.REVEALED, ordinaryPhoto, "worker-7", NOW)), trail);

        ImagePlaceholder p = assertInstanceOf(ImagePlaceholder.class, service.reveal(explicitPhoto, 200, "worker-7", false));
        assertEquals(ImagePlaceholder.Reason.CONFIRMATION_REQUIRED, p.reason());
        assertEquals(ImageAuditEvent.Kind.REVEAL_REFUSED, trail.get(1).kind());
        assertInstanceOf(RevealedImage.class, service.reveal(explicitPhoto, 200, "worker-7", true));
        assertEquals(new ImageAuditEvent(ImageAuditEvent.Kind.REVEALED, explicitPhoto, "worker-7", NOW), trail.get(2));
    }

    @Test
    void aProfileThatMayNotRevealGetsAPlaceholder() {
        ImageService service = service(worker -> !worker.equals("trainee"));
        ImagePlaceholder p = assertInstanceOf(ImagePlaceholder.class, service.reveal(ordinaryPhoto, 960, "trainee", true));
        assertEquals(ImagePlaceholder.Reason.REVEAL_FORBIDDEN, p.reason());
        assertEquals(List.of(new ImageAuditEvent(ImageAuditEvent.Kind.REVEAL_REFUSED, ordinaryPhoto, "trainee", NOW)), trail);
        assertInstanceOf(RevealedImage.class, service.reveal(ordinaryPhoto, 960, "lead", true));
    }

    /**
     * With ImageIO's disk cache switched on, nothing reaches its cache folder: streams are always
     * wrapped in memory-backed image streams.
     */
    @Test
    void sharpPixelsNeverReachImageIoTemporaryFiles(@TempDir Path ioCache) throws Exception {
        boolean useCache = ImageIO.getUseCache();
        java.io.File dir = ImageIO.getCacheDirectory();
        ImageIO.setUseCache(true);
        ImageIO.setCacheDirectory(ioCache.toFile());
        try {
            ImageService service = service(RevealPolicy.ALLOW_ALL);
            byte[] fresh = TestImages.png(TestPictures.screenshot(new Random(8)));
            assertInstanceOf(BlurredImage.class, service.blurred(() -> new ByteArrayInputStream(fresh), 320, BlurLevel.AUTO));
            assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 960, BlurLevel.AUTO));
            assertInstanceOf(RevealedImage.class, service.reveal(ordinaryPhoto, 960, "w", true));
            service.exportStripped(ordinaryPhoto, "w");
            try (Stream<Path> s = Files.list(ioCache)) {
                assertEquals(0, s.count(), "ImageIO cache folder stays empty");
            }
            // The bytes-only variant caches under the bytes' (keyed) hash, blurred only.
            String sha = ImageService.sha256(fresh);
            assertTrue(cacheFiles().contains(k(sha) + "-320-standard.png"));
        } finally {
            ImageIO.setUseCache(useCache);
            ImageIO.setCacheDirectory(dir);
        }
    }

    @Test
    void brokenAttachmentsBecomePlaceholdersAndCacheNothing() throws Exception {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        byte[] jpeg = TestImages.jpeg(TestPictures.food(new Random(1), 0));
        String truncated = put(java.util.Arrays.copyOf(jpeg, jpeg.length / 2));
        assertEquals(ImagePlaceholder.Reason.TRUNCATED,
                assertInstanceOf(ImagePlaceholder.class, service.blurred(truncated, 96, BlurLevel.AUTO)).reason());
        String missing = "0".repeat(64);
        assertEquals(ImagePlaceholder.Reason.IO_ERROR,
                assertInstanceOf(ImagePlaceholder.class, service.blurred(missing, 96, BlurLevel.AUTO)).reason());
        assertEquals(ImagePlaceholder.Reason.IO_ERROR,
                assertInstanceOf(ImagePlaceholder.class, service.reveal(missing, 96, "w", true)).reason());
        assertTrue(service.score(missing).isEmpty());
        assertTrue(cacheFiles().isEmpty());
        assertTrue(trail.isEmpty(), "a failed reveal hands out nothing and records nothing");
    }

    @Test
    void hashesThatAreNotSha256AreRejected() {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        for (String bad : new String[] { "../../etc/passwd", "", "A".repeat(64), "0".repeat(63) + "/" }) {
            assertThrows(IllegalArgumentException.class, () -> service.blurred(bad, 96, BlurLevel.AUTO), bad);
            assertThrows(IllegalArgumentException.class, () -> service.reveal(bad, 96, "w", true), bad);
        }
        assertThrows(IllegalArgumentException.class, () -> service.blurred(ordinaryPhoto, 0, BlurLevel.AUTO));
    }

    @Test
    void damagedCacheEntriesAreRecomputed() throws Exception {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        service.prepare(ordinaryPhoto);
        Files.write(cacheDir.resolve(k(ordinaryPhoto) + "-96-standard.png"), new byte[] { 1, 2, 3 });
        Files.writeString(cacheDir.resolve(k(ordinaryPhoto) + ".score"), "garbage");
        BlurredImage b = assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 96, BlurLevel.AUTO));
        assertEquals(96, Math.max(b.width(), b.height()));
        BufferedImage rewritten = ImageIO.read(cacheDir.resolve(k(ordinaryPhoto) + "-96-standard.png").toFile());
        assertEquals(96, Math.max(rewritten.getWidth(), rewritten.getHeight()));
        assertFalse(cacheFiles().stream().anyMatch(f -> f.endsWith(".part")), "no temporary leftovers");

        // Entries are not forced to disk (they are derived): a power cut may leave one cut short.
        Path entry = cacheDir.resolve(k(ordinaryPhoto) + "-96-standard.png");
        byte[] whole = Files.readAllBytes(entry);
        assertTrue(BlurCache.isWholePng(whole));
        Files.write(entry, java.util.Arrays.copyOf(whole, whole.length / 2));
        assertFalse(BlurCache.isWholePng(Files.readAllBytes(entry)));
        assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 96, BlurLevel.AUTO));
        assertTrue(BlurCache.isWholePng(Files.readAllBytes(entry)), "the torn entry was recomputed");
    }

    @Test
    void prepareAllReportsProgressAndStopsWhenCancelled() {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        List<String> shas = List.of(ordinaryPhoto, explicitPhoto, put(new byte[] { 1, 2, 3 }));
        List<Integer> seen = new ArrayList<>();
        int ok = service.prepareAll(shas, new Progress() {
            @Override
            public void worked(int done, int total) {
                seen.add(done);
            }

            @Override
            public boolean isCanceled() {
                return false;
            }
        });
        assertEquals(2, ok);
        assertEquals(List.of(1, 2, 3), seen);
        int none = service.prepareAll(shas, new Progress() {
            @Override
            public void worked(int done, int total) {
                throw new AssertionError();
            }

            @Override
            public boolean isCanceled() {
                return true;
            }
        });
        assertEquals(0, none);
    }

    @Test
    void exportIsStrippedAndAudited() throws Exception {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        String withGps = put(ExifFixtures.withApp1(TestImages.jpeg(ordinaryPixels), ExifFixtures.exifWithGps()));
        byte[] out = service.exportStripped(withGps, "worker-2");
        assertEquals(-1, TestImages.indexOf(out, "Exif".getBytes()));
        assertEquals(List.of(new ImageAuditEvent(ImageAuditEvent.Kind.EXPORTED, withGps, "worker-2", NOW)), trail);
    }

    /**
     * After an update, the scores the skin heuristic stored (version 1) are not used: the pictures
     * are scored again by the model in the background, once.
     */
    @Test
    void scoresOfTheOldHeuristicAreRecomputedOnceInTheBackground() throws Exception {
        ImageService service = service(RevealPolicy.ALLOW_ALL);
        BlurCache cache = new BlurCache(cacheDir);
        // What version 1 stored: the ordinary document wrongly flagged, the drawn body missed.
        Files.writeString(cacheDir.resolve(cache.scoreName(ordinaryPhoto)), "0.61234 0.40000 0.90000 0.60000 0.80000 0.05000 true");
        Files.writeString(cacheDir.resolve(cache.scoreName(explicitPhoto)), "0.10000 0.05000 0.20000 0.60000 0.80000 0.05000 false");
        assertEquals(2, service.rescoreStale(List.of(ordinaryPhoto, explicitPhoto), Progress.NONE));
        assertTrue(Files.readString(cacheDir.resolve(cache.scoreName(ordinaryPhoto))).startsWith("2 nsfwjs "));
        assertFalse(service.needsConfirmation(ordinaryPhoto));
        assertTrue(service.needsConfirmation(explicitPhoto));
        assertEquals(0, service.rescoreStale(List.of(ordinaryPhoto, explicitPhoto), Progress.NONE), "nothing stale left");
    }

    /** Without the model the heuristic stands in, and the audit trail says so once. */
    @Test
    void theHeuristicFallbackIsRecordedInTheAuditTrail() throws Exception {
        ImageService service = service(RevealPolicy.ALLOW_ALL).withClassifier(rgb -> SkinAnalyzer.analyze(rgb).asScore());
        BlurredImage b = assertInstanceOf(BlurredImage.class, service.blurred(explicitPhoto, 96, BlurLevel.AUTO));
        assertTrue(b.score().fallback());
        assertEquals(BlurLevel.STRONG, b.level(), "the heuristic's flag still gives the strongest blur");
        service.blurred(ordinaryPhoto, 96, BlurLevel.AUTO);
        assertEquals(1, trail.stream().filter(e -> e.kind() == ImageAuditEvent.Kind.MODEL_UNAVAILABLE).count(), trail.toString());
    }

    /** The team's rules decide: a stricter setting makes an ordinary picture ask twice. */
    @Test
    void theTeamRulesDecideTheBlurAndTheSecondConfirmation() throws Exception {
        PictureRules[] rules = { PictureRules.DEFAULT };
        ImageService service = service(RevealPolicy.ALLOW_ALL).withRules(() -> rules[0]);
        BlurredImage doc = assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 320, BlurLevel.AUTO));
        assertEquals(BlurLevel.STANDARD, doc.level(), "a document: light blur");
        assertFalse(service.needsConfirmation(ordinaryPhoto));
        assertInstanceOf(RevealedImage.class, service.reveal(ordinaryPhoto, 800, "camille", false), "one click");
        assertEquals(ImagePlaceholder.Reason.CONFIRMATION_REQUIRED, assertInstanceOf(ImagePlaceholder.class,
                service.reveal(explicitPhoto, 800, "camille", false)).reason());
        assertInstanceOf(RevealedImage.class, service.reveal(explicitPhoto, 800, "camille", true), "after the second confirmation");
        rules[0] = PictureRules.parse("Neutral=strongest, Drawing=strongest");
        assertTrue(service.needsConfirmation(ordinaryPhoto));
        assertEquals(BlurLevel.STRONG, assertInstanceOf(BlurredImage.class, service.blurred(ordinaryPhoto, 320, BlurLevel.AUTO)).level());
    }
}

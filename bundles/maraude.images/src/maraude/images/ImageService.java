package maraude.images;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

import maraude.core.archive.ArchiveFiles;

/**
 * What the UI asks about pictures. Every picture is shown blurred: {@link #blurred} returns cached
 * blurred derivatives (PNG), computed once per picture from a subsampled decode. Sharp pixels only
 * come out of {@link #reveal}, in memory, after the reveal policy agreed, and every reveal goes to
 * the {@link AuditSink}. {@link #exportStripped} is the only way out of the archive, metadata
 * stripped.
 *
 * <p>Thread-safe; calls may run in parallel from background jobs.</p>
 */
public final class ImageService {

    /** Sizes of the cached derivatives (longest side): list thumbnails, conversation, preview. */
    public static final int[] SIZES = { 96, 320, 960 };

    /**
     * Sizes computed at import ({@link #prepare}); the 960 px preview is computed and cached the first
     * time it is asked for, since encoding it costs more than the thumbnails together.
     */
    static final int[] PREPARED_SIZES = { 96, 320 };

    /** The list thumbnail size (search results, queue), the only one an embedded EXIF thumbnail may give. */
    public static final int LIST_SIZE = 96;

    /** Smallest embedded thumbnail used: cameras write 160×120 and more. */
    static final int EMBEDDED_MIN_SIDE = 80;

    /**
     * Decode size for scoring and blurring: a little above the model's 224 px input (its bilinear
     * resize then never enlarges), tiny next to a photo.
     */
    public static final int ANALYSIS_SIDE = 256;

    private final BlurCache cache;
    private final AttachmentSource source;
    /** Where an archive keeps the blurred cache, inside its side files. */
    public static final String ARCHIVE_CACHE_FOLDER = maraude.core.archive.BlurredDerivatives.FOLDER;
    private final AuditSink audit;
    private final RevealPolicy policy;
    private final SafeImageDecoder decoder;
    private final Clock clock;
    private volatile PictureClassifier classifier = PictureClassifiers.standard();
    private volatile java.util.function.Supplier<PictureRules> rules = () -> PictureRules.DEFAULT;
    private final java.util.concurrent.atomic.AtomicBoolean fallbackReported = new java.util.concurrent.atomic.AtomicBoolean();

    public ImageService(Path cacheDir, AttachmentSource source) {
        this(cacheDir, source, AuditSink.NONE, RevealPolicy.ALLOW_ALL, ImageLimits.DEFAULT, Clock.systemUTC());
    }

    public ImageService(Path cacheDir, AttachmentSource source, AuditSink audit, RevealPolicy policy, ImageLimits limits,
            Clock clock) {
        this(new BlurCache(Objects.requireNonNull(cacheDir, "cacheDir")), source, audit, policy, limits, clock); //$NON-NLS-1$
    }

    /**
     * A service whose cache lives in {@code cacheFolder} (e.g. {@value #ARCHIVE_CACHE_FOLDER}) of an
     * archive's side files ({@code archive.files()}): encrypted when the archive is protected.
     */
    public ImageService(ArchiveFiles files, String cacheFolder, AttachmentSource source, AuditSink audit,
            RevealPolicy policy, ImageLimits limits, Clock clock) {
        this(new BlurCache(Objects.requireNonNull(files, "files"), cacheFolder), source, audit, policy, limits, clock); //$NON-NLS-1$
    }

    private ImageService(BlurCache cache, AttachmentSource source, AuditSink audit, RevealPolicy policy, ImageLimits limits,
            Clock clock) {
        this.cache = cache;
        this.source = Objects.requireNonNull(source, "source"); //$NON-NLS-1$
        this.audit = Objects.requireNonNull(audit, "audit"); //$NON-NLS-1$
        this.policy = Objects.requireNonNull(policy, "policy"); //$NON-NLS-1$
        this.decoder = new SafeImageDecoder(Objects.requireNonNull(limits, "limits")); //$NON-NLS-1$
        this.clock = Objects.requireNonNull(clock, "clock"); //$NON-NLS-1$
    }

    private volatile boolean useEmbedded = true;

    /**
     * The team's reveal rules (team setting {@value PictureRules#SETTING}), asked at each use so that
     * a change of the team's settings applies at once; default rules until set.
     */
    public ImageService withRules(java.util.function.Supplier<PictureRules> rules) {
        this.rules = Objects.requireNonNull(rules, "rules"); //$NON-NLS-1$
        return this;
    }

    public PictureRules rules() {
        PictureRules r = rules.get();
        return r == null ? PictureRules.DEFAULT : r;
    }

    /** Replaces the classifier (tests; the benchmark). */
    ImageService withClassifier(PictureClassifier classifier) {
        this.classifier = Objects.requireNonNull(classifier, "classifier"); //$NON-NLS-1$
        return this;
    }

    /** The tier of a known score under this service's rules. */
    public RevealTier tier(ExplicitnessScore score) {
        return rules().tier(score);
    }

    /**
     * A stored score made by an older scorer ({@link ExplicitnessScore#VERSION}, or the heuristic
     * while the model loads now) is not used: {@link BlurCache#readScore} drops other versions; this
     * drops fallback scores once the model is back.
     */
    private Optional<ExplicitnessScore> storedScore(String sha256) {
        Optional<ExplicitnessScore> s = cache.readScore(sha256);
        if (s.isPresent() && s.get().fallback() && PictureClassifiers.model() != null) {
            return Optional.empty();
        }
        return s;
    }

    private ExplicitnessScore classify(String sha256, BufferedImage analysed) {
        ExplicitnessScore s = classifier.classify(analysed);
        if (s.fallback() && fallbackReported.compareAndSet(false, true)) {
            audit.record(new ImageAuditEvent(ImageAuditEvent.Kind.MODEL_UNAVAILABLE, sha256, "", clock.instant())); //$NON-NLS-1$
        }
        return s;
    }

    /** Whether list thumbnails may come from embedded EXIF thumbnails (the benchmark compares both). */
    void useEmbeddedThumbnails(boolean use) {
        useEmbedded = use;
    }

    public Path cacheDirectory() {
        return cache.directory();
    }

    /**
     * A blurred picture whose longest side is {@code maxSize}, from the cache when possible.
     *
     * <p>Up to {@link #LIST_SIZE}, a picture not in the cache yet may be blurred from the camera's
     * embedded EXIF thumbnail when it has the main image's shape (no decode of the main image, only
     * the start of the file is read); until the picture is scored from its main image such a
     * thumbnail is blurred {@link BlurLevel#STRONG}, carries no score and is not cached.</p>
     *
     * @param level {@link BlurLevel#AUTO} or a level; a likely explicit picture is always blurred
     *              {@link BlurLevel#STRONG}, whatever is asked
     */
    public BlurResult blurred(String sha256, int maxSize, BlurLevel level) {
        BlurCache.checkSha(sha256);
        if (maxSize <= 0) {
            throw new IllegalArgumentException("maxSize " + maxSize); //$NON-NLS-1$
        }
        Optional<ExplicitnessScore> known = storedScore(sha256);
        if (known.isPresent()) {
            BlurLevel effective = level.effective(known.get(), rules());
            int cached = cachedSizeFor(maxSize);
            Optional<byte[]> png = cache.readBlurred(sha256, cached, effective);
            BlurredImage hit = png.map(b -> fromCached(b, maxSize, effective, known.get())).orElse(null);
            if (hit != null) {
                return hit;
            }
        }
        byte[] data;
        try (InputStream in = source.open(sha256)) {
            if (maxSize <= LIST_SIZE && useEmbedded) {
                // The EXIF segment (at most 64 KiB) comes first: try it before reading the whole photo.
                byte[] head = in.readNBytes(ExifOrientation.SCAN_BYTES);
                BlurredImage quick = fromEmbedded(sha256, head, maxSize, level, known.orElse(null));
                if (quick != null) {
                    dropIfErased(sha256);
                    return quick;
                }
                byte[] rest = SafeImageDecoder.readBounded(in, Math.max(0, decoder.limits().maxBytes() - head.length));
                data = java.util.Arrays.copyOf(head, head.length + rest.length);
                System.arraycopy(rest, 0, data, head.length, rest.length);
            } else {
                data = SafeImageDecoder.readBounded(in, decoder.limits().maxBytes());
            }
        } catch (IOException | RuntimeException e) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.IO_ERROR, e.getClass().getSimpleName());
        }
        DecodeResult decoded = decoder.decode(data, ANALYSIS_SIDE);
        if (decoded instanceof ImagePlaceholder p) {
            return p;
        }
        BlurResult derived = derive(sha256, ((DecodedImage) decoded).image(), maxSize, level);
        dropIfErased(sha256);
        return derived;
    }

    /**
     * A purge or a forget may erase the picture while it is being blurred here: the erasure deletes the
     * picture, then its cache entries. Checking that the picture is still there after writing its
     * entries closes the gap: either the check sees it gone and deletes what was just written, or the
     * erasure deletes the picture after the check, and its cache entries after that.
     */
    private void dropIfErased(String sha256) {
        try (InputStream in = source.open(sha256)) {
            // still in the archive
        } catch (java.nio.file.NoSuchFileException | java.io.FileNotFoundException erased) {
            try {
                cache.forget(sha256);
            } catch (IOException e) {
                // the erasure's own sweep, or the next one, deletes them
            }
        } catch (IOException | RuntimeException other) {
            // unreadable for another reason (a locked key): the picture is not known to be erased
        }
    }

    /**
     * A list-size thumbnail blurred from the camera's embedded EXIF thumbnail, when it has the main
     * image's shape: no decode of the main image. The score is never taken from it: with a known
     * score (computed from the main image at import) the derivative is cached at the level the score
     * asks; without one it is blurred {@link BlurLevel#STRONG} and not cached, and its
     * {@link BlurredImage#score()} is {@code null}. {@code null} when there is no usable thumbnail.
     */
    private BlurredImage fromEmbedded(String sha256, byte[] data, int maxSize, BlurLevel level, ExplicitnessScore known) {
        DecodedImage thumb;
        try {
            thumb = decoder.embeddedThumbnail(data, EMBEDDED_MIN_SIDE);
        } catch (RuntimeException | OutOfMemoryError e) {
            return null;
        }
        if (thumb == null) {
            return null;
        }
        BlurLevel effective = known == null ? BlurLevel.STRONG : level.effective(known, rules());
        BufferedImage blurred = Blur.blur(thumb.image(), LIST_SIZE, effective);
        byte[] png = FastPng.encode(blurred);
        if (known != null) {
            try {
                cache.writeBlurred(sha256, LIST_SIZE, effective, png);
            } catch (IOException e) {
                // not cached: computed again next time
            }
        }
        BufferedImage fitted = Pixels.fitDown(blurred, maxSize);
        return new BlurredImage(fitted == blurred ? png : FastPng.encode(fitted), fitted.getWidth(), fitted.getHeight(),
                effective, known);
    }

    /**
     * Same for bytes that are not (yet) in the archive: hashed while read, then cached under their
     * hash like an attachment.
     */
    public BlurResult blurred(ImageBytes bytes, int maxSize, BlurLevel level) {
        byte[] data;
        try (InputStream in = bytes.open()) {
            data = SafeImageDecoder.readBounded(in, decoder.limits().maxBytes());
        } catch (IOException | RuntimeException e) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.IO_ERROR, e.getClass().getSimpleName());
        }
        String sha = sha256(data);
        Optional<ExplicitnessScore> known = storedScore(sha);
        if (known.isPresent()) {
            BlurLevel effective = level.effective(known.get(), rules());
            Optional<byte[]> png = cache.readBlurred(sha, cachedSizeFor(maxSize), effective);
            BlurredImage hit = png.map(b -> fromCached(b, maxSize, effective, known.get())).orElse(null);
            if (hit != null) {
                return hit;
            }
        }
        DecodeResult decoded = decoder.decode(data, ANALYSIS_SIDE);
        if (decoded instanceof ImagePlaceholder p) {
            return p;
        }
        return derive(sha, ((DecodedImage) decoded).image(), maxSize, level);
    }

    /**
     * Computes the score and the thumbnail sizes at once (at import): one subsampled decode per
     * picture.
     */
    public BlurResult prepare(String sha256) {
        return blurred(sha256, PREPARED_SIZES[PREPARED_SIZES.length - 1], BlurLevel.AUTO);
    }

    /** {@link #prepare} for many pictures; returns how many could be decoded. Stops when cancelled. */
    public int prepareAll(Collection<String> sha256s, Progress progress) {
        int done = 0;
        int ok = 0;
        for (String sha : sha256s) {
            if (progress.isCanceled()) {
                break;
            }
            if (prepare(sha) instanceof BlurredImage) {
                ok++;
            }
            progress.worked(++done, sha256s.size());
        }
        return ok;
    }

    /**
     * Scores again, in the background after an update, the pictures whose stored score is missing or
     * from an older scorer (the heuristic): one subsampled decode each, the score and the thumbnail
     * sizes written. Stops when cancelled.
     *
     * @return how many pictures were scored again
     */
    public int rescoreStale(Collection<String> sha256s, Progress progress) {
        int done = 0;
        int rescored = 0;
        for (String sha : sha256s) {
            if (progress.isCanceled()) {
                break;
            }
            if (storedScore(sha).isEmpty() && prepare(sha) instanceof BlurredImage) {
                rescored++;
            }
            progress.worked(++done, sha256s.size());
        }
        return rescored;
    }

    /** The explicitness score (cached), or empty when the picture cannot be decoded. */
    public Optional<ExplicitnessScore> score(String sha256) {
        BlurCache.checkSha(sha256);
        Optional<ExplicitnessScore> known = storedScore(sha256);
        if (known.isPresent()) {
            return known;
        }
        BlurResult r = prepare(sha256);
        return r instanceof BlurredImage b ? Optional.of(b.score()) : Optional.empty();
    }

    /** Scores bytes without caching anything. */
    public ExplicitnessScore score(ImageBytes bytes) throws IOException {
        byte[] data;
        try (InputStream in = bytes.open()) {
            data = SafeImageDecoder.readBounded(in, decoder.limits().maxBytes());
        }
        DecodeResult decoded = decoder.decode(data, ANALYSIS_SIDE);
        if (decoded instanceof ImagePlaceholder p) {
            throw new MetadataStripper.StripException(p);
        }
        return classify("", ((DecodedImage) decoded).image()); //$NON-NLS-1$
    }

    /**
     * Whether revealing this picture needs the second confirmation: its tier under the team's rules
     * is {@link RevealTier#STRONGEST}, or it cannot be scored.
     */
    public boolean needsConfirmation(String sha256) {
        return score(sha256).map(s -> rules().tier(s).confirmTwice()).orElse(true);
    }

    /**
     * The sharp picture, in memory only, at most {@code maxSize} px (decoded with subsampling, never
     * above {@link ImageLimits#maxOutputSide()}). Refused, and recorded as refused, when the worker's
     * profile forbids reveals or when a likely explicit picture lacks the second confirmation.
     */
    public RevealResult reveal(String sha256, int maxSize, String workerId, boolean explicitConfirmed) {
        BlurCache.checkSha(sha256);
        if (!policy.mayReveal(workerId)) {
            audit.record(new ImageAuditEvent(ImageAuditEvent.Kind.REVEAL_REFUSED, sha256, workerId, clock.instant()));
            return new ImagePlaceholder(ImagePlaceholder.Reason.REVEAL_FORBIDDEN, ""); //$NON-NLS-1$
        }
        if (!explicitConfirmed && needsConfirmation(sha256)) {
            audit.record(new ImageAuditEvent(ImageAuditEvent.Kind.REVEAL_REFUSED, sha256, workerId, clock.instant()));
            return new ImagePlaceholder(ImagePlaceholder.Reason.CONFIRMATION_REQUIRED, ""); //$NON-NLS-1$
        }
        DecodeResult decoded = decode(sha256, maxSize);
        if (decoded instanceof ImagePlaceholder p) {
            return p;
        }
        DecodedImage d = (DecodedImage) decoded;
        audit.record(new ImageAuditEvent(ImageAuditEvent.Kind.REVEALED, sha256, workerId, clock.instant()));
        return new RevealedImage(sha256, Pixels.fitDown(d.image(), maxSize), d.sourceWidth(), d.sourceHeight());
    }

    /** The picture re-encoded without metadata, for an export the worker chose; recorded. */
    public byte[] exportStripped(String sha256, String workerId) throws IOException {
        BlurCache.checkSha(sha256);
        byte[] data;
        try (InputStream in = source.open(sha256)) {
            data = SafeImageDecoder.readBounded(in, decoder.limits().maxBytes());
        }
        byte[] stripped = new MetadataStripper(decoder.limits()).stripBytes(data);
        audit.record(new ImageAuditEvent(ImageAuditEvent.Kind.EXPORTED, sha256, workerId, clock.instant()));
        return stripped;
    }

    private DecodeResult decode(String sha256, int maxSide) {
        byte[] data;
        try (InputStream in = source.open(sha256)) {
            data = SafeImageDecoder.readBounded(in, decoder.limits().maxBytes());
        } catch (IOException | RuntimeException e) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.IO_ERROR, e.getClass().getSimpleName());
        }
        return decoder.decode(data, maxSide);
    }

    /**
     * Scores, blurs the thumbnail sizes and the asked size at the effective level, writes those not
     * yet cached, returns the one asked.
     */
    private BlurResult derive(String sha256, BufferedImage analysed, int maxSize, BlurLevel level) {
        ExplicitnessScore score = storedScore(sha256).orElseGet(() -> classify(sha256, analysed));
        BlurLevel effective = level.effective(score, rules());
        int askedSize = cachedSizeFor(maxSize);
        BlurredImage asked = null;
        try {
            cache.writeScore(sha256, score);
            for (int size : SIZES) {
                boolean wanted = size == askedSize || java.util.Arrays.stream(PREPARED_SIZES).anyMatch(p -> p == size);
                if (!wanted || size != askedSize && cache.readBlurred(sha256, size, effective).isPresent()) {
                    continue;
                }
                BufferedImage blurred = Blur.blur(analysed, size, effective);
                byte[] png = FastPng.encode(blurred);
                cache.writeBlurred(sha256, size, effective, png);
                if (size == askedSize && maxSize <= size) {
                    BufferedImage fitted = Pixels.fitDown(blurred, maxSize);
                    asked = new BlurredImage(fitted == blurred ? png : FastPng.encode(fitted), fitted.getWidth(),
                            fitted.getHeight(), effective, score);
                }
            }
            if (asked == null) { // larger than every cached size: blur at the exact size, not cached
                BufferedImage blurred = Blur.blur(analysed, maxSize, effective);
                asked = new BlurredImage(FastPng.encode(blurred), blurred.getWidth(), blurred.getHeight(), effective, score);
            }
            return asked;
        } catch (IOException e) {
            return new ImagePlaceholder(ImagePlaceholder.Reason.IO_ERROR, "cache: " + e.getClass().getSimpleName()); //$NON-NLS-1$
        }
    }

    /** The smallest cached size at least {@code maxSize} (the largest when none is). */
    static int cachedSizeFor(int maxSize) {
        for (int s : SIZES) {
            if (s >= maxSize) {
                return s;
            }
        }
        return SIZES[SIZES.length - 1];
    }

    /** @return {@code null} when the cached bytes are not a readable PNG */
    private static BlurredImage fromCached(byte[] png, int maxSize, BlurLevel effective, ExplicitnessScore score) {
        BufferedImage img;
        try {
            img = new BlurredImage(png, 0, 0, effective, score).toBufferedImage();
        } catch (RuntimeException e) {
            img = null;
        }
        if (img == null) {
            return null; // damaged cache entry: the caller recomputes it
        }
        if (Math.max(img.getWidth(), img.getHeight()) <= maxSize) {
            return new BlurredImage(png, img.getWidth(), img.getHeight(), effective, score);
        }
        BufferedImage smaller = Pixels.fitDown(Pixels.toRgb(img), maxSize);
        return new BlurredImage(FastPng.encode(smaller), smaller.getWidth(), smaller.getHeight(), effective, score);
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)); //$NON-NLS-1$
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

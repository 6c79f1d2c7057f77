package maraude.images;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

/**
 * Benchmark (not a test): blurred thumbnails of N phone photos (4000 × 3000 = 12 MP baseline JPEG
 * with EXIF as phones write it, three quarters with an embedded thumbnail; generated once into a
 * folder and reused), next to a plain full decode ({@code ImageIO.read}) of the same files in the
 * same run. Phases, each on a fresh cache:
 * <ol>
 * <li>list thumbnails (96 px) with the embedded EXIF thumbnail when it has the main image's shape,
 * else a subsampled decode (which then scores and caches the picture);</li>
 * <li>list thumbnails (96 px) by subsampled decoding only;</li>
 * <li>import ({@link ImageService#prepare}): subsampled decode, score from the main image, 96 and
 * 320 px blurred PNGs written to the cache;</li>
 * <li>the baseline, a plain full decode; and ImageIO's own source subsampling for context;</li>
 * <li>the picture model (NSFWJS MobileNetV2 in Java) on each photo's subsampled decode: p50, p95
 * and peak heap per picture beside the plain full decode's (the target: the score costs less
 * than one plain full decode).</li>
 * </ol>
 * Prints time per image, the ratio to the full decode and the peak heap of each phase.
 *
 * <pre>
 * ./bench images [count=1000] [folder=$TMPDIR/maraude-bench-12mp-exif] [generate]
 * </pre>
 */
public final class ThumbnailBenchmark {

    private static final int W = 4000;
    private static final int H = 3000;

    private ThumbnailBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        Path folder = args.length > 1 ? Paths.get(args[1])
                : Paths.get(System.getProperty("java.io.tmpdir"), "maraude-bench-12mp-exif");
        List<Path> files = generate(folder, count);
        if (args.length > 2 && args[2].equals("generate")) {
            return;
        }
        long bytes = 0;
        int withThumbnail = 0;
        for (int n = 0; n < count; n++) {
            bytes += Files.size(files.get(n));
            withThumbnail += thumbnailWidth(n) > 0 ? 1 : 0;
        }
        System.out.printf("%d photos %d×%d baseline JPEG, %.1f MB on average, %d with an EXIF thumbnail, in %s%n", count, W,
                H, bytes / 1e6 / count, withThumbnail, folder);
        System.out.printf("JVM max heap %d MiB, %d processors%n", Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors());

        Map<String, Path> bySha = new HashMap<>();
        List<String> shas = new ArrayList<>();
        for (Path f : files) {
            String sha = ImageService.sha256(f.getFileName().toString().getBytes()); // stand-in key, 64 hex
            bySha.put(sha, f);
            shas.add(sha);
        }
        Path cache = Files.createTempDirectory("maraude-bench-cache");
        try {
            AttachmentSource source = sha -> Files.newInputStream(bySha.get(sha));
            ImageService service = new ImageService(cache, source);
            ImageService subsamplingOnly = new ImageService(cache, source);
            subsamplingOnly.useEmbeddedThumbnails(false);

            // Warm-up every path (JIT) on a few files, outside the measures.
            int warm = Math.min(12, count);
            for (int i = 0; i < warm; i++) {
                service.blurred(shas.get(i), ImageService.LIST_SIZE, BlurLevel.AUTO);
                service.prepare(shas.get(i));
                ImageIO.read(files.get(i).toFile());
                PictureClassifiers.model().predict(
                        ((DecodedImage) new SafeImageDecoder().decode(files.get(i), ImageService.ANALYSIS_SIDE)).image());
            }
            deleteContents(cache);

            int[] embeddedUsed = { 0 };
            long[] embeddedNanos = { 0 };
            Phase list = measure(() -> {
                int failed = 0;
                for (String sha : shas) {
                    long t0 = System.nanoTime();
                    BlurResult r = service.blurred(sha, ImageService.LIST_SIZE, BlurLevel.AUTO);
                    if (!(r instanceof BlurredImage b)) {
                        failed++;
                    } else if (b.score() == null) {
                        embeddedUsed[0]++; // only the embedded-thumbnail path leaves the score for import
                        embeddedNanos[0] += System.nanoTime() - t0;
                    }
                }
                return failed;
            });
            deleteContents(cache);
            Phase listSub = measure(() -> {
                int failed = 0;
                for (String sha : shas) {
                    if (!(subsamplingOnly.blurred(sha, ImageService.LIST_SIZE, BlurLevel.AUTO) instanceof BlurredImage)) {
                        failed++;
                    }
                }
                return failed;
            });
            deleteContents(cache);
            Phase thumbs = measure(() -> {
                int failed = 0;
                for (String sha : shas) {
                    if (!(service.prepare(sha) instanceof BlurredImage)) {
                        failed++;
                    }
                }
                return failed;
            });
            long[] fullNanos = new long[count];
            Phase full = measure(() -> {
                int failed = 0;
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    BufferedImage img = ImageIO.read(files.get(i).toFile());
                    fullNanos[i] = System.nanoTime() - t0;
                    if (img == null || img.getWidth() != W) {
                        failed++;
                    }
                }
                return failed;
            });
            // The picture model (NSFWJS MobileNetV2 in Java) alone, on the subsampled decode that
            // import gives it, and with that decode.
            NsfwModel model = PictureClassifiers.model();
            SafeImageDecoder decoder = new SafeImageDecoder();
            long[] modelNanos = new long[count];
            long[] decodeAndModelNanos = new long[count];
            Phase scoring = measure(() -> {
                int failed = 0;
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    DecodeResult d = decoder.decode(files.get(i), ImageService.ANALYSIS_SIDE);
                    long t1 = System.nanoTime();
                    if (!(d instanceof DecodedImage di) || model.predict(di.image()).length != 5) {
                        failed++;
                    }
                    long t2 = System.nanoTime();
                    modelNanos[i] = t2 - t1;
                    decodeAndModelNanos[i] = t2 - t0;
                }
                return failed;
            });
            // Context: what ImageIO's own source subsampling gives (decode only, no score, no blur).
            Phase subsampled = measure(() -> {
                int failed = 0;
                for (Path f : files) {
                    try (ImageInputStream in = new FileImageInputStream(f.toFile())) {
                        ImageReader reader = ImageIO.getImageReaders(in).next();
                        reader.setInput(in, true, true);
                        ImageReadParam p = reader.getDefaultReadParam();
                        int step = SafeImageDecoder.subsamplingFor(reader.getWidth(0), reader.getHeight(0), ImageService.ANALYSIS_SIDE);
                        p.setSourceSubsampling(step, step, 0, 0);
                        if (reader.read(0, p) == null) {
                            failed++;
                        }
                        reader.dispose();
                    }
                }
                return failed;
            });
            double perFull = full.millis / count;
            System.out.println();
            System.out.println("| phase | total s | ms / image | × faster than full decode | peak heap MiB | failures |");
            System.out.println("|---|---|---|---|---|---|");
            row(String.format("list thumbnail %d px, embedded EXIF thumbnail when its shape matches (%d of %d), else subsampled decode + score",
                    ImageService.LIST_SIZE, embeddedUsed[0], count), list, count, perFull);
            row(String.format("list thumbnail %d px, subsampling only (DC decode + score + blur + PNG to cache)", ImageService.LIST_SIZE),
                    listSub, count, perFull);
            row("import: prepare = subsampled decode + model score + 96 and 320 px blurred PNGs to cache", thumbs, count, perFull);
            row("baseline: plain full decode (ImageIO.read)", full, count, perFull);
            row(String.format("context: ImageIO source subsampling to %d px, decode only", ImageService.ANALYSIS_SIDE), subsampled,
                    count, perFull);
            System.out.println();
            System.out.printf("picture model (%s), %d threads at most, per picture:%n", model.source(),
                    Math.min(4, Runtime.getRuntime().availableProcessors()));
            System.out.println("| per picture | p50 ms | p95 ms | mean ms | peak heap MiB |");
            System.out.println("|---|---|---|---|---|");
            percentiles("model score on the subsampled decode (224×224 input)", modelNanos, scoring.peakHeap);
            percentiles("subsampled decode + model score", decodeAndModelNanos, scoring.peakHeap);
            percentiles("baseline: plain full decode (ImageIO.read)", fullNanos, full.peakHeap);
            System.out.printf("model score p50 = %.2f × a plain full decode's p50%n",
                    (double) sorted(modelNanos)[count / 2] / sorted(fullNanos)[count / 2]);
            if (embeddedUsed[0] > 0 && embeddedUsed[0] < count) {
                double perEmbedded = embeddedNanos[0] / 1e6 / embeddedUsed[0];
                double perOther = (list.millis - embeddedNanos[0] / 1e6) / (count - embeddedUsed[0]);
                System.out.printf("%nlist thumbnails, split: %.1f ms per photo from its embedded thumbnail (%.1f× faster than a full decode),"
                        + " %.1f ms per photo without a usable one (%.1f×)%n", perEmbedded, perFull / perEmbedded, perOther,
                        perFull / perOther);
            }
            try (Stream<Path> s = Files.list(cache)) {
                System.out.printf("%ncache after import: %d files (%d pictures × 2 sizes + scores)%n", s.count(), count);
            }
        } finally {
            deleteContents(cache);
            Files.deleteIfExists(cache);
        }
    }

    private static void row(String what, Phase p, int count, double perFull) {
        double per = p.millis / count;
        System.out.printf("| %s | %.1f | %.1f | %.2f | %d | %d |%n", what, p.millis / 1000, per, perFull / per, p.peakHeap >> 20,
                p.failures);
    }

    private static long[] sorted(long[] v) {
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        return s;
    }

    private static void percentiles(String what, long[] nanos, long peakHeap) {
        long[] s = sorted(nanos);
        double mean = java.util.Arrays.stream(s).average().orElse(0);
        System.out.printf("| %s | %.1f | %.1f | %.1f | %d |%n", what, s[s.length / 2] / 1e6,
                s[Math.min(s.length - 1, (int) Math.ceil(s.length * 0.95) - 1)] / 1e6, mean / 1e6, peakHeap >> 20);
    }

    private record Phase(double millis, long peakHeap, int failures) {
    }

    private interface Work {
        int run() throws IOException;
    }

    private static Phase measure(Work work) throws IOException {
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        System.gc();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t0 = System.nanoTime();
        int failures = work.run();
        double millis = (System.nanoTime() - t0) / 1e6;
        // Sum of per-pool peaks: an upper bound of the peak heap (pools peak at different times).
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return new Phase(millis, peak, failures);
    }

    private static void deleteContents(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    /**
     * Photo-like 12 MP baseline JPEGs as phones write them: gradients, shapes, a textured part and
     * sensor noise, quality 0.9, an EXIF APP1 segment first (no JFIF) holding IFD0 and an embedded
     * JPEG thumbnail in IFD1: 160×120 for half the photos, 512×384 for a quarter, none for the last
     * quarter (photos that went through an editor or a messenger). Generated on two threads, once.
     */
    static List<Path> generate(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        List<Integer> missing = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            Path f = folder.resolve(String.format("photo-%05d.jpg", n));
            files.add(f);
            if (!Files.isRegularFile(f) || Files.size(f) == 0) {
                missing.add(n);
            }
        }
        if (missing.isEmpty()) {
            return files;
        }
        Random tiles = new Random(1);
        int[] grain = new int[TILE * TILE];
        int[] noise = new int[TILE * TILE];
        for (int i = 0; i < grain.length; i++) {
            grain[i] = (int) (tiles.nextGaussian() * 9);
            noise[i] = (int) (tiles.nextGaussian() * 2.5);
        }
        long t0 = System.nanoTime();
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        ThreadLocal<BufferedImage> canvas = ThreadLocal.withInitial(() -> new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB));
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int n : missing) {
                done.add(pool.submit(() -> {
                    byte[] jpeg = photo(n, canvas.get(), grain, noise);
                    Path f = files.get(n);
                    Path tmp = folder.resolve(f.getFileName() + ".part");
                    Files.write(tmp, jpeg);
                    Files.move(tmp, f, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    int m = made.incrementAndGet();
                    if (m % 50 == 0) {
                        System.out.printf("generated %d photos (%.0f s)%n", m, (System.nanoTime() - t0) / 1e9);
                    }
                    return null;
                }));
            }
            for (java.util.concurrent.Future<?> f : done) {
                f.get();
            }
        } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
            throw new IOException(e);
        } finally {
            pool.shutdownNow();
        }
        return files;
    }

    private static final int TILE = 512;

    /** Kind of embedded thumbnail of photo n: 0 none, else its width (4:3). */
    static int thumbnailWidth(int n) {
        return switch (n % 4) {
            case 0 -> 0;
            case 3 -> 512;
            default -> 160;
        };
    }

    private static byte[] photo(int n, BufferedImage img, int[] grain, int[] noise) throws IOException {
        Random r = new Random(n);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)), 0, H,
                new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256))));
        g.fillRect(0, 0, W, H);
        for (int s = 0; s < 12; s++) {
            int x = r.nextInt(W);
            int y = r.nextInt(H);
            int w = 200 + r.nextInt(1800);
            int h = 200 + r.nextInt(1500);
            g.setPaint(new GradientPaint(x, y, new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256)), x + w, y + h,
                    new Color(r.nextInt(256), r.nextInt(256), r.nextInt(256))));
            if (r.nextBoolean()) {
                g.fill(new Ellipse2D.Double(x - w / 2.0, y - h / 2.0, w, h));
            } else {
                g.fillRect(x - w / 2, y - h / 2, w, h);
            }
        }
        g.dispose();
        int[] px = Pixels.data(img);
        int ox = r.nextInt(TILE);
        int oy = r.nextInt(TILE);
        int texturedFrom = H / 2 + r.nextInt(H / 2); // grass, gravel, fabric: the lower part is textured
        for (int y = 0; y < H; y++) {
            int row = ((y + oy) % TILE) * TILE;
            for (int x = 0; x < W; x++) {
                int k = row + (x + ox) % TILE;
                int d = noise[k] + (y >= texturedFrom ? grain[k] : 0);
                int p = px[y * W + x];
                int rr = clamp((p >> 16 & 255) + d);
                int gg = clamp((p >> 8 & 255) + d);
                int bb = clamp((p & 255) + d);
                px[y * W + x] = rr << 16 | gg << 8 | bb;
            }
        }
        byte[] main = ExifFixtures.withoutJfif(jpeg(img, 0.9f));
        int tw = thumbnailWidth(n);
        if (tw == 0) {
            return main;
        }
        int th = tw * H / W;
        BufferedImage thumb = Pixels.image(Pixels.areaAverage(px, W, H, tw, th), tw, th);
        return ExifFixtures.withApp1(main, ExifFixtures.exifWithThumbnail(1, jpeg(thumb, 0.8f)));
    }

    private static byte[] jpeg(BufferedImage img, float quality) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream(4 << 20);
        try (javax.imageio.stream.MemoryCacheImageOutputStream out = new javax.imageio.stream.MemoryCacheImageOutputStream(bytes)) {
            w.setOutput(out);
            ImageWriteParam p = w.getDefaultWriteParam();
            p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            p.setCompressionQuality(quality);
            w.write(null, new IIOImage(img, null, null), p);
        } finally {
            w.dispose();
        }
        return bytes.toByteArray();
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

}

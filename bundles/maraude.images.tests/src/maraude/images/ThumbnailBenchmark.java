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
import javax.imageio.stream.FileImageOutputStream;

/**
 * Benchmark (not a test): blurred thumbnails (score + 96/320/960 px blurred PNGs written to a cache
 * folder, exactly what {@link ImageService#prepare} does at import) for N phone-size photos
 * (4000 × 3000 = 12 MP JPEG, generated once into a folder and reused), next to a plain full decode
 * ({@code ImageIO.read}) of the same files in the same run. Prints time per image, the ratio and
 * the peak heap of each phase.
 *
 * <pre>
 * java -Xmx256m -cp bundles/maraude.images/target/classes:bundles/maraude.images.tests/target/classes:$OSGI \
 *      maraude.images.ThumbnailBenchmark [count=1000] [folder=$TMPDIR/maraude-bench-12mp]
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
                : Paths.get(System.getProperty("java.io.tmpdir"), "maraude-bench-12mp");
        List<Path> files = generate(folder, count);
        long bytes = 0;
        for (Path f : files) {
            bytes += Files.size(f);
        }
        System.out.printf("%d photos %d×%d JPEG, %.1f MB on average, in %s%n", count, W, H, bytes / 1e6 / count, folder);
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

            // Warm-up both paths (JIT) on a few files, outside the measures.
            int warm = Math.min(10, count);
            for (int i = 0; i < warm; i++) {
                service.prepare(shas.get(i));
                ImageIO.read(files.get(i).toFile());
            }
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
            Phase full = measure(() -> {
                int failed = 0;
                for (Path f : files) {
                    BufferedImage img = ImageIO.read(f.toFile());
                    if (img == null || img.getWidth() != W) {
                        failed++;
                    }
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
            double perThumb = thumbs.millis / count;
            double perFull = full.millis / count;
            System.out.println();
            System.out.println("| phase | total s | ms / image | peak heap MiB | failures |");
            System.out.println("|---|---|---|---|---|");
            System.out.printf("| blurred thumbnails (score + 96 and 320 px blurred PNGs to cache) | %.1f | %.1f | %d | %d |%n",
                    thumbs.millis / 1000, perThumb, thumbs.peakHeap >> 20, thumbs.failures);
            System.out.printf("| plain full decode (ImageIO.read) | %.1f | %.1f | %d | %d |%n", full.millis / 1000, perFull,
                    full.peakHeap >> 20, full.failures);
            System.out.printf("| context: ImageIO subsampled decode to %d px only (no score, no blur) | %.1f | %.1f | %d | %d |%n",
                    ImageService.ANALYSIS_SIDE, subsampled.millis / 1000, subsampled.millis / count, subsampled.peakHeap >> 20,
                    subsampled.failures);
            System.out.printf("%nratio: blurred thumbnails are %.2f× faster than a plain full decode%n", perFull / perThumb);
            try (Stream<Path> s = Files.list(cache)) {
                System.out.printf("cache: %d files (%d pictures × 2 sizes + scores)%n", s.count(), count);
            }
        } finally {
            deleteContents(cache);
            Files.deleteIfExists(cache);
        }
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

    /** Photo-like 12 MP JPEGs: gradients, shapes, textured areas and sensor noise, quality 0.9. */
    static List<Path> generate(Path folder, int count) throws IOException {
        Files.createDirectories(folder);
        List<Path> files = new ArrayList<>();
        Random tiles = new Random(1);
        int tile = 512;
        int[] grain = new int[tile * tile];
        int[] noise = new int[tile * tile];
        for (int i = 0; i < grain.length; i++) {
            grain[i] = (int) (tiles.nextGaussian() * 9);
            noise[i] = (int) (tiles.nextGaussian() * 2.5);
        }
        BufferedImage img = null;
        long t0 = System.nanoTime();
        int made = 0;
        for (int n = 0; n < count; n++) {
            Path f = folder.resolve(String.format("photo-%05d.jpg", n));
            files.add(f);
            if (Files.isRegularFile(f) && Files.size(f) > 0) {
                continue;
            }
            if (img == null) {
                img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
            }
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
            int ox = r.nextInt(tile);
            int oy = r.nextInt(tile);
            int texturedFrom = H / 2 + r.nextInt(H / 2); // grass, gravel, fabric: the lower part is textured
            for (int y = 0; y < H; y++) {
                int row = ((y + oy) % tile) * tile;
                for (int x = 0; x < W; x++) {
                    int k = row + (x + ox) % tile;
                    int d = noise[k] + (y >= texturedFrom ? grain[k] : 0);
                    int p = px[y * W + x];
                    int rr = clamp((p >> 16 & 255) + d);
                    int gg = clamp((p >> 8 & 255) + d);
                    int bb = clamp((p & 255) + d);
                    px[y * W + x] = rr << 16 | gg << 8 | bb;
                }
            }
            ImageWriter w = ImageIO.getImageWritersByFormatName("jpeg").next();
            Path tmp = folder.resolve(f.getFileName() + ".part");
            Files.deleteIfExists(tmp);
            try (FileImageOutputStream out = new FileImageOutputStream(tmp.toFile())) {
                w.setOutput(out);
                ImageWriteParam p = w.getDefaultWriteParam();
                p.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                p.setCompressionQuality(0.9f);
                w.write(null, new IIOImage(img, null, null), p);
            } finally {
                w.dispose();
            }
            Files.move(tmp, f);
            made++;
            if (made % 50 == 0) {
                System.out.printf("generated %d photos (%.0f s)%n", made, (System.nanoTime() - t0) / 1e9);
            }
        }
        return files;
    }

    private static int clamp(int v) {
        return v < 0 ? 0 : v > 255 ? 255 : v;
    }

}

package maraude.archive.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;

import maraude.archive.ArchiveSchema;
import maraude.archive.BenchDocuments;
import maraude.archive.LuceneArchive;
import maraude.core.archive.AccessMode;
import maraude.core.archive.ConversationSummary;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.SearchResults;
import maraude.core.demo.DemoGenerator;
import maraude.core.demo.GeneratedConversation;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.testsupport.BenchmarkFigures;

/**
 * Indexing and search figures of the archive next to baselines measured in the same run: a bare Lucene
 * IndexWriter on the same texts, and {@code grep -r -i -l} over the same messages written as WhatsApp
 * exports. Usage (see BENCHMARK.md): {@code ArchiveBenchmark [messages] [work folder] [indexing rounds]}.
 */
public final class ArchiveBenchmark {

    private static final long SEED = 20_260_301L;
    private static final int COMMIT_EVERY = 50_000;
    /**
     * Warm-up of every indexing path before the measured rounds: on 2 cores the JIT compiler keeps one
     * busy for the first few hundred thousand messages, which would be measured as indexing time.
     */
    private static final int WARMUP_MESSAGES = 100_000;
    private static final int WARMUP_ROUNDS = 3;
    private static final int SEARCH_ROUNDS = 30;
    /** About a thousand searches before measuring: the figures are those of a warm workbench. */
    private static final int SEARCH_WARMUP_ROUNDS = 60;
    /** The indexing paths measured side by side; the archive with and without its indexing threads. */
    private static final String[] PATHS = { "bare", "schema", "archive", "archive-1thread" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    private static final int GREP_ROUNDS = 3;

    /**
     * The fixed query mix over the demo generator's texts: words (frequent to rare), phrase, prefix,
     * boolean, the service's phone number in two spellings, a name, words of two languages, an emoji.
     */
    private static final String[] QUERIES = { "kit", "depistage", "mutuelle", "condooms", "préservatifs",
            "\"dépistage gratuit\"", "médec*", "préservatifs OR condooms", "gel NOT préservatifs", "0493 55 00 17",
            "+32493550017", "luna", "cpas rdv", "informații information", "🙏" };
    /** The words grep looks for: the plain-word queries above, as typed. */
    private static final String[] GREP_WORDS = { "kit", "depistage", "mutuelle", "condooms", "préservatifs" };

    /** The demo archive's clock, fixed: the same corpus on every run. */
    private static final ZonedDateTime CORPUS_NOW = ZonedDateTime.of(2026, 3, 18, 10, 30, 0, 0, ZoneId.of("Europe/Brussels")); //$NON-NLS-1$

    private ArchiveBenchmark() {
    }

    /**
     * Exactly {@code n} messages from the project's one synthetic-data generator (the one behind the
     * demo archive), conversation after conversation as an import of exports would bring them.
     */
    private static Stream<GeneratedConversation> corpus(int n) {
        return new DemoGenerator(SEED, CORPUS_NOW).stream(n);
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0].replace("_", "")) : 100_000; //$NON-NLS-1$ //$NON-NLS-2$
        Path work = args.length > 1 ? Paths.get(args[1]) : Paths.get(System.getProperty("java.io.tmpdir"), "maraude-bench"); //$NON-NLS-1$ //$NON-NLS-2$
        deleteTree(work);
        Files.createDirectories(work);
        out("Maraude archive benchmark: %,d messages, work folder %s", n, work);
        out("load average at start: %.1f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out("machine: %d cores, %s, Java %s, max heap %d MiB", Runtime.getRuntime().availableProcessors(), cpu(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20);

        // Warm-up of every indexing path, so that none pays the JIT alone.
        int warm = Math.min(n, WARMUP_MESSAGES);
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            for (int which = 0; which < PATHS.length; which++) {
                index(which, work.resolve("warm-" + PATHS[which]), warm); //$NON-NLS-1$
                deleteTree(work.resolve("warm-" + PATHS[which])); //$NON-NLS-1$
            }
        }
        out("indexing threads of the archive: %d (%s=N sets them; the 1-thread path indexes in the caller)",
                LuceneArchive.defaultIndexingThreads(), LuceneArchive.INDEXING_THREADS_PROPERTY);

        // Interleaved rounds: a shared machine's load shifts during a run.
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        double[] best = new double[PATHS.length];
        double[][] ratios = new double[PATHS.length][rounds];
        for (int round = 0; round < rounds; round++) {
            for (String w : PATHS) {
                deleteTree(work.resolve(w));
            }
            // The order rotates from round to round: on a shared machine the load drifts within a round.
            double[] rate = new double[PATHS.length];
            for (int k = 0; k < PATHS.length; k++) {
                int which = (k + round) % PATHS.length;
                rate[which] = index(which, work.resolve(PATHS[which]), n);
                best[which] = Math.max(best[which], rate[which]);
            }
            for (int which = 0; which < PATHS.length; which++) {
                ratios[which][round] = rate[which] / rate[0];
            }
            out("round %d: bare %,.0f/s, same schema %,.0f/s, archive %,.0f/s (%.0f%% of bare), archive in 1 thread %,.0f/s (%.0f%%); load %.1f",
                    round + 1, rate[0], rate[1], rate[2], 100 * ratios[2][round], rate[3], 100 * ratios[3][round],
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        for (double[] r : ratios) {
            Arrays.sort(r);
        }
        out("");
        out("indexing, bare IndexWriter (StandardAnalyzer, id + stored text):      %,8.0f messages/s", best[0]);
        out("indexing, bare IndexWriter writing the archive's documents:           %,8.0f messages/s", best[1]);
        out("indexing, LuceneArchive end to end (+ dedup, validation, locking):    %,8.0f messages/s", best[2]);
        out("indexing, LuceneArchive end to end, indexing in the caller's thread:  %,8.0f messages/s", best[3]);
        out("  archive = %.0f%% of bare minimal (per round: median %.0f%%, from %.0f%% to %.0f%%), %.0f%% of bare same-schema (best of each)",
                100 * best[2] / best[0], 100 * ratios[2][(rounds - 1) / 2], 100 * ratios[2][0],
                100 * ratios[2][rounds - 1], 100 * best[2] / best[1]);
        out("  archive in 1 thread = %.0f%% of bare minimal (per round: median %.0f%%, from %.0f%% to %.0f%%)",
                100 * best[3] / best[0], 100 * ratios[3][(rounds - 1) / 2], 100 * ratios[3][0], 100 * ratios[3][rounds - 1]);
        long indexBytes = size(work.resolve("archive").resolve("index"));
        long bareBytes = size(work.resolve("bare"));
        out("index size: archive %,d bytes = %.0f bytes/message; bare %.0f bytes/message", indexBytes,
                (double) indexBytes / n, (double) bareBytes / n);

        try (LuceneArchive a = LuceneArchive.open(work.resolve("archive"), AccessMode.READ_ONLY)) {
            searchFigures(a);
            long t0 = System.nanoTime();
            List<ConversationSummary> sums = a.summaries();
            long t1 = System.nanoTime();
            a.summaries();
            long t2 = System.nanoTime();
            out("summaries(): %,d conversations in %.0f ms (first call), %.0f ms (second)", sums.size(),
                    (t1 - t0) / 1e6, (t2 - t1) / 1e6);
            String biggest = sums.stream().max(Comparator.comparingLong(ConversationSummary::messageCount)).orElseThrow()
                    .conversationId();
            t0 = System.nanoTime();
            int len = a.messages(biggest).size();
            out("messages(conversation): %d messages in %.1f ms", len, (System.nanoTime() - t0) / 1e6);

            double archiveWordMedian = grepComparison(a, work, n);
            out("(archive median over the same words: %.2f ms)", archiveWordMedian);
        }
        out("peak heap (sum of heap pool peaks): %d MiB; load average at end: %.1f", peakHeapMiB(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }

    // ---- indexing -------------------------------------------------------------------------

    private static double index(int which, Path dir, int n) throws IOException {
        return switch (which) {
        case 0 -> bareLucene(dir, n);
        case 1 -> sameSchema(dir, n);
        case 2 -> archive(dir, n, LuceneArchive.defaultIndexingThreads());
        default -> archive(dir, n, 0);
        };
    }

    private static double bareLucene(Path dir, int n) throws IOException {
        long t0 = System.nanoTime();
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(new StandardAnalyzer()).setRAMBufferSizeMB(64))) {
            int[] count = { 0 };
            corpus(n).flatMap(g -> g.messages().stream()).forEach(m -> {
                Document doc = new Document();
                doc.add(new StringField("id", m.id(), Field.Store.YES)); //$NON-NLS-1$
                doc.add(new TextField("text", m.text(), Field.Store.YES)); //$NON-NLS-1$
                try {
                    w.addDocument(doc);
                    if (++count[0] % COMMIT_EVERY == 0) {
                        w.commit();
                    }
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            w.commit();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** The archive's own documents and analyzer through a bare writer: what the archive adds beyond Lucene. */
    private static double sameSchema(Path dir, int n) throws IOException {
        long t0 = System.nanoTime();
        try (FSDirectory d = FSDirectory.open(dir);
                IndexWriter w = new IndexWriter(d, new IndexWriterConfig(ArchiveSchema.analyzer()).setRAMBufferSizeMB(64))) {
            int[] count = { 0 };
            corpus(n).forEach(g -> {
                for (Message m : g.messages()) {
                    try {
                        w.addDocument(BenchDocuments.message(m, g.conversation(), g.contact()));
                        if (++count[0] % COMMIT_EVERY == 0) {
                            w.commit();
                        }
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            w.commit();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    private static double archive(Path dir, int n, int threads) {
        String before = System.getProperty(LuceneArchive.INDEXING_THREADS_PROPERTY);
        System.setProperty(LuceneArchive.INDEXING_THREADS_PROPERTY, Integer.toString(threads));
        try {
            return archive(dir, n);
        } finally {
            if (before == null) {
                System.clearProperty(LuceneArchive.INDEXING_THREADS_PROPERTY);
            } else {
                System.setProperty(LuceneArchive.INDEXING_THREADS_PROPERTY, before);
            }
        }
    }

    private static double archive(Path dir, int n) {
        long t0 = System.nanoTime();
        try (LuceneArchive a = LuceneArchive.open(dir, AccessMode.READ_WRITE)) {
            int[] count = { 0 };
            corpus(n).forEach(g -> {
                a.putContact(g.contact());
                a.putConversation(g.conversation());
                for (Message m : g.messages()) {
                    a.addMessage(m);
                    if (++count[0] % COMMIT_EVERY == 0) {
                        a.commit();
                    }
                }
            });
            a.commit();
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    // ---- search ---------------------------------------------------------------------------

    private static void searchFigures(LuceneArchive a) {
        List<SearchQuery> mix = new ArrayList<>();
        for (String q : QUERIES) {
            mix.add(new SearchQuery(q, null, null, null, null, null, null, SearchQuery.Sort.RELEVANCE, 0, 20));
        }
        Instant from = CORPUS_NOW.minusWeeks(3).toInstant(); // half of the demo's six weeks
        Instant to = CORPUS_NOW.toInstant();
        mix.add(new SearchQuery("préservatifs", Set.of(Platform.WHATSAPP, Platform.SMS), null, null, null, from, to, //$NON-NLS-1$
                SearchQuery.Sort.NEWEST, 0, 20));
        mix.add(new SearchQuery("", null, null, null, DemoGenerator.WORKERS.get(0).id(), null, null, SearchQuery.Sort.NEWEST, 0, 20)); //$NON-NLS-1$
        mix.add(new SearchQuery("gel", null, null, null, null, null, null, SearchQuery.Sort.OLDEST, 200, 20)); //$NON-NLS-1$

        List<Double> all = new ArrayList<>();
        Map<String, double[]> perQuery = new HashMap<>();
        Map<String, Long> hits = new HashMap<>();
        for (int round = 0; round < SEARCH_WARMUP_ROUNDS + SEARCH_ROUNDS; round++) {
            for (SearchQuery q : mix) {
                long t0 = System.nanoTime();
                SearchResults r = a.search(q);
                double ms = (System.nanoTime() - t0) / 1e6;
                if (round >= SEARCH_WARMUP_ROUNDS) {
                    all.add(ms);
                    perQuery.computeIfAbsent(BenchmarkFigures.label(q), k -> new double[SEARCH_ROUNDS])[round - SEARCH_WARMUP_ROUNDS] = ms;
                    hits.put(BenchmarkFigures.label(q), r.totalHits());
                }
            }
        }
        out("");
        out("search with 20 snippets and facets, %d rounds over %d queries:", SEARCH_ROUNDS, mix.size());
        for (SearchQuery q : mix) {
            double[] t = perQuery.get(BenchmarkFigures.label(q));
            Arrays.sort(t);
            out("  %-62s %,9d hits  p50 %6.2f ms  p99 %6.2f ms", BenchmarkFigures.label(q), hits.get(BenchmarkFigures.label(q)), BenchmarkFigures.percentile(t, 50), BenchmarkFigures.percentile(t, 99));
        }
        double[] t = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        out("  ALL: p50 %.2f ms, p99 %.2f ms, max %.2f ms", BenchmarkFigures.percentile(t, 50), BenchmarkFigures.percentile(t, 99), t[t.length - 1]);
    }

    // ---- grep baseline --------------------------------------------------------------------

    /** Writes the messages as WhatsApp exports (one file per conversation) and times grep on them. */
    private static double grepComparison(LuceneArchive a, Path work, int n) throws Exception {
        Path exports = work.resolve("exports"); //$NON-NLS-1$
        Files.createDirectories(exports);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm", Locale.ROOT); //$NON-NLS-1$
        BufferedWriter[] current = { null };
        int[] files = { 0 };
        corpus(n).forEach(g -> {
            try {
                if (current[0] != null) {
                    current[0].close();
                }
                Path sub = exports.resolve(Integer.toString(files[0]++ / 1000));
                Files.createDirectories(sub);
                current[0] = Files.newBufferedWriter(sub.resolve(files[0] + "-WhatsApp Chat with " + g.contact().displayName() //$NON-NLS-1$
                        .replaceAll("[^\\p{L}\\p{N} ._-]", "_") + ".txt"), StandardCharsets.UTF_8); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                for (Message m : g.messages()) {
                    current[0].write(f.format(m.instant()) + " - " + (m.author().isEmpty() ? "" : m.author() + ": ") //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                            + m.text() + "\n"); //$NON-NLS-1$
                }
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        current[0].close();
        out("");
        out("grep baseline over %,d bytes of WhatsApp-style exports (grep -r -i -l WORD, %d rounds, warm page cache):",
                size(exports), GREP_ROUNDS);
        List<Double> grepTimes = new ArrayList<>();
        List<Double> archiveTimes = new ArrayList<>();
        for (String word : GREP_WORDS) {
            runGrep(word, exports); // warm the page cache
            double[] g = new double[GREP_ROUNDS];
            for (int i = 0; i < GREP_ROUNDS; i++) {
                long t0 = System.nanoTime();
                runGrep(word, exports);
                g[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(g);
            double[] s = new double[SEARCH_ROUNDS];
            for (int i = 0; i < SEARCH_ROUNDS; i++) {
                long t0 = System.nanoTime();
                a.search(new SearchQuery(word, null, null, null, null, null, null, SearchQuery.Sort.RELEVANCE, 0, 20));
                s[i] = (System.nanoTime() - t0) / 1e6;
            }
            Arrays.sort(s);
            grepTimes.add(BenchmarkFigures.percentile(g, 50));
            archiveTimes.add(BenchmarkFigures.percentile(s, 50));
            out("  %-14s grep %8.1f ms   archive %6.2f ms   archive is %5.0fx faster", word, BenchmarkFigures.percentile(g, 50), BenchmarkFigures.percentile(s, 50),
                    BenchmarkFigures.percentile(g, 50) / BenchmarkFigures.percentile(s, 50));
        }
        double gm = median(grepTimes);
        double am = median(archiveTimes);
        out("  median: grep %.1f ms, archive %.2f ms: %.0fx", gm, am, gm / am);
        return am;
    }

    private static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return BenchmarkFigures.percentile(a, 50);
    }

    private static void runGrep(String word, Path dir) throws Exception {
        Process p = new ProcessBuilder("grep", "-r", "-i", "-l", word, dir.toString()) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("grep timed out"); //$NON-NLS-1$
        }
    }

    // ---- plumbing -------------------------------------------------------------------------

    private static long peakHeapMiB() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }

    private static String cpu() {
        try (Stream<String> lines = Files.lines(Paths.get("/proc/cpuinfo"))) { //$NON-NLS-1$
            return lines.filter(l -> l.startsWith("model name")).findFirst() //$NON-NLS-1$
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown CPU"); //$NON-NLS-1$
        } catch (IOException e) {
            return "unknown CPU"; //$NON-NLS-1$
        }
    }

    private static long size(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return 0;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}

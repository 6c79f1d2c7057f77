package maraude.solr.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.solr.util.SSLTestConfig;

import maraude.archive.LuceneArchive;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.SearchQuery;
import maraude.core.archive.TeamZone;
import maraude.core.demo.DemoGenerator;
import maraude.core.demo.GeneratedConversation;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.ReadingSettings;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStateStore;
import maraude.solr.TeamCluster;
import maraude.solr.client.TeamArchives;
import maraude.testsupport.BenchmarkFigures;

/**
 * {@code ./bench team [MESSAGES...]}: the team archive on a local 3-node SolrCloud (nodes in this JVM:
 * TLS between every party, basic authentication and rule-based authorisation, index and update logs
 * encrypted, each shard on two nodes) beside the local {@link LuceneArchive}, the same generated
 * messages in the same run: import rate, search p50/p99 (the archive benchmark's query mix) and the
 * backlog as {@code maraude backlog} computes it (the triage service over the {@link Archive}
 * interface). Prints wall and process CPU time (the nodes run in this process, so the team's CPU is the
 * servers' and the client's together) and the load average of the shared machine. Not a test.
 *
 * <p>
 * System properties: {@code bench.shards} (default 3; replication factor 2 always), {@code bench.work}
 * (work folder, deleted at start), {@code bench.importOnly} (stop after the imports and re-imports),
 * {@code bench.floors} (default true: after the imports, the two floors of {@link #floors}).
 */
public final class TeamBenchmark {

    /** The archive benchmark's corpus: the demo generator with its seed and clock. */
    private static final long SEED = 20_260_301L;
    private static final ZonedDateTime CORPUS_NOW = ZonedDateTime.of(2026, 3, 18, 10, 30, 0, 0, ZoneId.of("Europe/Brussels")); //$NON-NLS-1$
    private static final int COMMIT_EVERY = 50_000;
    /** Imported into a throw-away archive and collection of each kind before measuring: the JIT's work. */
    private static final int WARMUP_MESSAGES = 5_000;
    private static final int SEARCH_WARMUP_ROUNDS = 10;
    private static final int SEARCH_ROUNDS = 30;
    /** Replicas per shard: 2 as the issue sets; {@code -Dbench.replicas=1} shows what the second copy costs. */
    private static final int REPLICAS = Integer.getInteger("bench.replicas", 2); //$NON-NLS-1$

    /** The archive benchmark's query mix (maraude.archive.bench.ArchiveBenchmark), then its filtered and sorted ones. */
    private static final String[] QUERIES = { "kit", "depistage", "mutuelle", "condooms", "préservatifs", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            "\"dépistage gratuit\"", "médec*", "préservatifs OR condooms", "gel NOT préservatifs", "0493 55 00 17", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            "+32493550017", "luna", "cpas rdv", "informații information", "🙏" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$

    private static final double TARGET_P99_MS = 100;
    private static final int TARGET_P99_AT = 1_000_000;
    private static final double TARGET_IMPORT_SHARE = 0.5;

    private static final String ADMIN_PASSWORD = "bench-admin-secret"; //$NON-NLS-1$
    private static final String WORKER_PASSWORD = "bench-worker-secret"; //$NON-NLS-1$

    private TeamBenchmark() {
    }

    private static Stream<GeneratedConversation> corpus(long n) {
        return new DemoGenerator(SEED, CORPUS_NOW).stream(n);
    }

    public static void main(String[] args) {
        int code = 0;
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            code = 1;
        }
        // the cluster's leftover non-daemon threads (ZooKeeper, Jetty) must not keep the process alive
        System.exit(code);
    }

    private static void run(String[] args) throws Exception {
        long[] sizes = args.length == 0 ? new long[] { 100_000 }
                : Arrays.stream(args).mapToLong(a -> Long.parseLong(a.replace("_", ""))).toArray(); //$NON-NLS-1$ //$NON-NLS-2$
        int shards = Integer.getInteger("bench.shards", 3); //$NON-NLS-1$
        Path work = Paths.get(System.getProperty("bench.work", //$NON-NLS-1$
                Paths.get(System.getProperty("java.io.tmpdir"), "maraude-team-bench").toString())); //$NON-NLS-1$ //$NON-NLS-2$
        deleteTree(work);
        Files.createDirectories(work);
        long wall0 = System.nanoTime();
        long cpu0 = cpuNanos();
        out("Maraude team archive benchmark: %s messages; 3 nodes, %d shard(s) x %d replicas, TLS + basic auth + encrypted index",
                Arrays.toString(sizes), shards, REPLICAS);
        out("machine: %d cores, Java %s, max heap %d MiB; load average at start: %.1f", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.version"), Runtime.getRuntime().maxMemory() >> 20, load()); //$NON-NLS-1$

        long t0 = System.nanoTime();
        List<String> verdicts = new ArrayList<>();
        try (TeamCluster cluster = TeamCluster.startTls(work.resolve("solr"), 3, //$NON-NLS-1$
                TeamCluster.adminAndWorker(ADMIN_PASSWORD, WORKER_PASSWORD))) {
            SSLTestConfig ssl = cluster.ssl();
            String base = "solr+https://localhost:" + cluster.cluster().getJettySolrRunner(0).getLocalPort() + "/"; //$NON-NLS-1$ //$NON-NLS-2$
            out("cluster started in %.1f s", (System.nanoTime() - t0) / 1e9);
            uploadStockConfigset(cluster, work);
            Sides warm = new Sides(cluster, base, "warm", shards, work, ssl); //$NON-NLS-1$
            long w = Math.min(WARMUP_MESSAGES, sizes[0]);
            try (Archive local = warm.local(); Archive team = warm.team()) {
                importInto(local, w);
                importInto(team, w);
                searchFigures(local, team, 3, 0, false);
            }
            out("warm-up: %,d messages into a throw-away archive and collection, a few searches", w);
            for (long n : sizes) {
                verdicts.addAll(run(new Sides(cluster, base, "m" + n, shards, work, ssl), n)); //$NON-NLS-1$
            }
        }
        out("");
        out("targets (#18):");
        verdicts.forEach(v -> out("  %s", v)); //$NON-NLS-1$
        out("whole run: wall %.0f s, process CPU %.0f s; load average at end: %.1f", (System.nanoTime() - wall0) / 1e9,
                (cpuNanos() - cpu0) / 1e9, load());
    }

    /** The local archive and the team collection for one size, with their side-file folders. */
    private record Sides(TeamCluster cluster, String base, String name, int shards, Path work, SSLTestConfig ssl) {

        Archive local() {
            return LuceneArchive.open(work.resolve("local-" + name), AccessMode.READ_WRITE); //$NON-NLS-1$
        }

        /**
         * A new collection, opened as the product opens it: its address, a worker's credentials, trusting
         * the cluster's certificate.
         */
        Archive team() throws Exception {
            cluster.createCollection(name, shards, REPLICAS, "admin", ADMIN_PASSWORD); //$NON-NLS-1$
            Path side = Files.createDirectories(work.resolve("team-" + name)); //$NON-NLS-1$
            return TeamArchives.open(base + name, "worker", WORKER_PASSWORD, ssl.buildClientSSLContext(), side, //$NON-NLS-1$
                    AccessMode.READ_WRITE);
        }

        /** A collection of the same shape with {@link #uploadStockConfigset the stock configset}, opened as {@link #team}. */
        Archive stockTeam() throws Exception {
            String stock = name + "-stock"; //$NON-NLS-1$
            var create = maraude.solr.server.TeamServer.createTeamCollection(stock, STOCK_CONFIG, shards, REPLICAS);
            create.setBasicAuthCredentials("admin", ADMIN_PASSWORD); //$NON-NLS-1$
            create.process(cluster.cluster().getSolrClient());
            cluster.cluster().waitForActiveCollection(stock, 60, java.util.concurrent.TimeUnit.SECONDS, shards, shards * REPLICAS);
            Path side = Files.createDirectories(work.resolve("team-" + stock)); //$NON-NLS-1$
            return TeamArchives.open(base + stock, "worker", WORKER_PASSWORD, ssl.buildClientSSLContext(), side, //$NON-NLS-1$
                    AccessMode.READ_WRITE);
        }

        /** The same collection through a new client, as another worker opens it. */
        Archive reopenTeam() throws Exception {
            Path side = Files.createDirectories(work.resolve("team-" + name + "-again")); //$NON-NLS-1$ //$NON-NLS-2$
            return TeamArchives.open(base + name, "worker", WORKER_PASSWORD, ssl.buildClientSSLContext(), side, //$NON-NLS-1$
                    AccessMode.READ_WRITE);
        }
    }

    private static List<String> run(Sides s, long n) throws Exception {
        out("");
        out("==== %,d messages (load average %.1f) ====", n, load());
        String[] verdicts = new String[2];
        try (Archive local = s.local(); Archive team = s.team()) {
            Figures l = importInto(local, n);
            out("import, local LuceneArchive:  %,8.0f messages/s  (wall %.1f s, process CPU %.1f s)", l.rate(n), l.wallS(), l.cpuS());
            Figures t = importInto(team, n);
            out("import, team archive (Solr):  %,8.0f messages/s  (wall %.1f s, process CPU %.1f s, servers included)", t.rate(n),
                    t.wallS(), t.cpuS());
            double share = t.rate(n) / l.rate(n);
            out("  team = %.0f%% of local (load average now %.1f)", 100 * share, load());
            verdicts[0] = String.format(Locale.ROOT, "%,d messages: team import %.0f%% of the local rate, target >= %.0f%%: %s", //$NON-NLS-1$
                    n, 100 * share, 100 * TARGET_IMPORT_SHARE, share >= TARGET_IMPORT_SHARE ? "met" : "NOT met"); //$NON-NLS-1$ //$NON-NLS-2$
            if (Boolean.parseBoolean(System.getProperty("bench.floors", "true"))) { //$NON-NLS-1$ //$NON-NLS-2$
                verdicts[0] += floors(s, n, l);
            }
            long messages = team.stats().messages();
            if (messages != local.stats().messages()) {
                out("  !! message counts differ: local %,d, team %,d", local.stats().messages(), messages);
            }
            // everything already there: the local archive in the same session, the team's through a new
            // client (another worker's machine: nothing of the first session's known ids)
            Figures lr = importInto(local, n);
            Figures tr;
            try (Archive again = s.reopenTeam()) {
                tr = importInto(again, n);
            }
            out("re-import (everything there), local: %,8.0f messages/s  (wall %.1f s, CPU %.1f s, %,d added)%s", lr.rate(n),
                    lr.wallS(), lr.cpuS(), lr.added, lr.added == 0 ? "" : " !! expected 0"); //$NON-NLS-1$
            out("re-import, team (a new client):   %,8.0f messages/s  (wall %.1f s, CPU %.1f s, %,d added)%s", tr.rate(n),
                    tr.wallS(), tr.cpuS(), tr.added, tr.added == 0 ? "" : " !! expected 0"); //$NON-NLS-1$
            if (Boolean.getBoolean("bench.importOnly")) { //$NON-NLS-1$
                return List.of(verdicts[0]);
            }

            double p99 = searchFigures(local, team, SEARCH_ROUNDS, SEARCH_WARMUP_ROUNDS, true);
            verdicts[1] = String.format(Locale.ROOT, "%,d messages: team search p99 %.1f ms, target < %.0f ms at %,d: %s", n, p99, //$NON-NLS-1$
                    TARGET_P99_MS, TARGET_P99_AT, n == TARGET_P99_AT ? (p99 < TARGET_P99_MS ? "met" : "NOT met") //$NON-NLS-1$ //$NON-NLS-2$
                            : (p99 < TARGET_P99_MS ? "under it already here" : "over it already here") //$NON-NLS-1$ //$NON-NLS-2$
                                    + " (indicative: the target is set at 1,000,000)"); //$NON-NLS-1$

            out("");
            out("backlog as `maraude backlog` computes it (summaries, triage state, reading of the waiting threads):");
            Instant now = CORPUS_NOW.toInstant();
            for (String run : List.of("first run (no kept readings)", "second run (readings kept)")) { //$NON-NLS-1$ //$NON-NLS-2$
                Figures lb = new Figures();
                PermanenceQueue lq = triage(local).queue(now);
                lb.stop();
                Figures tb = new Figures();
                PermanenceQueue tq = triage(team).queue(now);
                tb.stop();
                out("  %-36s local %,8.0f ms (CPU %,.0f ms)   team %,8.0f ms (CPU %,.0f ms)   %,d conversations waiting%s", run,
                        lb.wallS() * 1e3, lb.cpuS() * 1e3, tb.wallS() * 1e3, tb.cpuS() * 1e3, tq.size(),
                        lq.size() != tq.size() ? String.format(Locale.ROOT, " !! local has %,d", lq.size()) //$NON-NLS-1$
                                : lq.items().equals(tq.items()) ? ", the same items (readings included) on both" : " !! the items differ"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            summaryFigures(local, team);
        }
        return List.of(verdicts);
    }

    /**
     * {@code summaries()} alone, local and team alternating, 5 calls each (the local archive keeps its
     * fold per commit, each shard its own per searcher: the first call is the fold, the next ones the
     * answer's way to the caller); and whether both give the same summaries.
     */
    private static void summaryFigures(Archive local, Archive team) {
        int calls = 5;
        double[] l = new double[calls];
        double[] t = new double[calls];
        List<maraude.core.archive.ConversationSummary> ls = null;
        List<maraude.core.archive.ConversationSummary> ts = null;
        for (int i = 0; i < calls; i++) {
            long t0 = System.nanoTime();
            ls = local.summaries();
            long t1 = System.nanoTime();
            ts = team.summaries();
            long t2 = System.nanoTime();
            l[i] = (t1 - t0) / 1e6;
            t[i] = (t2 - t1) / 1e6;
        }
        double[] lr = Arrays.copyOfRange(l, 1, calls);
        double[] tr = Arrays.copyOfRange(t, 1, calls);
        Arrays.sort(lr);
        Arrays.sort(tr);
        out("summaries(), %,d conversations: first call local %,.0f ms, team %,.0f ms; next %d calls, median: local %,.0f ms, team %,.0f ms%s",
                ts.size(), l[0], t[0], calls - 1, BenchmarkFigures.percentile(lr, 50), BenchmarkFigures.percentile(tr, 50),
                ls.equals(ts) ? "; the same summaries on both" : " !! the summaries differ"); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /** The triage facade as the CLI's commands build it (maraude.cli.commands.Triages). */
    private static TriageService triage(Archive a) {
        return new TriageService(a, TriageStateStore.open(a.files()), TriagePolicy.defaults(), TeamZone.of(a.files()),
                ReadingSettings.load(a.files()));
    }

    // ---- import ---------------------------------------------------------------------------

    /** Wall and process CPU time from construction to {@link #stop()}. */
    private static final class Figures {
        private final long wall0 = System.nanoTime();
        private final long cpu0 = cpuNanos();
        private long wall;
        private long cpu;
        /** Messages the archive took as new (an import's count). */
        long added;

        Figures stop() {
            wall = System.nanoTime() - wall0;
            cpu = cpuNanos() - cpu0;
            return this;
        }

        double wallS() {
            return wall / 1e9;
        }

        double cpuS() {
            return cpu / 1e9;
        }

        double rate(long n) {
            return n / wallS();
        }
    }

    /** As an import of exports brings them: contact, conversation, its messages; a commit every 50,000. */
    private static Figures importInto(Archive a, long n) {
        return importInto(List.of(a), n);
    }

    /** The same messages into each archive in turn, message by message (one import writing several copies). */
    private static Figures importInto(List<Archive> archives, long n) {
        Figures f = new Figures();
        long[] count = { 0 };
        corpus(n).forEach(g -> {
            for (Archive a : archives) {
                a.putContact(g.contact());
                a.putConversation(g.conversation());
            }
            for (Message m : g.messages()) {
                for (Archive a : archives) {
                    if (a.addMessage(m) && a == archives.get(0)) {
                        f.added++;
                    }
                }
                if (++count[0] % COMMIT_EVERY == 0) {
                    archives.forEach(Archive::commit);
                }
            }
        });
        archives.forEach(Archive::commit);
        return f.stop();
    }

    // ---- floors ---------------------------------------------------------------------------

    /** The configset of {@link #floors}' stock collection, uploaded once. */
    private static final String STOCK_CONFIG = "stock"; //$NON-NLS-1$

    /**
     * What no team archive on this machine can beat, measured in the same run, to tell the cost of Solr
     * and of a second copy from the cost of this project's code:
     * <ol>
     * <li><b>two local archives</b>: the same messages into two {@link LuceneArchive}s, message by
     * message: a second copy with no engine, no network, no update log (the replication factor's cost
     * alone);</li>
     * <li><b>stock Solr</b>: the same client and documents into a collection of the same cluster (TLS,
     * authentication, 2 copies of each shard, as the issue sets) whose configset is the team's with
     * Solr's own parts where the plugin adds its own: Solr's standard analyser instead of the archive's,
     * its default directory instead of the encrypting one, its plain update log instead of the encrypted
     * one.</li>
     * </ol>
     * Returns the verdict's addition: the floors' shares of the local rate.
     */
    private static String floors(Sides s, long n, Figures local) throws Exception {
        Figures twice;
        try (Archive a = LuceneArchive.open(s.work().resolve("twice-a-" + s.name()), AccessMode.READ_WRITE); //$NON-NLS-1$
                Archive b = LuceneArchive.open(s.work().resolve("twice-b-" + s.name()), AccessMode.READ_WRITE)) { //$NON-NLS-1$
            twice = importInto(List.of(a, b), n);
        }
        out("floor 1, two local archives (each message into both): %,8.0f messages/s  (wall %.1f s, CPU %.1f s) = %.0f%% of local",
                twice.rate(n), twice.wallS(), twice.cpuS(), 100 * twice.rate(n) / local.rate(n));
        Figures stock;
        try (Archive team = s.stockTeam()) {
            stock = importInto(team, n);
        }
        out("floor 2, stock Solr (Solr's analyser, directory and update log): %,8.0f messages/s  (wall %.1f s, CPU %.1f s) = %.0f%% of local",
                stock.rate(n), stock.wallS(), stock.cpuS(), 100 * stock.rate(n) / local.rate(n));
        return String.format(Locale.ROOT, " (floors: two local archives %.0f%%, stock Solr %.0f%%)", //$NON-NLS-1$
                100 * twice.rate(n) / local.rate(n), 100 * stock.rate(n) / local.rate(n));
    }

    /**
     * The team's configset with Solr's own analyser, directory and update log: the analysers' classes
     * replaced in the schema, the directory factory's element removed and the update log's class
     * replaced in solrconfig.xml. Fails when the team's configset no longer has what is replaced.
     */
    private static void uploadStockConfigset(TeamCluster cluster, Path work) throws Exception {
        Path dir = Files.createDirectories(work.resolve("configset-stock")); //$NON-NLS-1$
        Path team = TeamCluster.configset();
        String schema = Files.readString(team.resolve("managed-schema.xml")); //$NON-NLS-1$
        String standard = "<analyzer><tokenizer class=\"solr.StandardTokenizerFactory\"/><filter class=\"solr.LowerCaseFilterFactory\"/></analyzer>"; //$NON-NLS-1$
        String stockSchema = schema.replaceAll("<analyzer class=\"maraude\\.archive\\.analysis\\.\\w+\"/>", standard); //$NON-NLS-1$
        String config = Files.readString(team.resolve("solrconfig.xml")); //$NON-NLS-1$
        String stockConfig = config.replaceAll("(?s)<directoryFactory .*?</directoryFactory>", "") //$NON-NLS-1$ //$NON-NLS-2$
                .replaceAll("<updateLog class=\"[^\"]*\">", "<updateLog class=\"solr.UpdateLog\">"); //$NON-NLS-1$ //$NON-NLS-2$
        if (stockSchema.equals(schema) || stockSchema.contains("maraude.archive.analysis") || stockConfig.contains("<directoryFactory") || !stockConfig.contains("solr.UpdateLog")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            throw new IllegalStateException("the team's configset changed: the stock floor no longer applies"); //$NON-NLS-1$
        }
        Files.writeString(dir.resolve("managed-schema.xml"), stockSchema); //$NON-NLS-1$
        Files.writeString(dir.resolve("solrconfig.xml"), stockConfig); //$NON-NLS-1$
        cluster.cluster().uploadConfigSet(dir, STOCK_CONFIG);
    }

    // ---- search ---------------------------------------------------------------------------

    /** The mix, local and team alternating query by query (a shared machine's load drifts); the team's p99. */
    private static double searchFigures(Archive local, Archive team, int rounds, int warmup, boolean print) {
        List<SearchQuery> mix = new ArrayList<>();
        for (String q : QUERIES) {
            mix.add(new SearchQuery(q, null, null, null, null, null, null, SearchQuery.Sort.RELEVANCE, 0, 20));
        }
        Instant from = CORPUS_NOW.minusWeeks(3).toInstant();
        Instant to = CORPUS_NOW.toInstant();
        mix.add(new SearchQuery("préservatifs", Set.of(Platform.WHATSAPP, Platform.SMS), null, null, null, from, to, //$NON-NLS-1$
                SearchQuery.Sort.NEWEST, 0, 20));
        mix.add(new SearchQuery("", null, null, null, DemoGenerator.WORKERS.get(0).id(), null, null, SearchQuery.Sort.NEWEST, 0, 20)); //$NON-NLS-1$
        mix.add(new SearchQuery("gel", null, null, null, null, null, null, SearchQuery.Sort.OLDEST, 200, 20)); //$NON-NLS-1$

        int q = mix.size();
        double[][] lt = new double[q][rounds];
        double[][] tt = new double[q][rounds];
        long[] lh = new long[q];
        long[] th = new long[q];
        for (int round = 0; round < warmup + rounds; round++) {
            for (int i = 0; i < q; i++) {
                long t0 = System.nanoTime();
                lh[i] = local.search(mix.get(i)).totalHits();
                long t1 = System.nanoTime();
                th[i] = team.search(mix.get(i)).totalHits();
                long t2 = System.nanoTime();
                if (round >= warmup) {
                    lt[i][round - warmup] = (t1 - t0) / 1e6;
                    tt[i][round - warmup] = (t2 - t1) / 1e6;
                }
            }
        }
        double[] allL = Arrays.stream(lt).flatMapToDouble(Arrays::stream).sorted().toArray();
        double[] allT = Arrays.stream(tt).flatMapToDouble(Arrays::stream).sorted().toArray();
        if (print) {
            out("");
            out("search with 20 snippets and facets, %d rounds over %d queries (after %d warm-up rounds):", rounds, q, warmup);
            out("  %-44s %9s   %-22s %-22s", "query", "hits", "local p50 / p99 ms", "team p50 / p99 ms"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            for (int i = 0; i < q; i++) {
                Arrays.sort(lt[i]);
                Arrays.sort(tt[i]);
                out("  %-44s %,9d   %7.2f / %7.2f      %7.2f / %7.2f%s", BenchmarkFigures.label(mix.get(i)), th[i], BenchmarkFigures.percentile(lt[i], 50), BenchmarkFigures.percentile(lt[i], 99),
                        BenchmarkFigures.percentile(tt[i], 50), BenchmarkFigures.percentile(tt[i], 99), lh[i] == th[i] ? "" : String.format(Locale.ROOT, "   !! local %,d hits", lh[i])); //$NON-NLS-1$
            }
            out("  ALL local: p50 %.2f ms, p99 %.2f ms, max %.2f ms", BenchmarkFigures.percentile(allL, 50), BenchmarkFigures.percentile(allL, 99), allL[allL.length - 1]);
            out("  ALL team:  p50 %.2f ms, p99 %.2f ms, max %.2f ms", BenchmarkFigures.percentile(allT, 50), BenchmarkFigures.percentile(allT, 99), allT[allT.length - 1]);
        }
        return BenchmarkFigures.percentile(allT, 99);
    }

    // ---- plumbing -------------------------------------------------------------------------

    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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

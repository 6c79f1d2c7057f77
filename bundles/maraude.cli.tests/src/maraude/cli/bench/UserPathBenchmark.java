package maraude.cli.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * {@code ./bench user-path [WORKDIR [ROUNDS [ui]]]} ({@code ui}: the workbench's first screen only): what a person or a script waits for, measured as whole
 * processes (JVM start included) of {@code ./maraude}, each beside a same-run baseline: {@code --help}
 * and {@code info} beside {@code java -version}, a five-word {@code search} over 200,000 messages beside
 * {@code grep -r -i -l} over the same exports, {@code backlog}, and the import of 1,000 export files
 * into an empty archive and its re-import beside {@code cat} of the same files, and the workbench's
 * time from {@code ./maraude ui} to a drawn queue on the demo archive (under an X server). Medians
 * of ROUNDS runs (default 5; 3 for the imports). Not a test: run on demand on the built product.
 */
public final class UserPathBenchmark {

    private static final int FILES = 1_000;
    private static final int PER_FILE = 200;
    private static final String SEARCH = "préservatif gel demain test rdv"; //$NON-NLS-1$
    private static final String[] GREP_WORDS = { "préservatif", "gel", "demain", "test", "rdv" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$

    private static final String[] PHRASES = { "slt c koi le num pour le test", "Bonjour, on passe demain avec des préservatifs et du gel", //$NON-NLS-1$ //$NON-NLS-2$
            "t dispo ce soir ?", "merci bcp pour le gel 🙏", "Le dépistage est gratuit et anonyme", "ok pour le rdv demain 14h", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            "jai plus de capotes stp", "Hallo, we hebben gratis condooms en glijmiddel", "wanneer is de test ?", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            "Hi, we can bring condoms tomorrow if you want", "is the test free??", "Hola necesito preservativos por favor", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            "Olá, preciso de ajuda com os documentos", "Bună, am nevoie de informații despre testare", "❤️❤️", "daccord a demain", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            "On peut se voir au local de la rue Haute, préservatif et gel gratuits, test rapide si tu veux, rdv demain ?", //$NON-NLS-1$
            "jsuis a anderlecht", "tu peux mappeler ?", "pas de soucis", "cest combien le test hépatite" }; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$

    private UserPathBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Paths.get(System.getProperty("maraude.home", ".")).toAbsolutePath(); //$NON-NLS-1$ //$NON-NLS-2$
        Path work = Paths.get(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/maraude-user-path"); //$NON-NLS-1$ //$NON-NLS-2$
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        String maraude = home.resolve("maraude").toString(); //$NON-NLS-1$
        if (args.length > 2 && args[2].equals("ui")) { //$NON-NLS-1$
            // only the workbench's first screen: ./bench user-path WORKDIR ROUNDS ui
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            double jv = median(rounds, () -> run(List.of(java, "-version"))); //$NON-NLS-1$
            printFirstScreen(firstScreen(maraude, work, rounds), jv);
            out("load average at the end: %s", loadAverage()); //$NON-NLS-1$
            return;
        }
        Path exports = work.resolve("exports"); //$NON-NLS-1$
        long messages = corpus(exports);
        out("user path: whole processes on this machine (%s), medians of %d runs (imports: %d)", cpu(), rounds, //$NON-NLS-1$
                Math.min(rounds, 3));
        out("corpus: %,d WhatsApp exports, %,d messages, %,d bytes", FILES, messages, size(exports)); //$NON-NLS-1$
        Path archive = work.resolve("archive"); //$NON-NLS-1$
        String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        double jv = median(rounds, () -> run(List.of(java, "-version"))); //$NON-NLS-1$
        double jvCpu = cpuMedian;
        List<String> files = listFiles(exports);
        List<String> cat = new ArrayList<>(List.of("cat")); //$NON-NLS-1$
        cat.addAll(files);
        double catTime = median(rounds, () -> run(cat));

        int importRounds = Math.min(rounds, 3);
        double[] imp = new double[importRounds];
        double[] impCpu = new double[importRounds];
        for (int i = 0; i < importRounds; i++) {
            deleteTree(archive);
            imp[i] = run(List.of(maraude, "--archive", archive.toString(), "import", exports.toString())); //$NON-NLS-1$ //$NON-NLS-2$
            impCpu[i] = lastCpu;
        }
        double importTime = median(imp);
        double importCpu = median(impCpu);
        double reimport = median(importRounds,
                () -> run(List.of(maraude, "--archive", archive.toString(), "import", exports.toString()))); //$NON-NLS-1$ //$NON-NLS-2$
        double reimportCpu = cpuMedian;

        // the first run of each read command writes its class-data sharing archive: not a timed run
        run(List.of(maraude, "--archive", archive.toString(), "info")); //$NON-NLS-1$ //$NON-NLS-2$
        run(List.of(maraude, "--archive", archive.toString(), "search", SEARCH)); //$NON-NLS-1$ //$NON-NLS-2$
        // the first backlog after the import reads every waiting thread and keeps the readings: timed apart
        double firstBacklog = run(List.of(maraude, "--archive", archive.toString(), "backlog")); //$NON-NLS-1$ //$NON-NLS-2$
        double firstBacklogCpu = lastCpu;
        double help = median(rounds, () -> run(List.of(maraude, "--help"))); //$NON-NLS-1$
        double helpCpu = cpuMedian;
        double info = median(rounds, () -> run(List.of(maraude, "--archive", archive.toString(), "info"))); //$NON-NLS-1$ //$NON-NLS-2$
        double infoCpu = cpuMedian;
        double search = median(rounds, () -> run(List.of(maraude, "--archive", archive.toString(), "search", SEARCH))); //$NON-NLS-1$ //$NON-NLS-2$
        double searchCpu = cpuMedian;
        double backlog = median(rounds, () -> run(List.of(maraude, "--archive", archive.toString(), "backlog"))); //$NON-NLS-1$ //$NON-NLS-2$
        double backlogCpu = cpuMedian;
        double[] greps = new double[GREP_WORDS.length];
        for (int w = 0; w < GREP_WORDS.length; w++) {
            String word = GREP_WORDS[w];
            greps[w] = median(rounds, () -> run(List.of("grep", "-r", "-i", "-l", word, exports.toString()), 1)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        }
        double grep = median(greps);

        // the workbench's first screen on the demo archive (needs an X server: xvfb-run ./bench user-path)
        double[] screen = firstScreen(maraude, work, rounds);

        out(""); //$NON-NLS-1$
        out("%-30s %9s %9s   %s", "whole process", "wall", "cpu", "target (wall) / baseline (same run)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        out("%-30s %8.3fs %8.3fs   <= 0.6 s; java -version %.3f s (cpu %.3f s)", "./maraude --help", help, helpCpu, jv, jvCpu); //$NON-NLS-1$ //$NON-NLS-2$
        out("%-30s %8.3fs %8.3fs   <= 0.6 s", "./maraude info", info, infoCpu); //$NON-NLS-1$ //$NON-NLS-2$
        out("%-30s %8.3fs %8.3fs   <= 0.8 s; grep -r -i -l one word %.3f s (%.0fx)", "./maraude search (5 words)", search, //$NON-NLS-1$ //$NON-NLS-2$
                searchCpu, grep, search / grep);
        out("%-30s %8.3fs %8.3fs   <= 1 s", "./maraude backlog", backlog, backlogCpu); //$NON-NLS-1$ //$NON-NLS-2$
        out("%-30s %8.3fs %8.3fs   once after an import: reads each waiting thread (and writes its class archive)", //$NON-NLS-1$
                "./maraude backlog (first)", firstBacklog, firstBacklogCpu); //$NON-NLS-1$
        out("%-30s %8.3fs %8.3fs   %,.0f messages/s (>= 25,000); cat of the files %.3f s", "./maraude import (empty)", //$NON-NLS-1$ //$NON-NLS-2$
                importTime, importCpu, messages / importTime, catTime);
        out("%-30s %8.3fs %8.3fs   %,.0f messages/s (>= 100,000)", "./maraude import (again)", reimport, reimportCpu, //$NON-NLS-1$ //$NON-NLS-2$
                messages / reimport);
        printFirstScreen(screen, jv);
        out("load average at the end: %s", loadAverage()); //$NON-NLS-1$
    }

    // ---- the workbench's first screen ------------------------------------------------------

    /**
     * {@code ./maraude --archive DEMO ui} until the queue's first rows are painted, as the workbench's
     * diagnostics probe records it ({@code -Dmaraude.probe.firstScreen}, passed through
     * {@code JAVA_TOOL_OPTIONS} since the launcher takes no JVM option), then the window is closed.
     * The demo archive is made once and one start is not timed (it lays out the persisted state, as
     * a worker's first day does). Medians of seconds from the launch: queue drawn, archive open, and
     * the JVM's own start to the queue; null without an X server.
     */
    private static double[] firstScreen(String maraude, Path work, int rounds) throws Exception {
        if (System.getenv("DISPLAY") == null) { //$NON-NLS-1$
            return null;
        }
        Path demo = work.resolve("demo"); //$NON-NLS-1$
        Path state = work.resolve("workbench-state"); //$NON-NLS-1$
        if (!Files.isDirectory(demo.resolve("index"))) { //$NON-NLS-1$
            run(List.of(maraude, "--archive", demo.toString(), "demo", "--no-ui")); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        startUntilQueue(maraude, demo, state);
        double[] queue = new double[rounds];
        double[] archive = new double[rounds];
        double[] jvm = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            double[] r = startUntilQueue(maraude, demo, state);
            queue[i] = r[0];
            archive[i] = r[1];
            jvm[i] = r[2];
        }
        return new double[] { median(queue), median(archive), median(jvm) };
    }

    private static void printFirstScreen(double[] screen, double jv) {
        if (screen == null) {
            out("%-30s %9s %9s   no X server (DISPLAY): run under xvfb-run", "./maraude ui -> queue drawn", "-", "-"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        } else {
            out("%-30s %8.3fs %9s   <= 3 s; archive open at %.3f s; JVM start to queue %.3f s; java -version %.3f s", //$NON-NLS-1$
                    "./maraude ui -> queue drawn", screen[0], "-", screen[1], screen[2], jv); //$NON-NLS-1$ //$NON-NLS-2$
        }
    }

    private static double[] startUntilQueue(String maraude, Path demo, Path state) throws Exception {
        Path probe = Files.createTempFile("first-screen", ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
        Files.delete(probe);
        ProcessBuilder pb = new ProcessBuilder(maraude, "--archive", demo.toString(), "ui") //$NON-NLS-1$ //$NON-NLS-2$
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("XDG_STATE_HOME", state.toString()); //$NON-NLS-1$
        pb.environment().put("JAVA_TOOL_OPTIONS", "-Dmaraude.probe.firstScreen=" + probe + " -Dmaraude.askWorker=false"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        long t0 = System.currentTimeMillis();
        Process p = pb.start();
        try {
            long deadline = t0 + 120_000;
            while (System.currentTimeMillis() < deadline) {
                if (Files.exists(probe)) {
                    double[] steps = steps(Files.readAllLines(probe), t0);
                    if (steps != null) {
                        return steps;
                    }
                }
                if (!p.isAlive()) {
                    throw new IllegalStateException("the workbench exited " + p.exitValue() + " before drawing its queue"); //$NON-NLS-1$ //$NON-NLS-2$
                }
                Thread.sleep(20);
            }
            throw new IllegalStateException("no queue drawn within 120 s"); //$NON-NLS-1$
        } finally {
            p.descendants().forEach(ProcessHandle::destroy);
            p.destroy();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
            }
            Files.deleteIfExists(probe);
        }
    }

    /** Seconds from the launch to the queue and to the archive, and from the JVM's start to the queue. */
    private static double[] steps(List<String> lines, long t0) {
        double queue = -1;
        double archive = -1;
        double jvm = -1;
        for (String l : lines) {
            String[] f = l.trim().split(" "); //$NON-NLS-1$
            if (f.length == 3 && f[0].equals("queue-drawn")) { //$NON-NLS-1$
                queue = (Long.parseLong(f[1]) - t0) / 1000.0;
                jvm = Long.parseLong(f[2]) / 1000.0;
            } else if (f.length == 3 && f[0].equals("archive-open")) { //$NON-NLS-1$
                archive = (Long.parseLong(f[1]) - t0) / 1000.0;
            }
        }
        return queue < 0 ? null : new double[] { queue, archive, jvm };
    }

    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).trim(); //$NON-NLS-1$
        } catch (IOException e) {
            return "?"; //$NON-NLS-1$
        }
    }

    // ---- corpus -----------------------------------------------------------------------------

    /** 1,000 WhatsApp exports of 200 messages (deterministic); kept between runs. */
    private static long corpus(Path exports) throws IOException {
        long total = (long) FILES * PER_FILE;
        if (Files.isDirectory(exports) && listFiles(exports).size() == FILES) {
            return total;
        }
        deleteTree(exports);
        Files.createDirectories(exports);
        Random r = new Random(20261206L);
        DateTimeFormatter f = DateTimeFormatter.ofPattern("dd/MM/yyyy, HH:mm", Locale.ROOT); //$NON-NLS-1$
        for (int file = 0; file < FILES; file++) {
            String name = "Personne " + file; //$NON-NLS-1$
            ZonedDateTime when = ZonedDateTime.of(2025, 1, 1, 8, 0, 0, 0, ZoneId.of("Europe/Brussels")) //$NON-NLS-1$
                    .plusMinutes(r.nextInt(60 * 24 * 300));
            try (BufferedWriter w = Files.newBufferedWriter(exports.resolve("WhatsApp Chat with " + name + ".txt"), //$NON-NLS-1$ //$NON-NLS-2$
                    StandardCharsets.UTF_8)) {
                for (int i = 0; i < PER_FILE; i++) {
                    when = when.plusMinutes(1 + r.nextInt(600));
                    String author = r.nextBoolean() ? name : "Équipe"; //$NON-NLS-1$
                    String text = PHRASES[r.nextInt(PHRASES.length)] + (r.nextInt(4) == 0 ? " " + r.nextInt(1000) : ""); //$NON-NLS-1$ //$NON-NLS-2$
                    w.write(f.format(when) + " - " + author + ": " + text + "\n"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                }
            }
        }
        return total;
    }

    // ---- processes --------------------------------------------------------------------------

    private interface Timed {
        double run() throws Exception;
    }

    private static double median(int rounds, Timed t) throws Exception {
        double[] v = new double[rounds];
        double[] cpu = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            v[i] = t.run();
            cpu[i] = lastCpu;
        }
        cpuMedian = median(cpu);
        return median(v);
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Wall seconds of a whole process; fails unless it exits 0. */
    private static double run(List<String> cmd) throws Exception {
        return run(cmd, 0);
    }

    private static double run(List<String> cmd, int alsoAccepted) throws Exception {
        List<String> timed = new ArrayList<>(cmd);
        Path cpuFile = null;
        if (Files.isExecutable(Paths.get(TIME))) {
            // CPU time too (user + system, children included): on a shared machine wall times drift
            cpuFile = Files.createTempFile("user-path", ".cpu"); //$NON-NLS-1$ //$NON-NLS-2$
            timed.addAll(0, List.of(TIME, "-f", "%U %S", "-o", cpuFile.toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder(timed).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        int code = p.waitFor();
        double s = (System.nanoTime() - t0) / 1e9;
        if (code != 0 && code != alsoAccepted) {
            throw new IllegalStateException(cmd.get(0) + " " + cmd.subList(1, Math.min(cmd.size(), 4)) + " exited " + code); //$NON-NLS-1$ //$NON-NLS-2$
        }
        if (cpuFile != null) {
            String[] f = Files.readString(cpuFile).trim().split("\\s+"); //$NON-NLS-1$
            Files.deleteIfExists(cpuFile);
            lastCpu = Double.parseDouble(f[f.length - 2]) + Double.parseDouble(f[f.length - 1]);
        }
        return s;
    }

    private static final String TIME = "/usr/bin/time"; //$NON-NLS-1$
    /** CPU seconds of the last process run, and the median CPU of the last {@link #median(int, Timed)}. */
    private static double lastCpu = Double.NaN;
    private static double cpuMedian = Double.NaN;

    private static List<String> listFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::toString).sorted().toList();
        }
    }

    private static long size(Path dir) throws IOException {
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

    private static String cpu() {
        return Runtime.getRuntime().availableProcessors() + " cores"; //$NON-NLS-1$
    }

    private static void out(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }
}

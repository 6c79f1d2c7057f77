package maraude.cli.tests;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.cli.CliApplication;
import maraude.cli.CliCommand;
import maraude.core.archive.ArchiveFactory;

/**
 * Runs {@code ./maraude} in the test's OSGi runtime: the archive service and the commands as the
 * product finds them (DS services), with stdout and stderr captured.
 */
final class CliHarness {

    /** Exit code and what the command printed. */
    record Run(int code, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
    }

    private static ArchiveFactory factory;
    private static Map<String, CliCommand> commands;

    private CliHarness() {
    }

    static synchronized ArchiveFactory factory() throws InterruptedException {
        if (factory == null) {
            ServiceTracker<ArchiveFactory, ArchiveFactory> t = new ServiceTracker<>(context(), ArchiveFactory.class, null);
            t.open();
            factory = t.waitForService(20_000);
        }
        return factory;
    }

    /** Every command registered once {@code required} ones are (DS registers them as bundles start). */
    static synchronized Map<String, CliCommand> commands(String... required) throws InterruptedException {
        ServiceTracker<CliCommand, CliCommand> c = new ServiceTracker<>(context(), CliCommand.class, null);
        c.open();
        c.waitForService(20_000);
        Map<String, CliCommand> found = new TreeMap<>();
        long deadline = System.currentTimeMillis() + 10_000;
        do {
            for (CliCommand cmd : c.getTracked().values()) {
                found.put(cmd.name(), cmd);
            }
            if (found.keySet().containsAll(List.of(required))) {
                break;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < deadline);
        commands = found;
        return found;
    }

    /** Runs a command line (with its own --archive, if any). */
    static Run run(List<String> argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = CliApplication.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), () -> factory, commands);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * Runs {@code args} on the archive in {@code archive} with the given commands (made by the test,
     * with its own passphrase sources) and a new local archive factory.
     */
    static Run run(Map<String, CliCommand> commands, Path archive, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> argv = new java.util.ArrayList<>(List.of("--archive", archive.toString())); //$NON-NLS-1$
        argv.addAll(List.of(args));
        int code = CliApplication.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), maraude.archive.LuceneArchiveFactory::new, commands);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs {@code args} on the archive in {@code archive}. */
    static Run run(Path archive, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("--archive", archive.toString())); //$NON-NLS-1$
        argv.addAll(List.of(args));
        return run(argv);
    }

    /**
     * Runs {@code args} on the archive in {@code archive} with {@code stdin} as the standard input (what
     * a note is read from): the process's own {@code System.in} is swapped for the run.
     */
    static synchronized Run runWithInput(Path archive, byte[] stdin, String... args) {
        java.io.InputStream before = System.in;
        System.setIn(new java.io.ByteArrayInputStream(stdin));
        try {
            return run(archive, args);
        } finally {
            System.setIn(before);
        }
    }

    /** ../shared/fixtures beside the repository: real exports written by others. */
    static Path fixtures() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) { //$NON-NLS-1$
            Path candidate = p.resolve("shared/fixtures"); //$NON-NLS-1$
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("../shared/fixtures not found above " + System.getProperty("user.dir")); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static BundleContext context() {
        return FrameworkUtil.getBundle(CliApplication.class).getBundleContext();
    }
}

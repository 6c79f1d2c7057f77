package maraude.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveFactory;
import maraude.core.archive.ArchiveLocations;
import maraude.core.archive.TeamArchiveFactory;

/**
 * {@code ./maraude [--archive DIR] [--json] COMMAND [ARGS]}: the headless contract that scripts,
 * tests and benchmarks rely on. Exit codes: 0 success, 2 bad input or usage, 1 internal failure.
 * Nothing but the command's output goes to stdout; message text never goes to any log.
 */
public class CliApplication implements IApplication {

    private static final long SERVICE_WAIT_MS = 15_000;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        BundleContext bc = FrameworkUtil.getBundle(CliApplication.class).getBundleContext();
        ServiceTracker<ArchiveFactory, ArchiveFactory> archives = new ServiceTracker<>(bc, ArchiveFactory.class, null);
        ServiceTracker<CliCommand, CliCommand> commands = new ServiceTracker<>(bc, CliCommand.class, null);
        ServiceTracker<TeamArchiveFactory, TeamArchiveFactory> teams = new ServiceTracker<>(bc, TeamArchiveFactory.class,
                null);
        archives.open();
        commands.open();
        teams.open();
        try {
            return run(args == null ? List.of() : Arrays.asList(args), out, err, () -> waitFor(archives),
                    () -> teamFactories(teams), commandsByName(commands), c -> {
                        // DS hands out commands already bound
                    }, System::getenv);
        } catch (Throwable e) { // NOPMD: an exception escaping an application is logged by Equinox with the command line
            return internalError(e, err);
        } finally {
            teams.close();
            commands.close();
            archives.close();
        }
    }

    /** Supplies the archive factory lazily: commands such as --help need none. */
    public interface FactorySupplier {
        ArchiveFactory get() throws CliException;
    }

    /** Readies a command just before it runs (the plain class path binds its references then). */
    public interface Activation {
        void activate(CliCommand command) throws IOException;
    }

    /** The team archive factories installed (their schemes say which one opens an address); asked only for one. */
    public interface TeamFactories {
        List<TeamArchiveFactory> get() throws IOException;
    }

    /** The whole command line, separated from OSGi so that tests call it directly. */
    public static int run(List<String> argv, PrintStream out, PrintStream err, FactorySupplier factory,
            Map<String, CliCommand> commands) {
        return run(argv, out, err, factory, commands, c -> {
            // DS hands out commands already bound
        });
    }

    /** {@link #run(List, PrintStream, PrintStream, FactorySupplier, Map)}, {@code activation} called on the command to run. */
    public static int run(List<String> argv, PrintStream out, PrintStream err, FactorySupplier factory,
            Map<String, CliCommand> commands, Activation activation) {
        return run(argv, out, err, factory, List::of, commands, activation, System::getenv);
    }

    /**
     * The whole command line, with the team archive factories for {@code --archive solr+https://...} and
     * the environment the team credentials are read from ({@code MARAUDE_TEAM_USER},
     * {@code MARAUDE_TEAM_PASSWORD}, {@code MARAUDE_TEAM_FINGERPRINT}: never from arguments, which other
     * users of the machine see in the process list).
     */
    public static int run(List<String> argv, PrintStream out, PrintStream err, FactorySupplier factory,
            TeamFactories teams, Map<String, CliCommand> commands, Activation activation,
            Function<String, String> env) {
        List<String> args = new ArrayList<>(argv);
        try {
            Path archive = null;
            String address = null;
            boolean json = false;
            String command = null;
            while (!args.isEmpty()) {
                String a = args.get(0);
                if (a.equals("--archive") || a.startsWith("--archive=")) { //$NON-NLS-1$ //$NON-NLS-2$
                    args.remove(0);
                    String value = a.contains("=") ? a.substring(a.indexOf('=') + 1) : take(args, a); //$NON-NLS-1$
                    if (TeamArchiveFactory.schemeOf(value) != null) {
                        address = value;
                        archive = null;
                    } else {
                        address = null;
                        archive = Paths.get(value);
                    }
                } else if (a.equals("--json")) { //$NON-NLS-1$
                    args.remove(0);
                    json = true;
                } else if (a.equals("--help") || a.equals("-h") || a.equals("help")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    args.remove(0);
                    if (!args.isEmpty() && commands.containsKey(args.get(0))) {
                        out.println(commands.get(args.get(0)).usage());
                    } else {
                        printHelp(out, commands);
                    }
                    return 0;
                } else if (a.startsWith("-")) { //$NON-NLS-1$
                    throw CliException.usage("unknown option: " + a + " (see --help)"); //$NON-NLS-1$ //$NON-NLS-2$
                } else {
                    command = args.remove(0);
                    break;
                }
            }
            if (command == null) {
                printHelp(err, commands);
                return CliException.USAGE;
            }
            CliCommand cmd = commands.get(command);
            if (cmd == null) {
                throw CliException.usage("unknown command: " + command + " (see --help)"); //$NON-NLS-1$ //$NON-NLS-2$
            }
            if (args.contains("--help")) { //$NON-NLS-1$
                out.println(cmd.usage());
                return 0;
            }
            if (args.remove("--json")) { //$NON-NLS-1$
                json = true;
            }
            if (address != null) {
                return runOnTeam(address, cmd, commands, factory, teams, env, json, args, out, err, activation);
            }
            Path folder = archive != null ? archive : ArchiveLocations.defaultLocation();
            ArchiveFactory f = factory.get();
            activation.activate(cmd);
            CliInvocation inv = new CliInvocation(folder, json, args, out, err, f);
            inv.archives(named(factory, teams, env));
            return cmd.run(inv);
        } catch (CliException e) {
            err.println("maraude: " + e.getMessage()); //$NON-NLS-1$
            return e.exitCode();
        } catch (ArchiveException e) {
            err.println("maraude: " + e.getMessage()); //$NON-NLS-1$
            return switch (e.kind()) {
                case LOCKED, BAD_INPUT, NOT_WRITABLE, CORRUPT, REFUSED -> CliException.USAGE;
                case IO -> CliException.INTERNAL;
            };
        } catch (maraude.core.triage.TriageConflictException e) {
            // another worker changed the shared triage state meanwhile: nothing was written (NLS message)
            err.println("maraude: " + e.getMessage()); //$NON-NLS-1$
            return CliException.USAGE;
        } catch (Throwable e) { // NOPMD: StackOverflowError, OutOfMemoryError... exit 1 with a message, never 0
            return internalError(e, err);
        }
    }

    /**
     * Runs {@code cmd} on the team archive at {@code address}: the factory is the one whose scheme the
     * address has; this machine's side files of that archive go to {@code $MARAUDE_TEAM_DIR}, else to
     * {@code maraude-team/SERVER_PORT_COLLECTION} beside the default archive's folder.
     */
    private static int runOnTeam(String address, CliCommand cmd, Map<String, CliCommand> commands,
            FactorySupplier local, TeamFactories teams, Function<String, String> env, boolean json, List<String> args,
            PrintStream out, PrintStream err, Activation activation) throws Exception {
        if (!cmd.worksOnTeamArchive()) {
            String supported = String.join(", ", commands.values().stream().filter(CliCommand::worksOnTeamArchive) //$NON-NLS-1$
                    .map(CliCommand::name).sorted().toList());
            throw CliException.usage(cmd.name() + " needs a local archive (--archive DIR); on a team archive: " //$NON-NLS-1$
                    + supported);
        }
        activation.activate(cmd);
        CliInvocation inv = teamInvocation(address, teams, env, json, args, out, err);
        inv.archives(named(local, teams, env));
        return cmd.run(inv);
    }

    /** Opens what a command names: a folder through the archive factory, an address through the team's. */
    private static CliInvocation.Archives named(FactorySupplier local, TeamFactories teams, Function<String, String> env) {
        return (name, mode) -> {
            if (TeamArchiveFactory.schemeOf(name) == null) {
                return local.get().open(Paths.get(name), mode);
            }
            return teamInvocation(name, teams, env, false, List.of(), null, null).openArchive(mode);
        };
    }

    /** An invocation on the team archive at {@code address}, its credentials and trust from {@code env}. */
    private static CliInvocation teamInvocation(String address, TeamFactories teams, Function<String, String> env,
            boolean json, List<String> args, PrintStream out, PrintStream err) throws Exception {
        String scheme = TeamArchiveFactory.schemeOf(address);
        TeamArchiveFactory factory = null;
        for (TeamArchiveFactory f : teams.get()) {
            if (f.schemes().contains(scheme)) {
                factory = f;
                break;
            }
        }
        if (factory == null) {
            throw CliException.usage("not an archive address this installation opens: " + scheme //$NON-NLS-1$
                    + "://... (expected a folder or solr+https://HOST:PORT/COLLECTION)"); //$NON-NLS-1$
        }
        String user = blankToNull(env.apply("MARAUDE_TEAM_USER")); //$NON-NLS-1$
        String password = env.apply("MARAUDE_TEAM_PASSWORD"); //$NON-NLS-1$
        if (user != null && (password == null || password.isEmpty())) {
            throw CliException.usage("MARAUDE_TEAM_USER is set but MARAUDE_TEAM_PASSWORD is not"); //$NON-NLS-1$
        }
        TeamArchiveFactory.Login login = new TeamArchiveFactory.Login(user, password,
                blankToNull(env.apply("MARAUDE_TEAM_FINGERPRINT"))); //$NON-NLS-1$
        Path local = teamFolder(address, env);
        java.nio.file.Files.createDirectories(local);
        TeamArchiveFactory f = factory;
        return new CliInvocation(local, address, json, args, out, err, mode -> f.open(address, login, local, mode));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** Where this machine keeps its side files of a team archive (never credentials). */
    static Path teamFolder(String address, Function<String, String> env) {
        String own = blankToNull(env.apply("MARAUDE_TEAM_DIR")); //$NON-NLS-1$
        if (own != null) {
            return Paths.get(own);
        }
        String xdg = blankToNull(env.apply("XDG_DATA_HOME")); //$NON-NLS-1$
        Path base = xdg != null ? Paths.get(xdg) : Paths.get(System.getProperty("user.home"), ".local", "share"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        String key = address.substring(address.indexOf("://") + 3).replaceAll("[^A-Za-z0-9.-]", "_"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        return base.resolve("maraude-team").resolve(key); //$NON-NLS-1$
    }

    /** Frames of an internal failure's trace printed on stderr: enough to report it, never the whole recursion. */
    private static final int TRACE_FRAMES = 12;

    /**
     * Reports an internal failure on stderr and returns exit code 1. The class and where it happened
     * only: an exception's message could quote input (search words, file names, message text).
     */
    public static int internalError(Throwable e, PrintStream err) {
        try {
            err.println("maraude: internal error (" + e.getClass().getName() + ")"); //$NON-NLS-1$ //$NON-NLS-2$
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t != e) {
                    err.println("caused by " + t.getClass().getName()); //$NON-NLS-1$
                }
                StackTraceElement[] frames = t.getStackTrace();
                for (int i = 0; i < Math.min(TRACE_FRAMES, frames.length); i++) {
                    err.println("\tat " + frames[i]); //$NON-NLS-1$
                }
            }
        } catch (Throwable again) { // NOPMD: out of memory while reporting: the exit code still says it
            // nothing more can be done
        }
        return CliException.INTERNAL;
    }

    private static String take(List<String> args, String option) throws CliException {
        if (args.isEmpty()) {
            throw CliException.usage(option + " needs a value"); //$NON-NLS-1$
        }
        return args.remove(0);
    }

    private static void printHelp(PrintStream out, Map<String, CliCommand> commands) {
        out.println("Usage: maraude [--archive DIR] [--json] COMMAND [ARGS]"); //$NON-NLS-1$
        out.println();
        out.println("Archive: --archive DIR, else $MARAUDE_ARCHIVE, else ~/.local/share/maraude"); //$NON-NLS-1$
        out.println("Team archive: --archive solr+https://HOST:PORT/COLLECTION, with $MARAUDE_TEAM_USER, " //$NON-NLS-1$
                + "$MARAUDE_TEAM_PASSWORD and $MARAUDE_TEAM_FINGERPRINT (SHA-256 of the server's certificate)"); //$NON-NLS-1$
        out.println("Exit codes: 0 success, 2 bad input or usage, 1 internal failure"); //$NON-NLS-1$
        out.println();
        out.println("Commands:"); //$NON-NLS-1$
        int width = commands.keySet().stream().mapToInt(String::length).max().orElse(4);
        commands.values().stream().sorted(Comparator.comparing(CliCommand::name)).forEach(c -> out
                .println("  " + c.name() + " ".repeat(width - c.name().length() + 2) + c.summary())); //$NON-NLS-1$ //$NON-NLS-2$
        out.println("  ui" + " ".repeat(Math.max(1, width)) + "open the workbench (./maraude script)"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        out.println();
        out.println("maraude COMMAND --help shows a command's options."); //$NON-NLS-1$
    }

    private static Map<String, CliCommand> commandsByName(ServiceTracker<CliCommand, CliCommand> tracker) {
        Map<String, CliCommand> byName = new TreeMap<>();
        // DS registers commands as their bundles start; give them a moment on a cold start.
        long deadline = System.currentTimeMillis() + 2_000;
        while (tracker.getTracked().isEmpty() && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (CliCommand c : tracker.getTracked().values()) {
            byName.put(c.name(), c);
        }
        return byName;
    }

    private static List<TeamArchiveFactory> teamFactories(ServiceTracker<TeamArchiveFactory, TeamArchiveFactory> tracker) {
        try {
            // DS registers the factory as its bundle starts: give it the archive service's moment on a cold start
            tracker.waitForService(SERVICE_WAIT_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TeamArchiveFactory[] all = tracker.getServices(new TeamArchiveFactory[0]);
        return all == null ? List.of() : List.of(all);
    }

    private static ArchiveFactory waitFor(ServiceTracker<ArchiveFactory, ArchiveFactory> tracker) throws CliException {
        try {
            ArchiveFactory f = tracker.waitForService(SERVICE_WAIT_MS);
            if (f == null) {
                throw new CliException(CliException.INTERNAL, "the archive service is not available: incomplete installation"); //$NON-NLS-1$
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.INTERNAL, "interrupted"); //$NON-NLS-1$
        }
    }

    @Override
    public void stop() {
        // Commands finish on their own; nothing to interrupt.
    }
}

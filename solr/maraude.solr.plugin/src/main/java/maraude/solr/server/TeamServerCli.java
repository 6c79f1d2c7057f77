package maraude.solr.server;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.solr.common.util.Utils;
import org.eclipse.osgi.util.NLS;

import maraude.solr.crypto.NodeKey;

/**
 * {@code ./maraude team-server start|stop|status --dir DIR [--port P] [--nodes N] [--json]}: starts a
 * local SolrCloud ({@link TeamServer}) as a detached background JVM on this JVM's class path (the
 * server folder the plugin module assembles), stops it, or tells whether it runs. Exit codes as every
 * command of the CLI: 0 done, 2 bad input (a bad option, a port in use, no server to stop), 1 internal
 * failure, with a message; {@code --json} prints exactly one JSON document.
 */
public final class TeamServerCli {

    static final int DEFAULT_PORT = 8983;
    static final int MAX_NODES = 4;
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);

    /** Refused input: exit 2 with its message. */
    static final class BadInput extends Exception {
        private static final long serialVersionUID = 1L;

        BadInput(String message) {
            super(message);
        }
    }

    private final PrintStream out;
    private final PrintStream err;
    private boolean json;

    TeamServerCli(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        System.exit(new TeamServerCli(out, err).run(args));
    }

    /** Runs one command; returns the exit code. */
    int run(String[] args) {
        List<String> words = new ArrayList<>(List.of(args));
        json = words.remove("--json"); //$NON-NLS-1$
        try {
            if (!words.isEmpty() && words.get(0).equals("team-server")) { //$NON-NLS-1$
                words.remove(0);
            }
            if (words.isEmpty()) {
                throw new BadInput(Messages.Server_usage);
            }
            String command = words.remove(0);
            Path dir = null;
            int port = DEFAULT_PORT;
            int nodes = 1;
            for (int i = 0; i < words.size(); i++) {
                String w = words.get(i);
                String value = i + 1 < words.size() ? words.get(i + 1) : null;
                switch (w) {
                case "--dir" -> dir = Path.of(required(w, value)); //$NON-NLS-1$
                case "--port" -> port = number(w, value, 1, 65535 - MAX_NODES); //$NON-NLS-1$
                case "--nodes" -> nodes = number(w, value, 1, MAX_NODES); //$NON-NLS-1$
                default -> throw new BadInput(NLS.bind(Messages.Server_badOption, w));
                }
                i++;
            }
            if (dir == null) {
                throw new BadInput(Messages.Server_noDir);
            }
            ServerFolder folder = new ServerFolder(dir);
            return switch (command) {
            case "start" -> start(folder, port, nodes); //$NON-NLS-1$
            case "stop" -> stop(folder); //$NON-NLS-1$
            case "status" -> status(folder); //$NON-NLS-1$
            default -> throw new BadInput(Messages.Server_usage);
            };
        } catch (BadInput e) {
            return fail(2, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(1, NLS.bind(Messages.Server_failed, e.getClass().getName()));
        } catch (Exception e) { // NOPMD: exit 1 with a message, never 0 and silent
            // the class only, as the other commands: a message could quote a path
            return fail(1, NLS.bind(Messages.Server_failed, e.getClass().getName()));
        }
    }

    private static String required(String option, String value) throws BadInput {
        if (value == null || value.startsWith("--")) { //$NON-NLS-1$
            throw new BadInput(NLS.bind(Messages.Server_missingValue, option));
        }
        return value;
    }

    private static int number(String option, String value, int min, int max) throws BadInput {
        try {
            int n = Integer.parseInt(required(option, value));
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new BadInput(NLS.bind(Messages.Server_badNumber, new Object[] { option, min, max }));
    }

    private int start(ServerFolder folder, int port, int nodes) throws Exception {
        Optional<ProcessHandle> running = running(folder);
        if (running.isPresent()) {
            throw new BadInput(NLS.bind(Messages.Server_alreadyRunning, folder.dir(), running.get().pid()));
        }
        for (int p = port; p < port + nodes; p++) {
            if (!free(p)) {
                throw new BadInput(NLS.bind(Messages.Server_portInUse, p));
            }
        }
        folder.create();
        Properties secrets = folder.secretsOrCreate();
        Files.deleteIfExists(folder.stateFile());

        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) { //$NON-NLS-1$
            command.add("/usr/bin/setsid"); // its own session: a Ctrl-C or a closed terminal leaves it running //$NON-NLS-1$
        }
        command.add(ProcessHandle.current().info().command().orElse(
                Path.of(System.getProperty("java.home"), "bin", "java").toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        command.add("-Xmx" + (512 + 256 * nodes) + "m"); //$NON-NLS-1$ //$NON-NLS-2$
        command.add("-Djava.security.egd=file:/dev/./urandom"); //$NON-NLS-1$
        command.add("-Djava.awt.headless=true"); //$NON-NLS-1$
        command.add("-cp"); //$NON-NLS-1$
        command.add(System.getProperty("java.class.path")); //$NON-NLS-1$
        command.add(TeamServer.class.getName());
        command.add(folder.dir().toString());
        command.add(Integer.toString(port));
        command.add(Integer.toString(nodes));
        ProcessBuilder pb = new ProcessBuilder(command).directory(folder.dir().toFile());
        pb.environment().put(NodeKey.DEFAULT_PASSPHRASE_ENV, secrets.getProperty(ServerFolder.PASSPHRASE));
        pb.environment().put(TeamServer.ADMIN_PASSWORD_ENV, secrets.getProperty(ServerFolder.ADMIN_PASSWORD));
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))); //$NON-NLS-1$
        pb.redirectErrorStream(true);
        pb.redirectOutput(ProcessBuilder.Redirect.appendTo(folder.log().toFile()));
        Process process = pb.start();
        Properties pid = new Properties();
        pid.setProperty("pid", Long.toString(process.pid())); //$NON-NLS-1$
        pid.setProperty("port", Integer.toString(port)); //$NON-NLS-1$
        pid.setProperty("nodes", Integer.toString(nodes)); //$NON-NLS-1$
        StringBuilder text = new StringBuilder();
        pid.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
        ServerFolder.writeAtomically(folder.pidFile(), text.toString());

        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        Map<String, Object> state;
        while ((state = state(folder, process.pid())) == null) {
            if (!process.isAlive()) {
                Files.deleteIfExists(folder.pidFile());
                return fail(1, NLS.bind(Messages.Server_startFailed, process.exitValue(), folder.log()));
            }
            if (System.nanoTime() > deadline) {
                process.destroy();
                return fail(1, NLS.bind(Messages.Server_startTimeout, folder.log()));
            }
            Thread.sleep(200);
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("url", state.get("url")); //$NON-NLS-1$ //$NON-NLS-2$
        result.put("user", state.get("user")); //$NON-NLS-1$ //$NON-NLS-2$
        result.put("password", secrets.getProperty(ServerFolder.ADMIN_PASSWORD)); //$NON-NLS-1$
        result.put("fingerprint", state.get("fingerprint")); //$NON-NLS-1$ //$NON-NLS-2$
        if (json) {
            out.println(Utils.toJSONString(result));
        } else {
            out.println(NLS.bind(Messages.Server_started, new Object[] { result.get("url"), result.get("user"), //$NON-NLS-1$ //$NON-NLS-2$
                    result.get("password"), result.get("fingerprint") })); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return 0;
    }

    private int stop(ServerFolder folder) throws Exception {
        Optional<ProcessHandle> running = running(folder);
        if (running.isEmpty()) {
            throw new BadInput(NLS.bind(Messages.Server_notRunning, folder.dir()));
        }
        ProcessHandle p = running.get();
        p.destroy(); // SIGTERM: the server's shutdown hook stops the nodes, then ZooKeeper
        try {
            p.onExit().get(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            p.destroyForcibly();
            return fail(1, NLS.bind(Messages.Server_stopTimeout, p.pid()));
        }
        Files.deleteIfExists(folder.pidFile());
        Files.deleteIfExists(folder.stateFile());
        if (json) {
            out.println(Utils.toJSONString(Map.of("stopped", true, "pid", p.pid()))); //$NON-NLS-1$ //$NON-NLS-2$
        } else {
            out.println(NLS.bind(Messages.Server_stopped, p.pid()));
        }
        return 0;
    }

    private int status(ServerFolder folder) throws Exception {
        Optional<ProcessHandle> running = running(folder);
        if (running.isEmpty()) {
            if (json) {
                out.println(Utils.toJSONString(Map.of("running", false))); //$NON-NLS-1$
            } else {
                out.println(NLS.bind(Messages.Server_notRunning, folder.dir()));
            }
            return 2;
        }
        long pid = running.get().pid();
        Map<String, Object> state = state(folder, pid);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("running", true); //$NON-NLS-1$
        result.put("serving", state != null); //$NON-NLS-1$
        result.put("pid", pid); //$NON-NLS-1$
        if (state != null) {
            for (String k : List.of("url", "user", "fingerprint", "nodes")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                result.put(k, state.get(k));
            }
        }
        if (json) {
            out.println(Utils.toJSONString(result));
        } else if (state == null) {
            out.println(NLS.bind(Messages.Server_starting, pid));
        } else {
            out.println(NLS.bind(Messages.Server_serving, new Object[] { pid, state.get("url"), state.get("user"), //$NON-NLS-1$ //$NON-NLS-2$
                    state.get("fingerprint") })); //$NON-NLS-1$
        }
        return 0;
    }

    /**
     * The server process of {@code folder} when one runs: the pid written at launch, alive, and running
     * {@link TeamServer} (a pid the system gave to another program since is not ours). Stale files of a
     * server that died are removed.
     */
    static Optional<ProcessHandle> running(ServerFolder folder) throws IOException {
        Optional<Properties> pid = ServerFolder.readIfThere(folder.pidFile());
        Optional<ProcessHandle> p = pid.map(q -> q.getProperty("pid", "")).filter(s -> s.matches("[0-9]{1,19}")) //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                .flatMap(s -> ProcessHandle.of(Long.parseLong(s))).filter(ProcessHandle::isAlive)
                .filter(h -> h.info().arguments().map(a -> List.of(a).contains(TeamServer.class.getName())).orElse(true));
        if (p.isEmpty()) {
            Files.deleteIfExists(folder.pidFile());
            Files.deleteIfExists(folder.stateFile());
        }
        return p;
    }

    /** What the server wrote once it serves, if it is the one of process {@code pid}. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> state(ServerFolder folder, long pid) {
        try {
            if (!Files.isRegularFile(folder.stateFile())) {
                return null;
            }
            Object o = Utils.fromJSONString(Files.readString(folder.stateFile(), StandardCharsets.UTF_8));
            if (o instanceof Map<?, ?> m && m.get("pid") instanceof Number n && n.longValue() == pid) { //$NON-NLS-1$
                return (Map<String, Object>) m;
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null; // being written
        }
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** As the other commands: the message on stderr (nothing on stdout, with {@code --json} too). */
    private int fail(int code, String message) {
        err.println("maraude: " + message); //$NON-NLS-1$
        return code;
    }
}

package maraude.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.TeamArchiveFactory;
import maraude.core.components.ComponentFiles;

/**
 * {@code ./maraude COMMAND} without OSGi: the product's jars on a plain class path, the commands
 * found and wired from the same component files ({@code OSGI-INF/*.xml}, generated from the
 * {@code @Component} annotations) that Declarative Services reads, and then the one entry point every
 * command goes through, {@link CliApplication#run}. An Equinox start (resolving about a hundred
 * bundles, starting DS, the registry, EMF…) costs about two seconds before any command runs; a
 * headless command needs none of it.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            ComponentFiles components = ComponentFiles.of(Main.class);
            Map<String, CliCommand> commands = commands(components);
            code = CliApplication.run(Arrays.asList(args), out, err, LuceneArchiveFactory::new,
                    () -> teamFactories(components), commands, cmd -> activate(components, cmd), System::getenv);
        } catch (Throwable t) { // NOPMD: whatever happens, exit 1 with a message, never 0 and silent
            code = CliApplication.internalError(t, err);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Every command of this bundle, instantiated as its component file says, its references bound. */
    public static Map<String, CliCommand> commands() throws IOException {
        ComponentFiles components = ComponentFiles.of(Main.class);
        Map<String, CliCommand> byName = commands(components);
        for (CliCommand c : byName.values()) {
            activate(components, c);
        }
        return byName;
    }

    /**
     * The commands, made but not yet bound: binding waits until a command runs, as DS delays a
     * component until it is used (the import formats load parsers and profiles that {@code --help}
     * or {@code search} should not pay for).
     */
    static Map<String, CliCommand> commands(ComponentFiles components) throws IOException {
        Map<String, CliCommand> byName = new TreeMap<>();
        for (ComponentFiles.Component c : components.providing(CliCommand.class.getName())) {
            if (components.instance(c) instanceof CliCommand cmd) {
                byName.put(cmd.name(), cmd);
            }
        }
        return byName;
    }

    /**
     * The team archive factories of the class path's bundles, wired from their component files as DS
     * would: their bundle ({@code maraude.team}) is no dependency of this one, so its jar is found by its
     * component files, read only when an address asks for a team archive.
     */
    static List<TeamArchiveFactory> teamFactories(ComponentFiles components) throws IOException {
        String type = TeamArchiveFactory.class.getName();
        if (components.providing(type).isEmpty()) {
            for (String entry : System.getProperty("java.class.path", "").split(java.io.File.pathSeparator)) { //$NON-NLS-1$ //$NON-NLS-2$
                Path p = Path.of(entry);
                String name = p.getFileName() == null ? "" : p.getFileName().toString(); //$NON-NLS-1$
                // our bundles only (jars or build folders): a library never declares a component
                if (name.startsWith("maraude.") || name.equals("classes") || name.equals("bin")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    components.add(p, Main.class.getClassLoader());
                }
            }
        }
        return components.services(TeamArchiveFactory.class);
    }

    private static void activate(ComponentFiles components, CliCommand cmd) throws IOException {
        for (ComponentFiles.Component c : components.providing(CliCommand.class.getName())) {
            if (components.instance(c) == cmd) {
                components.active(c);
            }
        }
    }
}

package maraude.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import maraude.archive.LuceneArchiveFactory;
import maraude.imports.ImportService;

/**
 * {@code ./maraude COMMAND} without OSGi: the product's jars on a plain class path, the commands
 * found and wired from the same component files ({@code OSGI-INF/*.xml}) that Declarative Services
 * reads, and then the one entry point every command goes through, {@link CliApplication#run}. An
 * Equinox start (resolving about a hundred bundles, starting DS, the registry, EMF…) costs about
 * two seconds before any command runs; a headless command needs none of it.
 */
public final class Main {

    /** The services a command component may reference, built the way DS would find them in the product. */
    private static final Map<String, Supplier<Object>> SERVICES = Map.of(
            ImportService.class.getName(), ImportService::withBuiltInFormats);

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
        int code;
        try {
            Map<String, CliCommand> commands = commands();
            code = CliApplication.run(Arrays.asList(args), out, err, LuceneArchiveFactory::new, commands);
        } catch (Throwable t) { // NOPMD: whatever happens, exit 1 with a message, never 0 and silent
            code = CliApplication.internalError(t, err);
        }
        out.flush();
        err.flush();
        System.exit(code);
    }

    /** Every command of this bundle, instantiated and bound as its component file says. */
    public static Map<String, CliCommand> commands() throws IOException {
        Map<String, CliCommand> byName = new TreeMap<>();
        for (Component c : components()) {
            try {
                Object o = Class.forName(c.implementation()).getConstructor().newInstance();
                for (Reference r : c.references()) {
                    Supplier<Object> s = SERVICES.get(r.iface());
                    if (s == null || r.bind() == null) {
                        if (r.optional()) {
                            continue;
                        }
                        throw new IOException("no service " + r.iface() + " for " + c.implementation()); //$NON-NLS-1$ //$NON-NLS-2$
                    }
                    Class<?> type = Class.forName(r.iface());
                    Method bind = o.getClass().getMethod(r.bind(), type);
                    bind.invoke(o, s.get());
                }
                if (o instanceof CliCommand cmd) {
                    byName.put(cmd.name(), cmd);
                }
            } catch (ReflectiveOperationException e) {
                throw new IOException("cannot wire " + c.implementation(), e); //$NON-NLS-1$
            }
        }
        return byName;
    }

    record Reference(String iface, String bind, boolean optional) {
    }

    record Component(String implementation, List<Reference> references) {
    }

    /** The component files of the jar or folder this class was loaded from. */
    static List<Component> components() throws IOException {
        Path where;
        try {
            where = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot locate the maraude.cli bundle", e); //$NON-NLS-1$
        }
        List<Component> found = new ArrayList<>();
        if (Files.isDirectory(where)) {
            // Development layout: target/classes beside OSGI-INF, or OSGI-INF inside the folder.
            Path dir = Files.isDirectory(where.resolve("OSGI-INF")) ? where.resolve("OSGI-INF") //$NON-NLS-1$ //$NON-NLS-2$
                    : where.getParent().getParent().resolve("OSGI-INF"); //$NON-NLS-1$
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.toString().endsWith(".xml")).sorted().toList()) { //$NON-NLS-1$
                    try (InputStream in = Files.newInputStream(p)) {
                        found.add(parse(in));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                for (var e : jar.stream().filter(e -> e.getName().startsWith("OSGI-INF/") //$NON-NLS-1$
                        && e.getName().endsWith(".xml")).sorted((a, b) -> a.getName().compareTo(b.getName())).toList()) { //$NON-NLS-1$
                    try (InputStream in = jar.getInputStream(e)) {
                        found.add(parse(in));
                    }
                }
            }
        }
        return found;
    }

    /**
     * The JDK's own parser, made once: {@code XMLInputFactory.newFactory()} looks for another
     * implementation in every jar of the class path (about 90) for each of the ~30 component files,
     * a quarter of a read command's start.
     */
    private static XMLInputFactory xml;

    private static synchronized XMLInputFactory xml() {
        if (xml == null) {
            XMLInputFactory f = XMLInputFactory.newDefaultFactory();
            f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            xml = f;
        }
        return xml;
    }

    private static Component parse(InputStream in) throws IOException {
        try {
            XMLStreamReader r = xml().createXMLStreamReader(in);
            String impl = null;
            List<Reference> refs = new ArrayList<>();
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT) {
                    switch (r.getLocalName()) {
                    case "implementation" -> impl = r.getAttributeValue(null, "class"); //$NON-NLS-1$ //$NON-NLS-2$
                    case "reference" -> { //$NON-NLS-1$
                        String card = r.getAttributeValue(null, "cardinality"); //$NON-NLS-1$
                        refs.add(new Reference(r.getAttributeValue(null, "interface"), //$NON-NLS-1$
                                r.getAttributeValue(null, "bind"), card != null && card.startsWith("0"))); //$NON-NLS-1$ //$NON-NLS-2$
                    }
                    default -> {
                        // the service and its properties: DS's business
                    }
                    }
                }
            }
            if (impl == null) {
                throw new IOException("a component file without an implementation"); //$NON-NLS-1$
            }
            return new Component(impl, refs);
        } catch (XMLStreamException e) {
            throw new IOException("unreadable component file", e); //$NON-NLS-1$
        }
    }
}

package maraude.core.components;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Declarative Services components wired without OSGi, from the component files the build generates
 * from {@code @Component} annotations ({@code OSGI-INF/*.xml} in each bundle's jar or output folder).
 * The headless CLI runs on a plain class path (an Equinox start costs seconds) and tests of a bundle
 * want its services as the product has them: both read the same files DS reads, so a new component
 * is found by both without a list to keep in step.
 * <p>
 * What is supported is what Maraude's components use: a no-argument constructor, an optional
 * no-argument activate method, references bound through a method or a field, of cardinality
 * {@code 0..1}, {@code 1..1}, {@code 0..n} or {@code 1..n}. Each component is made once (DS
 * singletons), when first needed. Providers of a referenced service are looked for in the bundles
 * already read, then in the bundle that declares the service's type.
 */
public final class ComponentFiles {

    private static final String FOLDER = "OSGI-INF"; //$NON-NLS-1$

    /** A {@code <reference>}: bound through {@code bind} (a method) or {@code field}. */
    public record Reference(String name, String iface, String bind, String field, boolean optional, boolean multiple) {
    }

    /** A {@code <component>} and the class loader of the bundle that declares it. */
    public record Component(String name, String implementation, List<String> provides, List<Reference> references,
            String activate, ClassLoader loader) {
    }

    private final List<Component> components = new ArrayList<>();
    private final Set<Path> read = new HashSet<>();
    private final Map<String, Object> made = new HashMap<>();
    private final Set<Object> bound = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    /** The components of the bundles that hold {@code classes}. */
    public static ComponentFiles of(Class<?>... classes) throws IOException {
        ComponentFiles f = new ComponentFiles();
        for (Class<?> c : classes) {
            f.add(locationOf(c), c.getClassLoader());
        }
        return f;
    }

    /** Reads the component files of the jar or folder at {@code location}, classes loaded by {@code loader}. */
    public synchronized void add(Path location, ClassLoader loader) throws IOException {
        if (read.add(location)) {
            components.addAll(read(location, loader));
        }
    }

    public synchronized List<Component> components() {
        return List.copyOf(components);
    }

    /** The components that provide {@code type}, in file name order. */
    public synchronized List<Component> providing(String type) {
        return components.stream().filter(c -> c.provides().contains(type)).toList();
    }

    /** The instance of {@code c}, made on first call, its references not bound yet (see {@link #bind}). */
    public synchronized Object instance(Component c) throws IOException {
        Object o = made.get(c.name());
        if (o == null) {
            try {
                o = Class.forName(c.implementation(), true, c.loader()).getConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                throw new IOException("cannot make component " + c.name(), e); //$NON-NLS-1$
            }
            made.put(c.name(), o);
        }
        return o;
    }

    /** The instance of {@code c} with its references bound and activated, as DS would hand it out. */
    public synchronized Object active(Component c) throws IOException {
        Object o = instance(c);
        if (bound.add(o)) {
            try {
                bind(c, o);
                if (c.activate() != null) {
                    Method m = o.getClass().getDeclaredMethod(c.activate());
                    m.setAccessible(true);
                    m.invoke(o);
                }
            } catch (IOException | ReflectiveOperationException | RuntimeException e) {
                bound.remove(o);
                throw e instanceof IOException io ? io : new IOException("cannot activate " + c.name(), e); //$NON-NLS-1$
            }
        }
        return o;
    }

    /** The first service of {@code type}, wired. */
    public <T> T service(Class<T> type) throws IOException {
        List<T> all = services(type);
        if (all.isEmpty()) {
            throw new IOException("no component provides " + type.getName()); //$NON-NLS-1$
        }
        return all.get(0);
    }

    /** Every service of {@code type}, wired. */
    public synchronized <T> List<T> services(Class<T> type) throws IOException {
        List<Component> providers = providing(type.getName());
        if (providers.isEmpty()) {
            add(locationOf(type), type.getClassLoader());
            providers = providing(type.getName());
        }
        List<T> out = new ArrayList<>();
        for (Component c : providers) {
            out.add(type.cast(active(c)));
        }
        return out;
    }

    private void bind(Component c, Object o) throws IOException, ReflectiveOperationException {
        for (Reference r : c.references()) {
            Class<?> type = Class.forName(r.iface(), false, c.loader());
            List<?> services = services(type);
            if (services.isEmpty() && !r.optional()) {
                throw new IOException("no service " + r.iface() + " for " + c.name()); //$NON-NLS-1$ //$NON-NLS-2$
            }
            for (Object s : r.multiple() ? services : services.stream().limit(1).toList()) {
                if (r.bind() != null) {
                    Method m = method(o.getClass(), r.bind(), type);
                    m.setAccessible(true);
                    m.invoke(o, s);
                } else if (r.field() != null && !r.multiple()) {
                    Field f = o.getClass().getDeclaredField(r.field());
                    f.setAccessible(true);
                    f.set(o, s);
                } else {
                    throw new IOException("unsupported reference " + r.name() + " in " + c.name()); //$NON-NLS-1$ //$NON-NLS-2$
                }
            }
        }
    }

    private static Method method(Class<?> owner, String name, Class<?> type) throws NoSuchMethodException {
        for (Class<?> k = owner; k != null; k = k.getSuperclass()) {
            try {
                return k.getDeclaredMethod(name, type);
            } catch (NoSuchMethodException e) {
                // look in the superclass
            }
        }
        throw new NoSuchMethodException(owner.getName() + "." + name); //$NON-NLS-1$
    }

    /** The jar or folder {@code c} was loaded from. */
    public static Path locationOf(Class<?> c) throws IOException {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            throw new IOException("cannot locate the bundle of " + c.getName(), e); //$NON-NLS-1$
        }
    }

    /** The component files of a jar, or of a folder (a bundle's root or its build output). */
    static List<Component> read(Path where, ClassLoader loader) throws IOException {
        List<Component> found = new ArrayList<>();
        if (Files.isDirectory(where)) {
            Path dir = where.resolve(FOLDER);
            if (!Files.isDirectory(dir)) {
                dir = where.resolve("target").resolve("classes").resolve(FOLDER); //$NON-NLS-1$ //$NON-NLS-2$
            }
            if (!Files.isDirectory(dir)) {
                return found;
            }
            try (Stream<Path> files = Files.list(dir)) {
                for (Path p : files.filter(f -> f.getFileName().toString().endsWith(".xml")).sorted().toList()) { //$NON-NLS-1$
                    try (InputStream in = Files.newInputStream(p)) {
                        found.add(parse(in, loader));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(where.toFile())) {
                List<JarEntry> entries = jar.stream().filter(e -> e.getName().startsWith(FOLDER + "/") //$NON-NLS-1$
                        && e.getName().indexOf('/', FOLDER.length() + 1) < 0 && e.getName().endsWith(".xml")) //$NON-NLS-1$
                        .sorted((a, b) -> a.getName().compareTo(b.getName())).toList();
                for (JarEntry e : entries) {
                    try (InputStream in = jar.getInputStream(e)) {
                        found.add(parse(in, loader));
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

    static Component parse(InputStream in, ClassLoader loader) throws IOException {
        try {
            XMLStreamReader r = xml().createXMLStreamReader(in);
            String name = null;
            String impl = null;
            String activate = null;
            List<String> provides = new ArrayList<>();
            List<Reference> refs = new ArrayList<>();
            while (r.hasNext()) {
                if (r.next() == XMLStreamReader.START_ELEMENT) {
                    switch (r.getLocalName()) {
                    case "component" -> { //$NON-NLS-1$
                        name = r.getAttributeValue(null, "name"); //$NON-NLS-1$
                        activate = r.getAttributeValue(null, "activate"); //$NON-NLS-1$
                    }
                    case "implementation" -> impl = r.getAttributeValue(null, "class"); //$NON-NLS-1$ //$NON-NLS-2$
                    case "provide" -> provides.add(r.getAttributeValue(null, "interface")); //$NON-NLS-1$ //$NON-NLS-2$
                    case "reference" -> { //$NON-NLS-1$
                        String card = r.getAttributeValue(null, "cardinality"); //$NON-NLS-1$
                        refs.add(new Reference(r.getAttributeValue(null, "name"), //$NON-NLS-1$
                                r.getAttributeValue(null, "interface"), r.getAttributeValue(null, "bind"), //$NON-NLS-1$ //$NON-NLS-2$
                                r.getAttributeValue(null, "field"), card != null && card.startsWith("0"), //$NON-NLS-1$ //$NON-NLS-2$
                                card != null && card.endsWith("n"))); //$NON-NLS-1$
                    }
                    default -> {
                        // properties and the like: DS's business
                    }
                    }
                }
            }
            if (impl == null) {
                throw new IOException("a component file without an implementation"); //$NON-NLS-1$
            }
            return new Component(name == null ? impl : name, impl, List.copyOf(provides), List.copyOf(refs), activate,
                    loader);
        } catch (XMLStreamException e) {
            throw new IOException("unreadable component file", e); //$NON-NLS-1$
        }
    }
}

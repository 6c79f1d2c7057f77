package maraude.archive;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Starts {@link ChildMain} in a separate JVM. Inside Tycho's OSGi test runtime {@code java.class.path}
 * holds only the launcher, so the class path is rebuilt from where the bundles that the archive needs
 * were loaded: the code source of one class per bundle, or else the bundle's location.
 */
public final class ChildJvm {

    private ChildJvm() {
    }

    static Process start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(ChildMain.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    /** The archive's class path, plus where {@code extra} classes were loaded from (other child mains). */
    public static String classPath(Class<?>... extra) throws Exception {
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : extra) {
            entries.addAll(locations(c));
        }
        entries.addAll(List.of(classPath().split(File.pathSeparator)));
        return String.join(File.pathSeparator, entries);
    }

    static String classPath() throws Exception {
        ClassLoader hl = org.apache.lucene.search.uhighlight.UnifiedHighlighter.class.getClassLoader();
        Class<?>[] anchors = { ChildMain.class, LuceneArchive.class, maraude.core.archive.Archive.class,
                org.apache.lucene.index.IndexWriter.class, org.apache.lucene.analysis.fr.FrenchLightStemFilter.class,
                org.apache.lucene.queryparser.classic.QueryParser.class,
                org.apache.lucene.search.uhighlight.UnifiedHighlighter.class,
                org.apache.lucene.queries.spans.SpanQuery.class,
                hl.loadClass("org.apache.lucene.index.memory.MemoryIndex"), org.eclipse.osgi.util.NLS.class };
        Set<String> entries = new LinkedHashSet<>();
        for (Class<?> c : anchors) {
            entries.addAll(locations(c));
        }
        return String.join(File.pathSeparator, entries);
    }

    private static List<String> locations(Class<?> c) throws URISyntaxException {
        List<String> out = new ArrayList<>();
        CodeSource cs = c.getProtectionDomain().getCodeSource();
        if (cs != null && cs.getLocation() != null && "file".equals(cs.getLocation().getProtocol())) {
            out.add(Paths.get(cs.getLocation().toURI()).toString());
        }
        Bundle b = FrameworkUtil.getBundle(c);
        if (b != null) {
            String loc = b.getLocation();
            int file = loc.indexOf("file:");
            if (file >= 0) {
                Path p = Paths.get(loc.substring(file + "file:".length()));
                out.add(p.toString());
                // a workspace bundle is a folder whose classes are in target/classes (Tycho) or bin/
                for (String sub : new String[] { "target/classes", "target/test-classes", "bin" }) {
                    if (Files.isDirectory(p.resolve(sub))) {
                        out.add(p.resolve(sub).toString());
                    }
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalStateException("cannot find where " + c.getName() + " was loaded from");
        }
        return out;
    }
}

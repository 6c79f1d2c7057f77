package maraude.archive.crypto;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
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
 * Starts {@link ProtectionChild} in a separate JVM. Inside Tycho's OSGi runtime
 * {@code java.class.path} holds only the launcher, so the class path is rebuilt from where one class
 * of each needed bundle was loaded (same approach as the archive's crash test).
 */
final class ProtectionChildJvm implements AutoCloseable {

    final Process process;
    final BufferedReader out;

    private ProtectionChildJvm(Process p) {
        this.process = p;
        this.out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    }

    static ProtectionChildJvm start(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-cp");
        cmd.add(classPath());
        cmd.add(ProtectionChild.class.getName());
        cmd.addAll(List.of(args));
        return new ProtectionChildJvm(new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start());
    }

    /** Reads lines until one starts with {@code prefix} {@code times} times; returns the last such line. */
    String await(String prefix, int times) throws IOException {
        String last = null;
        int seen = 0;
        while (seen < times) {
            String line = out.readLine();
            if (line == null) {
                throw new IOException("child ended before '" + prefix + "' (" + seen + " seen), exit "
                        + exitCode());
            }
            if (line.startsWith(prefix)) {
                last = line;
                seen++;
            }
        }
        return last;
    }

    private String exitCode() {
        try {
            return String.valueOf(process.waitFor());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /** kill -9 and wait. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }

    static String classPath() throws Exception {
        ClassLoader hl = org.apache.lucene.search.uhighlight.UnifiedHighlighter.class.getClassLoader();
        Class<?>[] anchors = { ProtectionChild.class, maraude.archive.LuceneArchive.class, maraude.core.archive.Archive.class,
                org.apache.lucene.index.IndexWriter.class, org.apache.lucene.analysis.fr.FrenchLightStemFilter.class,
                org.apache.lucene.queryparser.classic.QueryParser.class,
                org.apache.lucene.search.uhighlight.UnifiedHighlighter.class,
                org.apache.lucene.queries.spans.SpanQuery.class,
                hl.loadClass("org.apache.lucene.index.memory.MemoryIndex"), org.eclipse.osgi.util.NLS.class,
                org.bouncycastle.crypto.generators.Argon2BytesGenerator.class };
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

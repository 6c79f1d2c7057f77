package maraude.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.regex.Pattern;

/**
 * {@code java -cp maraude.cli.jar maraude.cli.ClassPathCache WORK_DIR FINAL_DIR JAR...}: prints the
 * plain class path of the headless launcher, with unsigned copies (written to WORK_DIR, to be moved
 * to FINAL_DIR by the caller) of the jars that are signed. On a class path the JDK checks the
 * signature of every signed jar it loads a class from: the Eclipse jars' manifests list a digest per
 * entry, and parsing them plus the RSA checks cost about 0.2 s of CPU per command (measured: 0.29 s
 * user time for {@code --help} unsigned, 0.50 s signed). The Equinox runtime does not check these
 * signatures either. The {@code maraude} script makes the copies once per product build.
 */
public final class ClassPathCache {

    private static final Pattern SIGNATURE = Pattern.compile("META-INF/[^/]+\\.(SF|RSA|DSA|EC)", Pattern.CASE_INSENSITIVE); //$NON-NLS-1$

    private ClassPathCache() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: ClassPathCache WORK_DIR FINAL_DIR JAR..."); //$NON-NLS-1$
            System.exit(2);
        }
        Path work = Path.of(args[0]);
        Path done = Path.of(args[1]);
        Files.createDirectories(work);
        List<String> entries = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            Path jar = Path.of(args[i]);
            if (isSigned(jar)) {
                unsignedCopy(jar, work.resolve(jar.getFileName()));
                entries.add(done.resolve(jar.getFileName()).toString());
            } else {
                entries.add(jar.toString());
            }
        }
        System.out.write(String.join(java.io.File.pathSeparator, entries).getBytes(StandardCharsets.UTF_8));
        System.out.flush();
    }

    static boolean isSigned(Path jar) throws IOException {
        try (JarFile j = new JarFile(jar.toFile(), false)) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
                if (SIGNATURE.matcher(e.nextElement().getName()).matches()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The same entries without the signature files, and a manifest without the per-entry digests. */
    static void unsignedCopy(Path jar, Path copy) throws IOException {
        try (JarFile in = new JarFile(jar.toFile(), false);
                OutputStream file = Files.newOutputStream(copy);
                JarOutputStream out = new JarOutputStream(file)) {
            Manifest m = in.getManifest();
            if (m != null) {
                Manifest main = new Manifest();
                main.getMainAttributes().putAll(m.getMainAttributes());
                main.getMainAttributes().putIfAbsent(Attributes.Name.MANIFEST_VERSION, "1.0"); //$NON-NLS-1$
                out.putNextEntry(new JarEntry(JarFile.MANIFEST_NAME));
                main.write(out);
                out.closeEntry();
            }
            for (Enumeration<JarEntry> e = in.entries(); e.hasMoreElements();) {
                JarEntry entry = e.nextElement();
                String name = entry.getName();
                if (name.equalsIgnoreCase(JarFile.MANIFEST_NAME) || SIGNATURE.matcher(name).matches()) {
                    continue;
                }
                JarEntry copyEntry = new JarEntry(name);
                copyEntry.setTime(entry.getTime());
                out.putNextEntry(copyEntry);
                if (!entry.isDirectory()) {
                    try (InputStream s = in.getInputStream(entry)) {
                        s.transferTo(out);
                    }
                }
                out.closeEntry();
            }
        }
    }
}

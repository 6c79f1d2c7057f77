package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/**
 * An import of many files killed (SIGKILL, no shutdown hook) between two batch commits leaves the
 * archive at its last commit, with every message's contact and conversation, and a re-import
 * completes it without duplicates, skipping the files recorded as read whole in the commits kept
 * ({@link maraude.core.archive.ImportedFiles}). Batches span files (ten files of ten messages per batch here), so
 * the commits kept are whole batches of several files.
 */
class KilledImportTest {

    private static final int FILES = 60;
    private static final int PER_FILE = 10;
    private static final int BATCH = 100;

    @Test
    void killedBetweenCommitsThenReimportCompletes(@TempDir Path tmp) throws Exception {
        Path in = tmp.resolve("in"); //$NON-NLS-1$
        Files.createDirectories(in);
        for (int f = 0; f < FILES; f++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < PER_FILE; i++) {
                b.append(String.format("%02d/04/2024 11:%02d - Contact %d: on se voit pour le test %d%n", 1 + f % 28, i, f, i)); //$NON-NLS-1$
            }
            Files.writeString(in.resolve(String.format("WhatsApp Chat with Contact %03d.txt", f)), b); //$NON-NLS-1$
        }
        Path archive = tmp.resolve("archive"); //$NON-NLS-1$
        String cp = classPath();
        List<String> cmd = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "-Xmx256m", "-cp", cp, ImportChildMain.class.getName(), archive.toString(), in.toString(), //$NON-NLS-1$ //$NON-NLS-2$
                Integer.toString(BATCH)));
        Process child = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int commits = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && commits < 2) {
                if (line.equals("COMMITTED")) { //$NON-NLS-1$
                    commits++;
                }
            }
            child.destroyForcibly(); // SIGKILL after the second commit, inside the third batch
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        } finally {
            child.destroyForcibly();
        }
        assertEquals(2, commits, "the child committed twice before being killed; class path " + cp); //$NON-NLS-1$
        long kept;
        try (Archive a = new LuceneArchiveFactory().open(archive, AccessMode.READ_WRITE)) {
            kept = a.stats().messages();
            assertTrue(kept >= 2 * BATCH && kept < FILES * PER_FILE && kept % BATCH == 0, "whole batches: " + kept); //$NON-NLS-1$
            assertEquals(kept / PER_FILE, a.conversations().size(), "every kept message has its conversation"); //$NON-NLS-1$
            assertEquals(kept / PER_FILE, a.contacts().size());
            ImportReport rest = TestImports.service().importPaths(a, List.of(in), ImportOptions.defaults(), null);
            assertEquals(FILES * PER_FILE - kept, rest.messagesAdded());
            assertEquals(kept, rest.duplicatesSkipped());
            // files recorded as read whole in the commits kept are skipped (their messages counted as there)
            assertTrue(rest.unchangedFiles() > 0, "files recorded with the batches kept"); //$NON-NLS-1$
            assertEquals(FILES * PER_FILE, a.stats().messages());
            assertEquals(FILES, a.conversations().size());
        }
    }

    private static Path installArea() {
        String area = System.getProperty("osgi.install.area", ""); //$NON-NLS-1$ //$NON-NLS-2$
        return Paths.get(area.startsWith("file:") ? area.substring("file:".length()) : area).toAbsolutePath(); //$NON-NLS-1$ //$NON-NLS-2$
    }

    /**
     * Inside the OSGi test runtime {@code java.class.path} holds only the launcher: the child's class
     * path is every installed bundle's jar or folder (a workspace bundle's classes in target/classes).
     */
    private static String classPath() {
        Set<String> entries = new LinkedHashSet<>();
        try {
            // this fragment's own classes (its bundle is the host's; where they came from tells)
            // and the framework's (NLS), the system bundle having no location of its own
            for (Class<?> c : new Class<?>[] { ImportChildMain.class, org.eclipse.osgi.util.NLS.class }) {
                java.security.CodeSource cs = c.getProtectionDomain().getCodeSource();
                if (cs != null && cs.getLocation() != null && "file".equals(cs.getLocation().getProtocol())) { //$NON-NLS-1$
                    entries.add(Paths.get(cs.getLocation().toURI()).toString());
                }
            }
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        Bundle self = FrameworkUtil.getBundle(KilledImportTest.class);
        for (Bundle b : self.getBundleContext().getBundles()) {
            String loc = b.getLocation();
            int file = loc.indexOf("file:"); //$NON-NLS-1$
            if (b.getBundleId() == 0 || file < 0) {
                continue;
            }
            Path p = Paths.get(loc.substring(file + "file:".length())); //$NON-NLS-1$
            if (!p.isAbsolute()) {
                p = installArea().resolve(p).normalize(); // Tycho's runtime names bundles relative to it
            }
            if (Files.isDirectory(p)) {
                for (String sub : new String[] { "target/classes", "target/test-classes", "bin" }) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                    if (Files.isDirectory(p.resolve(sub))) {
                        entries.add(p.resolve(sub).toString());
                    }
                }
                entries.add(p.toString());
            } else {
                entries.add(p.toString());
            }
        }
        return String.join(File.pathSeparator, entries);
    }
}

package maraude.archive.crypto;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

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
        return maraude.archive.ChildJvm.classPath(ProtectionChild.class,
                org.bouncycastle.crypto.generators.Argon2BytesGenerator.class);
    }
}

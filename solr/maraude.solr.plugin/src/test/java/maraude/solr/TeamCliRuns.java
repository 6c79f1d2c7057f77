package maraude.solr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Running the built product's {@code ./maraude} against a test cluster, for the team CLI tests. */
final class TeamCliRuns {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    /** Reads exactly one JSON document (a refused run's stdout included). */
    static final ObjectMapper JSON_STRICT = JSON;

    private TeamCliRuns() {
    }

    record Run(int code, String out, String err) {
    }

    /** Runs the repository's {@code ./maraude} in {@code dir} with {@code env} added to a clean environment
     * (state, data and team side files under {@code dir} unless {@code env} says otherwise). */
    static Run maraude(Path dir, Map<String, String> env, String... args) throws Exception {
        return maraude(dir, env, null, args);
    }

    /** As {@link #maraude(Path, Map, String...)}, {@code stdin} (if not null) given as the standard input. */
    static Run maraude(Path dir, Map<String, String> env, byte[] stdin, String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("maraude").toString()); //$NON-NLS-1$
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("MARAUDE_")); //$NON-NLS-1$
        e.put("XDG_STATE_HOME", dir.resolve("state").toString()); //$NON-NLS-1$ //$NON-NLS-2$
        e.put("XDG_DATA_HOME", dir.resolve("data").toString()); //$NON-NLS-1$ //$NON-NLS-2$
        e.put("MARAUDE_TEAM_DIR", dir.resolve("team-side-files").toString()); //$NON-NLS-1$ //$NON-NLS-2$
        e.put("LANG", "en_US.UTF-8"); //$NON-NLS-1$ //$NON-NLS-2$
        e.putAll(env);
        Path out = Files.createTempFile(dir, "out", ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
        Path err = Files.createTempFile(dir, "err", ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
        if (stdin != null) {
            Path in = Files.createTempFile(dir, "in", ".txt"); //$NON-NLS-1$ //$NON-NLS-2$
            Files.write(in, stdin);
            pb.redirectInput(in.toFile());
        }
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("./maraude " + args[2] + " did not end"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The run's stdout, which must be exactly one JSON document. */
    static JsonNode json(Run r) throws IOException {
        assertEquals(0, r.code(), r.err());
        return JSON.readTree(r.out());
    }

    static List<String> field(JsonNode doc, String name) {
        JsonNode array = doc.has("hits") ? doc.get("hits") : doc; //$NON-NLS-1$ //$NON-NLS-2$
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.get(name).asText()));
        return values;
    }

    static void assertNoTrace(Run r) {
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:") || r.err().contains("internal error"), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "a message, not a stack trace: " + r.err()); //$NON-NLS-1$
        assertTrue(r.err().startsWith("maraude: "), r.err()); //$NON-NLS-1$
    }

    /** SHA-256 of the certificate the node presents, read without trusting it. */
    static String serverFingerprint(int port) throws Exception {
        SSLContext any = SSLContext.getInstance("TLS"); //$NON-NLS-1$
        any.init(null, new TrustManager[] { new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // only reading the server's certificate
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // only reading the server's certificate
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        } }, null);
        try (SSLSocket s = (SSLSocket) any.getSocketFactory().createSocket("localhost", port)) { //$NON-NLS-1$
            s.startHandshake();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded())); //$NON-NLS-1$
        }
    }

    /** The repository root: this module lies in solr/maraude.solr.plugin. */
    static Path root() {
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().resolve("../..").normalize(); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    }

    static Path product() {
        return root().resolve("releng/maraude.product/target/products/maraude/linux/gtk/x86_64/maraude"); //$NON-NLS-1$
    }

    static String firstJar(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(product().resolve("plugins"))) { //$NON-NLS-1$
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix)).findFirst()
                    .orElseThrow(() -> new AssertionError(prefix + " not in the built product")); //$NON-NLS-1$
        }
    }

    /** ../shared/fixtures beside the repository: real exports written by others. */
    static Path sharedFixtures() {
        for (Path p = root(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/fixtures"); //$NON-NLS-1$
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("../shared/fixtures not found above " + root()); //$NON-NLS-1$
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }
}

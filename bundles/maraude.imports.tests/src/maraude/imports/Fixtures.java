package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import maraude.core.model.Direction;
import maraude.core.model.Message;

/** Finds ../shared/fixtures beside the repository and runs importers on files without an archive. */
public final class Fixtures {

    /** Argon2id at its cheapest, so that tests protect archives in milliseconds; never for real archives. */
    public static final maraude.archive.crypto.KdfParams CHEAP_KDF = new maraude.archive.crypto.KdfParams(1, 1024, 1);

    private Fixtures() {
    }

    /**
     * The zone the expected times of these tests are written in: exports that write local times
     * without a zone are read in the zone the caller passes (the team's), the system zone otherwise;
     * the tests pass this one so that they do not depend on the machine's zone.
     */
    public static final java.time.ZoneId ZONE = java.time.ZoneId.of("Europe/Brussels");

    /** The importers' defaults, read in {@link #ZONE}. */
    public static ImportOptions options() {
        return ImportOptions.defaults().withZone(ZONE);
    }

    public static Path root() {
        Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures found above " + p);
    }

    public static Path file(String relative) {
        Path f = root().resolve(relative);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("missing fixture " + f);
        }
        return f;
    }

    public static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.walk(root())) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    /** What one importer produced from one file. */
    public record Result(CollectingSink sink, List<ImportProblem> problems, Importer importer) {
        public List<Message> messages() {
            return sink.messages;
        }

        public Message message(int i) {
            return sink.messages.get(i);
        }

        public long count(Direction d) {
            return sink.messages.stream().filter(m -> m.direction() == d).count();
        }

        public void assertNoProblems() {
            assertEquals(List.of(), problems, "problems");
        }
    }

    public static Result read(ImportFile f, ImportOptions options) throws IOException {
        ImportService service = TestImports.service();
        Importer imp = service.importerFor(f).orElseThrow(() -> new AssertionError("no importer for " + f));
        List<ImportProblem> problems = new ArrayList<>();
        CollectingSink sink = new CollectingSink();
        imp.read(f, ImportContext.collecting(options, problems), sink);
        return new Result(sink, problems, imp);
    }

    public static Result read(String relative) throws IOException {
        return read(ImportFile.of(file(relative)), options());
    }

    public static Result read(String relative, ImportOptions options) throws IOException {
        return read(ImportFile.of(file(relative)), options);
    }

    public static Result text(String name, String content, ImportOptions options) throws IOException {
        return read(ImportFile.ofBytes(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8)), options);
    }
}

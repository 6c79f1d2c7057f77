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

    private Fixtures() {
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
        return read(ImportFile.of(file(relative)), ImportOptions.defaults());
    }

    public static Result read(String relative, ImportOptions options) throws IOException {
        return read(ImportFile.of(file(relative)), options);
    }

    public static Result text(String name, String content, ImportOptions options) throws IOException {
        return read(ImportFile.ofBytes(name, content.getBytes(java.nio.charset.StandardCharsets.UTF_8)), options);
    }
}

package maraude.sources;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;

/** Fixtures beside the repository and real archives. */
public final class TestSupport {

    /** Argon2id at its cheapest, so that tests protect archives in milliseconds; never for real archives. */
    public static final maraude.archive.crypto.KdfParams CHEAP_KDF = new maraude.archive.crypto.KdfParams(1, 1024, 1);

    private TestSupport() {
    }

    public static Path fixtures() {
        Path p = Paths.get(System.getProperty("user.dir")).toAbsolutePath();
        for (Path d = p; d != null; d = d.getParent()) {
            Path candidate = d.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no shared/fixtures found above " + p);
    }

    public static Path fixture(String relative) {
        Path f = fixtures().resolve(relative);
        if (!Files.isRegularFile(f)) {
            throw new IllegalStateException("missing fixture " + f);
        }
        return f;
    }

    public static Archive archive(Path dir) {
        return new LuceneArchiveFactory().open(dir, AccessMode.READ_WRITE);
    }
}

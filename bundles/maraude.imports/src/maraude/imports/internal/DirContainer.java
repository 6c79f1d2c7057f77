package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import maraude.imports.ImportFile;

/** A folder on disk given by the user (or the folder of a lone file). */
public final class DirContainer implements ImportContainer {

    private final Path root;

    public DirContainer(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    public Path root() {
        return root;
    }

    public ImportFile file(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String rel = root.relativize(abs).toString().replace('\\', '/');
        return new DiskFile(abs, rel);
    }

    @Override
    public boolean isArchive() {
        return false;
    }

    @Override
    public Optional<ImportFile> resolve(ImportFile from, String ref) {
        String r = ImportContainer.cleanRef(ref);
        if (r == null) {
            return Optional.empty();
        }
        String dir = ImportContainer.parentOf(from.path());
        while (true) {
            Optional<ImportFile> f = existing(dir.isEmpty() ? r : dir + '/' + r);
            if (f.isPresent()) {
                return f;
            }
            if (dir.isEmpty()) {
                break;
            }
            dir = ImportContainer.parentOf(dir);
        }
        String name = r.substring(r.lastIndexOf('/') + 1);
        String own = ImportContainer.parentOf(from.path());
        return existing(own.isEmpty() ? name : own + '/' + name);
    }

    private Optional<ImportFile> existing(String rel) {
        Path p = root.resolve(rel).normalize();
        // Symbolic links could point out of the export: they are not followed.
        if (!p.startsWith(root) || !Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
            return Optional.empty();
        }
        return Optional.of(new DiskFile(p, rel));
    }

    private final class DiskFile extends ImportFile {
        private final Path file;
        private final String rel;

        DiskFile(Path file, String rel) {
            this.file = file;
            this.rel = rel;
        }

        @Override
        public String name() {
            return file.toString();
        }

        @Override
        public String path() {
            return rel;
        }

        @Override
        public long size() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public long lastModified() {
            try {
                return Files.getLastModifiedTime(file).toMillis();
            } catch (IOException e) {
                return -1;
            }
        }

        @Override
        public InputStream open() throws IOException {
            return Files.newInputStream(file);
        }

        @Override
        public ImportContainer container() {
            return DirContainer.this;
        }
    }
}

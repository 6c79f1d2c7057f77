package maraude.imports.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;

import maraude.imports.EntryNames;
import maraude.imports.ImportFile;
import maraude.imports.Messages;

/**
 * A folder on disk given by the user (or the folder of a lone file). Nothing outside it is ever
 * read: a file found in it or referred to from it is opened only when its real path (every
 * symbolic link followed, "media -&gt; /etc" included) lies inside the folder's real path; the check
 * is made again when the file is opened, on the real path, with the last link not followed.
 */
public final class DirContainer implements ImportContainer {

    private final Path root;
    private final Path realRoot;

    public DirContainer(Path root) {
        this.root = root.toAbsolutePath().normalize();
        Path real;
        try {
            real = this.root.toRealPath();
        } catch (IOException e) {
            real = this.root;
        }
        this.realRoot = real;
    }

    public Path root() {
        return root;
    }

    /** A file found inside the folder: opened only while its real path stays inside. */
    public ImportFile file(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        String rel = root.relativize(abs).toString().replace('\\', '/');
        return new DiskFile(abs, rel, true);
    }

    /** A file the user named: read wherever it really is, its references kept inside its folder. */
    public ImportFile given(Path file) {
        Path abs = file.toAbsolutePath().normalize();
        return new DiskFile(abs, root.relativize(abs).toString().replace('\\', '/'), false);
    }

    /** Whether {@code p} (which may not exist) is really inside the folder once links are followed. */
    public boolean inside(Path p) {
        try {
            return p.toRealPath().startsWith(realRoot);
        } catch (IOException e) {
            return false; // a dangling link or a vanished file: nothing to read anyway
        }
    }

    @Override
    public boolean isArchive() {
        return false;
    }

    @Override
    public Located locate(ImportFile from, String ref) {
        String r = ImportContainer.cleanRef(ref);
        if (r == null) {
            return EntryNames.climbsOut(ref) ? Located.OUTSIDE : Located.NONE;
        }
        boolean refused = false;
        String dir = ImportContainer.parentOf(from.path());
        while (true) {
            Located f = existing(dir.isEmpty() ? r : dir + '/' + r);
            if (f.file().isPresent()) {
                return f;
            }
            refused |= f.outside();
            if (dir.isEmpty()) {
                break;
            }
            dir = ImportContainer.parentOf(dir);
        }
        String name = r.substring(r.lastIndexOf('/') + 1);
        String own = ImportContainer.parentOf(from.path());
        Located f = existing(own.isEmpty() ? name : own + '/' + name);
        return f.file().isPresent() ? f : refused || f.outside() ? Located.OUTSIDE : Located.NONE;
    }

    private Located existing(String rel) {
        Path p;
        try {
            p = root.resolve(rel).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return Located.NONE; // a NUL or the like in a reference: no such file, and the rest of the chat goes on
        }
        if (!p.startsWith(root)) {
            return Located.OUTSIDE;
        }
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return Located.NONE;
        }
        // Any component may be a link ("media -> /etc"): only the real path tells where the file is.
        if (!inside(p)) {
            return Located.OUTSIDE;
        }
        if (!Files.isRegularFile(p)) {
            return Located.NONE;
        }
        return new Located(Optional.of(new DiskFile(p, rel, true)), false);
    }

    private final class DiskFile extends ImportFile {
        private final Path file;
        private final String rel;
        private final boolean contained;

        DiskFile(Path file, String rel, boolean contained) {
            this.file = file;
            this.rel = rel;
            this.contained = contained;
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
            if (!contained) {
                return Files.newInputStream(file);
            }
            // Checked again now: a link swapped in since the folder was listed is refused too.
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot)) {
                throw new LimitExceededException("outside-folder", //$NON-NLS-1$
                        NLS.bind(Messages.problemOutsideFolder, ImportContainer.printable(rel)));
            }
            return Files.newInputStream(real, LinkOption.NOFOLLOW_LINKS);
        }

        @Override
        public ImportContainer container() {
            return DirContainer.this;
        }
    }
}

package maraude.sources.folder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;

import maraude.core.archive.Archive;
import maraude.imports.ImportOptions;
import maraude.imports.ImportProblem;
import maraude.imports.ImportReport;
import maraude.imports.ImportService;
import maraude.sources.Messages;
import maraude.sources.PullResult;
import maraude.sources.Puller;
import maraude.sources.Sleeper;
import maraude.sources.Source;
import maraude.sources.SourceException;
import maraude.sources.SourceState;

/**
 * A folder where exports are dropped (by hand, by a sync tool, by the phone drop). Each export — a
 * file, or a folder such as an unzipped Telegram export — is imported once through the
 * {@link ImportService}, then moved to {@code done/}, or to {@code failed/} with a
 * {@code NAME.reason.txt} saying why. An export still being written (size or date changed between
 * two looks, {@code settle} apart) is left for the next pull.
 */
public final class WatchedFolderPuller implements Puller {

    public static final String DONE = "done"; //$NON-NLS-1$
    public static final String FAILED = "failed"; //$NON-NLS-1$
    public static final String REASON_SUFFIX = ".reason.txt"; //$NON-NLS-1$

    /** Partial downloads of browsers and sync tools: never complete exports. */
    private static final List<String> PARTIAL = List.of(".part", ".partial", ".crdownload", ".download", ".tmp", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            ".!sync", ".filepart"); //$NON-NLS-1$ //$NON-NLS-2$

    private final ImportService imports;
    private final ImportOptions options;
    private final Sleeper sleeper;
    private final Duration settle;

    /**
     * @param settle time between the two looks that tell a finished file from one still being
     *               written (two seconds is plenty for a local copy)
     */
    public WatchedFolderPuller(ImportService imports, ImportOptions options, Sleeper sleeper, Duration settle) {
        this.imports = imports;
        this.options = options;
        this.sleeper = sleeper;
        this.settle = settle;
    }

    public WatchedFolderPuller(ImportService imports) {
        this(imports, ImportOptions.defaults(), Sleeper.REAL, Duration.ofSeconds(2));
    }

    /** Size, entry count and newest date of a file or folder: equal twice = finished writing. */
    record Look(long size, long count, long modified) {
    }

    @Override
    public PullResult pull(Source source, Archive archive, IProgressMonitor monitor) throws SourceException {
        if (source.location() == null) {
            throw new SourceException(SourceState.FAILING, NLS.bind(Messages.folderMissing, "-")); //$NON-NLS-1$
        }
        Path dir = Paths.get(source.location()).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new SourceException(SourceState.FAILING, NLS.bind(Messages.folderMissing, dir));
        }
        SubMonitor sub = SubMonitor.convert(monitor, 100);
        Map<Path, Look> first = look(dir);
        if (first.isEmpty()) {
            return new PullResult(source.id(), SourceState.OK, 0, 0, 0, List.of(), null, null, false);
        }
        try {
            sleeper.sleep(settle);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new PullResult(source.id(), SourceState.OK, 0, 0, 0, List.of(), null, null, true);
        }
        Map<Path, Look> second = look(dir);
        List<String> problems = new ArrayList<>();
        List<Path> ready = new ArrayList<>();
        for (Map.Entry<Path, Look> e : first.entrySet()) {
            Look again = second.get(e.getKey());
            if (again != null && again.equals(e.getValue()) && again.size() > 0) {
                ready.add(e.getKey());
            } else {
                problems.add(NLS.bind(Messages.folderStillWriting, e.getKey().getFileName()));
            }
        }
        sub.setWorkRemaining(Math.max(1, ready.size()));
        long added = 0;
        long duplicates = 0;
        int files = 0;
        boolean failedAny = false;
        for (Path p : ready) {
            if (sub.isCanceled()) {
                return new PullResult(source.id(), SourceState.OK, added, duplicates, files, problems, null, null, true);
            }
            sub.subTask(p.getFileName().toString());
            ImportReport r = imports.importPaths(archive, List.of(p), options, sub.split(1));
            if (r.cancelled()) {
                // Committed batches stay; the export stays too and is read again (ids make that harmless).
                return new PullResult(source.id(), SourceState.OK, added + r.messagesAdded(),
                        duplicates + r.duplicatesSkipped(), files, problems, null, null, true);
            }
            added += r.messagesAdded();
            duplicates += r.duplicatesSkipped();
            files++;
            boolean ok = r.messagesAdded() + r.duplicatesSkipped() > 0;
            try {
                if (ok) {
                    moveInto(p, dir.resolve(DONE), null);
                } else {
                    failedAny = true;
                    moveInto(p, dir.resolve(FAILED), reason(r));
                    problems.add(NLS.bind(Messages.folderFailed, p.getFileName()));
                }
            } catch (IOException e) {
                problems.add(NLS.bind(Messages.folderNotMoved, p.getFileName(), e.getClass().getSimpleName()));
            }
        }
        SourceState state = failedAny ? SourceState.PARTIAL : SourceState.OK;
        return new PullResult(source.id(), state, added, duplicates, files, problems, null, null, false);
    }

    private static String reason(ImportReport r) {
        StringBuilder b = new StringBuilder();
        if (r.errors().isEmpty()) {
            b.append(Messages.folderNoMessages).append('\n');
        }
        for (ImportProblem p : r.errors()) {
            b.append(p.file());
            if (p.line() > 0) {
                b.append(':').append(p.line());
            }
            b.append(" [").append(p.code()).append("] ").append(p.reason()).append('\n'); //$NON-NLS-1$ //$NON-NLS-2$
        }
        return b.toString();
    }

    /** Moves {@code p} into {@code target} under a name not taken yet; writes the reason beside it. */
    static Path moveInto(Path p, Path target, String reason) throws IOException {
        Files.createDirectories(target);
        String name = p.getFileName().toString();
        Path dest = target.resolve(name);
        for (int i = 2; Files.exists(dest, LinkOption.NOFOLLOW_LINKS); i++) {
            int dot = name.lastIndexOf('.');
            String alt = dot > 0 ? name.substring(0, dot) + '-' + i + name.substring(dot) : name + '-' + i;
            dest = target.resolve(alt);
        }
        Files.move(p, dest);
        if (reason != null) {
            Files.writeString(dest.resolveSibling(dest.getFileName() + REASON_SUFFIX), reason, StandardCharsets.UTF_8);
        }
        return dest;
    }

    /** The exports waiting in {@code dir}, with what they look like now. */
    static Map<Path, Look> look(Path dir) throws SourceException {
        Map<Path, Look> out = new TreeMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                String n = p.getFileName().toString();
                String lower = n.toLowerCase(Locale.ROOT);
                if (n.startsWith(".") || n.equals(DONE) || n.equals(FAILED) //$NON-NLS-1$
                        || PARTIAL.stream().anyMatch(lower::endsWith)) {
                    continue;
                }
                if (Files.isSymbolicLink(p)) {
                    continue; // a link could lead anywhere on the disk
                }
                try {
                    out.put(p, lookAt(p));
                } catch (IOException e) {
                    // vanished or unreadable right now: looked at again next time
                }
            }
        } catch (IOException e) {
            throw new SourceException(SourceState.FAILING,
                    NLS.bind(Messages.folderUnreadable, dir, e.getClass().getSimpleName()));
        }
        return out;
    }

    private static Look lookAt(Path p) throws IOException {
        BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            return new Look(a.size(), 1, a.lastModifiedTime().toMillis());
        }
        long[] acc = { 0, 0, a.lastModifiedTime().toMillis() };
        try (Stream<Path> s = Files.walk(p, 16)) {
            s.forEach(f -> {
                try {
                    BasicFileAttributes fa = Files.readAttributes(f, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    if (fa.isRegularFile()) {
                        acc[0] += fa.size();
                        acc[1]++;
                    }
                    acc[2] = Math.max(acc[2], fa.lastModifiedTime().toMillis());
                } catch (IOException e) {
                    acc[1] = -1 - acc[1]; // changes the look: the folder is not settled
                }
            });
        } catch (RuntimeException e) {
            throw new IOException(e);
        }
        return new Look(acc[0], acc[1], acc[2]);
    }
}

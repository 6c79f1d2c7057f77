package maraude.imports;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.OperationCanceledException;
import org.eclipse.core.runtime.SubMonitor;
import org.eclipse.osgi.util.NLS;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ImportedFiles;
import maraude.imports.internal.ArchiveSink;
import maraude.imports.internal.DirContainer;
import maraude.imports.internal.FileKeys;
import maraude.imports.internal.LimitExceededException;
import maraude.imports.internal.MediaTypes;
import maraude.imports.internal.Quarantine;
import maraude.imports.internal.ZipContainer;

/**
 * Imports files, folders and zips into an archive: finds every file, picks the importer most
 * sure to read it, writes in committed batches and reports what it did. A bad file or line never
 * stops the rest. An OSGi component that collects every {@link Importer} service (a new format is a
 * new component, never a change here); the CLI's plain class path wires it from the same generated
 * component files, and tests give it the importers they need.
 */
@Component(service = ImportService.class)
public class ImportService {

    /**
     * Messages per commit: large enough for throughput, small enough to lose little on a crash (a
     * re-import completes a killed import). Each commit flushes the indexing threads' segments, and
     * small segments are merged again and again: from 5,000 to 25,000, an import of 200,000 messages
     * went from 35 to 22 CPU seconds, merges from a fifth of the work to almost nothing.
     */
    public static final int DEFAULT_BATCH = 25_000;

    private final List<Importer> importers = new CopyOnWriteArrayList<>();
    private int batchSize = DEFAULT_BATCH;

    /** For Declarative Services: importers arrive through {@link #addImporter}. */
    public ImportService() {
    }

    public ImportService(List<Importer> importers) {
        this.importers.addAll(importers);
    }

    /** DS: every format registered as an {@link Importer} service, as it comes and goes. */
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void addImporter(Importer importer) {
        importers.add(importer);
    }

    public void removeImporter(Importer importer) {
        importers.remove(importer);
    }

    public List<Importer> importers() {
        return List.copyOf(importers);
    }

    public void setBatchSize(int batchSize) {
        this.batchSize = Math.max(1, batchSize);
    }

    /** The importer most confident to read {@code file}, if any. */
    public Optional<Importer> importerFor(ImportFile file) {
        Importer best = null;
        int score = 0;
        for (Importer i : importers) {
            int c;
            try {
                c = i.confidence(file);
            } catch (IOException | RuntimeException e) {
                c = 0;
            }
            if (c > score) {
                score = c;
                best = i;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * Imports {@code paths} (files, folders, zips) into {@code archive}. Commits whole batches only,
     * a batch spanning files (one commit per {@link #setBatchSize batch}, not per file): cancelling
     * (through {@code monitor}) commits the files finished before and drops the current one's
     * pending messages, so the archive is always at a consistent commit.
     * <p>
     * On an archive that remembers the files it read whole ({@link ImportedFiles}), a file already
     * recorded with the same {@link FileKeys key} is skipped without being parsed (counted in
     * {@link ImportReport#unchangedFiles()}, its messages, as recorded, in
     * {@link ImportReport#duplicatesSkipped()}); a file is recorded when it was read without any problem,
     * in the commit that holds its last messages.
     */
    public ImportReport importPaths(Archive archive, List<Path> paths, ImportOptions options, IProgressMonitor monitor) {
        SubMonitor sub = SubMonitor.convert(monitor, 100);
        List<ImportProblem> problems = new ArrayList<>();
        List<ZipContainer> zips = new ArrayList<>();
        UsMemory memory = UsMemory.load(archive.files());
        Quarantine quarantine = new Quarantine(archive.files(), options.limits().maxQuarantineBytes());
        long started = System.nanoTime();
        ArchiveSink[] holder = new ArchiveSink[1];
        ArchiveSink sink = new ArchiveSink(archive, batchSize, () -> progress(sub, holder[0], started), problems::add);
        holder[0] = sink;
        Set<String> sourcesUsed = new LinkedHashSet<>();
        ImportedFiles ledger = archive instanceof ImportedFiles f ? f : null;
        String usKey = FileKeys.us(options.us(), memory.fingerprint());
        int files = 0;
        int unchanged = 0;
        long unchangedMessages = 0;
        boolean cancelled = false;
        boolean archiveFailed = false;
        try {
            List<ImportFile> all = collect(paths, options, problems, zips);
            sub.setWorkRemaining(Math.max(1, all.size()));
            for (ImportFile file : all) {
                if (sub.isCanceled()) {
                    cancelled = true;
                    break;
                }
                sub.subTask(file.fileName());
                String key;
                try {
                    key = keyOf(ledger, file, usKey, options);
                    long known = key == null ? -1 : ledger.importedMessages(key);
                    if (known >= 0) {
                        files++;
                        unchanged++; // read whole before, unchanged: not even sniffed
                        unchangedMessages += known; // all found already there
                        sub.worked(1);
                        continue;
                    }
                } catch (ArchiveException e) {
                    problems.add(new ImportProblem(file.name(), 0, -1, "archive", //$NON-NLS-1$
                            NLS.bind(Messages.problemArchive, e.kind())));
                    archiveFailed = true;
                    break;
                }
                try {
                    file.head(); // a zip entry past a limit is refused here, before any importer sniffs it
                } catch (IOException e) {
                    report(file, e, problems, options.limits());
                    sub.worked(1);
                    continue;
                }
                Optional<Importer> importer = importerFor(file);
                if (importer.isEmpty()) {
                    if (!MediaTypes.isMedia(file.fileName())) {
                        problems.add(new ImportProblem(file.name(), 0, -1, "not-recognised", Messages.problemNotRecognised)); //$NON-NLS-1$
                    }
                    sub.worked(1);
                    continue;
                }
                Importer imp = importer.get();
                Set<String> us = options.us().isEmpty() ? memory.get(imp.id()) : options.us();
                sourcesUsed.add(imp.id());
                files++;
                ImportContext ctx = new ImportContext(options, us, problems::add, quarantine, sub);
                int problemsBefore = problems.size();
                sink.beginFile(file.name());
                try {
                    imp.read(file, ctx, sink);
                    // A file read with a warning (a missing attachment...) is read again next time.
                    sink.endFile(problems.size() == problemsBefore ? key : null);
                } catch (OperationCanceledException e) {
                    cancelled = true;
                    try {
                        sink.discard(); // the files finished before this one are committed
                    } catch (ArchiveException ae) {
                        problems.add(new ImportProblem(file.name(), 0, -1, "archive", //$NON-NLS-1$
                                NLS.bind(Messages.problemArchive, ae.kind())));
                        archiveFailed = true;
                    }
                    break;
                } catch (ArchiveException e) {
                    problems.add(new ImportProblem(file.name(), 0, -1, "archive", //$NON-NLS-1$
                            NLS.bind(Messages.problemArchive, e.kind())));
                    archiveFailed = true;
                    break; // the archive itself failed: going on would fail the same way
                } catch (IOException | RuntimeException | StackOverflowError e) {
                    report(file, e, problems, options.limits());
                    if (!(e instanceof LimitExceededException l && l.code().startsWith("zip"))) { //$NON-NLS-1$
                        ctx.quarantineFile(file);
                    }
                    try {
                        sink.endFile(); // what was read before the failure is valid
                    } catch (ArchiveException ae) {
                        problems.add(new ImportProblem(file.name(), 0, -1, "archive", //$NON-NLS-1$
                                NLS.bind(Messages.problemArchive, ae.kind())));
                        archiveFailed = true;
                        break;
                    }
                }
                sub.worked(1);
            }
            if (!archiveFailed && !cancelled) {
                try {
                    sink.finish(); // one commit for the last batch, whatever the number of files
                } catch (ArchiveException e) {
                    problems.add(new ImportProblem("-", 0, -1, "archive", //$NON-NLS-1$ //$NON-NLS-2$
                            NLS.bind(Messages.problemArchive, e.kind())));
                }
            }
        } finally {
            quarantine.flush();
            for (ZipContainer z : zips) {
                try {
                    z.close();
                } catch (IOException e) {
                    // read-only: nothing to lose
                }
            }
        }
        if (options.rememberUs() && !options.us().isEmpty() && !sourcesUsed.isEmpty()) {
            for (String s : sourcesUsed) {
                memory.put(s, options.us());
            }
            try {
                memory.save();
            } catch (IOException e) {
                // Remembering is a convenience; the import itself succeeded.
            }
        }
        return new ImportReport(files, sink.conversations(), sink.added(), sink.duplicates() + unchangedMessages,
                sink.attachments(), problems, cancelled, unchanged);
    }

    /**
     * The file's key ({@link FileKeys}), or null when the archive does not remember files or the
     * file is not keyed. Zip entries are not: every opening of an entry counts against the zip's
     * limits, and hashing would be one more.
     */
    private String keyOf(ImportedFiles ledger, ImportFile file, String usKey, ImportOptions options) {
        if (ledger == null || file.container() instanceof ZipContainer) {
            return null;
        }
        try {
            return FileKeys.of(file, formatsKey(), usKey, options);
        } catch (IOException e) {
            return null; // reading it below reports the problem
        }
    }

    /** The formats that may read a file, as a key part: a new or changed format reads every file again. */
    private String formatsKey() {
        List<String> ids = new ArrayList<>();
        for (Importer i : importers) {
            ids.add(i.id() + '=' + i.getClass().getName());
        }
        ids.sort(null);
        return ids.toString();
    }

    private static void progress(SubMonitor sub, ArchiveSink sink, long started) {
        double secs = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        long n = sink.added() + sink.duplicates();
        sub.setTaskName(String.format(Locale.ROOT, "%,d / %,.0f/s", n, n / secs)); //$NON-NLS-1$
    }

    static void report(ImportFile file, Throwable e, List<ImportProblem> problems, ImportLimits limits) {
        String depth = String.valueOf(limits.maxNestingDepth());
        if (e instanceof LimitExceededException l) {
            problems.add(new ImportProblem(file.name(), 0, -1, l.code(), l.getMessage()));
        } else if (e instanceof StreamConstraintsException s) {
            long line = s.getLocation() == null ? 0 : s.getLocation().getLineNr();
            problems.add(new ImportProblem(file.name(), line, -1, "too-deep", //$NON-NLS-1$
                    NLS.bind(Messages.problemTooDeep, depth)));
        } else if (e instanceof com.fasterxml.jackson.core.io.JsonEOFException j) {
            long line = j.getLocation() == null ? 0 : j.getLocation().getLineNr();
            problems.add(new ImportProblem(file.name(), line, -1, "truncated", Messages.problemTruncated)); //$NON-NLS-1$
        } else if (e instanceof JsonProcessingException j) {
            long line = j.getLocation() == null ? 0 : j.getLocation().getLineNr();
            long offset = j.getLocation() == null ? -1 : j.getLocation().getByteOffset();
            problems.add(new ImportProblem(file.name(), line, offset, "malformed", //$NON-NLS-1$
                    NLS.bind(Messages.problemUnreadable, j.getOriginalMessage())));
        } else if (e instanceof java.io.EOFException) {
            problems.add(new ImportProblem(file.name(), 0, -1, "truncated", Messages.problemTruncated)); //$NON-NLS-1$
        } else if (e instanceof StackOverflowError) {
            problems.add(new ImportProblem(file.name(), 0, -1, "too-deep", NLS.bind(Messages.problemTooDeep, depth))); //$NON-NLS-1$
        } else {
            problems.add(new ImportProblem(file.name(), 0, -1, "unreadable", //$NON-NLS-1$
                    NLS.bind(Messages.problemUnreadable, e.getClass().getSimpleName())));
        }
    }

    /** Every file to read, zips opened in place; walking problems reported. */
    List<ImportFile> collect(List<Path> paths, ImportOptions options, List<ImportProblem> problems,
            List<ZipContainer> zips) {
        List<ImportFile> out = new ArrayList<>();
        for (Path p : paths) {
            Path abs = p.toAbsolutePath().normalize();
            if (Files.isDirectory(abs)) {
                try {
                    abs = abs.toRealPath(); // the folder the user named, wherever it really is; its links are walked below
                } catch (IOException e) {
                    // walked as named; unreadable parts are reported by the walk
                }
                DirContainer dir = new DirContainer(abs);
                List<Path> found = new ArrayList<>();
                List<Path> links = new ArrayList<>();
                // Links are not followed: one to a place inside is read there; one leading out is refused.
                try (Stream<Path> s = Files.walk(abs, 32, new FileVisitOption[0])) {
                    s.filter(f -> !f.getFileName().toString().startsWith(".")).forEach(f -> { //$NON-NLS-1$
                        if (Files.isSymbolicLink(f)) {
                            links.add(f);
                        } else if (Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)) {
                            found.add(f);
                        }
                    });
                    found.sort(Comparator.comparing(Path::toString));
                    links.sort(Comparator.comparing(Path::toString));
                } catch (IOException | RuntimeException e) {
                    problems.add(new ImportProblem(abs.toString(), 0, -1, "unreadable", //$NON-NLS-1$
                            NLS.bind(Messages.problemUnreadable, e.getClass().getSimpleName())));
                }
                for (Path l : links) {
                    if (!dir.inside(l)) {
                        problems.add(new ImportProblem(l.toString(), 0, -1, "outside-folder", //$NON-NLS-1$
                                NLS.bind(Messages.problemOutsideFolder, sanitize(abs.relativize(l).toString()))));
                    }
                }
                for (Path f : found) {
                    if (isZip(f)) {
                        openZip(f, options, problems, zips, out);
                    } else {
                        out.add(dir.file(f));
                    }
                }
            } else if (Files.isRegularFile(abs)) {
                if (isZip(abs)) {
                    openZip(abs, options, problems, zips, out);
                } else {
                    out.add(ImportFile.of(abs));
                }
            } else {
                problems.add(new ImportProblem(abs.toString(), 0, -1, "missing", //$NON-NLS-1$
                        NLS.bind(Messages.problemUnreadable, "-"))); //$NON-NLS-1$
            }
        }
        return out;
    }

    private static boolean isZip(Path f) {
        if (f.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".zip")) { //$NON-NLS-1$
            return true;
        }
        try (var in = Files.newInputStream(f)) {
            byte[] h = in.readNBytes(4);
            return h.length == 4 && h[0] == 'P' && h[1] == 'K' && h[2] == 3 && h[3] == 4;
        } catch (IOException e) {
            return false;
        }
    }

    private static void openZip(Path f, ImportOptions options, List<ImportProblem> problems, List<ZipContainer> zips,
            List<ImportFile> out) {
        try {
            ZipContainer z = new ZipContainer(f, options.limits());
            zips.add(z);
            for (String u : z.unsafeEntries()) {
                problems.add(new ImportProblem(z.displayName(sanitize(u)), 0, -1, "unsafe-entry", Messages.problemUnsafeEntry)); //$NON-NLS-1$
            }
            for (String n : z.nestedArchives()) {
                problems.add(new ImportProblem(z.displayName(n), 0, -1, "nested-archive", Messages.problemNestedArchive)); //$NON-NLS-1$
            }
            out.addAll(z.files());
        } catch (LimitExceededException e) {
            problems.add(new ImportProblem(f.toString(), 0, -1, e.code(), e.getMessage()));
        } catch (IOException | RuntimeException e) {
            problems.add(new ImportProblem(f.toString(), 0, -1, "zip-unreadable", //$NON-NLS-1$
                    NLS.bind(Messages.problemZipUnreadable, e.getClass().getSimpleName())));
        }
    }

    /** Entry names are shown, never used as paths; control characters are masked. */
    private static String sanitize(String s) {
        return s.replaceAll("\\p{Cntrl}", "?"); //$NON-NLS-1$ //$NON-NLS-2$
    }

}

package maraude.archive.crypto;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.function.IntConsumer;

import org.eclipse.osgi.util.NLS;

import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * Makes a restore all-or-nothing across a crash. The backup is first copied into
 * {@code root/.restore-staging} and synced; then a journal ({@code root/.restore-journal}, written
 * atomically) records which entries of the archive go aside into {@code before-restore-…} and which
 * come in from the staging folder; then every entry is moved with an atomic rename, and the journal
 * is deleted last.
 * <p>
 * Before the journal exists the old archive is untouched (a staging folder left by a crash is
 * simply deleted); once it exists the restore is decided, and {@link #recover} — called whenever an
 * archive folder is opened — finishes the moves (each one is done or not, and is recognised as done
 * by where the entry is). So a kill at any moment leaves the old archive or the new one, never a mix.
 * A lock file keeps a second process from recovering a restore that is still running.
 */
final class RestoreJournal {

    static final String STAGING = ".restore-staging"; //$NON-NLS-1$
    static final String JOURNAL = ".restore-journal"; //$NON-NLS-1$
    static final String LOCK = ".restore.lock"; //$NON-NLS-1$

    /** Entries a restore replaces; the key file first out and last in. */
    static final List<String> OLD_ENTRIES = List.of(KeyFile.FILE_NAME, maraude.archive.storage.FileSystemStorage.INDEX_FOLDER,
            maraude.archive.storage.FileSystemStorage.ATTACHMENTS_FOLDER, EncryptedStorage.INDEX_FOLDER,
            EncryptedStorage.ATTACHMENTS_FOLDER);
    static final List<String> NEW_ENTRIES = List.of(EncryptedStorage.INDEX_FOLDER, EncryptedStorage.ATTACHMENTS_FOLDER,
            KeyFile.FILE_NAME);
    /**
     * Side files (notes, quarantine, "us" memory, sources, settings, caches, the clear marker) a
     * restore replaces when the backup carries them: they go aside with the old archive and come in
     * from the backup (before the key file), so no side file of one key stays beside another key.
     */
    static final List<String> SIDE_ENTRIES = java.util.stream.Stream
            .concat(EncryptedArchiveFiles.SIDE_FILES.stream(), java.util.stream.Stream.of(EncryptedArchiveFiles.CLEAR_MARKER))
            .toList();

    /** No observer: a restore's steps as the product runs them. */
    static final IntConsumer NO_OBSERVER = n -> {
    };

    private RestoreJournal() {
    }

    /** The restore's exclusive lock on {@code root}; LOCKED when another restore holds it. */
    static final class Lock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        Lock(Path root) throws IOException {
            maraude.core.archive.ArchiveLayout.createPrivateDirectories(root);
            channel = FileChannel.open(root.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            maraude.core.archive.ArchiveLayout.restrict(root.resolve(LOCK));
            FileLock l;
            try {
                l = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // this process is restoring it
            }
            if (l == null) {
                channel.close();
                throw new ArchiveException(Kind.LOCKED, NLS.bind(Messages.Restore_running, root));
            }
            lock = l;
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }

    /** Whether a restore was interrupted in {@code root} (cheap: two file checks). */
    static boolean interrupted(Path root) {
        return Files.exists(root.resolve(JOURNAL)) || Files.exists(root.resolve(STAGING));
    }

    /**
     * Finishes or forgets a restore a crash interrupted: with its journal, the moves are completed
     * (new archive); without, the partial staging copy is deleted (old archive). Nothing to do in a
     * folder without either.
     *
     * @throws ArchiveException LOCKED when a restore is running in another process, IO on disk errors
     */
    static void recover(Path root) {
        if (!interrupted(root)) {
            return;
        }
        try (Lock l = new Lock(root)) {
            recoverLocked(root);
        } catch (IOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Backup_io, root, e.getMessage()), e);
        }
    }

    /** With the lock held. */
    static void recoverLocked(Path root) throws IOException {
        if (Files.exists(root.resolve(JOURNAL))) {
            switchOver(root, read(root), NO_OBSERVER);
        } else if (Files.exists(root.resolve(STAGING))) {
            ArchiveProtection.deleteTree(root.resolve(STAGING));
        }
    }

    /** What a journal says: where the old entries go, which exist, which come in. */
    record Plan(String before, List<String> out, List<String> in) {
    }

    /** Writes the journal atomically: from its rename on, the restore is decided. */
    static void write(Path root, Plan plan) throws IOException {
        Properties p = new Properties();
        p.setProperty("before", plan.before()); //$NON-NLS-1$
        p.setProperty("out", String.join(",", plan.out())); //$NON-NLS-1$ //$NON-NLS-2$
        p.setProperty("in", String.join(",", plan.in())); //$NON-NLS-1$ //$NON-NLS-2$
        Path tmp = root.resolve(JOURNAL + ".tmp"); //$NON-NLS-1$
        Files.deleteIfExists(tmp);
        Files.createFile(tmp);
        maraude.core.archive.ArchiveLayout.restrict(tmp);
        try (OutputStream out = Files.newOutputStream(tmp)) {
            p.store(new java.io.OutputStreamWriter(out, StandardCharsets.UTF_8), null);
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, root.resolve(JOURNAL), StandardCopyOption.ATOMIC_MOVE);
        KeyFile.syncFolder(root);
    }

    static Plan read(Path root) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(root.resolve(JOURNAL), StandardCharsets.UTF_8)) {
            p.load(r);
        }
        String before = p.getProperty("before"); //$NON-NLS-1$
        if (before == null || before.isBlank() || before.contains("/") || before.contains("\\") //$NON-NLS-1$ //$NON-NLS-2$
                || before.startsWith(".")) { //$NON-NLS-1$
            throw new IOException(JOURNAL + ": bad 'before' entry"); //$NON-NLS-1$
        }
        return new Plan(before, names(p.getProperty("out")), names(p.getProperty("in"))); //$NON-NLS-1$ //$NON-NLS-2$
    }

    private static List<String> names(String v) throws IOException {
        List<String> out = new ArrayList<>();
        if (v == null || v.isBlank()) {
            return out;
        }
        for (String n : v.split(",")) { //$NON-NLS-1$
            if (!OLD_ENTRIES.contains(n) && !NEW_ENTRIES.contains(n) && !SIDE_ENTRIES.contains(n)) {
                throw new IOException(JOURNAL + ": unexpected entry " + n); //$NON-NLS-1$
            }
            out.add(n);
        }
        return out;
    }

    /**
     * The moves, each idempotent: an old entry is aside once it is in {@code before}; a new entry
     * is in once it has left the staging folder. Steps are numbered: {@code afterStep} hears each
     * number once the step is done (the crash tests halt a child JVM there).
     */
    static void switchOver(Path root, Plan plan, IntConsumer afterStep) throws IOException {
        int step = 10;
        Path before = root.resolve(plan.before());
        Path staging = root.resolve(STAGING);
        Files.createDirectories(before);
        for (String name : plan.out()) {
            if (Files.exists(root.resolve(name)) && !Files.exists(before.resolve(name))) {
                Files.move(root.resolve(name), before.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                KeyFile.syncFolder(root);
            }
            afterStep.accept(step++);
        }
        KeyFile.syncFolder(before);
        for (String name : plan.in()) {
            if (Files.exists(staging.resolve(name))) {
                if (Files.exists(root.resolve(name))) {
                    // not there when the journal was written: set aside rather than mixed in
                    Files.move(root.resolve(name), before.resolve(name + ".unexpected"), StandardCopyOption.ATOMIC_MOVE); //$NON-NLS-1$
                }
                Files.move(staging.resolve(name), root.resolve(name), StandardCopyOption.ATOMIC_MOVE);
                KeyFile.syncFolder(root);
            }
            afterStep.accept(step++);
        }
        ArchiveProtection.deleteTree(staging);
        afterStep.accept(step++);
        Files.deleteIfExists(root.resolve(JOURNAL));
        KeyFile.syncFolder(root);
        afterStep.accept(step);
    }

    /** The entries of {@code root} a restore sets aside (those that exist), in order. */
    static List<String> existing(Path root, List<String> names) {
        return Arrays.stream(names.toArray(String[]::new)).filter(n -> Files.exists(root.resolve(n))).toList();
    }
}

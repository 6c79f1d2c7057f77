package maraude.archive.crypto;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.IOContext;
import org.apache.lucene.store.Lock;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.store.NativeFSLockFactory;
import org.eclipse.osgi.util.NLS;

import maraude.archive.maintenance.AttachmentCheck;
import maraude.archive.maintenance.AuditTrail;
import maraude.archive.maintenance.IntegrityCheck;
import maraude.archive.storage.FileSystemStorage;
import maraude.core.archive.ArchiveException;
import maraude.core.archive.ArchiveException.Kind;

/**
 * Backups are protected archive folders ({@code protection.key}, {@code index.enc},
 * {@code attachments.enc}, the side files but the blurred cache, the audit trail): a backup can be
 * opened read-only, checked, and restored by copying. The archive's attachments are checked against
 * their content address first: a damaged archive is refused, never copied silently.
 *
 * <h2>Consistency while the archive is in use</h2> A Lucene commit is a set of write-once files named
 * by its {@code segments_N}. The backup reads the latest commit's file list and copies those files; a
 * writer in another process (or this one) can only <em>add</em> files and, after a newer commit,
 * delete the older commit's ones. A file deleted before it was copied shows up as
 * {@link NoSuchFileException}: the copy then starts again from the newer commit. A file that could be
 * opened is copied whole (Lucene never rewrites a file). So the result is exactly one commit, without
 * taking the writer's lock. Attachments are write-once too and simply copied.
 *
 * <h2>Encryption</h2> A protected archive's files are copied as they are (ciphertext, same key: the
 * backup's key file is the archive's, so the same passphrase opens it). A plain archive is encrypted
 * on the way, under a new key wrapped with the passphrase given.
 *
 * <h2>Crash safety</h2> Everything is written to {@code DEST.partial}, synced, checked (every chunk
 * authenticated, every footer checksum), then renamed to {@code DEST}: a killed backup never leaves a
 * plausible but incomplete backup, and it never writes to the archive.
 */
public final class ArchiveBackup {

    private static final int ATTEMPTS = 20;

    public record Result(Path destination, int indexFiles, long attachments, long documents) {
    }

    /**
     * What a restore did: the documents and attachments of the restored archive (checked after the
     * switch), and where the former archive was set aside, {@code null} when it was deleted (once the
     * restored archive was verified; only a backup made before side files were carried keeps it, as
     * its side files are not replaced).
     */
    public record Restored(long documents, long attachments, Path setAside) {
    }

    /** Marker in a backup folder: the backup carries the side files and the audit trail. */
    static final String SIDE_FILES_MARKER = "side-files.included"; //$NON-NLS-1$

    private ArchiveBackup() {
    }

    /**
     * @param passphraseIfPlain for an unprotected archive: the passphrase the backup is encrypted
     *                          with (required then; ignored for a protected archive)
     */
    public static Result backup(Path root, Path dest, Keyring keyring, char[] passphraseIfPlain, KdfParams params) {
        if (Files.exists(dest) && !isEmptyFolder(dest)) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Backup_destinationExists, dest));
        }
        boolean protectedArchive = ArchiveProtection.isProtected(root);
        if (!protectedArchive && passphraseIfPlain == null) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Backup_plainNeedsPassphrase, root));
        }
        if (!protectedArchive) {
            PassphrasePolicy.check(passphraseIfPlain);
        }
        Path partial = dest.resolveSibling(dest.getFileName() + ".partial"); //$NON-NLS-1$
        try {
            ArchiveProtection.deleteTree(partial);
            Files.createDirectories(partial);
            DataKey key = protectedArchive ? keyring.keyFor(root) : DataKey.random(KeyFile.DEFAULT_CHUNK_SHIFT);
            int files;
            long attachments;
            try {
                // damage is never copied silently: the archive's attachments are checked first
                AttachmentCheck.Report damage = protectedArchive ? checkProtected(root, key) : checkPlain(root);
                if (!damage.intact()) {
                    throw new ArchiveException(Kind.CORRUPT,
                            NLS.bind(Messages.Backup_damaged, root, damage.problems().size()));
                }
                if (protectedArchive) {
                    files = copyProtectedIndex(root, partial, key);
                    attachments = copyTree(root.resolve(EncryptedStorage.ATTACHMENTS_FOLDER),
                            partial.resolve(EncryptedStorage.ATTACHMENTS_FOLDER));
                    Files.copy(root.resolve(KeyFile.FILE_NAME), partial.resolve(KeyFile.FILE_NAME));
                } else {
                    files = encryptPlainIndex(root, partial, key);
                    attachments = encryptPlainAttachments(root, partial, key);
                    KeyFile.wrap(key, passphraseIfPlain, params).write(partial);
                }
                copySideFiles(root, partial, protectedArchive ? null : key);
                long docs = verify(partial, key);
                maraude.core.archive.ArchiveLayout.restrictTree(partial);
                syncTree(partial);
                Files.deleteIfExists(dest); // an empty folder given as destination
                Files.move(partial, dest, StandardCopyOption.ATOMIC_MOVE);
                KeyFile.syncFolder(dest.toAbsolutePath().getParent());
                AuditTrail.recordQuietly(root, AuditTrail.Event.BACKUP,
                        Map.of("index_files", (long) files, "attachments", attachments, "documents", docs)); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                return new Result(dest, files, attachments, docs);
            } finally {
                if (!protectedArchive) {
                    key.destroy();
                }
            }
        } catch (IOException | UncheckedIOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Backup_io, dest, e.getMessage()), e);
        } catch (ArchiveException e) {
            try {
                ArchiveProtection.deleteTree(partial); // nothing plausible left behind
            } catch (IOException ignored) {
                // the .partial name says it is not a backup
            }
            throw e;
        }
    }

    /**
     * Copies the side files (notes, quarantine, "us" memory, sources, settings; not the blurred cache,
     * recomputed on demand) and the audit trail into the backup: ciphertext as is from a protected
     * archive (same key, same names), encrypted under the backup's key from a plain one. The audit
     * trail holds counts only and stays in clear, as in the archive.
     *
     * @param encryptWith null to copy as is
     */
    private static void copySideFiles(Path root, Path partial, DataKey encryptWith) throws IOException {
        EncryptedArchiveFiles into = encryptWith == null ? null : new EncryptedArchiveFiles(partial, encryptWith);
        for (String side : EncryptedArchiveFiles.SIDE_FILES) {
            if (side.equals("cache")) { //$NON-NLS-1$
                continue;
            }
            Path from = root.resolve(side);
            List<Path> files;
            if (Files.isDirectory(from)) {
                try (Stream<Path> s = Files.walk(from)) {
                    files = s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().endsWith(".tmp")) //$NON-NLS-1$
                            .sorted().toList();
                }
            } else {
                files = Files.isRegularFile(from) ? List.of(from) : List.of();
            }
            for (Path f : files) {
                String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/"); //$NON-NLS-1$
                try {
                    if (into == null) {
                        Path target = partial.resolve(rel);
                        Files.createDirectories(target.getParent());
                        Files.copy(f, target);
                    } else {
                        into.writeAllBytes(rel, Files.readAllBytes(f));
                    }
                } catch (NoSuchFileException e) {
                    // erased meanwhile: not part of the archive any more
                }
            }
        }
        Path audit = root.resolve(AuditTrail.FILE_NAME);
        if (Files.isRegularFile(audit)) {
            Files.copy(audit, partial.resolve(AuditTrail.FILE_NAME));
        }
        Files.writeString(partial.resolve(SIDE_FILES_MARKER), ""); //$NON-NLS-1$
    }

    /** {@link AttachmentCheck} of a protected archive folder (or backup) under {@code key}. */
    static AttachmentCheck.Report checkProtected(Path folder, DataKey key) throws IOException {
        Path index = folder.resolve(EncryptedStorage.INDEX_FOLDER);
        EncryptedAttachmentStore store = new EncryptedAttachmentStore(folder.resolve(EncryptedStorage.ATTACHMENTS_FOLDER), key);
        if (!Files.isDirectory(index)) {
            return AttachmentCheck.check(null, store);
        }
        try (EncryptedDirectory enc = new EncryptedDirectory(FSDirectory.open(index, NativeFSLockFactory.INSTANCE), key, 0)) {
            return AttachmentCheck.check(enc, store);
        }
    }

    private static AttachmentCheck.Report checkPlain(Path root) throws IOException {
        Path index = root.resolve(FileSystemStorage.INDEX_FOLDER);
        maraude.archive.storage.FileAttachmentStore store = new maraude.archive.storage.FileAttachmentStore(
                root.resolve(FileSystemStorage.ATTACHMENTS_FOLDER));
        if (!Files.isDirectory(index)) {
            return AttachmentCheck.check(null, store);
        }
        try (Directory d = FSDirectory.open(index, NativeFSLockFactory.INSTANCE)) {
            return AttachmentCheck.check(d, store);
        }
    }

    private static int copyProtectedIndex(Path root, Path partial, DataKey key) throws IOException {
        Path from = root.resolve(EncryptedStorage.INDEX_FOLDER);
        Path to = partial.resolve(EncryptedStorage.INDEX_FOLDER);
        if (!Files.isDirectory(from)) {
            Files.createDirectories(to);
            return 0;
        }
        try (EncryptedDirectory enc = new EncryptedDirectory(FSDirectory.open(from, NativeFSLockFactory.INSTANCE), key, 0)) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                ArchiveProtection.deleteTree(to);
                Files.createDirectories(to);
                try {
                    if (!DirectoryReader.indexExists(enc)) {
                        return 0;
                    }
                    SegmentInfos infos = SegmentInfos.readLatestCommit(enc);
                    List<String> names = commitFiles(infos);
                    for (String n : names) {
                        Files.copy(from.resolve(n), to.resolve(n)); // ciphertext as is
                    }
                    return names.size();
                } catch (NoSuchFileException e) {
                    // a newer commit replaced this one while copying: copy that one
                }
            }
        }
        throw new ArchiveException(Kind.IO, NLS.bind(Messages.Backup_busy, root));
    }

    /** The commit's files, its segments file last. */
    private static List<String> commitFiles(SegmentInfos infos) throws IOException {
        List<String> names = new ArrayList<>();
        for (String f : infos.files(true)) {
            if (!f.equals(infos.getSegmentsFileName())) {
                names.add(f);
            }
        }
        names.add(infos.getSegmentsFileName());
        return names;
    }

    private static int encryptPlainIndex(Path root, Path partial, DataKey key) throws IOException {
        Path from = root.resolve(FileSystemStorage.INDEX_FOLDER);
        Path to = partial.resolve(EncryptedStorage.INDEX_FOLDER);
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return 0;
        }
        try (Directory plain = FSDirectory.open(from, NativeFSLockFactory.INSTANCE)) {
            for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
                ArchiveProtection.deleteTree(to);
                try (EncryptedDirectory enc = new EncryptedDirectory(FSDirectory.open(to), key, 0)) {
                    if (!DirectoryReader.indexExists(plain)) {
                        return 0;
                    }
                    SegmentInfos infos = SegmentInfos.readLatestCommit(plain);
                    List<String> names = commitFiles(infos);
                    for (String n : names) {
                        enc.copyFrom(plain, n, n, IOContext.READONCE);
                    }
                    return names.size();
                } catch (NoSuchFileException e) {
                    // newer commit: again
                }
            }
        }
        throw new ArchiveException(Kind.IO, NLS.bind(Messages.Backup_busy, root));
    }

    private static long encryptPlainAttachments(Path root, Path partial, DataKey key) throws IOException {
        EncryptedAttachmentStore store = new EncryptedAttachmentStore(
                partial.resolve(EncryptedStorage.ATTACHMENTS_FOLDER), key);
        long n = 0;
        for (Path f : ArchiveProtection.plainAttachments(root.resolve(FileSystemStorage.ATTACHMENTS_FOLDER))) {
            try (InputStream in = Files.newInputStream(f)) {
                store.store(in, null, null);
                n++;
            }
        }
        return n;
    }

    private static long verify(Path backup, DataKey key) throws IOException {
        Path index = backup.resolve(EncryptedStorage.INDEX_FOLDER);
        try (EncryptedDirectory enc = new EncryptedDirectory(FSDirectory.open(index), key, 0)) {
            if (!DirectoryReader.indexExists(enc)) {
                return 0;
            }
            return IntegrityCheck.verify(enc, backup);
        }
    }

    /**
     * Replaces the archive in {@code root} by the backup in {@code backup}, which {@code passphrase}
     * must open. The backup is checked first (a wrong passphrase or a damaged backup changes nothing);
     * the archive must not be open for writing. What was there goes to
     * {@code root/before-restore-TIMESTAMP/} during the switch, and is deleted once the restored archive
     * has been read whole (index checksums and chunk tags, attachments against their addresses); only a
     * backup of the older kind (without side files) leaves it, for forget and purge to erase. All or
     * nothing across a crash: see {@link RestoreJournal}.
     */
    public static Restored restore(Path backup, Path root, char[] passphrase) {
        return restore(backup, root, passphrase, RestoreJournal.NO_OBSERVER);
    }

    /** {@link #restore(Path, Path, char[])}, telling {@code afterStep} each step's number once it is done. */
    static Restored restore(Path backup, Path root, char[] passphrase, java.util.function.IntConsumer afterStep) {
        if (!KeyFile.exists(backup) || !Files.isDirectory(backup.resolve(EncryptedStorage.INDEX_FOLDER))) {
            throw new ArchiveException(Kind.BAD_INPUT, NLS.bind(Messages.Backup_notABackup, backup));
        }
        DataKey key = ArchiveProtection.unwrap(backup, passphrase);
        List<Lock> locks = new ArrayList<>();
        List<Directory> dirs = new ArrayList<>();
        try (RestoreJournal.Lock restoring = new RestoreJournal.Lock(root)) {
            // an earlier restore killed half-way is finished (or forgotten) first
            RestoreJournal.recoverLocked(root);
            verify(backup, key);
            for (String folder : new String[] { FileSystemStorage.INDEX_FOLDER, EncryptedStorage.INDEX_FOLDER }) {
                if (Files.isDirectory(root.resolve(folder))) {
                    Directory d = FSDirectory.open(root.resolve(folder), NativeFSLockFactory.INSTANCE);
                    dirs.add(d);
                    locks.add(d.obtainLock(IndexWriter.WRITE_LOCK_NAME));
                }
            }
            Path staging = root.resolve(RestoreJournal.STAGING);
            ArchiveProtection.deleteTree(staging);
            copyTree(backup.resolve(EncryptedStorage.INDEX_FOLDER), staging.resolve(EncryptedStorage.INDEX_FOLDER));
            copyTree(backup.resolve(EncryptedStorage.ATTACHMENTS_FOLDER),
                    staging.resolve(EncryptedStorage.ATTACHMENTS_FOLDER));
            Files.copy(backup.resolve(KeyFile.FILE_NAME), staging.resolve(KeyFile.FILE_NAME));
            boolean sides = Files.exists(backup.resolve(SIDE_FILES_MARKER));
            if (sides) {
                for (String side : RestoreJournal.SIDE_ENTRIES) {
                    Path from = backup.resolve(side);
                    if (Files.isDirectory(from)) {
                        copyTree(from, staging.resolve(side));
                    } else if (Files.isRegularFile(from)) {
                        Files.copy(from, staging.resolve(side));
                    }
                }
            }
            maraude.core.archive.ArchiveLayout.restrictTree(staging);
            syncTree(staging);
            KeyFile.syncFolder(root);
            afterStep.accept(0);
            String before = "before-restore-" //$NON-NLS-1$
                    + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")); //$NON-NLS-1$
            List<String> out = new ArrayList<>(RestoreJournal.OLD_ENTRIES);
            List<String> in = new ArrayList<>();
            if (sides) {
                out.addAll(RestoreJournal.SIDE_ENTRIES);
                in.addAll(RestoreJournal.SIDE_ENTRIES);
            }
            in.addAll(RestoreJournal.NEW_ENTRIES); // the key file last
            if (!sides && !KeyFile.exists(root)) {
                // an older backup over a plain archive: its clear side files stay and are encrypted
                // under the restored key at the next open (as after protect)
                Path marker = root.resolve(EncryptedArchiveFiles.CLEAR_MARKER);
                Files.writeString(marker, ""); //$NON-NLS-1$
                maraude.core.archive.ArchiveLayout.restrict(marker);
            }
            RestoreJournal.Plan plan = new RestoreJournal.Plan(before, RestoreJournal.existing(root, out),
                    RestoreJournal.existing(staging, in));
            RestoreJournal.write(root, plan); // the restore is decided here
            afterStep.accept(1);
            RestoreJournal.switchOver(root, plan, afterStep);
            Path audit = root.resolve(AuditTrail.FILE_NAME);
            if (sides && !Files.exists(audit) && Files.isRegularFile(backup.resolve(AuditTrail.FILE_NAME))) {
                // the archive's own trail goes on when there is one; a lost archive gets the backup's
                Files.copy(backup.resolve(AuditTrail.FILE_NAME), audit);
                maraude.core.archive.ArchiveLayout.restrict(audit);
            }
            // the restored archive is read whole again before the former one goes
            long docs = verify(root, key);
            AttachmentCheck.Report atReport = checkProtected(root, key);
            if (!atReport.intact()) {
                throw new ArchiveException(Kind.CORRUPT, NLS.bind(Messages.Backup_damaged, root, atReport.problems().size()));
            }
            long atts = atReport.checked();
            Path aside = root.resolve(before);
            if (sides) {
                ArchiveProtection.deleteTree(aside);
                aside = null;
            }
            AuditTrail.recordQuietly(root, AuditTrail.Event.RESTORE, Map.of("documents", docs, "attachments", atts)); //$NON-NLS-1$ //$NON-NLS-2$
            return new Restored(docs, atts, aside);
        } catch (LockObtainFailedException e) {
            throw new ArchiveException(Kind.LOCKED, NLS.bind(Messages.Protection_inUse, root), e);
        } catch (IOException | UncheckedIOException e) {
            throw new ArchiveException(Kind.IO, NLS.bind(Messages.Backup_io, root, e.getMessage()), e);
        } finally {
            key.destroy();
            for (Lock l : locks) {
                try {
                    l.close();
                } catch (IOException e) {
                    // released when the process ends anyway
                }
            }
            for (Directory d : dirs) {
                try {
                    d.close();
                } catch (IOException e) {
                    // idem
                }
            }
        }
    }

    /** Copies regular files (temporary ones and lock files left out); returns how many. */
    private static long copyTree(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        if (!Files.isDirectory(from)) {
            return 0;
        }
        long n = 0;
        try (Stream<Path> s = Files.walk(from)) {
            for (Path f : s.filter(Files::isRegularFile).toList()) {
                Path rel = from.relativize(f);
                String first = rel.getName(0).toString();
                if (first.equals("tmp") || f.getFileName().toString().equals(IndexWriter.WRITE_LOCK_NAME)) { //$NON-NLS-1$
                    continue;
                }
                Path target = to.resolve(rel.toString());
                Files.createDirectories(target.getParent());
                try {
                    Files.copy(f, target);
                    n++;
                } catch (NoSuchFileException e) {
                    // deleted meanwhile (purged): not part of the archive any more
                }
            }
        }
        return n;
    }

    private static void syncTree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (Files.isRegularFile(p)) {
                    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
                        ch.force(true);
                    }
                } else {
                    KeyFile.syncFolder(p);
                }
            }
        }
    }

    private static boolean isEmptyFolder(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}

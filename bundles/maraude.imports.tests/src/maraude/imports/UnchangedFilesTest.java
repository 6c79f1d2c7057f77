package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchive;
import maraude.archive.maintenance.Retention;
import maraude.core.archive.AccessMode;
import maraude.core.archive.ArchiveLayout;
import maraude.core.model.Contact;

/**
 * A re-import skips the files the archive already read whole ({@link maraude.core.archive.ImportedFiles}),
 * without parsing them, and reads again every file that changed, every file read with a warning,
 * every file read with other options, and every file after an erasure (forget, purge), which then
 * brings back what was erased, as a re-import did before files were remembered.
 */
class UnchangedFilesTest {

    private static LuceneArchive open(Path dir) {
        return LuceneArchive.open(dir, AccessMode.READ_WRITE);
    }

    /** {@code files} WhatsApp exports of {@code perFile} messages in March 2024, one person each. */
    private static Path exports(Path dir, int files, int perFile) throws Exception {
        Files.createDirectories(dir);
        for (int f = 0; f < files; f++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < perFile; i++) {
                b.append(String.format("%02d/03/2024 10:%02d - Personne %d: on se retrouve au local %d%n", 1 + f, i, f, i)); //$NON-NLS-1$
            }
            Files.writeString(file(dir, f), b);
        }
        return dir;
    }

    private static Path file(Path dir, int f) {
        return dir.resolve(String.format("WhatsApp Chat with Personne %03d.txt", f)); //$NON-NLS-1$
    }

    private final ImportService service = TestImports.service();

    private ImportReport importInto(LuceneArchive a, Path in, ImportOptions options) {
        return service.importPaths(a, List.of(in), options, null);
    }

    @Test
    void unchangedFilesAreSkippedAndAChangedOneIsReadAgain(@TempDir Path tmp) throws Exception {
        Path in = exports(tmp.resolve("in"), 5, 10); //$NON-NLS-1$
        try (LuceneArchive a = open(tmp.resolve("archive"))) { //$NON-NLS-1$
            ImportReport first = importInto(a, in, ImportOptions.defaults());
            assertEquals(50, first.messagesAdded());
            assertEquals(0, first.unchangedFiles());

            ImportReport again = importInto(a, in, ImportOptions.defaults());
            assertEquals(5, again.files());
            assertEquals(5, again.unchangedFiles(), "every file was read whole before");
            assertEquals(0, again.messagesAdded());
            assertEquals(50, again.duplicatesSkipped(), "the messages of the skipped files, as recorded, found already there");
            assertFalse(again.failed());
            assertTrue(again.toJson().contains("\"unchanged_files\":5"), again.toJson()); //$NON-NLS-1$

            // the export of person 2 grows by one message: read again, the old ones found already there
            Files.writeString(file(in, 2), "03/03/2024 11:00 - Personne 2: je viens demain\n", StandardOpenOption.APPEND); //$NON-NLS-1$
            ImportReport grown = importInto(a, in, ImportOptions.defaults());
            assertEquals(4, grown.unchangedFiles());
            assertEquals(1, grown.messagesAdded());
            assertEquals(50, grown.duplicatesSkipped(), "40 of the skipped files, 10 of the one read again");
            assertEquals(51, a.stats().messages());

            // and that new version is remembered in turn
            assertEquals(5, importInto(a, in, ImportOptions.defaults()).unchangedFiles());
        }
        try (LuceneArchive a = open(tmp.resolve("archive"))) { //$NON-NLS-1$
            assertEquals(5, importInto(a, in, ImportOptions.defaults()).unchangedFiles(), "kept in the commit, across opens");
            assertEquals(List.of(), ArchiveLayout.unexpected(a.location()), "kept in the index: no side file");
        }
    }

    @Test
    void aRenamedFileIsReadAgain(@TempDir Path tmp) throws Exception {
        Path in = exports(tmp.resolve("in"), 3, 4); //$NON-NLS-1$
        try (LuceneArchive a = open(tmp.resolve("archive"))) { //$NON-NLS-1$
            importInto(a, in, ImportOptions.defaults());
            // the chat is named after its file: same bytes, another name, another conversation
            Files.move(file(in, 2), in.resolve("WhatsApp Chat with Luna.txt")); //$NON-NLS-1$
            ImportReport renamed = importInto(a, in, ImportOptions.defaults());
            assertEquals(2, renamed.unchangedFiles());
            assertEquals(4, renamed.messagesAdded());
            assertTrue(a.contacts().stream().anyMatch(c -> c.displayName().equals("Luna"))); //$NON-NLS-1$
        }
    }

    @Test
    void otherOptionsReadTheFilesAgain(@TempDir Path tmp) throws Exception {
        Path in = exports(tmp.resolve("in"), 3, 4); //$NON-NLS-1$
        try (LuceneArchive a = open(tmp.resolve("archive"))) { //$NON-NLS-1$
            importInto(a, in, ImportOptions.defaults());
            // our own name changes who wrote what: the files give other messages
            ImportReport us = importInto(a, in, ImportOptions.defaults().withUs(Set.of("Personne 1"))); //$NON-NLS-1$
            assertEquals(0, us.unchangedFiles());
            // another zone moves every wall-clock time
            ImportReport zone = importInto(a, in, ImportOptions.defaults().withZone(ZoneId.of("America/Montreal"))); //$NON-NLS-1$
            assertEquals(0, zone.unchangedFiles());
            assertEquals(12, zone.messagesAdded(), "other instants, other messages");
            // our name is remembered now (rememberUs): the defaults read the files with it once, then skip them
            assertEquals(0, importInto(a, in, ImportOptions.defaults()).unchangedFiles());
            assertEquals(3, importInto(a, in, ImportOptions.defaults()).unchangedFiles());
        }
    }

    @Test
    void aFileReadWithAWarningIsReadAgain(@TempDir Path tmp) throws Exception {
        Path in = exports(tmp.resolve("in"), 2, 3); //$NON-NLS-1$
        // a line before the first message: a warning, the file is not remembered
        Path warned = file(in, 1);
        Files.writeString(warned, "exporté depuis le vieux téléphone\n" + Files.readString(warned)); //$NON-NLS-1$
        try (LuceneArchive a = open(tmp.resolve("archive"))) { //$NON-NLS-1$
            ImportReport first = importInto(a, in, ImportOptions.defaults());
            assertEquals(List.of("text-before-first-message"), first.warnings().stream().map(ImportProblem::code).toList()); //$NON-NLS-1$
            assertEquals(6, first.messagesAdded());
            ImportReport again = importInto(a, in, ImportOptions.defaults());
            assertEquals(1, again.unchangedFiles());
            assertEquals(6, again.duplicatesSkipped(), "3 of the skipped file, 3 of the file read again");
            assertEquals(1, again.warnings().size(), "and says it again");
            assertFalse(again.failed());
        }
    }

    @Test
    void forgettingAPersonMakesTheNextImportReadEveryFile(@TempDir Path tmp) throws Exception {
        Path in = exports(tmp.resolve("in"), 3, 5); //$NON-NLS-1$
        try (LuceneArchive a = open(tmp.resolve("archive"))) { //$NON-NLS-1$
            importInto(a, in, ImportOptions.defaults());
            assertEquals(3, importInto(a, in, ImportOptions.defaults()).unchangedFiles());
            Contact one = a.contacts().stream().filter(c -> c.displayName().equals("Personne 001")).findFirst() //$NON-NLS-1$
                    .orElseThrow();
            assertEquals(5, Retention.forgetContact(a, one.id()).messages());
            assertEquals(10, a.stats().messages());
            // the erasure dropped what files were read: all are read again, and the exports the
            // worker imports again bring the forgotten thread back, as before files were remembered
            ImportReport after = importInto(a, in, ImportOptions.defaults());
            assertEquals(0, after.unchangedFiles());
            assertEquals(5, after.messagesAdded());
            assertEquals(10, after.duplicatesSkipped());
            assertEquals(15, a.stats().messages());
        }
    }

    @Test
    void purgingOldMessagesMakesTheNextImportReadEveryFile(@TempDir Path tmp) throws Exception {
        Path in = exports(tmp.resolve("in"), 4, 2); //$NON-NLS-1$
        try (LuceneArchive a = open(tmp.resolve("archive"))) { //$NON-NLS-1$
            importInto(a, in, ImportOptions.defaults());
            // files 0 and 1 hold messages of 1 and 2 March: purged
            Retention.Result purged = Retention.purgeOlderThan(a, Instant.parse("2024-03-02T23:00:00Z")); //$NON-NLS-1$
            assertEquals(4, purged.messages());
            ImportReport after = importInto(a, in, ImportOptions.defaults());
            assertEquals(0, after.unchangedFiles());
            assertEquals(4, after.messagesAdded());
            assertEquals(4, after.duplicatesSkipped());
            // a purge that erases nothing leaves the record alone
            assertEquals(0, Retention.purgeOlderThan(a, Instant.parse("2020-01-01T00:00:00Z")).messages()); //$NON-NLS-1$
            assertEquals(4, importInto(a, in, ImportOptions.defaults()).unchangedFiles());
        }
    }
}

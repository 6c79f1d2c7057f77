package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.model.Attachment;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.imports.internal.ArchiveSink;
import maraude.testsupport.MemoryArchive;

/**
 * An import of many small exports commits once per batch, not once per file; a cancelled import keeps
 * the files finished before the cancel and a re-import completes it without duplicates; one huge
 * message is cut, flagged with a warning and kept whole as an attachment.
 */
class BatchesAcrossFilesTest {

    private static Archive open(Path dir) {
        return new LuceneArchiveFactory().open(dir, AccessMode.READ_WRITE);
    }

    /** {@code files} WhatsApp exports of {@code perFile} messages, one person each. */
    private static Path exports(Path dir, int files, int perFile) throws Exception {
        Files.createDirectories(dir);
        for (int f = 0; f < files; f++) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < perFile; i++) {
                b.append(String.format("%02d/03/2024 10:%02d - Personne %d: coucou c'est pour le rdv %d%n", 1 + f % 28,
                        i % 60, f, i));
            }
            Files.writeString(dir.resolve(String.format("WhatsApp Chat with Personne %03d.txt", f)), b);
        }
        return dir;
    }

    @Test
    void manySmallFilesTakeOneCommit(@TempDir Path tmp) throws Exception {
        Path in = exports(tmp.resolve("in"), 40, 10);
        ImportService service = TestImports.service();
        try (Archive a = open(tmp.resolve("archive"))) {
            int[] commits = { 0 };
            ImportReport r = service.importPaths(MemoryArchive.afterEachCommit(a, () -> commits[0]++), List.of(in),
                    ImportOptions.defaults(), null);
            assertEquals(40, r.files());
            assertEquals(400, r.messagesAdded());
            assertEquals(1, commits[0], "one commit for 400 messages in 40 files (batch " + ImportService.DEFAULT_BATCH + ")");
            assertEquals(40, a.conversations().size());
            assertEquals(400, a.stats().messages());
            service.setBatchSize(100);
            commits[0] = 0;
            ImportReport again = service.importPaths(MemoryArchive.afterEachCommit(a, () -> commits[0]++), List.of(in),
                    ImportOptions.defaults(), null);
            assertEquals(0, again.messagesAdded());
            assertEquals(400, again.duplicatesSkipped());
            assertEquals(4, commits[0], "batches of 100 across files of 10");
        }
        try (Archive a = open(tmp.resolve("archive"))) {
            assertEquals(400, a.stats().messages(), "committed, not only written");
            assertEquals(40, a.contacts().size());
        }
    }

    @Test
    void cancelMidFileKeepsTheFinishedFilesAndReimportCompletes(@TempDir Path tmp) throws Exception {
        Path in = exports(tmp.resolve("in"), 10, 10);
        ImportService service = TestImports.service();
        try (Archive a = open(tmp.resolve("archive"))) {
            // Cancelled after a number of checks that falls inside the fifth file or so (one check per
            // file, one per line): no commit happened before, the finished files are committed then.
            NullProgressMonitor monitor = new NullProgressMonitor() {
                int checks;

                @Override
                public boolean isCanceled() {
                    return super.isCanceled() || ++checks > 60;
                }
            };
            ImportReport r = service.importPaths(a, List.of(in), ImportOptions.defaults(), monitor);
            assertTrue(r.cancelled());
            long kept = r.messagesAdded();
            assertTrue(kept > 0 && kept < 100 && kept % 10 == 0, "whole files only: " + kept);
            assertEquals(kept, a.stats().messages());
            ImportReport rest = service.importPaths(a, List.of(in), ImportOptions.defaults(), null);
            assertEquals(100 - kept, rest.messagesAdded());
            assertEquals(kept / 10, rest.unchangedFiles(), "the files finished before the cancel are recorded");
            assertEquals(kept, rest.duplicatesSkipped());
            assertEquals(100, a.stats().messages());
        }
    }

    @Test
    void hugeMessageIsCutFlaggedAndKeptWhole(@TempDir Path tmp) throws Exception {
        StringBuilder huge = new StringBuilder("01/03/2024 10:00 - Luna: début du long message\n");
        for (int i = 0; huge.length() < 300_000; i++) {
            huge.append("ligne ").append(i).append(" d'un collage sans fin\n");
        }
        String whole = huge.substring("01/03/2024 10:00 - Luna: ".length(), huge.length() - 1);
        huge.append("01/03/2024 10:01 - Luna: et un message normal\n");
        Path txt = tmp.resolve("WhatsApp Chat with Luna.txt");
        Files.writeString(txt, huge);
        ImportService service = TestImports.service();
        try (Archive a = open(tmp.resolve("archive"))) {
            ImportReport r = service.importPaths(a, List.of(txt), ImportOptions.defaults(), null);
            assertEquals(2, r.messagesAdded());
            assertEquals(List.of(), r.failures());
            assertEquals(List.of("message-too-long"), r.warnings().stream().map(ImportProblem::code).toList());
            assertEquals(1, r.warnings().get(0).line(), "the message's line in the export");
            assertTrue(r.toJson().contains("\"errors\":[],\"warnings\":[{"), r.toJson());
            assertTrue(!r.failed());
            Conversation c = a.conversations().get(0);
            Message cut = a.messages(c.id()).get(0);
            assertEquals(ArchiveSink.MAX_MESSAGE_CHARS + 1, cut.text().length());
            assertTrue(cut.text().startsWith("début du long message\nligne 0 "));
            assertTrue(cut.text().endsWith("…"));
            Attachment kept = cut.attachments().get(0);
            assertEquals("text/plain", kept.mediaType());
            try (InputStream s = a.openAttachment(kept.sha256())) {
                assertEquals(whole, new String(s.readAllBytes(), StandardCharsets.UTF_8), "nothing lost");
            }
            ImportReport again = service.importPaths(a, List.of(txt), ImportOptions.defaults(), null);
            assertEquals(0, again.messagesAdded());
            assertEquals(2, again.duplicatesSkipped(), "the cut message keeps the id of its whole text");
            assertEquals(2, a.stats().messages());
        }
    }
}

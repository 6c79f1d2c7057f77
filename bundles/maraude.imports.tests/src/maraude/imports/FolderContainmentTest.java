package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.imports.Fixtures.Result;
import maraude.testsupport.MemoryArchive;

/**
 * A folder import never reads outside the folder: a linked directory ("media -&gt; elsewhere"), a
 * linked file or a ".." reference is refused and reported with the file and line that asked for it.
 */
class FolderContainmentTest {

    private static final String SECRET = "SECRET-OUTSIDE-THE-EXPORT";

    private final ImportService service = TestImports.service();

    @TempDir
    Path tmp;
    Path export;
    Path outside;

    @BeforeEach
    void layout() throws Exception {
        export = Files.createDirectories(tmp.resolve("export"));
        outside = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.writeString(outside.resolve("hostname"), SECRET);
        Files.writeString(outside.resolve("photo.jpg"), SECRET);
        // A chat lying outside: reachable only through the links below, it must never be imported.
        Files.writeString(outside.resolve("WhatsApp Chat with Secret.txt"), "24/03/2024 09:00 - Zed: " + SECRET + "\n");
    }

    private ImportReport importExport(Archive a) {
        return service.importPaths(a, List.of(export), ImportOptions.defaults(), null);
    }

    private static List<ImportProblem> outsideProblems(ImportReport r) {
        return r.errors().stream().filter(p -> p.code().equals("outside-folder")).toList();
    }

    @Test
    void aLinkedDirectoryNamedInAnAttachmentIsRefusedAndNothingOutsideIsRead() throws Exception {
        Files.createSymbolicLink(export.resolve("media"), outside);
        Files.writeString(export.resolve("WhatsApp Chat with Luna.txt"),
                "24/03/2024 09:05 - Luna: <attached: media/hostname>\n24/03/2024 09:06 - Luna: coucou\n");
        try (Archive a = new MemoryArchive(tmp.resolve("a"))) {
            ImportReport r = importExport(a);
            assertEquals(2, r.messagesAdded(), "the chat inside is read, the one behind the link is not: " + r.errors());
            assertEquals(0, a.stats().attachments(), "/elsewhere/hostname is not copied");
            List<ImportProblem> out = outsideProblems(r);
            assertTrue(out.stream().anyMatch(p -> p.file().endsWith("WhatsApp Chat with Luna.txt") && p.line() == 1
                    && p.reason().contains("media/hostname")), out.toString());
            assertTrue(out.stream().anyMatch(p -> p.file().endsWith("media") && p.line() == 0),
                    "the link itself is reported when the folder is walked: " + out);
            assertTrue(a.conversations().stream().noneMatch(c -> c.title().contains("Secret")));
        }
    }

    @Test
    void aLinkedFileAndADotDotReferenceAreRefused() throws Exception {
        Files.createSymbolicLink(export.resolve("IMG-20240324-WA0001.jpg"), outside.resolve("photo.jpg"));
        Files.writeString(export.resolve("WhatsApp Chat with Luna.txt"),
                "24/03/2024 09:05 - Luna: IMG-20240324-WA0001.jpg (file attached)\n"
                        + "24/03/2024 09:06 - Luna: <attached: ../elsewhere/hostname>\n"
                        + "24/03/2024 09:07 - Luna: <attached: " + outside.resolve("hostname") + ">\n"
                        + "24/03/2024 09:08 - Luna: <attached: a\u0000b.jpg>\n");
        try (Archive a = new MemoryArchive(tmp.resolve("a"))) {
            ImportReport r = importExport(a);
            assertEquals(4, r.messagesAdded(), "a reference no path can hold does not stop the chat: " + r.errors());
            assertEquals(0, a.stats().attachments());
            List<Long> lines = outsideProblems(r).stream()
                    .filter(p -> p.file().endsWith("WhatsApp Chat with Luna.txt")).map(ImportProblem::line).toList();
            assertEquals(List.of(1L, 2L, 3L), lines, r.errors().toString());
            assertTrue(outsideProblems(r).stream().anyMatch(p -> p.file().endsWith("IMG-20240324-WA0001.jpg")));
        }
    }

    @Test
    void aLoneFileCannotReachOutsideItsFolderEither() throws Exception {
        Files.createSymbolicLink(export.resolve("media"), outside);
        Path chat = Files.writeString(export.resolve("WhatsApp Chat with Luna.txt"),
                "24/03/2024 09:05 - Luna: <attached: media/hostname>\n");
        Result r = Fixtures.read(ImportFile.of(chat), ImportOptions.defaults());
        assertEquals(1, r.messages().size());
        assertTrue(r.sink().attachmentBytes.values().stream()
                .noneMatch(b -> new String(b, StandardCharsets.UTF_8).contains(SECRET)));
        assertEquals(List.of("outside-folder"), r.problems().stream().map(ImportProblem::code).toList());
    }

    @Test
    void linksThatStayInsideTheFolderStillWork() throws Exception {
        Path media = Files.createDirectories(export.resolve("real-media"));
        Files.write(media.resolve("IMG-20240324-WA0001.jpg"), new byte[] { (byte) 0xFF, (byte) 0xD8, 1, 2, 3 });
        Files.createSymbolicLink(export.resolve("media"), media);
        Files.writeString(export.resolve("WhatsApp Chat with Luna.txt"),
                "24/03/2024 09:05 - Luna: <attached: media/IMG-20240324-WA0001.jpg>\n");
        try (Archive a = new MemoryArchive(tmp.resolve("a"))) {
            ImportReport r = importExport(a);
            assertEquals(1, r.messagesAdded());
            assertEquals(1, a.stats().attachments());
            assertEquals(List.of(), outsideProblems(r));
        }
    }

    @Test
    void aFolderNamedThroughALinkIsReadWhereItReallyIs() throws Exception {
        Files.writeString(export.resolve("WhatsApp Chat with Luna.txt"), "24/03/2024 09:05 - Luna: coucou\n");
        Path alias = Files.createSymbolicLink(tmp.resolve("alias"), export);
        try (Archive a = new MemoryArchive(tmp.resolve("a"))) {
            ImportReport r = service.importPaths(a, List.of(alias), ImportOptions.defaults(), null);
            assertEquals(1, r.messagesAdded(), r.errors().toString());
            assertEquals(List.of(), r.errors());
        }
    }

    @Test
    void aFileSwappedForALinkAfterTheWalkIsRefusedWhenOpened() throws Exception {
        Path chat = Files.writeString(export.resolve("WhatsApp Chat with Luna.txt"), "24/03/2024 09:05 - Luna: coucou\n");
        ImportFile listed = new maraude.imports.internal.DirContainer(export).file(chat);
        Files.delete(chat);
        Files.createSymbolicLink(chat, outside.resolve("WhatsApp Chat with Secret.txt"));
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, listed::open);
        assertFalse(String.valueOf(e.getMessage()).contains(SECRET));
    }
}

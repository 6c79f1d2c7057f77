package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.archive.LuceneArchiveFactory;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Conversation;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.testsupport.MemoryArchive;

/** End to end: files, folders and zips into the real Lucene archive. */
class ImportServiceArchiveTest {

    private final ImportService service = TestImports.service();

    private static Archive open(Path dir) {
        return new LuceneArchiveFactory().open(dir, AccessMode.READ_WRITE);
    }

    /** The contract in memory: for what is about importing rather than storage. */
    private static final java.util.Map<Path, MemoryArchive> MEMORY = new java.util.HashMap<>();

    private static Archive memory(Path dir) {
        return MEMORY.computeIfAbsent(dir, MemoryArchive::new);
    }

    /**
     * The whole fixture folder: 186 messages in 27 readable files (mail: 2 .eml + 3 in mbox), of which sbr_sms_small.xml
     * repeats the first 12 SMS of the larger backup (an overlapping export: 12 duplicates).
     */
    @Test
    void wholeFixtureFolderIntoLucene(@TempDir Path tmp) throws Exception {
        try (Archive a = open(tmp.resolve("archive"))) {
            wholeFixtureFolderThenReimportAddsNothing(a);
            assertTrue(a.search(SearchQuery.of("\"Body text 54\"")).totalHits() >= 1);
        }
    }

    @Test
    void wholeFixtureFolderIntoTheContractInMemory(@TempDir Path tmp) throws Exception {
        try (Archive a = memory(tmp.resolve("archive"))) {
            wholeFixtureFolderThenReimportAddsNothing(a);
        }
    }

    private void wholeFixtureFolderThenReimportAddsNothing(Archive a) throws Exception {
        {
            ImportReport r = service.importPaths(a, List.of(Fixtures.root()), Fixtures.options(),
                    new NullProgressMonitor());
            assertEquals(27, r.files());
            assertEquals(174, r.messagesAdded());
            assertEquals(12, r.duplicatesSkipped());
            assertEquals(6, r.attachments());
            assertEquals(30, r.conversations());
            Map<String, Long> codes = r.errors().stream()
                    .collect(Collectors.groupingBy(ImportProblem::code, TreeMap::new, Collectors.counting()));
            assertEquals(Map.of("missing-attachment", 2L, "not-recognised", 1L, "truncated", 1L), codes);
            assertTrue(r.errors().stream().anyMatch(p -> p.code().equals("not-recognised") && p.file().endsWith("SOURCES.md")));
            assertFalse(r.cancelled());
            assertEquals(174, a.stats().messages());
            assertEquals(30, a.stats().conversations());
            // the truncated backup is kept whole in quarantine
            assertTrue(maraude.core.archive.QuarantineFiles.list(a.files()).stream()
                    .anyMatch(i -> i.kind().equals("file") && i.fileName().equals("sbr_sms_and_mms_anonymized.xml")));
            // through an archive that does not remember files (the counting wrapper): every file is
            // parsed again and every message found already there
            ImportReport again = service.importPaths(MemoryArchive.afterEachCommit(a, () -> {
            }), List.of(Fixtures.root()), Fixtures.options(), null);
            assertEquals(0, again.messagesAdded());
            assertEquals(186, again.duplicatesSkipped());
            assertEquals(0, again.unchangedFiles());
            assertEquals(174, a.stats().messages());
            // directly: an archive that remembers them skips those read whole (no problem, not in a zip)
            ImportReport skipping = service.importPaths(a, List.of(Fixtures.root()), Fixtures.options(), null);
            assertEquals(0, skipping.messagesAdded());
            assertEquals(a instanceof maraude.core.archive.ImportedFiles, skipping.unchangedFiles() > 0);
            assertEquals(186, skipping.duplicatesSkipped(), "the skipped files' messages, as recorded, count as found");
            assertEquals(174, a.stats().messages());

            Conversation short2017 = a.conversations().stream()
                    .filter(c -> c.title().equals("pustur short chat android en 2017")).findFirst().orElseThrow();
            List<Message> thread = a.messages(short2017.id());
            assertEquals(5, thread.size());
            // oldest first: 9 April (+41…) comes before 8 May (TestBot)
            Message april = thread.get(3);
            assertEquals("How are you?\n\nIs everything alright?", april.text());
            assertEquals("+410123456789", april.author());
            assertEquals(ZonedDateTime.of(2017, 5, 8, 1, 48, 0, 0, ZoneId.of("Europe/Brussels")).toInstant(),
                    thread.get(4).instant().toInstant());
        }
    }

    @Test
    void androidZipWithMediaAndUsRememberedPerSource(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("WhatsApp Chat with Luna.zip");
        byte[] jpeg = { (byte) 0xFF, (byte) 0xD8, (byte) 0xFF, 9, 9, 9 };
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("WhatsApp Chat with Luna.txt"));
            z.write(("24/03/2024 09:05 - Luna: coucou\n24/03/2024 09:06 - Maraude: bonjour Luna\n"
                    + "24/03/2024 09:07 - Luna: IMG-20240324-WA0001.jpg (fichier joint)\nma photo\n")
                    .getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("IMG-20240324-WA0001.jpg"));
            z.write(jpeg);
        }
        try (Archive a = open(tmp.resolve("archive"))) {
            ImportReport r = service.importPaths(a, List.of(zip), Fixtures.options().withUs(Set.of("Maraude")), null);
            assertEquals(List.of(), r.errors());
            assertEquals(1, r.files(), "the jpg is media, not a file to import");
            assertEquals(3, r.messagesAdded());
            assertEquals(1, r.attachments());
            Conversation c = a.conversations().get(0);
            assertEquals("Luna", c.title());
            assertEquals(Platform.WHATSAPP, c.platform());
            List<Message> m = a.messages(c.id());
            assertEquals(Direction.OUTBOUND, m.get(1).direction());
            assertEquals(1, m.get(2).attachments().size());
            try (var in = a.openAttachment(m.get(2).attachments().get(0).sha256())) {
                assertEquals(jpeg.length, in.readAllBytes().length);
            }
            assertEquals(Set.of("Maraude"), UsMemory.load(a.location()).get("whatsapp"));
        }
        // a second archive session: "us" comes from memory, not from the options
        Path txt = tmp.resolve("WhatsApp Chat with Luna.txt");
        Files.writeString(txt, "25/03/2024 10:00 - Maraude: on passe ce soir\n");
        try (Archive a = open(tmp.resolve("archive"))) {
            ImportReport r = service.importPaths(a, List.of(txt), Fixtures.options(), null);
            assertEquals(1, r.messagesAdded());
            Conversation c = a.conversations().get(0);
            assertEquals(4, a.messages(c.id()).size(), "same chat name, same conversation");
            assertEquals(Direction.OUTBOUND, a.messages(c.id()).get(3).direction());
        }
    }

    @Test
    void cancellingKeepsOnlyWholeBatches(@TempDir Path tmp) throws Exception {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 2500; i++) {
            b.append(String.format("%02d/03/2024 %02d:%02d - Luna: message %d%n", 1 + i / 1440, (i / 60) % 24, i % 60, i));
        }
        Path txt = tmp.resolve("WhatsApp Chat with Luna.txt");
        Files.writeString(txt, b);
        service.setBatchSize(1000);
        try (Archive a = memory(tmp.resolve("archive"))) {
            NullProgressMonitor monitor = new NullProgressMonitor();
            // cancel once the second batch is committed: the first 2000 stay, the rest is dropped
            long[] commits = { 0 };
            ImportService cancelling = TestImports.service();
            cancelling.setBatchSize(1000);
            ImportReport r = cancelling.importPaths(MemoryArchive.afterEachCommit(a, () -> {
                if (++commits[0] == 2) {
                    monitor.setCanceled(true);
                }
            }), List.of(txt), Fixtures.options(), monitor);
            assertTrue(r.cancelled());
            assertEquals(2000, r.messagesAdded());
            assertEquals(2000, a.stats().messages());
            monitor.setCanceled(false);
            ImportReport rest = service.importPaths(a, List.of(txt), Fixtures.options(), monitor);
            assertEquals(500, rest.messagesAdded(), "re-import completes what was cancelled");
            assertEquals(2000, rest.duplicatesSkipped());
        }
    }
}

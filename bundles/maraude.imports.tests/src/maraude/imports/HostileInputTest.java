package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.imports.Fixtures.Result;
import maraude.testsupport.MemoryArchive;

/** Hostile and broken inputs are refused cleanly, reported with file and place, and never stop the rest. */
class HostileInputTest {

    private final ImportService service = TestImports.service();

    private static Archive open(Path dir) {
        return new MemoryArchive(dir);
    }

    private static final String GOOD = "24/03/2024 09:05 - Luna: coucou\n";

    @Test
    void zipBombByRatioIsRefusedWhileReading(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("bomb.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            z.putNextEntry(new ZipEntry("WhatsApp Chat with X.txt"));
            z.write(GOOD.getBytes(StandardCharsets.UTF_8));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) { // 64 MiB of one line of zeros: ratio ~1000
                z.write(zeros);
            }
        }
        assertTrue(Files.size(zip) < 1 << 20);
        try (Archive a = open(tmp.resolve("a"))) {
            ImportReport r = service.importPaths(a, List.of(zip), ImportOptions.defaults(), null);
            assertTrue(r.errors().stream().anyMatch(p -> p.code().equals("zip-bomb")), r.errors().toString());
            assertEquals(0, r.messagesAdded(), "the only file is the bomb: its first line is never committed alone");
        }
    }

    @Test
    void zipBombByTotalSizeAndEntryCount(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("many.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < 50; i++) {
                z.putNextEntry(new ZipEntry("chat" + i + ".txt"));
                z.write(GOOD.getBytes(StandardCharsets.UTF_8));
            }
        }
        ImportOptions few = ImportOptions.defaults().withLimits(ImportLimits.defaults().withZip(10, 1 << 30, 1 << 30, 200));
        ImportOptions small = ImportOptions.defaults().withLimits(ImportLimits.defaults().withZip(1000, 200, 1 << 30, 200));
        try (Archive a = open(tmp.resolve("a"))) {
            ImportReport r = service.importPaths(a, List.of(zip), few, null);
            assertEquals(List.of("zip-too-many-entries"), r.errors().stream().map(ImportProblem::code).toList());
            assertEquals(0, r.files());
            ImportReport t = service.importPaths(a, List.of(zip), small, null);
            assertTrue(t.errors().stream().anyMatch(p -> p.code().equals("zip-bomb")));
            assertTrue(t.messagesAdded() > 0 && t.messagesAdded() < 50, "files read before the total was reached stay");
        }
    }

    @Test
    void zipSlipNamesAreRefusedAndNothingIsWrittenOutside(@TempDir Path tmp) throws Exception {
        Path zip = tmp.resolve("slip.zip");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (String n : List.of("../../evil.txt", "/etc/evil.txt", "a/../../evil.txt", "C:\\evil.txt")) {
                z.putNextEntry(new ZipEntry(n));
                z.write(GOOD.getBytes(StandardCharsets.UTF_8));
            }
            z.putNextEntry(new ZipEntry("ok/WhatsApp Chat with X.txt"));
            z.write(GOOD.getBytes(StandardCharsets.UTF_8));
        }
        try (Archive a = open(tmp.resolve("a"))) {
            ImportReport r = service.importPaths(a, List.of(zip), ImportOptions.defaults(), null);
            assertEquals(4, r.errors().stream().filter(p -> p.code().equals("unsafe-entry")).count());
            assertEquals(1, r.messagesAdded());
        }
        assertFalse(Files.exists(tmp.resolve("evil.txt")));
        assertFalse(Files.exists(tmp.getParent().resolve("evil.txt")));
    }

    @Test
    void tenMegabyteLineIsSkippedAndReportedWithItsLine() throws Exception {
        StringBuilder b = new StringBuilder(GOOD);
        char[] big = new char[10 << 20];
        Arrays.fill(big, 'x');
        b.append("24/03/2024 09:06 - Luna: ").append(big).append('\n');
        b.append("24/03/2024 09:07 - Luna: after\n");
        Result r = Fixtures.text("WhatsApp Chat with X.txt", b.toString(), ImportOptions.defaults());
        assertEquals(2, r.messages().size());
        assertEquals("after", r.message(1).text());
        assertEquals(1, r.problems().size());
        assertEquals("line-too-long", r.problems().get(0).code());
        assertEquals(2, r.problems().get(0).line());
    }

    @Test
    void invalidUtf8IsReplacedAndReported() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(("24/03/2024 09:05 - Luna: ça va\n").getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < 9000; i++) {
            o.write('a');
        }
        o.write('\n');
        o.write("24/03/2024 09:06 - Luna: bad ".getBytes(StandardCharsets.UTF_8));
        o.write(new byte[] { (byte) 0xC3, (byte) 0x28, (byte) 0xFF });
        o.write('\n');
        Result r = Fixtures.read(ImportFile.ofBytes("WhatsApp Chat with X.txt", o.toByteArray()), ImportOptions.defaults());
        assertEquals(2, r.messages().size());
        assertEquals("ça va\n" + "a".repeat(9000), r.message(0).text());
        // Each byte that is not UTF-8 is read as windows-1252 on its own; the line is reported.
        assertEquals("bad \u00C3(\u00FF", r.message(1).text());
        assertEquals(List.of("invalid-encoding"), r.problems().stream().map(ImportProblem::code).toList());
        assertEquals(3, r.problems().get(0).line());
    }

    @Test
    void latin1AndUtf16Exports() throws Exception {
        String chat = "24/03/2024 09:05 - Zoé: déjà là\n";
        Result latin = Fixtures.read(ImportFile.ofBytes("WhatsApp Chat with X.txt", chat.getBytes(StandardCharsets.ISO_8859_1)),
                ImportOptions.defaults());
        assertEquals("déjà là", latin.message(0).text());
        assertEquals("Zoé", latin.message(0).author());
        byte[] le = ("\uFEFF" + chat).getBytes(StandardCharsets.UTF_16LE);
        assertEquals("déjà là", Fixtures.read(ImportFile.ofBytes("WhatsApp Chat with X.txt", le), ImportOptions.defaults())
                .message(0).text());
        byte[] beNoBom = chat.getBytes(StandardCharsets.UTF_16BE);
        assertEquals("déjà là", Fixtures.read(ImportFile.ofBytes("WhatsApp Chat with X.txt", beNoBom), ImportOptions.defaults())
                .message(0).text());
    }

    @Test
    void deepJsonIsRefused(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("message_1.json");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        Files.writeString(f, "{\"participants\":[{\"name\":\"a\"}],\"messages\":[{\"sender_name\":\"a\",\"timestamp_ms\":1600000000000,"
                + "\"content\":\"x\",\"x\":" + deep + "}]}");
        Path ok = tmp.resolve("WhatsApp Chat with X.txt");
        Files.writeString(ok, GOOD);
        try (Archive a = open(tmp.resolve("a"))) {
            ImportReport r = service.importPaths(a, List.of(f, ok), ImportOptions.defaults(), null);
            assertEquals(List.of("too-deep"), r.errors().stream().map(ImportProblem::code).toList());
            assertEquals(1, r.messagesAdded(), "the next file is still read");
        }
    }

    @Test
    void deepHtmlIsBoundedAndUnparsedBlocksQuarantined(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("inbox.html");
        Files.writeString(f, "<html><body>" + "<div>".repeat(100_000) + "x" + "</div>".repeat(100_000)
                + "<div class='message'><span class='author'>Luna</span><span class='text'>salut</span>"
                + "<time>jamais</time></div></body></html>");
        try (Archive a = open(tmp.resolve("a"))) {
            ImportReport r = service.importPaths(a, List.of(f), ImportOptions.defaults(), null);
            assertEquals(0, r.messagesAdded());
            assertFalse(r.errors().isEmpty());
            assertTrue(r.errors().stream().allMatch(p -> p.file().endsWith("inbox.html")));
        }
    }

    @Test
    void truncatedFilesOfEveryFormatKeepWhatCameBefore(@TempDir Path tmp) throws Exception {
        for (Path fixture : Fixtures.all()) {
            if (fixture.getFileName().toString().endsWith(".md")) {
                continue;
            }
            byte[] all = Files.readAllBytes(fixture);
            Path cut = tmp.resolve("cut").resolve(fixture.getParent().getFileName().toString())
                    .resolve(fixture.getFileName());
            Files.createDirectories(cut.getParent());
            Files.write(cut, Arrays.copyOf(all, all.length * 2 / 3));
        }
        try (Archive a = open(tmp.resolve("a"))) {
            ImportReport r = service.importPaths(a, List.of(tmp.resolve("cut")), ImportOptions.defaults(), null);
            assertTrue(r.messagesAdded() > 50, "most of every file is still imported: " + r.messagesAdded());
            assertTrue(r.errors().stream().anyMatch(p -> p.code().equals("truncated") || p.code().equals("malformed")));
            assertEquals(a.stats().messages(), r.messagesAdded());
        }
    }

    @Test
    void xmlEntitiesAreNotExpandedAndSurrogateReferencesAreRepaired(@TempDir Path tmp) throws Exception {
        Path xxe = tmp.resolve("sms-1.xml");
        Files.writeString(xxe, "<?xml version='1.0'?><!DOCTYPE smses [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<smses count=\"1\"><sms address=\"+32470000000\" date=\"1512226167463\" type=\"1\" body=\"&x;\"/></smses>");
        Result r = Fixtures.read(ImportFile.of(xxe), ImportOptions.defaults());
        assertTrue(r.messages().stream().noneMatch(m -> m.text().contains("root:")));
        Path emoji = tmp.resolve("sms-2.xml");
        Files.writeString(emoji, "<?xml version='1.0' encoding='UTF-8'?><smses count=\"1\"><sms address=\"+32470000000\" "
                + "date=\"1512226167463\" type=\"1\" body=\"hi &#55357;&#56832; &amp; &#233;\"/></smses>");
        Result e = Fixtures.read(ImportFile.of(emoji), ImportOptions.defaults());
        e.assertNoProblems();
        assertEquals("hi \uD83D\uDE00 & é", e.message(0).text());
    }

    @Test
    void quarantineKeepsTextBeforeTheFirstMessage(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("WhatsApp Chat with X.txt");
        Files.writeString(f, "garbage line\n" + GOOD);
        try (Archive a = open(tmp.resolve("a"))) {
            ImportReport r = service.importPaths(a, List.of(f), ImportOptions.defaults(), null);
            assertEquals(1, r.messagesAdded());
            assertEquals("text-before-first-message", r.errors().get(0).code());
            assertEquals(1, r.errors().get(0).line());
            String kept = new String(a.files().readAllBytes(
                    maraude.core.archive.QuarantineFiles.list(a.files()).get(0).name()), StandardCharsets.UTF_8);
            assertTrue(kept.contains("garbage line"));
        }
    }
}

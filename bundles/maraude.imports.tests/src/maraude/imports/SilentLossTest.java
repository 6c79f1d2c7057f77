package maraude.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.core.model.Message;
import maraude.imports.Fixtures.Result;
import maraude.testsupport.MemoryArchive;

/**
 * No silent loss: where a parser gives up (nesting, decoding) the import says so with the file and
 * line, and keeps what it can; names lose the control characters that would disguise them.
 */
class SilentLossTest {

    private static final Charset CP1252 = Charset.forName("windows-1252");

    private static List<ImportProblem> coded(List<ImportProblem> problems, String code) {
        return problems.stream().filter(p -> p.code().equals(code)).toList();
    }

    @Test
    void htmlNestedPastTheLimitKeepsTheFirstMessageAndReportsWhereTheSecondWasCut() throws Exception {
        String block = "<div class=\"_a6-g\"><div>Luna</div><div>%s</div><div>Mar 24, 2024, %s AM</div></div>\n";
        String html = "<html><head><title>Luna</title></head><body>\n<div>Participants: Luna, Moi</div>\n"
                + block.formatted("premier", "9:05") + "<div>\n".repeat(250) + block.formatted("second", "9:06")
                + "</div>\n".repeat(250) + "</body></html>\n";
        Result r = Fixtures.text("message_1.html", html, ImportOptions.defaults());
        assertEquals("premier", r.message(0).text());
        List<ImportProblem> deep = coded(r.problems(), "too-deep");
        if (r.messages().size() < 2) {
            assertEquals(1, deep.size(), "a message lost to the nesting limit is reported: " + r.problems());
        }
        assertEquals(1, deep.size(), r.problems().toString());
        assertTrue(deep.get(0).line() > 4 && deep.get(0).line() < 260, "the line where the page was cut: " + deep.get(0));
        assertEquals("message_1.html", deep.get(0).file());
    }

    @Test
    void aSavedInboxPageNestedPastTheLimitSaysSo() throws Exception {
        String block = "<div class=\"message\"><span class=\"author\">Luna</span><span class=\"text\">%s</span>"
                + "<time datetime=\"2024-03-24 %s\"></time></div>\n";
        String html = "<html><head><title>Luna</title></head><body>\n" + block.formatted("premier", "09:05")
                + "<div>\n".repeat(250) + block.formatted("second", "09:06") + "</div>\n".repeat(250) + "</body></html>\n";
        Result r = Fixtures.text("inbox.html", html, ImportOptions.defaults());
        assertEquals("premier", r.message(0).text());
        List<ImportProblem> deep = coded(r.problems(), "too-deep");
        assertEquals(1, deep.size(), r.problems().toString());
        assertTrue(deep.get(0).line() > 2, deep.get(0).toString());
    }

    @Test
    void aShallowPageReportsNothing() throws Exception {
        String html = "<html><head><title>Luna</title></head><body><div>Participants: Luna, Moi</div>"
                + "<div class=\"_a6-g\"><div>Luna</div><div>coucou</div><div>Mar 24, 2024, 9:05 AM</div></div></body></html>";
        Fixtures.text("message_1.html", html, ImportOptions.defaults()).assertNoProblems();
    }

    @Test
    void deepJsonAfterSomeMessagesKeepsThemAndReportsTheLine(@TempDir Path tmp) throws Exception {
        Path f = tmp.resolve("message_1.json");
        Files.writeString(f, "{\"participants\":[{\"name\":\"Luna\"},{\"name\":\"Moi\"}],\"messages\":[\n"
                + "{\"sender_name\":\"Luna\",\"timestamp_ms\":1600000000000,\"content\":\"gard\u00e9\"},\n"
                + "{\"sender_name\":\"Luna\",\"timestamp_ms\":1600000001000,\"content\":\"x\",\"x\":"
                + "[".repeat(5000) + "]".repeat(5000) + "}\n]}\n");
        try (Archive a = new MemoryArchive(tmp.resolve("a"))) {
            ImportReport r = TestImports.service().importPaths(a, List.of(f), ImportOptions.defaults(), null);
            assertEquals(1, r.messagesAdded(), r.errors().toString());
            List<ImportProblem> deep = coded(r.errors(), "too-deep");
            assertEquals(1, deep.size(), r.errors().toString());
            assertEquals(3, deep.get(0).line());
            assertTrue(deep.get(0).reason().contains("200"), deep.get(0).reason());
            try (Stream<Path> q = Files.list(a.location().resolve("quarantine"))) {
                assertTrue(q.findAny().isPresent(), "the file is kept whole in quarantine");
            }
        }
    }

    @Test
    void deepTelegramMessageKeepsTheOnesBeforeAndReportsItsLine() throws Exception {
        String json = "{\"name\":\"Luna\",\"type\":\"personal_chat\",\"id\":42,\"messages\":[\n"
                + "{\"id\":1,\"type\":\"message\",\"date_unixtime\":\"1711267500\",\"from\":\"Luna\",\"text\":\"avant\"},\n"
                + "{\"id\":2,\"type\":\"message\",\"date_unixtime\":\"1711267501\",\"from\":\"Luna\",\"text\":"
                + "[".repeat(3000) + "]".repeat(3000) + "}\n]}";
        Result r = Fixtures.text("result.json", json, ImportOptions.defaults());
        assertEquals(List.of("avant"), r.messages().stream().map(Message::text).toList());
        List<ImportProblem> deep = coded(r.problems(), "too-deep");
        assertEquals(1, deep.size(), r.problems().toString());
        assertEquals(3, deep.get(0).line());
    }

    private static String nestedMime(int depth) {
        StringBuilder b = new StringBuilder("From: Luna <luna@example.org>\r\nTo: moi@example.org\r\n"
                + "Date: Mon, 1 Jan 2024 10:00:00 +0000\r\nSubject: nid\r\nMIME-Version: 1.0\r\n");
        for (int i = 0; i < depth; i++) {
            b.append("Content-Type: multipart/mixed; boundary=\"b").append(i).append("\"\r\n\r\n--b").append(i).append("\r\n");
        }
        b.append("Content-Type: text/plain\r\n\r\nle corps du message\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            b.append("--b").append(i).append("--\r\n");
        }
        return b.toString();
    }

    @Test
    void mimeNestedThreeHundredDeepKeepsItsBody() throws Exception {
        Result r = Fixtures.text("deep.eml", nestedMime(300), ImportOptions.defaults());
        assertEquals(1, r.messages().size());
        assertTrue(r.message(0).text().contains("le corps du message"), r.message(0).text());
        r.assertNoProblems();
    }

    @Test
    void fiveThousandNestedMimePartsAreReportedWhenTheBodyCannotBeReached() throws Exception {
        Result r = Fixtures.text("deep.eml", nestedMime(5000), ImportOptions.defaults());
        assertEquals(1, r.messages().size(), "the message itself is kept");
        boolean body = r.message(0).text().contains("le corps du message");
        List<ImportProblem> deep = coded(r.problems(), "too-deep");
        assertTrue(body || deep.size() == 1, "body kept or loss reported: " + r.problems());
        if (!body) {
            assertEquals(1, deep.get(0).line());
        }
    }

    @Test
    void aLatin1LineInAUtf8FileIsReadOnItsOwnAndReportedWithItsLine() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write("24/03/2024 09:05 - Zo\u00e9: d\u00e9j\u00e0 l\u00e0\n".getBytes(StandardCharsets.UTF_8));
        o.write("24/03/2024 09:06 - Zo\u00e9: tr\u00e8s bien\n".getBytes(CP1252));
        o.write("24/03/2024 09:07 - Zo\u00e9: \u00e7a va \uD83D\uDE00\n".getBytes(StandardCharsets.UTF_8));
        Result r = Fixtures.read(ImportFile.ofBytes("WhatsApp Chat with Zo\u00e9.txt", o.toByteArray()), ImportOptions.defaults());
        assertEquals(List.of("d\u00e9j\u00e0 l\u00e0", "tr\u00e8s bien", "\u00e7a va \uD83D\uDE00"),
                r.messages().stream().map(Message::text).toList(), "no mojibake anywhere");
        assertEquals("Zo\u00e9", r.message(0).author());
        assertEquals("Zo\u00e9", r.message(2).author());
        assertEquals(List.of(2L), coded(r.problems(), "invalid-encoding").stream().map(ImportProblem::line).toList());
    }

    @Test
    void manyBadLinesAreReportedOneByOneUpToALimit() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write("24/03/2024 09:05 - Zo\u00e9: d\u00e9j\u00e0 \u00e7a \u00e9t\u00e9 \u00e0 \u00e9\u00e9\n".repeat(200)
                .getBytes(StandardCharsets.UTF_8));
        o.write("24/03/2024 09:06 - Zo\u00e9: tr\u00e8s\n".repeat(150).getBytes(CP1252));
        Result r = Fixtures.read(ImportFile.ofBytes("WhatsApp Chat with Zo\u00e9.txt", o.toByteArray()), ImportOptions.defaults());
        List<ImportProblem> bad = coded(r.problems(), "invalid-encoding");
        assertEquals(101, bad.size());
        assertEquals(201, bad.get(0).line());
        assertEquals(300, bad.get(99).line());
        assertTrue(r.messages().stream().allMatch(m -> m.author().equals("Zo\u00e9")));
    }

    @Test
    void aMailPartDeclaredUtf8WithLatin1BytesIsReadAndReportedAtTheMessage() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(("From luna@example.org Mon Jan  1 10:00:00 2024\nFrom: Luna <luna@example.org>\nTo: moi@example.org\n"
                + "Date: Mon, 1 Jan 2024 10:00:00 +0000\nSubject: un\nContent-Type: text/plain; charset=utf-8\n\n"
                + "d\u00e9j\u00e0\n\n").getBytes(StandardCharsets.UTF_8));
        o.write(("From luna@example.org Mon Jan  1 11:00:00 2024\nFrom: Luna <luna@example.org>\nTo: moi@example.org\n"
                + "Date: Mon, 1 Jan 2024 11:00:00 +0000\nSubject: deux\nContent-Type: text/plain; charset=utf-8\n\n"
                + "tr\u00e8s bien\n").getBytes(CP1252));
        Result r = Fixtures.read(ImportFile.ofBytes("luna.mbox", o.toByteArray()), ImportOptions.defaults());
        assertEquals(List.of("un\n\nd\u00e9j\u00e0", "deux\n\ntr\u00e8s bien"), r.messages().stream().map(Message::text).toList());
        assertEquals(List.of(10L), coded(r.problems(), "invalid-encoding").stream().map(ImportProblem::line).toList());
    }

    @Test
    void aLatin1FileIsStillReadAsLatin1WithoutWarnings() throws Exception {
        String chat = "24/03/2024 09:05 - Zo\u00e9: d\u00e9j\u00e0 l\u00e0\n24/03/2024 09:06 - Zo\u00e9: tr\u00e8s\n";
        Result r = Fixtures.read(ImportFile.ofBytes("WhatsApp Chat with X.txt", chat.getBytes(CP1252)), ImportOptions.defaults());
        r.assertNoProblems();
        assertEquals("d\u00e9j\u00e0 l\u00e0", r.message(0).text());
    }

    @Test
    void invalidBytesInAnHtmlPageAreReportedWithTheirLine() throws Exception {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(("<html><head><title>Luna</title></head><body>\n<div>Participants: Luna, Moi</div>\n"
                + "<div class=\"_a6-g\"><div>Luna</div><div>d\u00e9j\u00e0 \u00e9t\u00e9</div><div>Mar 24, 2024, 9:05 AM</div></div>\n")
                .getBytes(StandardCharsets.UTF_8));
        o.write("<div class=\"_a6-g\"><div>Luna</div><div>tr\u00e8s</div><div>Mar 24, 2024, 9:06 AM</div></div>\n</body></html>\n"
                .getBytes(CP1252));
        Result r = Fixtures.read(ImportFile.ofBytes("message_1.html", o.toByteArray()), ImportOptions.defaults());
        assertEquals(List.of("d\u00e9j\u00e0 \u00e9t\u00e9", "tr\u00e8s"), r.messages().stream().map(Message::text).toList());
        assertEquals(List.of(4L), coded(r.problems(), "invalid-encoding").stream().map(ImportProblem::line).toList());
    }

    @Test
    void controlAndOverrideCharactersLeaveNames() throws Exception {
        String json = "{\"name\":\"Lu\\u0000na\\r\\nDupont\\u202E\\u0007\",\"type\":\"personal_chat\",\"id\":42,\"messages\":["
                + "{\"id\":1,\"type\":\"message\",\"date\":\"2024-03-24T09:05:00\",\"date_unixtime\":\"1711267500\","
                + "\"from\":\"Lu\\u0000na\\u2066\\u0085X\",\"from_id\":\"user42\",\"text\":\"coucou\"}]}";
        Result r = Fixtures.text("result.json", json, ImportOptions.defaults());
        r.assertNoProblems();
        assertEquals("Luna Dupont", r.sink().contacts.get(0).displayName());
        assertEquals("Luna Dupont", r.sink().conversations.get(0).title());
        assertEquals("Luna X", r.message(0).author());
        for (String s : List.of(r.sink().contacts.get(0).displayName(), r.message(0).author())) {
            assertFalse(s.chars().anyMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0x202A && c <= 0x202E)
                    || (c >= 0x2066 && c <= 0x2069)), s);
        }
    }
}

package maraude.archive;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;
import maraude.core.archive.SearchQuery;
import maraude.core.model.Direction;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.core.model.SourceRef;

/** The DS descriptor, and real export lines (emoji, Arabic digits, RTL marks) through index and search. */
class ServiceAndFixturesTest {

    @TempDir
    Path dir;

    @Test
    void componentDescriptorPublishesTheFactory() throws Exception {
        try (InputStream in = LuceneArchive.class.getResourceAsStream("/OSGI-INF/maraude.archive.LuceneArchiveFactory.xml")) {
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in).getDocumentElement();
            String impl = ((Element) root.getElementsByTagName("implementation").item(0)).getAttribute("class");
            String provided = ((Element) root.getElementsByTagName("provide").item(0)).getAttribute("interface");
            assertEquals(ArchiveFactory.class.getName(), provided);
            Object factory = Class.forName(impl).getConstructor().newInstance();
            assertTrue(factory instanceof ArchiveFactory);
        }
    }

    static Path fixtures() {
        for (Path p = Paths.get("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path f = p.resolve("shared").resolve("fixtures");
            if (Files.isDirectory(f)) {
                return f;
            }
        }
        throw new IllegalStateException("no shared/fixtures above " + Paths.get("").toAbsolutePath());
    }

    @Test
    void everyWhatsAppFixtureLineIsSearchable() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(fixtures().resolve("whatsapp"))) {
            files = s.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
        }
        assertTrue(files.size() >= 5);
        int added = 0;
        try (Archive a = new LuceneArchiveFactory().open(dir, AccessMode.READ_WRITE)) {
            var t = TestData.thread((LuceneArchive) a, Platform.WHATSAPP, "+32470000001", "Fixtures");
            for (Path f : files) {
                List<String> lines = Files.readAllLines(f, StandardCharsets.UTF_8);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    Message m = Message.of(t.conversation().id(), Direction.INBOUND,
                            ZonedDateTime.of(2026, 1, 1, 0, 0, 0, 0, TestData.BRUSSELS).plusMinutes(added), "x", null,
                            lines.get(i), List.of(), SourceRef.ofLine(f.getFileName().toString(), i + 1L));
                    if (a.addMessage(m)) {
                        added++;
                    }
                }
            }
            a.commit();
            assertEquals(added, a.stats().messages());
            assertTrue(a.search(SearchQuery.of("🤓")).totalHits() > 0, "emoji from the chatminer fixtures");
            assertTrue(a.search(SearchQuery.of("lorem ipsum")).totalHits() > 0);
            // every stored line comes back whole
            List<Message> thread = a.messages(t.conversation().id());
            assertEquals(added, thread.size());
            for (Path f : files) {
                for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!line.isBlank()) {
                        assertTrue(thread.stream().anyMatch(m -> m.text().equals(line)), line);
                    }
                }
            }
            // any line's words find that line
            for (Message m : thread) {
                String word = m.text().replaceAll("[^\\p{L}]+", " ").trim().split(" ")[0];
                if (word.length() >= 3) {
                    assertTrue(a.search(SearchQuery.of(word)).totalHits() > 0, word);
                }
            }
        }
    }
}

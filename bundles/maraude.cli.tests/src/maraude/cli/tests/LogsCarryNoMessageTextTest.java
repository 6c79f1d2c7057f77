package maraude.cli.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.cli.CliApplication;
import maraude.cli.CliCommand;
import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ArchiveFactory;
import maraude.core.archive.ConversationSummary;
import maraude.core.model.Contact;
import maraude.core.model.Message;

/**
 * A full import of every fixture, then a search and a backup: no log the program writes (the
 * platform log, the archive's audit trail, any *.log under the archive) carries a word of a message,
 * a pseudonym or a phone number.
 */
class LogsCarryNoMessageTextTest {

    private static final Pattern WORD = Pattern.compile("\\p{L}{7,}"); //$NON-NLS-1$

    @Test
    void importSearchAndBackupLeaveNoMessageTextInAnyLog(@TempDir Path archive, @TempDir Path backups) throws Exception {
        ArchiveFactory factory = CliHarness.factory();
        Map<String, CliCommand> commands = CliHarness.commands("import", "search", "backup"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        PrintStream out = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(0, CliApplication.run(List.of("--archive", archive.toString(), "import", //$NON-NLS-1$ //$NON-NLS-2$
                CliTest.fixtures().toString(), "--json"), out, errStream, () -> factory, commands)); //$NON-NLS-1$

        // What must never be logged: words of the messages, names and handles of the contacts.
        Set<String> secrets = new TreeSet<>();
        try (Archive a = factory.open(archive, AccessMode.READ_ONLY)) {
            for (ConversationSummary s : a.summaries()) {
                for (Message m : a.messages(s.conversationId())) {
                    Matcher w = WORD.matcher(m.text());
                    while (w.find()) {
                        secrets.add(w.group());
                    }
                }
            }
            for (Contact contact : a.contacts()) {
                if (contact.handle().length() >= 6) {
                    secrets.add(contact.handle());
                }
            }
        }
        secrets.removeIf(s -> COMMON.contains(s.toLowerCase(java.util.Locale.ROOT)));
        assertTrue(secrets.size() > 50, "the fixtures give many words to look for: " + secrets.size()); //$NON-NLS-1$

        String word = secrets.iterator().next();
        CliApplication.run(List.of("--archive", archive.toString(), "search", word, "--json"), out, errStream, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                () -> factory, commands);
        CliApplication.run(List.of("--archive", archive.toString(), "backup", backups.resolve("b").toString()), out, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                errStream, () -> factory, commands);

        List<Path> logs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(archive)) {
            files.filter(p -> p.getFileName().toString().endsWith(".log")).forEach(logs::add); //$NON-NLS-1$
        }
        URL instance = Platform.getInstanceLocation() == null ? null : Platform.getInstanceLocation().getURL();
        if (instance != null) {
            Path platformLog = Path.of(instance.getPath(), ".metadata", ".log"); //$NON-NLS-1$ //$NON-NLS-2$
            if (Files.exists(platformLog)) {
                logs.add(platformLog);
            }
        }
        assertTrue(logs.stream().anyMatch(p -> p.getFileName().toString().equals("audit.log")), //$NON-NLS-1$
                "the audit trail was written: " + logs); //$NON-NLS-1$
        for (Path log : logs) {
            String content = read(log);
            for (String s : secrets) {
                assertTrue(!content.contains(s), log + " carries a word of a message or a contact (" + s.length() //$NON-NLS-1$
                        + " letters)"); //$NON-NLS-1$
            }
        }
        String stderr = err.toString(StandardCharsets.UTF_8);
        for (String s : secrets) {
            assertTrue(!stderr.contains(s), "stderr carries a word of a message"); //$NON-NLS-1$
        }
    }

    /** Words of the log's own vocabulary that happen to be in messages too. */
    private static final Set<String> COMMON = Set.of("message", "messages", "attachment", "attached", "archive", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            "conversation", "missing", "omitted", "imported", "deleted", "encrypted", "whatsapp", "telegram", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$ //$NON-NLS-8$
            "facebook", "instagram", "contacts", "conversations", "attachments", "backup", "received"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$ //$NON-NLS-7$

    private static String read(Path p) throws IOException {
        return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
    }
}

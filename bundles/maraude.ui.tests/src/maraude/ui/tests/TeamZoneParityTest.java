package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.swt.widgets.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.util.tracker.ServiceTracker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.cli.CliApplication;
import maraude.cli.CliCommand;
import maraude.core.archive.TeamZone;
import maraude.core.triage.QueueItem;
import maraude.core.triage.TriageService;
import maraude.ui.ArchiveEvents;
import maraude.ui.WidgetIds;
import maraude.ui.parts.QueuePart;

/**
 * The CLI and the workbench agree on the team's time zone: a team in Auckland (far from the test
 * machine's zone) gets its demo archive and a WhatsApp export (local times, no zone) through the
 * CLI's real entry point; on the same archive and the same fixed clock, {@code backlog --json} and
 * the queue the workbench draws list the same conversations in the same order, with the same bands,
 * and the ages and expiries the table shows are those of the CLI's instants.
 */
class TeamZoneParityTest {

    private static final ZoneId TEAM = ZoneId.of("Pacific/Auckland"); //$NON-NLS-1$
    /**
     * The first unanswered line of the export (nothing in it is ours: all of it waits), in the team's
     * wall-clock time: "06/03/2017, 00:45 - Sample User: This is a test message".
     */
    private static final LocalDateTime WAITING_SINCE = LocalDateTime.of(2017, 3, 6, 0, 45);
    private static final String EXPORT = "WhatsApp Chat with Sam.txt"; //$NON-NLS-1$

    private static Path folder;
    private static WorkbenchDriver workbench;
    private static Map<String, CliCommand> commands;

    @BeforeAll
    static void start() throws Exception {
        assertNotEquals(TEAM.getRules().getOffset(TestArchives.now().toInstant()), ZoneId.systemDefault().getRules().getOffset(TestArchives.now().toInstant()),
                "the team's zone must differ from the machine's for this test to tell anything"); //$NON-NLS-1$
        folder = Files.createTempDirectory("maraude-zone-parity"); //$NON-NLS-1$
        Files.writeString(folder.resolve(TeamZone.SETTINGS_FILE), TeamZone.KEY + "=" + TEAM.getId() + "\n", //$NON-NLS-1$ //$NON-NLS-2$
                StandardCharsets.UTF_8);
        commands = commands();
        Path export = Files.createTempDirectory("maraude-zone-parity-export").resolve(EXPORT); //$NON-NLS-1$
        Files.copy(TestArchives.fixtures().resolve("whatsapp/pustur_short_chat_android_en_2017.txt"), export); //$NON-NLS-1$
        cli("--archive", folder.toString(), "demo", "--messages", "400", "--no-ui", "--json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$ //$NON-NLS-6$
        cli("--archive", folder.toString(), "--json", "import", export.toString()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        workbench = WorkbenchDriver.start(folder);
    }

    @AfterAll
    static void close() throws Exception {
        if (workbench != null) {
            workbench.close();
        }
    }

    @Test
    void backlogJsonAndTheDrawnQueueAgree() throws Exception {
        IEclipseContext app = workbench.application().getContext();
        assertEquals(TEAM, workbench.sync(() -> app.get(ZoneId.class)), "the workbench's zone"); //$NON-NLS-1$
        assertEquals(TEAM, workbench.sync(() -> app.get(TriageService.class).zone()), "the queue's zone"); //$NON-NLS-1$

        // One clock for both: the workbench's (its context) and the CLI's (--now).
        Instant now = TestArchives.now().toInstant().truncatedTo(ChronoUnit.MINUTES);
        QueuePart queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
        workbench.syncRun(() -> {
            app.set(Clock.class, Clock.fixed(now, TEAM));
            app.get(IEventBroker.class).send(ArchiveEvents.CHANGED, Boolean.TRUE);
        });
        workbench.waitUntil(() -> {
            List<QueueItem> rows = workbench.sync(queue::rows);
            return !rows.isEmpty() && now.equals(workbench.sync(() -> queueNow(queue)));
        }, "the queue drawn at the fixed clock"); //$NON-NLS-1$

        JsonNode backlog = new ObjectMapper().readTree(
                cli("--archive", folder.toString(), "--json", "backlog", "--now", now.toString())); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(now.toString(), backlog.get("now").asText()); //$NON-NLS-1$

        List<QueueItem> rows = workbench.sync(queue::rows);
        List<String> cliOrder = new ArrayList<>();
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode item : backlog.get("items")) { //$NON-NLS-1$
            cliOrder.add(item.get("id").asText()); //$NON-NLS-1$
            byId.put(item.get("id").asText(), item); //$NON-NLS-1$
        }
        assertEquals(cliOrder, rows.stream().map(QueueItem::conversationId).toList(), "the same conversations in the same order"); //$NON-NLS-1$
        assertTrue(rows.size() > 10, "a real queue: " + rows.size()); //$NON-NLS-1$

        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        int compared = 0;
        for (QueueItem q : rows) {
            JsonNode j = byId.get(q.conversationId());
            assertEquals(j.get("band").asText(), q.bandKey(), "band of " + q.conversationId()); //$NON-NLS-1$ //$NON-NLS-2$
            assertEquals(j.get("intent").asText(), q.intent().key()); //$NON-NLS-1$
            assertEquals(j.get("urgent").asBoolean(), q.urgent()); //$NON-NLS-1$
            int line = workbench.sync(() -> queue.lineOf(q.conversationId()));
            if (line < 0) {
                continue; // a closing under its collapsed line
            }
            // What the table shows, from the CLI's instants.
            Instant since = Instant.parse(j.get("waiting_since").asText()); //$NON-NLS-1$
            Instant expires = j.get("expires_at").isNull() ? null : Instant.parse(j.get("expires_at").asText()); //$NON-NLS-1$ //$NON-NLS-2$
            String[] shown = workbench.sync(() -> {
                table.showItem(table.getItem(line));
                return new String[] { table.getItem(line).getText(QueuePart.COL_BAND),
                        table.getItem(line).getText(QueuePart.COL_EXPIRES), table.getItem(line).getText(QueuePart.COL_PLATFORM) };
            });
            assertEquals(QueuePart.age(q.band(), since, now), shown[0], "age shown for " + q.conversationId()); //$NON-NLS-1$
            assertEquals(QueuePart.expires(expires, now), shown[1], "expiry shown for " + q.conversationId()); //$NON-NLS-1$
            assertEquals(j.get("platform").asText(), shown[2]); //$NON-NLS-1$
            compared++;
        }
        assertTrue(compared > 10, "lines compared: " + compared); //$NON-NLS-1$

        // The export's local times were read in the team's zone, by the CLI's import as by the queue.
        JsonNode sam = null;
        for (JsonNode item : backlog.get("items")) { //$NON-NLS-1$
            if (item.get("platform").asText().equals("whatsapp") && item.get("waiting_since").asText().startsWith("2017")) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
                sam = item;
            }
        }
        assertFalse(sam == null, "the imported chat waits in the backlog"); //$NON-NLS-1$
        Instant waiting = Instant.parse(sam.get("waiting_since").asText()); //$NON-NLS-1$
        assertEquals(WAITING_SINCE, LocalDateTime.ofInstant(waiting, TEAM), "the export's 00:45 is Auckland's"); //$NON-NLS-1$
    }

    /** The instant the queue was computed at. */
    private static Instant queueNow(QueuePart queue) {
        List<QueueItem> rows = queue.rows();
        return rows.isEmpty() ? null : queue.queueNow();
    }

    /** Runs the CLI's command line in this JVM, as {@code ./maraude} would; stdout, after exit code 0. */
    private static String cli(String... argv) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        maraude.core.archive.ArchiveFactory factory = TestArchives.factory();
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = CliApplication.run(List.of(argv), o, e, () -> factory, commands);
        }
        assertEquals(0, code, () -> String.join(" ", argv) + ": " + err.toString(StandardCharsets.UTF_8)); //$NON-NLS-1$ //$NON-NLS-2$
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The CLI's commands, as its application finds them: services of the maraude.cli bundle. */
    private static Map<String, CliCommand> commands() throws InterruptedException {
        BundleContext bc = FrameworkUtil.getBundle(TeamZoneParityTest.class).getBundleContext();
        // loading a class of the CLI starts its (lazy) bundle, whose components then register
        FrameworkUtil.getBundle(CliApplication.class);
        ServiceTracker<CliCommand, CliCommand> tracker = new ServiceTracker<>(bc, CliCommand.class, null);
        tracker.open();
        Map<String, CliCommand> byName = new HashMap<>();
        long deadline = System.currentTimeMillis() + 20_000;
        while (System.currentTimeMillis() < deadline && !byName.keySet().containsAll(List.of("demo", "import", "backlog"))) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            tracker.waitForService(1_000);
            for (CliCommand c : tracker.getTracked().values()) {
                byName.put(c.name(), c);
            }
        }
        assertTrue(byName.keySet().containsAll(List.of("demo", "import", "backlog")), "the CLI's commands: " + byName.keySet()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        return byName;
    }
}

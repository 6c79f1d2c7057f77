package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.eclipse.core.runtime.ILogListener;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Platform;
import org.eclipse.e4.core.commands.ECommandService;
import org.eclipse.e4.core.commands.EHandlerService;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.ObjectMapper;

import maraude.core.archive.AccessMode;
import maraude.core.archive.Archive;
import maraude.core.archive.ConversationSummary;
import maraude.core.demo.DemoGenerator;
import maraude.core.demo.DemoProgress;
import maraude.core.triage.ArchiveTriageStates;
import maraude.core.triage.TriageStates;
import maraude.core.triage.WorkerState;
import maraude.sources.SecureStorageCredentialStore;
import maraude.sources.SecureStorageCredentialStore.TeamLogin;
import maraude.solr.client.TeamArchives;
import maraude.team.PinnedTrust;
import maraude.team.ServerCertificate;
import maraude.ui.WidgetIds;
import maraude.ui.lifecycle.ArchiveSession;
import maraude.ui.parts.QueuePart;
import maraude.ui.team.Messages;

/**
 * The workbench on a team archive (#18), against a real Solr node started as a separate process
 * from the server folder the Solr module assembles ({@code team-server start --json}: TLS, basic
 * authentication): a wrong password and a certificate other than the confirmed one are refused in the
 * dialog with the local archive still open; the first connection shows the server's fingerprint to
 * confirm; once connected the queue shows the team's conversations (imported by a second client,
 * nothing imported locally); another worker's "handled" leaves this queue without a restart; a stale
 * change is refused and said so; the login is in secure storage and nowhere else in clear.
 * One server and one workbench for the class (2 cores in CI).
 */
@TestMethodOrder(OrderAnnotation.class)
class TeamWorkbenchTest {

    private static final int MESSAGES = 240;
    /** How long another worker's change may take to show (the workbench polls every 2 s). */
    private static final long LIVE_DEADLINE_MS = 15_000;

    private static Path serverDir;
    private static Path serverLib;
    private static String url;
    private static String user;
    private static String password;
    private static String fingerprint;
    private static int port;
    /** The first certificate's fingerprint once the server's certificate was renewed. */
    private static String oldFingerprint;
    private static Path localFolder;
    private static Path teamDir;
    private static Path secureStorage;
    private static Archive other;
    private static TriageStates otherState;
    private static Set<String> teamConversations;
    private static WorkbenchDriver workbench;
    private static Archive local;
    /** The queue, shown before any dialog (Xvfb has no window manager to give the window back its activation). */
    private static QueuePart queue;

    @BeforeAll
    static void start() throws Exception {
        serverLib = serverLib();
        serverDir = Files.createTempDirectory("maraude-team-ui-server"); //$NON-NLS-1$
        Map<?, ?> started = new ObjectMapper().readValue(teamServer("start", "--dir", serverDir.toString(), //$NON-NLS-1$ //$NON-NLS-2$
                "--port", String.valueOf(port = freePort()), "--nodes", "1", "--json"), Map.class); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        url = (String) started.get("url"); //$NON-NLS-1$
        user = (String) started.get("user"); //$NON-NLS-1$
        password = (String) started.get("password"); //$NON-NLS-1$
        fingerprint = (String) started.get("fingerprint"); //$NON-NLS-1$

        // another worker's client fills the team archive (nothing of it goes through the workbench)
        other = TeamArchives.open(url, user, password, PinnedTrust.of(fingerprint).context(),
                Files.createTempDirectory("maraude-team-ui-other"), AccessMode.READ_WRITE); //$NON-NLS-1$
        new DemoGenerator(42L, TestArchives.now()).populate(other, MESSAGES, DemoProgress.NONE);
        teamConversations = other.summaries().stream().map(ConversationSummary::conversationId).collect(Collectors.toSet());
        otherState = ArchiveTriageStates.of(other);

        secureStorage = Files.createTempDirectory("maraude-team-ui-secrets").resolve("secure_storage"); //$NON-NLS-1$ //$NON-NLS-2$
        System.setProperty("maraude.credentials", secureStorage.toString()); //$NON-NLS-1$
        teamDir = Files.createTempDirectory("maraude-team-ui-side"); //$NON-NLS-1$
        System.setProperty("maraude.teamDir", teamDir.toString()); //$NON-NLS-1$
        localFolder = Files.createTempDirectory("maraude-team-ui-local"); //$NON-NLS-1$
        workbench = WorkbenchDriver.start(localFolder);
        ArchiveSession s = workbench.sync(TeamWorkbenchTest::session);
        s.awaitOpen();
        local = workbench.sync(() -> workbench.application().getContext().get(Archive.class));
        queue = (QueuePart) workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (workbench != null) {
                workbench.close();
            }
            if (other != null) {
                other.close();
            }
        } finally {
            System.clearProperty("maraude.credentials"); //$NON-NLS-1$
            System.clearProperty("maraude.teamDir"); //$NON-NLS-1$
            if (serverDir != null) {
                teamServer("stop", "--dir", serverDir.toString()); //$NON-NLS-1$ //$NON-NLS-2$
            }
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void aWrongPasswordIsRefusedInTheDialogAndTheLocalArchiveStaysOpen() {
        Shell dialog = openDialog();
        fill(url, user, "not-the-password", false); //$NON-NLS-1$
        workbench.press(dialog, Messages.Team_connect);
        Shell certificate = workbench.shellTitled(Messages.Team_certificateTitle);
        workbench.press(certificate, maraude.ui.dialogs.Messages.Button_ok);
        String status = awaitStatus();
        assertTrue(status.contains(host()) && status.equals(org.eclipse.osgi.util.NLS.bind(Messages.Team_refused, host(), "team")), status); //$NON-NLS-1$
        assertLocal();
        workbench.press(dialog, maraude.ui.dialogs.Messages.Button_cancel);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$
    }

    @Test
    @Order(1)
    void anUnreachableServerIsSaidSoAndTheLocalArchiveStaysOpen() throws Exception {
        int closed = freePort();
        Shell dialog = openDialog();
        fill("solr+https://127.0.0.1:" + closed + "/team", user, password, false); //$NON-NLS-1$ //$NON-NLS-2$
        workbench.press(dialog, Messages.Team_connect);
        assertEquals(org.eclipse.osgi.util.NLS.bind(maraude.team.Messages.Team_unreachable, "127.0.0.1:" + closed, //$NON-NLS-1$
                "ConnectException"), awaitStatus()); //$NON-NLS-1$
        assertLocal();
        workbench.press(dialog, maraude.ui.dialogs.Messages.Button_cancel);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$
    }

    @Test
    @Order(1)
    void theWorkbenchReachesTheTeamArchiveOnlyThroughCoreServices() {
        org.osgi.framework.Bundle ui = Platform.getBundle("maraude.ui"); //$NON-NLS-1$
        for (String header : List.of("Import-Package", "Require-Bundle")) { //$NON-NLS-1$ //$NON-NLS-2$
            String value = ui.getHeaders("").get(header); //$NON-NLS-1$
            assertNotNull(value, header);
            assertFalse(value.contains("maraude.team") || value.contains("maraude.solr"), //$NON-NLS-1$ //$NON-NLS-2$
                    "maraude.ui's " + header + " names the team bundle: " + value); //$NON-NLS-1$ //$NON-NLS-2$
        }
        // what the connect handler is given: the team bundle's service, from the workbench's context
        maraude.core.archive.TeamServers servers = workbench.sync(
                () -> workbench.application().getContext().get(maraude.core.archive.TeamServers.class));
        assertNotNull(servers, "the team servers' service in the workbench's context"); //$NON-NLS-1$
        assertEquals("maraude.team", org.osgi.framework.FrameworkUtil.getBundle(servers.getClass()).getSymbolicName()); //$NON-NLS-1$
        assertEquals("team", servers.archiveName(url)); //$NON-NLS-1$
    }

    @Test
    @Order(2)
    void aDeclinedCertificateConnectsNothingAndKeepsNothing() throws Exception {
        Shell dialog = openDialog();
        fill(url, user, password, true);
        workbench.press(dialog, Messages.Team_connect);
        Shell certificate = workbench.shellTitled(Messages.Team_certificateTitle);
        assertTrue(workbench.sync(() -> WorkbenchDriver.labels(certificate)).contains(fingerprint),
                "the dialog shows the fingerprint team-server printed: " + workbench.sync(() -> WorkbenchDriver.labels(certificate))); //$NON-NLS-1$
        workbench.press(certificate, maraude.ui.dialogs.Messages.Button_cancel);
        assertEquals(Messages.Team_certificateNotConfirmed, awaitStatus());
        assertLocal();
        assertTrue(SecureStorageCredentialStore.openDefault().teamLogin(url).isEmpty(), "nothing kept for the address"); //$NON-NLS-1$
        workbench.press(dialog, maraude.ui.dialogs.Messages.Button_cancel);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$
    }

    @Test
    @Order(3)
    void anotherCertificateThanThePinnedOneIsReplacedOnlyOnRequestAndCancelKeepsTheLocalArchive() throws Exception {
        String wrong = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"; //$NON-NLS-1$
        SecureStorageCredentialStore.openDefault().putTeamLogin(new TeamLogin(url, null, null, wrong));
        Shell dialog = openDialog();
        fill(url, user, password, true);
        workbench.press(dialog, Messages.Team_connect);
        Shell renewed = workbench.shellTitled(Messages.Team_renewedTitle);
        String said = workbench.sync(() -> WorkbenchDriver.labels(renewed));
        assertTrue(said.contains(wrong) && said.contains(fingerprint), "both fingerprints named: " + said); //$NON-NLS-1$
        assertEquals(workbench.sync(() -> renewed.getDefaultButton().getText()), maraude.ui.dialogs.Messages.Button_cancel,
                "Cancel is the default button"); //$NON-NLS-1$
        assertFalse(replaceEnabled(), "nothing typed: nothing to replace"); //$NON-NLS-1$
        workbench.press(renewed, maraude.ui.dialogs.Messages.Button_cancel);
        assertEquals(Messages.Team_renewedNotReplaced, awaitStatus());
        assertLocal();
        assertEquals(wrong, SecureStorageCredentialStore.openDefault().teamLogin(url).orElseThrow().fingerprint(),
                "the pinned certificate is never replaced silently"); //$NON-NLS-1$
        // the connect dialog is still there, usable again
        assertTrue(workbench.sync(() -> workbench.<Button> widget(WidgetIds.TEAM_CONNECT).isEnabled()));
        workbench.press(dialog, maraude.ui.dialogs.Messages.Button_cancel);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$
        // the administrator's fingerprint again: the next connection asks to confirm it
        SecureStorageCredentialStore.openDefault().putTeamLogin(new TeamLogin(url, null, null, null));
    }

    @Test
    @Order(4)
    void theConfirmedConnectionShowsTheTeamsQueueAndImportsNothingLocally() throws Exception {
        Shell dialog = openDialog();
        fill(url, user, password, true);
        workbench.press(dialog, Messages.Team_connect);
        Shell certificate = workbench.shellTitled(Messages.Team_certificateTitle);
        assertTrue(workbench.sync(() -> WorkbenchDriver.labels(certificate)).contains(fingerprint));
        workbench.press(certificate, maraude.ui.dialogs.Messages.Button_ok);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), () -> "the dialog to close: " + statusText()); //$NON-NLS-1$
        assertTrue(workbench.sync(() -> session().isTeam()));
        assertEquals(url, workbench.sync(() -> session().teamAddress()));

        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty()
                && teamConversations.containsAll(ids(queue)), () -> "the team's conversations in the queue: " + ids(queue)); //$NON-NLS-1$
        assertTrue(local.summaries().isEmpty(), "nothing was imported into the local archive"); //$NON-NLS-1$

        // what is kept: the confirmed certificate and the login, in secure storage only
        TeamLogin kept = SecureStorageCredentialStore.openDefault().teamLogin(url).orElseThrow();
        assertTrue(ServerCertificate.same(fingerprint, kept.fingerprint()));
        assertEquals(user, kept.user());
        assertEquals(password, kept.password());
        List<Path> scanned = new ArrayList<>(List.of(localFolder, teamDir, secureStorage.getParent()));
        for (org.eclipse.osgi.service.datalocation.Location l : new org.eclipse.osgi.service.datalocation.Location[] {
                Platform.getInstanceLocation(), Platform.getConfigurationLocation() }) {
            if (l != null && l.getURL() != null) {
                scanned.add(Path.of(org.eclipse.core.runtime.FileLocator.toFileURL(l.getURL()).getPath()));
            }
        }
        List<Path> leaks = filesContaining(password.getBytes(StandardCharsets.UTF_8), scanned.toArray(Path[]::new));
        assertTrue(leaks.isEmpty(), "the password in clear in " + leaks); //$NON-NLS-1$
        assertTrue(Files.size(secureStorage) > 0, "the secure storage file was written"); //$NON-NLS-1$
        assertFalse(Files.exists(teamDir.resolve(maraude.core.triage.QueueSnapshot.FILE_NAME)),
                "no queue snapshot (previews) in the team archive's unencrypted side folder"); //$NON-NLS-1$

        // local-only actions are off on a team archive
        assertFalse(canExecute("maraude.command.phonedrop")); //$NON-NLS-1$
        assertTrue(canExecute("maraude.command.team.local")); //$NON-NLS-1$
    }

    @Test
    @Order(5)
    void anotherWorkersHandledLeavesTheQueueWithoutRestart() {
        String conversation = ids(queue).get(0);
        otherState.setState(conversation, WorkerState.HANDLED, Instant.now(), "another-worker", null); //$NON-NLS-1$
        long start = System.nanoTime();
        long deadline = System.currentTimeMillis() + LIVE_DEADLINE_MS;
        while (ids(queue).contains(conversation)) {
            assertTrue(System.currentTimeMillis() < deadline, "another worker's handled still in the queue after 15 s"); //$NON-NLS-1$
            sleep(100);
        }
        System.out.println("TeamWorkbenchTest: another worker's handled left the queue in " //$NON-NLS-1$
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms"); //$NON-NLS-1$
    }

    @Test
    @Order(6)
    void aChangeOnAStaleStateIsRefusedAndSaidSo() {
        Table table = workbench.widget(WidgetIds.QUEUE_TABLE);
        String conversation = ids(queue).stream().filter(id -> workbench.sync(() -> queue.lineOf(id)) >= 0).findFirst()
                .orElseThrow();
        Instant until = Instant.now().plusSeconds(86_400);
        // the other worker snoozes it, and this worker marks it handled before its next poll
        otherState.setState(conversation, WorkerState.SNOOZED, Instant.now(), "another-worker", until); //$NON-NLS-1$
        workbench.syncRun(() -> {
            table.setSelection(queue.lineOf(conversation));
            queue.markHandled();
        });
        Shell conflict = workbench.shellTitled(Messages.Team_conflictTitle);
        assertTrue(workbench.sync(() -> WorkbenchDriver.labels(conflict)).contains(Messages.Team_conflict));
        workbench.press(conflict, maraude.ui.dialogs.Messages.Button_ok);
        assertEquals(WorkerState.SNOOZED, otherState.snapshot().conversations().get(conversation).state(),
                "the other worker's change stands"); //$NON-NLS-1$
        workbench.waitUntil(() -> !ids(queue).contains(conversation), "the snoozed conversation to leave the queue"); //$NON-NLS-1$
    }

    @Test
    @Order(7)
    void aContactIsForgottenFromTheRegisterInATeamSession() throws Exception {
        activateMainWindow(); // the conflict dialog before took the activation, and Xvfb has no window manager to give it back
        maraude.ui.parts.ContactRegisterPart register = (maraude.ui.parts.ContactRegisterPart) workbench.showPart(
                "maraude.perspective.coordination", maraude.ui.parts.ContactRegisterPart.ID); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(register::rows).isEmpty(), "the team's register"); //$NON-NLS-1$
        String contactId = workbench.sync(() -> register.rows().get(0).contactId());
        List<String> conversations = other.conversations().stream().filter(c -> c.contactId().equals(contactId))
                .map(maraude.core.model.Conversation::id).toList();
        long messages = conversations.stream().mapToLong(c -> other.messages(c).size()).sum();
        assertTrue(messages > 0, "the person has messages on the team archive"); //$NON-NLS-1$
        // the team's shared note about her, written by the other worker
        otherState.addNote(conversations.get(0), new maraude.core.triage.ConversationState.Note(Instant.now(),
                "another-worker", "note about her")); //$NON-NLS-1$ //$NON-NLS-2$
        int others = workbench.sync(register::rows).size() - 1;

        Table table = workbench.widget(WidgetIds.REGISTER_TABLE);
        workbench.syncRun(() -> table.setSelection(0));
        assertTrue(canExecute("maraude.command.register.forget"), "forget is offered in a team session"); //$NON-NLS-1$
        workbench.syncRun(register::forgetSelected);
        Shell confirm = workbench.shellTitled(maraude.ui.retention.Messages.Forget_title);
        String question = workbench.sync(() -> WorkbenchDriver.labels(confirm));
        assertTrue(question.contains(messages + " message"), "the question counts what goes: " + question); //$NON-NLS-1$ //$NON-NLS-2$
        workbench.press(confirm, maraude.ui.dialogs.Messages.Button_ok);
        Shell done = workbench.shellTitled(maraude.ui.retention.Messages.Forget_title);
        String said = workbench.sync(() -> WorkbenchDriver.labels(done));
        workbench.press(done, maraude.ui.dialogs.Messages.Button_ok);
        assertTrue(said.contains(String.valueOf(messages)), said);

        workbench.waitUntil(() -> workbench.sync(register::rows).stream().noneMatch(r -> r.contactId().equals(contactId)),
                "the person to leave the register"); //$NON-NLS-1$
        assertEquals(others, workbench.sync(register::rows).size(), "the others stay"); //$NON-NLS-1$
        assertTrue(workbench.sync(() -> session().isTeam()), "still the team archive"); //$NON-NLS-1$
        // on the servers, as a third client reads them: nothing of her, her shared note gone
        try (Archive fresh = TeamArchives.open(url, user, password, PinnedTrust.of(fingerprint).context(),
                Files.createTempDirectory("maraude-team-ui-third"), AccessMode.READ_ONLY)) { //$NON-NLS-1$
            assertTrue(fresh.contact(contactId).isEmpty());
            assertTrue(fresh.conversations().stream().noneMatch(c -> c.contactId().equals(contactId)));
            var state = ArchiveTriageStates.of(fresh).snapshot();
            conversations.forEach(c -> assertEquals(null, state.conversation(c)));
            assertFalse(fresh.contacts().isEmpty(), "the other people stay"); //$NON-NLS-1$
        }
        assertTrue(local.summaries().isEmpty(), "the local archive untouched"); //$NON-NLS-1$
        workbench.focus(workbench.mainShell());
        workbench.showPart("maraude.perspective.permanence", QueuePart.ID); //$NON-NLS-1$
    }

    @Test
    @Order(8)
    void backToTheLocalArchive() {
        workbench.executeCommand("maraude.command.team.local"); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(() -> session().isTeam()), "the local archive again"); //$NON-NLS-1$
        assertLocal();
        workbench.waitUntil(() -> workbench.sync(queue::rows).isEmpty(), "the local (empty) queue"); //$NON-NLS-1$
        assertTrue(canExecute("maraude.command.phonedrop")); //$NON-NLS-1$
    }

    @Test
    @Order(9)
    void aRenewedCertificateIsRefusedWhileTheTypedFingerprintDoesNotMatch() throws Exception {
        renewCertificate();
        String pinned = SecureStorageCredentialStore.openDefault().teamLogin(url).orElseThrow().fingerprint();
        assertTrue(ServerCertificate.same(pinned, oldFingerprint), "the first certificate is the pinned one"); //$NON-NLS-1$
        Shell dialog = openDialog();
        fill(url, user, password, true);
        workbench.press(dialog, Messages.Team_connect);
        Shell renewed = workbench.shellTitled(Messages.Team_renewedTitle);
        String said = workbench.sync(() -> WorkbenchDriver.labels(renewed));
        assertTrue(said.contains(oldFingerprint) && said.contains(fingerprint), "both fingerprints named: " + said); //$NON-NLS-1$

        // the old fingerprint, then too few digits of the new one, then a wrong digit: never offered
        type(oldFingerprint);
        assertFalse(replaceEnabled());
        assertEquals(Messages.Team_renewedMismatch, hint());
        type(fingerprint.substring(0, 11));
        assertFalse(replaceEnabled());
        String wrongDigit = fingerprint.substring(0, 22) + (fingerprint.charAt(22) == '0' ? '1' : '0');
        type(wrongDigit);
        assertFalse(replaceEnabled());
        assertEquals(Messages.Team_renewedMismatch, hint());
        // pressed whatever the button's state (a script, an accessibility tool): still refused
        workbench.press(renewed, Messages.Team_renewedReplace);
        assertFalse(workbench.sync(renewed::isDisposed), "a mismatch does not replace"); //$NON-NLS-1$
        workbench.press(renewed, maraude.ui.dialogs.Messages.Button_cancel);
        assertEquals(Messages.Team_renewedNotReplaced, awaitStatus());
        assertLocal();
        assertTrue(ServerCertificate.same(oldFingerprint,
                SecureStorageCredentialStore.openDefault().teamLogin(url).orElseThrow().fingerprint()), "nothing changed"); //$NON-NLS-1$
        workbench.press(dialog, maraude.ui.dialogs.Messages.Button_cancel);
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$
    }

    @Test
    @Order(10)
    void aRenewedCertificateIsPinnedAndConnectsWhenTheTypedFingerprintMatches() throws Exception {
        renewCertificate();
        List<IStatus> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        ILogListener listener = (status, plugin) -> logged.add(status);
        Platform.addLogListener(listener);
        try {
            Shell dialog = openDialog();
            fill(url, user, password, true);
            workbench.press(dialog, Messages.Team_connect);
            Shell renewed = workbench.shellTitled(Messages.Team_renewedTitle);
            // the administrator reads out the first 16 digits, as team-server prints them (AB:CD:…)
            type(fingerprint.substring(0, 23).toLowerCase(java.util.Locale.ROOT));
            assertTrue(replaceEnabled(), hint());
            assertEquals(Messages.Team_renewedMatches, hint());
            workbench.press(renewed, Messages.Team_renewedReplace);
            workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), () -> "the dialog to close: " + statusText()); //$NON-NLS-1$
        } finally {
            Platform.removeLogListener(listener);
        }
        assertTrue(workbench.sync(() -> session().isTeam()));
        workbench.waitUntil(() -> !workbench.sync(queue::rows).isEmpty()
                && teamConversations.containsAll(ids(queue)), () -> "the team's conversations in the queue: " + ids(queue)); //$NON-NLS-1$
        TeamLogin kept = SecureStorageCredentialStore.openDefault().teamLogin(url).orElseThrow();
        assertTrue(ServerCertificate.same(fingerprint, kept.fingerprint()), "the new certificate is pinned"); //$NON-NLS-1$
        assertEquals(user, kept.user());

        List<String> replacements = logged.stream().map(IStatus::getMessage).filter(m -> m.contains("replaced")).toList(); //$NON-NLS-1$
        assertEquals(1, replacements.size(), "the replacement is logged once: " + replacements); //$NON-NLS-1$
        String line = replacements.get(0);
        for (String secret : List.of(fingerprint, oldFingerprint, fingerprint.replace(":", ""), oldFingerprint.replace(":", ""),
                password)) { //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            assertFalse(line.toLowerCase(java.util.Locale.ROOT).contains(secret.toLowerCase(java.util.Locale.ROOT)),
                    "the log line names no fingerprint and no password: " + line); //$NON-NLS-1$
        }
        // the user name as a word ("admin" here, a word of the line's own English otherwise)
        assertFalse(java.util.regex.Pattern.compile("\\b" + java.util.regex.Pattern.quote(user) + "\\b").matcher(line).find(), //$NON-NLS-1$ //$NON-NLS-2$
                "the log line names no user: " + line); //$NON-NLS-1$
        workbench.executeCommand("maraude.command.team.local"); //$NON-NLS-1$
        workbench.waitUntil(() -> !workbench.sync(() -> session().isTeam()), "the local archive again"); //$NON-NLS-1$
    }

    // ------------------------------------------------------------------ helpers

    /**
     * The administrator renews the server's certificate: the server stopped, its key store removed,
     * started again on the same folder and port (a new self-signed certificate, the same index and
     * password). Once for the class.
     */
    private static void renewCertificate() throws Exception {
        if (oldFingerprint != null) {
            return;
        }
        String before = fingerprint;
        teamServer("stop", "--dir", serverDir.toString()); //$NON-NLS-1$ //$NON-NLS-2$
        Files.delete(serverDir.resolve("tls").resolve("keystore.p12")); //$NON-NLS-1$ //$NON-NLS-2$
        Map<?, ?> started = new ObjectMapper().readValue(teamServer("start", "--dir", serverDir.toString(), //$NON-NLS-1$ //$NON-NLS-2$
                "--port", String.valueOf(port), "--nodes", "1", "--json"), Map.class); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
        assertEquals(url, started.get("url"), "the same address"); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(password, started.get("password"), "the same password"); //$NON-NLS-1$ //$NON-NLS-2$
        fingerprint = (String) started.get("fingerprint"); //$NON-NLS-1$
        assertFalse(ServerCertificate.same(before, fingerprint), "a new certificate"); //$NON-NLS-1$
        oldFingerprint = before;
    }

    /** The main window active again in the application's context (switching perspectives needs it). */
    private static void activateMainWindow() {
        workbench.waitUntil(() -> {
            if (workbench.sync(() -> workbench.application().getContext().getActiveChild()) != null) {
                return true;
            }
            workbench.focus(workbench.mainShell());
            return false;
        }, "the main window to be active"); //$NON-NLS-1$
    }

    private static void type(String text) {
        Text t = workbench.widget(WidgetIds.TEAM_RENEWED_FINGERPRINT);
        workbench.syncRun(() -> t.setText(text));
    }

    private static boolean replaceEnabled() {
        Button b = workbench.widget(WidgetIds.TEAM_RENEWED_REPLACE);
        return workbench.sync(b::isEnabled);
    }

    private static String hint() {
        Label l = workbench.widget(WidgetIds.TEAM_RENEWED_HINT);
        return workbench.sync(l::getText);
    }


    private static ArchiveSession session() {
        return workbench.application().getContext().get(ArchiveSession.class);
    }

    private static void assertLocal() {
        workbench.syncRun(() -> {
            IEclipseContext c = workbench.application().getContext();
            assertFalse(session().isTeam());
            assertEquals(local, c.get(Archive.class), "the local archive is still the one open"); //$NON-NLS-1$
            assertEquals(localFolder, c.get(Archive.class).location());
        });
    }

    private static boolean canExecute(String commandId) {
        return workbench.sync(() -> {
            IEclipseContext ctx = workbench.application().getChildren().get(0).getContext();
            return ctx.get(EHandlerService.class).canExecute(ctx.get(ECommandService.class).createCommand(commandId, null));
        });
    }

    private static Shell openDialog() {
        workbench.executeCommand("maraude.command.team.connect"); //$NON-NLS-1$
        return workbench.shellTitled(Messages.Team_title);
    }

    private static void fill(String address, String name, String secret, boolean remember) {
        Text a = workbench.widget(WidgetIds.TEAM_ADDRESS);
        Text u = workbench.widget(WidgetIds.TEAM_USER);
        Text p = workbench.widget(WidgetIds.TEAM_PASSWORD);
        Button r = workbench.widget(WidgetIds.TEAM_REMEMBER);
        workbench.syncRun(() -> {
            a.setText(address);
            u.setText(name);
            p.setText(secret);
            r.setSelection(remember);
        });
    }

    private static String statusText() {
        Label status = workbench.widget(WidgetIds.TEAM_STATUS);
        return workbench.sync(() -> status.isDisposed() ? "" : status.getText()); //$NON-NLS-1$
    }

    /** The dialog's status once the connection ended (no longer "connecting…"). */
    private static String awaitStatus() {
        workbench.waitUntil(() -> {
            String s = statusText();
            return !s.isEmpty() && !s.equals(Messages.Team_connecting);
        }, "the connection to end"); //$NON-NLS-1$
        return statusText();
    }

    private static List<String> ids(QueuePart queue) {
        return workbench.sync(() -> queue.rows().stream().map(q -> q.conversationId()).toList());
    }

    private static String host() {
        String rest = url.substring(url.indexOf("://") + 3); //$NON-NLS-1$
        return rest.substring(0, rest.indexOf('/'));
    }

    /** Every regular file under the folders whose bytes contain {@code secret}. */
    private static List<Path> filesContaining(byte[] secret, Path... folders) throws IOException {
        List<Path> found = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(folder)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    byte[] bytes;
                    try {
                        bytes = Files.readAllBytes(f);
                    } catch (IOException e) {
                        continue; // a file removed meanwhile (a lock, a temporary file)
                    }
                    if (indexOf(bytes, secret) >= 0) {
                        found.add(f);
                    }
                }
            }
        }
        return found;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer: for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** solr/maraude.solr.plugin/target/server/lib above the working folder (the reactor builds it first). */
    private static Path serverLib() {
        for (Path p = Path.of(System.getProperty("user.dir")).toAbsolutePath(); p != null; p = p.getParent()) { //$NON-NLS-1$
            Path candidate = p.resolve("solr/maraude.solr.plugin/target/server/lib"); //$NON-NLS-1$
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("solr/maraude.solr.plugin/target/server/lib not found above " //$NON-NLS-1$
                + System.getProperty("user.dir") + ": build the Solr module first (it comes before ui.tests in the reactor)"); //$NON-NLS-1$
    }

    /** Runs {@code team-server ARGS} as the ./maraude launcher does (a JVM on the server folder); its stdout. */
    private static String teamServer(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                "-Xmx128m", "-Djava.awt.headless=true", "-Duser.language=en", "-cp", serverLib.resolve("*").toString(), //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                "maraude.solr.server.TeamServerCli")); //$NON-NLS-1$
        command.addAll(List.of(args));
        Path out = Files.createTempFile("maraude-team-server", ".out"); //$NON-NLS-1$ //$NON-NLS-2$
        Path err = Files.createTempFile("maraude-team-server", ".err"); //$NON-NLS-1$ //$NON-NLS-2$
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start(); //$NON-NLS-1$
        if (!p.waitFor(6, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("team-server " + args[0] + " did not return"); //$NON-NLS-1$ //$NON-NLS-2$
        }
        String stdout = Files.readString(out);
        String stderr = Files.readString(err);
        Files.delete(out);
        Files.delete(err);
        if (p.exitValue() != 0 && !"stop".equals(args[0])) { //$NON-NLS-1$
            throw new AssertionError("team-server " + args[0] + " exited " + p.exitValue() + ": " + stderr); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
        }
        assertNotNull(stdout);
        return stdout;
    }
}

package maraude.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import maraude.core.model.Platform;
import maraude.sources.Credentials;
import maraude.sources.SecureStorageCredentialStore;
import maraude.sources.Source;
import maraude.sources.SourceKind;
import maraude.sources.SourceStore;
import maraude.sources.web.WebInboxPuller;
import maraude.ui.WidgetIds;
import maraude.ui.sources.Messages;
import maraude.ui.sources.SourcesPart;

/**
 * "Add a platform inbox…" in the Sources view: the dialog offers the archive's web site profile,
 * refuses a bad address, and on OK the inbox is listed and saved in {@code sources.json} while the
 * password (or the pasted cookie) goes only to the secure storage, a file of the test's own here
 * ({@code -Dmaraude.credentials}). Nothing is pulled: the background check is off.
 */
@TestMethodOrder(OrderAnnotation.class)
class WebInboxDialogTest {

    private static final String USER = "asso-maraude"; //$NON-NLS-1$
    private static final String PASSWORD = "Pa55-never-in-sources-json"; //$NON-NLS-1$
    private static final String COOKIE = "sid=cookie-never-in-sources-json"; //$NON-NLS-1$
    /** Port 9 (discard) on this machine: nothing remote, and nothing is pulled anyway. */
    private static final String URL = "https://127.0.0.1:9/inbox"; //$NON-NLS-1$

    /** The web profile of the simulated platform of maraude.sources.tests, as a user would drop it in. */
    private static final String SIM_PROFILE = """
            {
              "id": "sim",
              "platform": "ad_inbox",
              "priority": 50,
              "title": "h1.thread-title",
              "message": "div.message",
              "author": ".author",
              "text": ".text",
              "time": "time",
              "timeAttr": ["datetime"],
              "outbound": ".me",
              "web": {
                "login": "/login",
                "loginForm": "form#login",
                "loggedIn": "a.logout",
                "inbox": "/inbox",
                "inboxMarker": "ul.threads",
                "threadLink": "ul.threads a.thread",
                "nextPage": "a[rel=next]"
              }
            }
            """; //$NON-NLS-1$

    private static Path archiveFolder;
    private static Path secureStorage;
    private static WorkbenchDriver workbench;

    @BeforeAll
    static void start() throws Exception {
        archiveFolder = Files.createTempDirectory("maraude-web-inbox-ui"); //$NON-NLS-1$
        Path profiles = Files.createDirectories(archiveFolder.resolve(WebInboxPuller.PROFILES_DIR));
        Files.writeString(profiles.resolve("sim.json"), SIM_PROFILE); //$NON-NLS-1$
        secureStorage = Files.createTempDirectory("maraude-web-inbox-ui-secrets").resolve("secure_storage"); //$NON-NLS-1$ //$NON-NLS-2$
        System.setProperty("maraude.credentials", secureStorage.toString()); //$NON-NLS-1$
        System.setProperty(SourcesPart.CHECK_SECONDS, "0"); //$NON-NLS-1$
        workbench = WorkbenchDriver.start(archiveFolder);
    }

    @AfterAll
    static void close() throws Exception {
        System.clearProperty(SourcesPart.CHECK_SECONDS);
        System.clearProperty("maraude.credentials"); //$NON-NLS-1$
        if (workbench != null) {
            workbench.close();
        }
    }

    /** Presses "Add a platform inbox…" without waiting: the dialog is modal. */
    private Shell openDialog() {
        Button add = workbench.widget(WidgetIds.SOURCES_ADD_WEB_INBOX);
        workbench.waitUntil(() -> workbench.sync(add::isEnabled), "the add button to be enabled"); //$NON-NLS-1$
        workbench.syncRun(() -> add.getDisplay().asyncExec(() -> add.notifyListeners(SWT.Selection, new Event())));
        return workbench.shellTitled(Messages.WebInbox_title);
    }

    private void set(String id, String value) {
        Text t = workbench.widget(id);
        workbench.syncRun(() -> t.setText(value));
    }

    private String sourcesJson() throws Exception {
        return new String(Files.readAllBytes(archiveFolder.resolve("sources.json")), StandardCharsets.UTF_8); //$NON-NLS-1$
    }

    @Test
    @Order(1)
    void anInboxWithLoginIsListedAndSavedAndItsPasswordGoesOnlyToSecureStorage() throws Exception {
        SourcesPart sources = (SourcesPart) workbench.showPart("maraude.perspective.coordination", SourcesPart.ID); //$NON-NLS-1$
        Table table = workbench.widget(WidgetIds.SOURCES_TABLE);
        Shell dialog = openDialog();

        Text id = workbench.widget(WidgetIds.WEB_INBOX_ID);
        assertEquals("web-inbox-1", workbench.sync(id::getText), "the next free id is proposed"); //$NON-NLS-1$ //$NON-NLS-2$
        Combo platform = workbench.widget(WidgetIds.WEB_INBOX_PLATFORM);
        assertEquals(Platform.AD_INBOX.key(), workbench.sync(platform::getText));
        Combo profile = workbench.widget(WidgetIds.WEB_INBOX_PROFILE);
        List<String> offered = Arrays.asList(workbench.sync(profile::getItems));
        assertTrue(offered.contains("sim"), "the archive's web profile is offered: " + offered); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(offered.contains("generic"), "a profile that reads saved pages only is not offered"); //$NON-NLS-1$ //$NON-NLS-2$

        Button ok = workbench.widget(WidgetIds.WEB_INBOX_OK);
        set(WidgetIds.WEB_INBOX_USER, USER);
        set(WidgetIds.WEB_INBOX_PASSWORD, PASSWORD);
        set(WidgetIds.WEB_INBOX_URL, "ftp://example.invalid/inbox"); //$NON-NLS-1$
        assertFalse(workbench.sync(ok::isEnabled), "OK waits for an http(s) address"); //$NON-NLS-1$
        set(WidgetIds.WEB_INBOX_URL, URL);
        workbench.syncRun(() -> profile.setText("sim")); //$NON-NLS-1$
        assertTrue(workbench.sync(ok::isEnabled), "every field is filled"); //$NON-NLS-1$
        workbench.screenshot("web-inbox-dialog"); //$NON-NLS-1$
        workbench.syncRun(() -> ok.notifyListeners(SWT.Selection, new Event()));
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$

        workbench.waitUntil(() -> workbench.sync(sources::rows).stream().anyMatch(r -> r.source().id().equals("web-inbox-1")), //$NON-NLS-1$
                "the inbox to be listed"); //$NON-NLS-1$
        // the other test's inboxes may be listed too: this one is found by its id
        workbench.waitUntil(() -> workbench.sync(() -> Arrays.stream(table.getItems()).anyMatch(i -> i.getText(0).equals("web-inbox-1"))), //$NON-NLS-1$
                "the table to show the inbox"); //$NON-NLS-1$
        assertEquals(Messages.Sources_kind_web_inbox, workbench.sync(() -> Arrays.stream(table.getItems())
                .filter(i -> i.getText(0).equals("web-inbox-1")).findFirst().orElseThrow().getText(1))); //$NON-NLS-1$

        Source saved = SourceStore.open(archiveFolder).get("web-inbox-1").orElseThrow(); //$NON-NLS-1$
        assertEquals(SourceKind.WEB_INBOX, saved.kind());
        assertEquals(Platform.AD_INBOX, saved.platform());
        assertEquals("sim", saved.profile()); //$NON-NLS-1$
        assertEquals(URL, saved.location());
        assertEquals(Duration.ofDays(7), saved.retention(), "the ad platform's retention by default"); //$NON-NLS-1$
        assertEquals(Source.WEB_EVERY, saved.every());
        assertEquals(Source.DEFAULT_DELAY, saved.delay());

        String json = sourcesJson();
        assertTrue(json.contains("web-inbox-1"), "sources.json is the file read"); //$NON-NLS-1$ //$NON-NLS-2$
        assertFalse(json.contains(PASSWORD), "no password in sources.json"); //$NON-NLS-1$
        assertFalse(json.contains(USER), "no user name in sources.json"); //$NON-NLS-1$
        assertEquals(Credentials.login(USER, PASSWORD),
                SecureStorageCredentialStore.openDefault().get("web-inbox-1").orElseThrow(), //$NON-NLS-1$
                "the credentials are in the secure storage"); //$NON-NLS-1$
        assertTrue(Files.isRegularFile(secureStorage), "the test's own secure storage file was used"); //$NON-NLS-1$
        assertFalse(Files.readString(secureStorage, StandardCharsets.ISO_8859_1).contains(PASSWORD),
                "the secure storage is encrypted"); //$NON-NLS-1$
    }

    @Test
    @Order(2)
    void anInboxWithAPastedCookieKeepsTheCookieOutOfTheArchive() throws Exception {
        SourcesPart sources = (SourcesPart) workbench.showPart("maraude.perspective.coordination", SourcesPart.ID); //$NON-NLS-1$
        // an inbox of its own already there, whatever the other test did
        SourceStore.open(archiveFolder).put(Source.create("voisin", SourceKind.WEB_INBOX, Platform.AD_INBOX, "sim", URL, //$NON-NLS-1$ //$NON-NLS-2$
                TestArchives.now().toInstant()));
        Shell dialog = openDialog();
        Text id = workbench.widget(WidgetIds.WEB_INBOX_ID);
        Button ok = workbench.widget(WidgetIds.WEB_INBOX_OK);
        String proposed = workbench.sync(id::getText);
        assertTrue(proposed.startsWith("web-inbox-"), proposed); //$NON-NLS-1$
        assertTrue(SourceStore.open(archiveFolder).get(proposed).isEmpty(), "a free id is proposed: " + proposed); //$NON-NLS-1$
        set(WidgetIds.WEB_INBOX_ID, "voisin"); //$NON-NLS-1$
        set(WidgetIds.WEB_INBOX_URL, URL);
        Button useCookie = workbench.widget(WidgetIds.WEB_INBOX_USE_COOKIE);
        Button useLogin = workbench.widget(WidgetIds.WEB_INBOX_USE_LOGIN);
        workbench.syncRun(() -> {
            useLogin.setSelection(false);
            useCookie.setSelection(true);
            useCookie.notifyListeners(SWT.Selection, new Event());
        });
        set(WidgetIds.WEB_INBOX_COOKIE, COOKIE);
        assertFalse(workbench.sync(ok::isEnabled), "an id already taken is refused"); //$NON-NLS-1$
        set(WidgetIds.WEB_INBOX_ID, "quartier"); //$NON-NLS-1$
        Spinner retention = workbench.widget(WidgetIds.WEB_INBOX_RETENTION);
        workbench.syncRun(() -> retention.setSelection(3));
        assertTrue(workbench.sync(ok::isEnabled), "a cookie is enough to log in"); //$NON-NLS-1$
        workbench.syncRun(() -> ok.notifyListeners(SWT.Selection, new Event()));
        workbench.waitUntil(() -> workbench.sync(dialog::isDisposed), "the dialog to close"); //$NON-NLS-1$

        workbench.waitUntil(() -> workbench.sync(sources::rows).stream().map(r -> r.source().id()).toList()
                .containsAll(List.of("voisin", "quartier")), "both inboxes to be listed"); //$NON-NLS-1$ //$NON-NLS-2$
        Source saved = SourceStore.open(archiveFolder).get("quartier").orElseThrow(); //$NON-NLS-1$
        assertEquals(Duration.ofDays(3), saved.retention());
        assertFalse(sourcesJson().contains("cookie-never"), "no cookie in sources.json"); //$NON-NLS-1$ //$NON-NLS-2$
        Credentials stored = SecureStorageCredentialStore.openDefault().get("quartier").orElseThrow(); //$NON-NLS-1$
        assertEquals(COOKIE, stored.cookie());
        assertNull(stored.password());
    }
}

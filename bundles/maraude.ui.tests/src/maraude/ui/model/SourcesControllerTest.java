package maraude.ui.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.osgi.util.NLS;
import org.junit.jupiter.api.Test;

import maraude.core.components.ComponentFiles;
import maraude.core.model.Platform;
import maraude.imports.ImportService;
import maraude.sources.CredentialStore;
import maraude.sources.Credentials;
import maraude.sources.SourceScheduler;
import maraude.sources.SourceState;
import maraude.sources.SourceStatus;
import maraude.sources.Sources;
import maraude.ui.sources.Messages;
import maraude.ui.sources.WebInboxDialog;

/** The sources view's behaviour without a widget, on a real {@code sources.json}. */
class SourcesControllerTest {

    private static final Instant NOW = Instant.parse("2026-05-04T08:00:00Z"); //$NON-NLS-1$

    /** Secrets in memory; {@code refuse} makes the store fail as a locked secure storage does. */
    private static final class Secrets implements CredentialStore {
        final Map<String, Credentials> kept = new HashMap<>();
        boolean refuse;

        @Override
        public Optional<Credentials> get(String id) {
            return Optional.ofNullable(kept.get(id));
        }

        @Override
        public void put(String id, Credentials c) throws IOException {
            if (refuse) {
                throw new IOException("secure storage locked"); //$NON-NLS-1$
            }
            kept.put(id, c);
        }

        @Override
        public void remove(String id) {
            kept.remove(id);
        }
    }

    private static SourcesController controller(Path archive, Secrets secrets) throws IOException {
        ImportService imports = ComponentFiles.of(ImportService.class).service(ImportService.class);
        SourceScheduler scheduler = Sources.scheduler(archive, imports, secrets, Clock.fixed(NOW, ZoneOffset.UTC));
        return new SourcesController(() -> scheduler, secrets, i -> i.toString());
    }

    private static WebInboxDialog.Result inbox(String id) {
        return new WebInboxDialog.Result(id, Platform.OTHER, "generic", "https://inbox.example/login", //$NON-NLS-1$ //$NON-NLS-2$
                Duration.ofHours(6), null, null, new Credentials("alias", "s3cret", null)); //$NON-NLS-1$ //$NON-NLS-2$
    }

    @Test
    void aWatchedFolderIsAddedShownAndRemoved() throws Exception {
        Path archive = Files.createTempDirectory("sources-controller"); //$NON-NLS-1$
        Secrets secrets = new Secrets();
        SourcesController c = controller(archive, secrets);
        SourcesController.Listing empty = c.load();
        assertEquals(List.of(), empty.sources());
        assertEquals(Messages.Sources_none, SourcesController.summary(empty.sources(), true, null));
        assertEquals(Messages.Sources_readOnly, SourcesController.summary(empty.sources(), false, null));

        SourcesController.Listing added = c.addWatchedFolder(archive.resolve("exports"), List.of()); //$NON-NLS-1$
        assertNull(added.message());
        assertEquals(1, added.sources().size());
        SourceStatus st = added.sources().get(0);
        SourcesController.Row row = c.row(st);
        assertEquals(st.source().id(), row.columns().get(0));
        assertEquals(Messages.Sources_kind_watched_folder, row.columns().get(1));
        assertEquals(Messages.Sources_never, row.columns().get(3));
        assertEquals(SourcesController.stateText(SourceState.NEW), row.columns().get(5));
        assertEquals(NLS.bind(Messages.Sources_summary, new Object[] { 1, 0, 0, 0 }) + " \u2014 3 new", //$NON-NLS-1$
                SourcesController.summary(added.sources(), true, "3 new")); //$NON-NLS-1$
        // what another process (the CLI) wrote is read again
        assertEquals(1, controller(archive, secrets).load().sources().size());

        SourcesController.Listing removed = c.remove(st.source().id(), added.sources());
        assertNull(removed.message());
        assertEquals(List.of(), removed.sources());
    }

    @Test
    void aWebInboxKeepsItsSecretInTheStoreAndLosesItWithTheSource() throws Exception {
        Path archive = Files.createTempDirectory("sources-controller"); //$NON-NLS-1$
        Secrets secrets = new Secrets();
        SourcesController c = controller(archive, secrets);
        SourcesController.Listing added = c.addWebInbox(inbox("inbox-1"), List.of()); //$NON-NLS-1$
        assertNull(added.message());
        assertEquals(1, added.sources().size());
        assertEquals("s3cret", secrets.kept.get("inbox-1").password()); //$NON-NLS-1$ //$NON-NLS-2$
        assertTrue(!Files.readString(archive.resolve("sources.json")).contains("s3cret"), "no secret in sources.json"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$

        SourcesController.Listing again = c.addWebInbox(inbox("inbox-1"), added.sources()); //$NON-NLS-1$
        assertEquals(NLS.bind(Messages.WebInbox_idTaken, "inbox-1"), again.message()); //$NON-NLS-1$
        assertEquals(added.sources(), again.sources(), "what was shown stays"); //$NON-NLS-1$

        c.remove("inbox-1", added.sources()); //$NON-NLS-1$
        assertEquals(Map.of(), secrets.kept);
    }

    @Test
    void aSecretThatCannotBeStoredAddsNoSource() throws Exception {
        Path archive = Files.createTempDirectory("sources-controller"); //$NON-NLS-1$
        Secrets secrets = new Secrets();
        secrets.refuse = true;
        SourcesController c = controller(archive, secrets);
        SourcesController.Listing r = c.addWebInbox(inbox("inbox-2"), List.of()); //$NON-NLS-1$
        assertEquals(NLS.bind(Messages.Sources_credentialsFailed, "inbox-2", "secure storage locked"), r.message()); //$NON-NLS-1$ //$NON-NLS-2$
        assertEquals(List.of(), c.load().sources());
    }
}

package maraude.sources;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

import maraude.imports.ImportOptions;
import maraude.imports.ImportService;
import maraude.sources.folder.WatchedFolderPuller;
import maraude.sources.web.WebInboxPuller;

/** Wiring of the sources of one archive with the default pullers: the workbench and the CLI use it. */
public final class Sources {

    /** Folder under the archive for the phone drop's TLS identity and transient uploads. */
    public static final String PHONE_DROP_DIR = "phone-drop"; //$NON-NLS-1$

    private Sources() {
    }

    /** A scheduler over {@code <archiveFolder>/sources.json}, real clock and real sleeps. */
    public static SourceScheduler scheduler(Path archiveFolder, ImportService imports, CredentialStore credentials)
            throws IOException {
        return scheduler(archiveFolder, imports, credentials, Clock.systemUTC());
    }

    public static SourceScheduler scheduler(Path archiveFolder, ImportService imports, CredentialStore credentials,
            Clock clock) throws IOException {
        SourceStore store = SourceStore.open(archiveFolder);
        return new SourceScheduler(store, Map.of(SourceKind.WATCHED_FOLDER, new WatchedFolderPuller(imports),
                SourceKind.WEB_INBOX, new WebInboxPuller(credentials, ImportOptions.defaults(), Sleeper.REAL, clock, null,
                        java.time.Duration.ofMinutes(5))),
                clock);
    }
}

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
        return scheduler(SourceStore.open(archiveFolder), imports, credentials, clock,
                ImportOptions.defaults().withZone(maraude.core.archive.TeamZone.of(archiveFolder)));
    }

    /** A scheduler over the sources kept in {@code files} (an open archive's, encrypted when protected). */
    public static SourceScheduler scheduler(maraude.core.archive.ArchiveFiles files, ImportService imports,
            CredentialStore credentials, Clock clock) throws IOException {
        return scheduler(files, imports, credentials, clock, maraude.core.archive.TeamZone.of(files));
    }

    /**
     * A scheduler over the sources kept in {@code files} whose exports are read in {@code zone} (the
     * team's time zone: exports that write local times without a zone).
     */
    public static SourceScheduler scheduler(maraude.core.archive.ArchiveFiles files, ImportService imports,
            CredentialStore credentials, Clock clock, java.time.ZoneId zone) throws IOException {
        return scheduler(SourceStore.open(files), imports, credentials, clock, ImportOptions.defaults().withZone(zone));
    }

    private static SourceScheduler scheduler(SourceStore store, ImportService imports, CredentialStore credentials,
            Clock clock, ImportOptions options) {
        return new SourceScheduler(store, Map.of(SourceKind.WATCHED_FOLDER,
                new WatchedFolderPuller(imports, options, Sleeper.REAL, java.time.Duration.ofSeconds(2)),
                SourceKind.WEB_INBOX, new WebInboxPuller(credentials, options, Sleeper.REAL, clock, null,
                        java.time.Duration.ofMinutes(5))),
                clock);
    }
}

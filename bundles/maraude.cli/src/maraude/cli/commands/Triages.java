package maraude.cli.commands;

import java.time.ZoneId;

import maraude.core.archive.Archive;
import maraude.core.archive.TeamZone;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.ArchiveTriageStates;

/** The triage facade over an open archive, as every triage command builds it. */
final class Triages {

    private Triages() {
    }

    /**
     * With the team's settings of this archive, the ones the workbench reads: its time zone
     * ({@code team.properties} {@code time_zone}, which decides days, weeks and daylight-saving
     * changes) and its reading settings (default language, auto-close of closings, own rule lines).
     * The triage state is the archive's own when it keeps one (a team archive: shared with the other
     * workers, {@link ArchiveTriageStates}), else the local file beside it.
     */
    static TriageService of(Archive archive) throws maraude.cli.CliException {
        maraude.core.triage.ReadingSettings reading;
        try {
            reading = maraude.core.triage.ReadingSettings.load(archive.files());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw maraude.cli.CliException.usage(e.getMessage());
        }
        return new TriageService(archive, ArchiveTriageStates.of(archive), TriagePolicy.defaults(), zone(archive), reading);
    }

    /** The team's zone for this archive (one source: the team setting, else the system zone). */
    static ZoneId zone(Archive archive) {
        return TeamZone.of(archive.files());
    }

    static String iso(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

package maraude.cli.commands;

import java.time.ZoneId;

import maraude.core.archive.Archive;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageService;
import maraude.core.triage.TriageStateStore;

/** The triage facade over an open archive, as every triage command builds it. */
final class Triages {

    /** Teams work in Belgian/French time; the zone decides days, weeks and daylight-saving changes. */
    static final ZoneId ZONE = maraude.core.archive.TeamZone.current();

    private Triages() {
    }

    /** With the team's reading settings (default language, auto-close of closings, own rule lines). */
    static TriageService of(Archive archive) throws maraude.cli.CliException {
        maraude.core.triage.ReadingSettings reading;
        try {
            reading = maraude.core.triage.ReadingSettings.load(archive.files());
        } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
            throw maraude.cli.CliException.usage(e.getMessage());
        }
        return new TriageService(archive, TriageStateStore.open(archive.files()), TriagePolicy.defaults(), ZONE, reading);
    }

    static String iso(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

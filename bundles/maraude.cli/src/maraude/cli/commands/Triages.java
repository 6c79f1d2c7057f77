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

    static TriageService of(Archive archive) {
        return new TriageService(archive, TriageStateStore.open(archive.files()), TriagePolicy.defaults(), ZONE);
    }

    static String iso(java.time.Instant instant) {
        return instant == null ? null : instant.toString();
    }
}

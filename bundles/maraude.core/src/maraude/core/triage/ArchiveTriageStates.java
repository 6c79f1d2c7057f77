package maraude.core.triage;

import maraude.core.archive.Archive;

/**
 * What an archive may also offer ({@code archive instanceof ArchiveTriageStates}): it keeps the team's
 * triage state itself, shared by everyone who opens it (a team archive on a server). An archive without
 * it has the state in the local file beside it ({@link TriageStateStore}).
 */
public interface ArchiveTriageStates {

    /** The team's triage state kept with this archive; the same instance on every call, closed with it. */
    TriageStates triageStates();

    /** The triage state that goes with {@code archive}: its own when it keeps one, else the local file's. */
    static TriageStates of(Archive archive) {
        return archive instanceof ArchiveTriageStates a ? a.triageStates() : TriageStateStore.open(archive.files());
    }
}

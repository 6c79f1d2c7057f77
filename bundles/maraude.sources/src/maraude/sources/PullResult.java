package maraude.sources;

import java.time.Instant;
import java.util.List;

/**
 * What one pull did.
 *
 * @param state      outcome (OK, PARTIAL, FAILING, LOGIN_FAILED, PROFILE_MISMATCH)
 * @param added      messages new to the archive
 * @param duplicates messages already archived (a re-pull adds nothing twice)
 * @param items      pages fetched (web) or files imported (folder)
 * @param problems   short reasons for what failed without failing the pull; never message text
 * @param error      the reason the pull failed, null when it did not
 * @param retryAfter earliest next attempt the platform asked for (HTTP 429), else null
 * @param cancelled  the pull was cancelled; what was committed stays
 */
public record PullResult(String sourceId, SourceState state, long added, long duplicates, int items,
        List<String> problems, String error, Instant retryAfter, boolean cancelled) {

    public PullResult {
        problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static PullResult failed(String sourceId, SourceState state, String error, Instant retryAfter) {
        return new PullResult(sourceId, state, 0, 0, 0, List.of(), error, retryAfter, false);
    }
}

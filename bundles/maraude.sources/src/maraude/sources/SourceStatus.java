package maraude.sources;

import java.time.Instant;

/**
 * A source as the scheduler sees it at one instant.
 *
 * @param nextPull       when it will be pulled (null: never automatically — phone drops)
 * @param deadline       when messages that arrived on the platform after the last successful pull may
 *                       start to vanish there (last pull + retention); null without retention or pull
 * @param due            a scheduled run would pull it now
 * @param overdue        its pull is late by more than the grace period (the workbench warns)
 * @param failing        the last pull failed
 * @param needsAttention a person must act (credentials refused, profile stale): not retried blindly
 * @param atRisk         less than a quarter of the retention is left before the deadline
 */
public record SourceStatus(Source source, Instant nextPull, Instant deadline, boolean due, boolean overdue,
        boolean failing, boolean needsAttention, boolean atRisk) {
}

package maraude.sources;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import maraude.core.model.Platform;

/**
 * One configured source of an archive, as stored in {@code <archive>/sources.json}. Credentials are
 * never part of it: they live in a {@link CredentialStore} under the source's id.
 *
 * @param id          stable key typed in the CLI ({@code pull ID}), letters, digits, '-', '_', '.'
 * @param kind        what the source is
 * @param platform    the platform messages come from (its retention is the default retention)
 * @param profile     site profile id for web inboxes (see maraude.imports SiteProfile); null otherwise
 * @param location    folder path of a watched folder, base URL of a web inbox; null for a phone drop
 * @param every       wanted interval between pulls; the scheduler pulls sooner when retention demands it
 * @param retention   how long the platform keeps messages; null when it keeps them
 * @param delay       politeness delay between two HTTP requests of one pull
 * @param created     when the source was added
 * @param lastPull    START of the last successful (OK or PARTIAL) pull, null if none: everything on the
 *                    platform before that instant is archived, so the deadline runs from it
 * @param lastAttempt end of the last pull, whatever its outcome
 * @param nextPull    when the scheduler will pull next (computed, stored for display)
 * @param state       outcome of the last pull
 * @param lastError   a short reason for the last failure; never message text, never credentials
 * @param lastAdded   messages added by the last pull
 */
public record Source(String id, SourceKind kind, Platform platform, String profile, String location, Duration every,
        Duration retention, Duration delay, Instant created, Instant lastPull, Instant lastAttempt, Instant nextPull,
        SourceState state, String lastError, long lastAdded) {

    /** Default wanted interval: folders are cheap to look at, web inboxes are pulled twice a day. */
    public static final Duration FOLDER_EVERY = Duration.ofMinutes(5);
    public static final Duration WEB_EVERY = Duration.ofHours(12);
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(2);

    public Source {
        Objects.requireNonNull(id, "id"); //$NON-NLS-1$
        Objects.requireNonNull(kind, "kind"); //$NON-NLS-1$
        if (!isValidId(id)) {
            throw new IllegalArgumentException("source id must be 1-64 letters, digits, '-', '_' or '.'"); //$NON-NLS-1$
        }
        platform = platform == null ? Platform.OTHER : platform;
        every = every == null || every.isNegative() || every.isZero()
                ? (kind == SourceKind.WATCHED_FOLDER ? FOLDER_EVERY : WEB_EVERY)
                : every;
        delay = delay == null || delay.isNegative() ? DEFAULT_DELAY : delay;
        state = state == null ? SourceState.NEW : state;
        created = created == null ? Instant.EPOCH : created;
    }

    public static boolean isValidId(String id) {
        return id != null && id.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}"); //$NON-NLS-1$
    }

    /** A new source with the platform's retention (7 days for ad platforms) and default schedule. */
    public static Source create(String id, SourceKind kind, Platform platform, String profile, String location,
            Instant now) {
        Duration retention = platform == null ? null : platform.retention().orElse(null);
        return new Source(id, kind, platform, profile, location, null, retention, null, now, null, null, null,
                SourceState.NEW, null, 0);
    }

    public Optional<Duration> retentionPeriod() {
        return Optional.ofNullable(retention);
    }

    public Source withEvery(Duration v) {
        return new Source(id, kind, platform, profile, location, v, retention, delay, created, lastPull, lastAttempt,
                nextPull, state, lastError, lastAdded);
    }

    public Source withRetention(Duration v) {
        return new Source(id, kind, platform, profile, location, every, v, delay, created, lastPull, lastAttempt,
                nextPull, state, lastError, lastAdded);
    }

    public Source withDelay(Duration v) {
        return new Source(id, kind, platform, profile, location, every, retention, v, created, lastPull, lastAttempt,
                nextPull, state, lastError, lastAdded);
    }

    public Source withNextPull(Instant v) {
        return new Source(id, kind, platform, profile, location, every, retention, delay, created, lastPull,
                lastAttempt, v, state, lastError, lastAdded);
    }

    /** The outcome of a pull that started at {@code started} and ended at {@code ended}. */
    public Source withOutcome(Instant started, Instant ended, SourceState outcome, String error, long added) {
        boolean success = outcome == SourceState.OK || outcome == SourceState.PARTIAL;
        return new Source(id, kind, platform, profile, location, every, retention, delay, created,
                success ? started : lastPull, ended, nextPull, outcome, error, added);
    }
}

package maraude.archive.maintenance;

import java.util.Map;
import java.util.Optional;

import maraude.core.archive.Archive;

/**
 * An archive whose retention policy is kept with the archive itself, for every machine that uses it (the
 * team archive: one policy on the servers, read by every worker, set by the team lead or the admin), rather
 * than in {@code team.properties} beside a local archive ({@link RetentionPolicy#load}). The settings are
 * the same {@code retention_<platform>} and {@code retention_default} keys with the same periods.
 */
public interface ArchiveRetentionPolicy {

    /** The stored settings ({@code retention_*} keys and periods as set); empty when no policy was set (everything kept). */
    Map<String, String> retentionSettings();

    /** The policy of {@link #retentionSettings()}. */
    default RetentionPolicy retentionPolicy() {
        return RetentionPolicy.parse(retentionSettings());
    }

    /**
     * Replaces the whole policy (an empty map: everything kept). The settings are checked first
     * ({@link RetentionPolicy#parse}: IllegalArgumentException naming the key, nothing written).
     */
    void setRetentionSettings(Map<String, String> settings);

    /** The archive's own policy place, if it has one. */
    static Optional<ArchiveRetentionPolicy> of(Archive archive) {
        return archive instanceof ArchiveRetentionPolicy p ? Optional.of(p) : Optional.empty();
    }
}

package maraude.imports;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

/**
 * How to read exports.
 *
 * @param us          our own phone numbers, account names and mail addresses: messages by them are
 *                    outbound. Empty = use what was remembered for the source (see {@link UsMemory}).
 * @param zone        zone of wall-clock times in exports (WhatsApp, Signal, saved pages) and the zone
 *                    instants are shown in: the team's zone ({@code TeamZone}), which every caller
 *                    that knows the archive passes; the system zone when none is given
 * @param dateOrder   day/month order of numeric dates; AUTO infers it per file
 * @param limits      refusal limits for hostile input
 * @param profileDirs extra folders of site profiles ({@code *.json}) for saved inbox pages
 * @param rememberUs  store a non-empty {@code us} per source in the archive folder
 */
public record ImportOptions(Set<String> us, ZoneId zone, DateOrder dateOrder, ImportLimits limits,
        List<Path> profileDirs, boolean rememberUs) {

    public enum DateOrder {
        AUTO, DAY_FIRST, MONTH_FIRST
    }

    public ImportOptions {
        us = us == null ? Set.of() : Set.copyOf(us);
        zone = zone == null ? ZoneId.systemDefault() : zone;
        dateOrder = dateOrder == null ? DateOrder.AUTO : dateOrder;
        limits = limits == null ? ImportLimits.defaults() : limits;
        profileDirs = profileDirs == null ? List.of() : List.copyOf(profileDirs);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(Set.of(), null, null, null, null, true);
    }

    public ImportOptions withUs(Set<String> v) {
        return new ImportOptions(v, zone, dateOrder, limits, profileDirs, rememberUs);
    }

    public ImportOptions withZone(ZoneId v) {
        return new ImportOptions(us, v, dateOrder, limits, profileDirs, rememberUs);
    }

    public ImportOptions withDateOrder(DateOrder v) {
        return new ImportOptions(us, zone, v, limits, profileDirs, rememberUs);
    }

    public ImportOptions withLimits(ImportLimits v) {
        return new ImportOptions(us, zone, dateOrder, v, profileDirs, rememberUs);
    }

    public ImportOptions withProfileDirs(List<Path> v) {
        return new ImportOptions(us, zone, dateOrder, limits, v, rememberUs);
    }
}

package maraude.cli.commands;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

import maraude.cli.CliException;

/** Dates typed on the command line: a day (2026-11-28, in the machine's zone) or an ISO instant. */
final class Dates {

    private Dates() {
    }

    /** Start of the day, or the instant. */
    static Instant from(String value, String option) throws CliException {
        return parse(value, option, false);
    }

    /** End of the day (exclusive: the next midnight), or the instant. */
    static Instant to(String value, String option) throws CliException {
        return parse(value, option, true);
    }

    private static Instant parse(String value, String option, boolean endOfDay) throws CliException {
        try {
            if (value.length() == 10) {
                LocalDate day = LocalDate.parse(value);
                return (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneId.systemDefault()).toInstant();
            }
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw CliException.usage(option + " expects a day (2026-11-28) or an instant (2026-11-28T10:00:00Z)"); //$NON-NLS-1$
        }
    }
}

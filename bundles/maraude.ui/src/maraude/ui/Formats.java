package maraude.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;

import org.eclipse.osgi.util.NLS;

/** How dates and waiting times are shown, in the user's locale and the team's zone. */
public final class Formats {

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.SHORT);
    /**
     * The zone dates are shown in: the workbench context's (the team's), which WorkbenchServices
     * passes on whenever it changes; the system zone before that.
     */
    private static volatile ZoneId zone = ZoneId.systemDefault();

    private Formats() {
    }

    /** Dates are shown in {@code teamZone} from now on (the workbench's context changed it). */
    public static void showIn(ZoneId teamZone) {
        zone = teamZone != null ? teamZone : ZoneId.systemDefault();
    }

    public static String dateTime(Instant instant) {
        return instant == null ? "" : DATE_TIME.format(instant.atZone(zone)); //$NON-NLS-1$
    }

    public static String dateTime(ZonedDateTime instant) {
        return instant == null ? "" : DATE_TIME.format(instant.withZoneSameInstant(zone)); //$NON-NLS-1$
    }

    /** "35 min", "5 h", "3 j": the unit a worker reads at a glance. */
    public static String waiting(Instant since, Instant now) {
        if (since == null) {
            return ""; //$NON-NLS-1$
        }
        Duration d = Duration.between(since, now);
        if (d.toMinutes() < 60) {
            return NLS.bind(Messages.Duration_minutes, Math.max(0, d.toMinutes()));
        }
        if (d.toHours() < 48) {
            return NLS.bind(Messages.Duration_hours, d.toHours());
        }
        return NLS.bind(Messages.Duration_days, d.toDays());
    }

    /** First line of a text, cut to {@code max} characters. */
    public static String preview(String text, int max) {
        if (text == null) {
            return ""; //$NON-NLS-1$
        }
        String line = text.strip().replaceAll("\\s+", " "); //$NON-NLS-1$ //$NON-NLS-2$
        return line.length() <= max ? line : line.substring(0, max - 1) + '…';
    }
}

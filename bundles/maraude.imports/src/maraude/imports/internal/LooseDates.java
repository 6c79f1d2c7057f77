package maraude.imports.internal;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as web pages show them: absolute in a list of patterns and locales, ISO with offset, or
 * relative ("il y a 2 h", "yesterday 14:05", "hier à 9:30", "14:05") to the time the page was saved.
 */
public final class LooseDates {

    private static final Pattern AGO = Pattern.compile(
            "(?iu)(?:il y a|vor|há|hace)?\\s*(\\d+)\\s*(s|sec|secondes?|seconds?|min|minutes?|h|heures?|hours?|uur|stunden?|j|jours?|days?|dagen?|tage?n?|d)\\b\\s*(?:ago|geleden)?"); //$NON-NLS-1$
    private static final Pattern DAY_WORD = Pattern.compile(
            "(?iu)^(aujourd'hui|aujourd’hui|today|vandaag|heute|hier|yesterday|gisteren|gestern)\\s*(?:à|at|om|um|,)?\\s*(\\d{1,2})[:h.](\\d{2})"); //$NON-NLS-1$
    private static final Pattern TIME_ONLY = Pattern.compile("^(\\d{1,2})[:h](\\d{2})$"); //$NON-NLS-1$

    private final List<DateTimeFormatter> formats = new ArrayList<>();

    public LooseDates(List<String> patterns, List<Locale> locales) {
        for (String p : patterns) {
            for (Locale l : locales) {
                try {
                    formats.add(new DateTimeFormatterBuilder().parseCaseInsensitive().parseLenient().appendPattern(p)
                            .toFormatter(l));
                } catch (IllegalArgumentException e) {
                    // a bad pattern in a user profile is skipped, the others still apply
                }
            }
        }
    }

    /** Parses {@code s}; relative forms count from {@code savedAt}; null when nothing fits. */
    public ZonedDateTime parse(String s, ZoneId zone, ZonedDateTime savedAt) {
        if (s == null) {
            return null;
        }
        String t = TextNormalizer.stripBidi(s).replace('\u00A0', ' ').replace('\u202F', ' ').strip();
        if (t.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(t).atZoneSameInstant(zone);
        } catch (DateTimeParseException e) {
            // not ISO with offset
        }
        try {
            return LocalDateTime.parse(t).atZone(zone);
        } catch (DateTimeParseException e) {
            // not ISO local
        }
        for (DateTimeFormatter f : formats) {
            try {
                TemporalAccessor ta = f.parse(t);
                LocalDate d = LocalDate.from(ta);
                LocalTime time = ta.isSupported(java.time.temporal.ChronoField.HOUR_OF_DAY) ? LocalTime.from(ta)
                        : LocalTime.MIDNIGHT;
                return ZonedDateTime.of(d, time, zone);
            } catch (RuntimeException e) {
                // next pattern
            }
        }
        if (savedAt == null) {
            return null;
        }
        Matcher m = DAY_WORD.matcher(t);
        if (m.find()) {
            String w = m.group(1).toLowerCase(Locale.ROOT);
            boolean yesterday = w.equals("hier") || w.equals("yesterday") || w.equals("gisteren") || w.equals("gestern"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            LocalDate d = savedAt.toLocalDate().minusDays(yesterday ? 1 : 0);
            return safe(d, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), zone);
        }
        m = TIME_ONLY.matcher(t);
        if (m.matches()) {
            return safe(savedAt.toLocalDate(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), zone);
        }
        m = AGO.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String u = m.group(2).toLowerCase(Locale.ROOT);
            ChronoUnit unit = u.startsWith("s") ? ChronoUnit.SECONDS //$NON-NLS-1$
                    : u.startsWith("m") ? ChronoUnit.MINUTES //$NON-NLS-1$
                            : u.startsWith("h") || u.startsWith("u") || u.startsWith("st") ? ChronoUnit.HOURS : ChronoUnit.DAYS; //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            if (n > 100_000) {
                return null;
            }
            return savedAt.minus(n, unit).truncatedTo(unit == ChronoUnit.DAYS ? ChronoUnit.HOURS : unit);
        }
        return null;
    }

    private static ZonedDateTime safe(LocalDate d, int h, int min, ZoneId zone) {
        if (h > 23 || min > 59) {
            return null;
        }
        return ZonedDateTime.of(d, LocalTime.of(h, min), zone);
    }
}

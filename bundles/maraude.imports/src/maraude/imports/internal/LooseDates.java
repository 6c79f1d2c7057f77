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
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates as web pages show them: absolute in a list of patterns and locales, ISO with offset, or
 * relative ("il y a 2 h", "vor 2 Stunden", "hace 2 horas", "yesterday 14:05", "hier à 9:30", "14:05") to
 * the time the page was saved. Relative units come from a table per language (fr, nl, en, de, es,
 * pt, ro), matched on whole words.
 */
public final class LooseDates {

    /**
     * Units of relative dates, one row per language, matched on the whole word (never on its first
     * letter: "stunden" is hours, "segundos" seconds). Lower case, without the trailing dot of "min.".
     */
    private static final Map<String, ChronoUnit> UNITS = units(new Object[][] {
            // en
            { ChronoUnit.SECONDS, "s", "sec", "secs", "second", "seconds" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            { ChronoUnit.MINUTES, "m", "min", "mins", "minute", "minutes" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            { ChronoUnit.HOURS, "h", "hr", "hrs", "hour", "hours" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            { ChronoUnit.DAYS, "d", "day", "days" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            { ChronoUnit.WEEKS, "w", "wk", "wks", "week", "weeks" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            // fr
            { ChronoUnit.SECONDS, "seconde", "secondes" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.HOURS, "heure", "heures" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.DAYS, "j", "jour", "jours" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            { ChronoUnit.WEEKS, "sem", "semaine", "semaines" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            // nl
            { ChronoUnit.SECONDS, "sec", "seconden" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.MINUTES, "minuut", "minuten" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.HOURS, "u", "uur", "uren" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            { ChronoUnit.DAYS, "dag", "dagen" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.WEEKS, "weken" }, //$NON-NLS-1$
            // de
            { ChronoUnit.SECONDS, "sek", "sekunde", "sekunden" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            { ChronoUnit.MINUTES, "minuten" }, //$NON-NLS-1$
            { ChronoUnit.HOURS, "std", "stunde", "stunden" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            { ChronoUnit.DAYS, "t", "tag", "tage", "tagen" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            { ChronoUnit.WEEKS, "woche", "wochen" }, //$NON-NLS-1$ //$NON-NLS-2$
            // es, pt
            { ChronoUnit.SECONDS, "seg", "segundo", "segundos" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            { ChronoUnit.MINUTES, "minuto", "minutos" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.HOURS, "hora", "horas" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.DAYS, "día", "días", "dia", "dias" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            { ChronoUnit.WEEKS, "semana", "semanas" }, //$NON-NLS-1$ //$NON-NLS-2$
            // ro (with and without diacritics: pages and keyboards drop them)
            { ChronoUnit.SECONDS, "secundă", "secunda", "secunde" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            { ChronoUnit.MINUTES, "minut", "minute" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.HOURS, "oră", "ora", "ore" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            { ChronoUnit.DAYS, "zi", "zile" }, //$NON-NLS-1$ //$NON-NLS-2$
            { ChronoUnit.WEEKS, "săptămână", "săptămâni", "saptamana", "saptamani" }, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
    });

    /** "il y a 2 h", "vor 2 Stunden", "hace 2 horas", "há 3 dias", "2 horas atrás", "acum 5 minute", "3 uur geleden". */
    private static final Pattern AGO = Pattern.compile(
            "(?iu)(?:il y a|vor|há|ha|hace|acum|about)?\\s*(\\d+)\\s*(\\p{L}+)\\.?\\s*(?:ago|geleden|atrás|atras|în urmă|in urma|in urmă)?"); //$NON-NLS-1$
    private static final Pattern DAY_WORD = Pattern.compile(
            "(?iu)^(aujourd'hui|aujourd’hui|today|vandaag|heute|hoy|hoje|azi|astăzi|astazi|hier|yesterday|gisteren|gestern|ayer|ontem|ieri)\\s*(?:à|at|om|um|a las|às|as|la|,)?\\s*(\\d{1,2})[:h.](\\d{2})"); //$NON-NLS-1$
    private static final java.util.Set<String> YESTERDAY = java.util.Set.of("hier", "yesterday", "gisteren", "gestern", //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$
            "ayer", "ontem", "ieri"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
    private static final Pattern TIME_ONLY = Pattern.compile("^(\\d{1,2})[:h](\\d{2})$"); //$NON-NLS-1$

    private static Map<String, ChronoUnit> units(Object[][] rows) {
        Map<String, ChronoUnit> m = new HashMap<>();
        for (Object[] row : rows) {
            for (int i = 1; i < row.length; i++) {
                m.put((String) row[i], (ChronoUnit) row[0]);
            }
        }
        return Map.copyOf(m);
    }

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
            boolean yesterday = YESTERDAY.contains(w);
            LocalDate d = savedAt.toLocalDate().minusDays(yesterday ? 1 : 0);
            return safe(d, Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), zone);
        }
        m = TIME_ONLY.matcher(t);
        if (m.matches()) {
            return safe(savedAt.toLocalDate(), Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), zone);
        }
        m = AGO.matcher(t);
        if (m.matches()) {
            ChronoUnit unit = UNITS.get(m.group(2).toLowerCase(Locale.ROOT));
            long n = Long.parseLong(m.group(1));
            if (unit == null || n > 100_000) {
                return null;
            }
            return savedAt.minus(n, unit).truncatedTo(unit.compareTo(ChronoUnit.DAYS) >= 0 ? ChronoUnit.HOURS : unit);
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

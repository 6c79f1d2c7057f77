package maraude.imports.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * Dates of saved inbox pages as the sites write them, in the languages of the people the teams
 * write to: relative ones count back from the time the page was saved, in the right unit
 * ("vor 2 Stunden" is two hours, not two seconds), absolute ones through the profile's patterns.
 */
class LooseDatesTest {

    private static final ZoneId BXL = ZoneId.of("Europe/Brussels");
    /** When the page was saved: a Tuesday afternoon. */
    private static final ZonedDateTime SAVED = ZonedDateTime.of(2026, 3, 10, 15, 42, 17, 0, BXL);
    private static final LooseDates RELATIVE_ONLY = new LooseDates(List.of(), List.of());

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            vor 2 Stunden        | 2026-03-10T13:00
            vor 5 Minuten        | 2026-03-10T15:37
            vor 30 Sekunden      | 2026-03-10T15:41:47
            vor 3 Tagen          | 2026-03-07T15:00
            hace 2 horas         | 2026-03-10T13:00
            hace 10 minutos      | 2026-03-10T15:32
            hace 1 día           | 2026-03-09T15:00
            hace 45 segundos     | 2026-03-10T15:41:32
            3 uur geleden        | 2026-03-10T12:00
            2 dagen geleden      | 2026-03-08T15:00
            12 minuten geleden   | 2026-03-10T15:30
            il y a 2 h           | 2026-03-10T13:00
            il y a 4 heures      | 2026-03-10T11:00
            il y a 3 jours       | 2026-03-07T15:00
            il y a 20 secondes   | 2026-03-10T15:41:57
            há 2 horas           | 2026-03-10T13:00
            há 3 dias            | 2026-03-07T15:00
            2 horas atrás        | 2026-03-10T13:00
            acum 5 minute        | 2026-03-10T15:37
            acum 2 ore           | 2026-03-10T13:00
            acum 3 zile          | 2026-03-07T15:00
            2 hours ago          | 2026-03-10T13:00
            5 min ago            | 2026-03-10T15:37
            1 day ago            | 2026-03-09T15:00
            2 weeks ago          | 2026-02-24T15:00
            2h                   | 2026-03-10T13:00
            """)
    /** Counted back in the unit written, and as precise as that unit: "2 hours ago" is to the hour. */
    void relativeDatesCountBackInTheirOwnUnit(String text, String expected) {
        assertEquals(ZonedDateTime.of(java.time.LocalDateTime.parse(expected), BXL), RELATIVE_ONLY.parse(text, BXL, SAVED));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            gestern um 14:05     | 2026-03-09T14:05
            heute 09:30          | 2026-03-10T09:30
            ayer a las 22:15     | 2026-03-09T22:15
            hoy 08:00            | 2026-03-10T08:00
            ontem às 18:40       | 2026-03-09T18:40
            ieri la 07:10        | 2026-03-09T07:10
            gisteren om 21:00    | 2026-03-09T21:00
            hier à 9h30          | 2026-03-09T09:30
            yesterday at 11:59   | 2026-03-09T11:59
            14:05                | 2026-03-10T14:05
            """)
    void dayWordsAndTimesAreTheSavedDayOrTheDayBefore(String text, String expected) {
        assertEquals(ZonedDateTime.of(java.time.LocalDateTime.parse(expected), BXL), RELATIVE_ONLY.parse(text, BXL, SAVED));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @CsvSource(delimiter = '|', textBlock = """
            3. März 2026 14:05               | de | d. MMMM yyyy HH:mm
            3 de marzo de 2026 14:05         | es | d 'de' MMMM 'de' yyyy HH:mm
            3 maart 2026 14:05               | nl | d MMMM yyyy HH:mm
            3 mars 2026 14:05                | fr | d MMMM yyyy HH:mm
            3 de março de 2026 14:05         | pt | d 'de' MMMM 'de' yyyy HH:mm
            3 martie 2026 14:05              | ro | d MMMM yyyy HH:mm
            March 3, 2026 14:05              | en | MMMM d, yyyy HH:mm
            03/03/2026 14:05                 | fr | dd/MM/yyyy HH:mm
            """)
    void absoluteDatesInEachLanguage(String text, String language, String pattern) {
        LooseDates dates = new LooseDates(List.of(pattern), List.of(Locale.forLanguageTag(language)));
        assertEquals(ZonedDateTime.of(2026, 3, 3, 14, 5, 0, 0, BXL), dates.parse(text, BXL, SAVED));
    }

    @Test
    void isoWithAnOffsetKeepsTheInstant() {
        assertEquals(ZonedDateTime.of(2026, 3, 3, 14, 5, 0, 0, BXL),
                RELATIVE_ONLY.parse("2026-03-03T13:05:00Z", BXL, SAVED));
    }

    @Test
    void unknownUnitsAndNonsenseGiveNothingRatherThanAWrongDate() {
        assertNull(RELATIVE_ONLY.parse("vor 2 Bananen", BXL, SAVED));
        assertNull(RELATIVE_ONLY.parse("il y a longtemps", BXL, SAVED));
        assertNull(RELATIVE_ONLY.parse("25:99", BXL, SAVED));
        assertNull(RELATIVE_ONLY.parse("vor 2 Stunden", BXL, null), "relative without the saved time");
        assertNull(RELATIVE_ONLY.parse("   ", BXL, SAVED));
    }
}

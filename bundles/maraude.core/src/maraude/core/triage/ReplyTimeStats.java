package maraude.core.triage;

import java.time.Duration;
import java.time.LocalDate;

/**
 * The service's reply times for inbound runs that started in one week (Monday, local date): count,
 * median and 90th percentile (nearest rank), null durations when count is 0.
 */
public record ReplyTimeStats(LocalDate weekStart, int count, Duration median, Duration p90) {
}

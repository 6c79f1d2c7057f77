package maraude.core.classify;

/**
 * One urgency found in a message.
 *
 * @param matched   the words that matched, normalised (no accents, lower case)
 * @param hoursLeft for {@link UrgencyKind#PEP}: whole hours left in the 72-hour window from the
 *                  message's time (0 when past); null for the other kinds
 */
public record Urgency(UrgencyKind kind, String matched, Integer hoursLeft) {

    /** Post-exposure prophylaxis must start within this many hours of the exposure. */
    public static final int PEP_WINDOW_HOURS = 72;

    /** Whole hours left at {@code now} in the PEP window of an exposure told at {@code sentAt} (0 when past). */
    public static int pepHoursLeft(java.time.Instant sentAt, java.time.Instant now) {
        java.time.Duration left = java.time.Duration.ofHours(PEP_WINDOW_HOURS)
                .minus(java.time.Duration.between(sentAt, now));
        return (int) Math.max(0, left.toHours());
    }
}

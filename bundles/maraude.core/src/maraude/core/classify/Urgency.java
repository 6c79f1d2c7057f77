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
}

package maraude.core.triage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import maraude.core.model.Platform;

/**
 * The permanence queue, most urgent first (threads about to vanish from their platform, soonest
 * first; then the longest waiting), with the counters the part title and the dashboard show.
 *
 * @param byBand    count per age band
 * @param hidden    threads awaiting a reply that a worker state takes out of the queue, per state
 * @param newSince  where "new" starts (end of the last permanence), null when no session ended yet
 * @param needsReply items that need an answer (urgent ones included, closings and opt-outs not)
 * @param urgent     items with an urgency
 * @param closings   items whose waiting messages only thank or acknowledge ("no reply needed?")
 * @param optOuts    items whose last message asks not to be contacted any more
 */
public record PermanenceQueue(
        Instant now,
        List<QueueItem> items,
        int[] byBand,
        Map<Platform, int[]> byPlatformAndBand,
        int overdue,
        int expiringSoon,
        int expired,
        int fresh,
        Map<WorkerState, Integer> hidden,
        Instant newSince,
        int needsReply,
        int urgent,
        int closings,
        int optOuts) {

    /** A queue whose texts were not read: every item needs a reply. */
    public PermanenceQueue(Instant now, List<QueueItem> items, int[] byBand, Map<Platform, int[]> byPlatformAndBand,
            int overdue, int expiringSoon, int expired, int fresh, Map<WorkerState, Integer> hidden, Instant newSince) {
        this(now, items, byBand, byPlatformAndBand, overdue, expiringSoon, expired, fresh, hidden, newSince, items.size(),
                0, 0, 0);
    }

    public int size() {
        return items.size();
    }
}

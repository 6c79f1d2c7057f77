package maraude.core.triage;

import java.util.List;
import java.util.Map;

import maraude.core.model.Platform;

/**
 * The team lead's dashboard: waiting threads by age band per platform and per worker (the one who wrote
 * the thread's last outbound message; "" when none), reply times per week, follow-ups due this week and
 * the oldest waiting thread (null when the queue is empty).
 */
public record BacklogStats(
        List<String> bandKeys,
        int[] total,
        Map<Platform, int[]> byPlatform,
        Map<String, int[]> byWorker,
        List<ReplyTimeStats> replyTimesByWeek,
        int followUpsDueThisWeek,
        QueueItem oldestWaiting) {
}

package maraude.core.classify;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import maraude.core.model.Direction;
import maraude.core.model.Message;

/**
 * What a thread's text says by itself, independent of the clock and of the worker's choices: its own
 * language verdict, and what the messages waiting for an answer ask. It changes only when the thread
 * or the rules change, so it can be kept (in memory, and on disk beside the archive) and turned into a
 * {@link ConversationReading} for any {@code now}, override and contact prior by {@link #resolve}.
 *
 * @param language    the thread's own verdict ({@link ConversationLanguage#fromThread}), null when it
 *                    does not say enough
 * @param intent      what {@link ConversationReading#intent()} will be
 * @param urgency     every urgency of the waiting messages, with the time of the message it was found in
 * @param lastInbound the newest waiting message's time (null when nothing waits)
 */
public record ThreadReading(ConversationLanguage.Decision language, Intent intent, List<Found> urgency,
        Instant lastInbound) {

    /** An urgency found in a waiting message written at {@code sentAt}. */
    public record Found(UrgencyKind kind, String matched, Instant sentAt) {
    }

    public ThreadReading {
        urgency = List.copyOf(urgency);
    }

    /** Reads a thread (oldest first; system lines are skipped). */
    public static ThreadReading of(MessageClassifier classifier, List<Message> thread) {
        List<ConversationLanguage.Line> lines = new ArrayList<>(thread.size());
        int lastOut = -1;
        for (int i = 0; i < thread.size(); i++) {
            Message m = thread.get(i);
            if (m.direction() == Direction.SYSTEM) {
                continue;
            }
            lines.add(new ConversationLanguage.Line(m.direction() == Direction.INBOUND, m.text()));
            if (m.direction() == Direction.OUTBOUND) {
                lastOut = i;
            }
        }
        ConversationLanguage.Decision language = ConversationLanguage.fromThread(classifier.detector(), lines);
        // the newest MAX_WAITING inbound messages of what waits: a thread imported without knowing the
        // service's own name has no outbound line, and every message would wait
        int from = lastOut + 1;
        int waiting = 0;
        for (int i = thread.size() - 1; i > lastOut; i--) {
            if (thread.get(i).direction() == Direction.INBOUND && ++waiting == ConversationReading.MAX_WAITING) {
                from = i;
                break;
            }
        }
        List<Found> urgency = new ArrayList<>();
        Intent intent = null;
        boolean anyReply = false;
        Instant last = null;
        for (int i = from; i < thread.size(); i++) {
            Message m = thread.get(i);
            if (m.direction() != Direction.INBOUND) {
                continue;
            }
            Instant sentAt = m.instant().toInstant();
            Classification c = classifier.classifyWaiting(m.text(), sentAt);
            for (Urgency u : c.urgency()) {
                urgency.add(new Found(u.kind(), u.matched(), sentAt));
            }
            anyReply |= c.intent() == Intent.REPLY;
            intent = c.intent();
            last = sentAt;
        }
        if (intent == null) {
            intent = Intent.REPLY;
        } else if (intent != Intent.OPT_OUT) {
            intent = anyReply ? Intent.REPLY : Intent.CLOSING;
        }
        if (!urgency.isEmpty()) {
            intent = Intent.REPLY;
        }
        return new ThreadReading(language, intent, urgency, last);
    }

    /**
     * The conversation's reading at {@code now}: the language from the override, else the thread, else
     * the contact's other conversations (asked for only then), else the team's; PEP hours counted from
     * each message's time to {@code now}.
     */
    public ConversationReading resolve(String override, Supplier<String> contactPrior, String teamDefault,
            Instant now) {
        ConversationLanguage.Decision lang = ConversationLanguage.decideAskingPrior(language, override, contactPrior,
                teamDefault);
        List<Urgency> u = new ArrayList<>(urgency.size());
        for (Found f : urgency) {
            Integer hours = null;
            if (f.kind() == UrgencyKind.PEP && f.sentAt() != null && now != null) {
                hours = Urgency.pepHoursLeft(f.sentAt(), now);
            }
            u.add(new Urgency(f.kind(), f.matched(), hours));
        }
        return new ConversationReading(lang, intent, u, lastInbound);
    }
}

package maraude.core.bench;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import maraude.core.archive.ConversationSummary;
import maraude.core.demo.DemoGenerator;
import maraude.core.demo.GeneratedConversation;
import maraude.testsupport.MemoryArchive;
import maraude.core.triage.PermanenceQueue;
import maraude.core.triage.RegisterEntry;
import maraude.core.triage.ThreadFacts;
import maraude.core.triage.Triage;
import maraude.core.triage.TriagePolicy;
import maraude.core.triage.TriageState;

/**
 * Prints how long the triage computations take on generated data, warm (best of several runs), with a
 * baseline measured in the same run: copying and sorting the summaries by last message, which any list
 * view pays anyway. Not a test: figures vary with the machine.
 *
 * <pre>
 * ./mvnw -B -o -q verify -DskipTests -pl bundles/maraude.core,bundles/maraude.core.tests -am
 * java -Xmx3g -cp bundles/maraude.core/target/classes:bundles/maraude.core.tests/target/classes \
 *      maraude.core.bench.TriageBenchmark [messages...]
 * </pre>
 *
 * Default sizes: 100,000 and 1,000,000 messages, then 1,000,000 summaries (the 1M-message set's
 * summaries replicated under new ids, i.e. an archive of about 8 million messages).
 */
public final class TriageBenchmark {

    private static final ZonedDateTime NOW = ZonedDateTime.of(2026, 4, 14, 16, 30, 0, 0, ZoneId.of("Europe/Brussels"));

    public static void main(String[] args) {
        long[] sizes = args.length == 0 ? new long[] { 100_000, 1_000_000 }
                : java.util.Arrays.stream(args).mapToLong(Long::parseLong).toArray();
        TriagePolicy policy = TriagePolicy.defaults();
        Instant now = NOW.toInstant();
        List<ConversationSummary> last = null;
        for (long size : sizes) {
            List<ConversationSummary> sums = new ArrayList<>();
            Map<String, ThreadFacts> facts = new HashMap<>();
            long t0 = System.nanoTime();
            new DemoGenerator(42, NOW).stream(size).forEach(g -> add(g, sums, facts));
            long gen = System.nanoTime() - t0;
            System.out.printf(Locale.ROOT, "%,d messages -> %,d conversations (generated and summarized in %d ms)%n",
                    size, sums.size(), gen / 1_000_000);
            run(sums, facts, policy, now);
            last = sums;
        }
        if (args.length == 0 && last != null) {
            List<ConversationSummary> big = new ArrayList<>(1_000_000);
            for (int copy = 0; big.size() < 1_000_000; copy++) {
                for (ConversationSummary s : last) {
                    if (big.size() == 1_000_000) {
                        break;
                    }
                    big.add(new ConversationSummary(s.conversationId() + '#' + copy, s.platform(),
                            s.contactId() + '#' + copy, s.contactName(), s.title(), s.messageCount(), s.firstMessage(),
                            s.lastMessage(), s.lastMeaningfulDirection(), s.lastInbound(), s.lastOutbound(),
                            s.oldestUnansweredInbound(), s.lastMessagePreview()));
                }
            }
            System.out.printf(Locale.ROOT, "%,d summaries (replicated; queue and follow-up side only)%n", big.size());
            run(big, null, policy, now);
        }
    }

    private static void add(GeneratedConversation g, List<ConversationSummary> sums, Map<String, ThreadFacts> facts) {
        sums.add(MemoryArchive.summarize(g.conversation(), g.contact(), g.messages()));
        facts.put(g.conversation().id(),
                ThreadFacts.of(g.conversation().id(), g.conversation().platform(), g.contact().id(), g.messages()));
    }

    private static void run(List<ConversationSummary> sums, Map<String, ThreadFacts> facts, TriagePolicy policy,
            Instant now) {
        ZoneId zone = NOW.getZone();
        time("baseline: copy + sort summaries by last message", () -> {
            List<ConversationSummary> c = new ArrayList<>(sums);
            c.sort(Comparator.comparing(ConversationSummary::lastMessage));
            return c.size();
        });
        PermanenceQueue[] q = new PermanenceQueue[1];
        time("permanence queue (backlog)", () -> {
            q[0] = Triage.queue(sums, TriageState.EMPTY, policy, now);
            return q[0].size();
        });
        time("follow-up side", () -> Triage.followUpSide(sums, TriageState.EMPTY, now).size());
        if (facts != null) {
            Map<String, String> names = Triage.names(sums);
            List<RegisterEntry>[] reg = new List[1];
            time("contact register + relance policy", () -> {
                reg[0] = Triage.register(facts.values(), names, TriageState.EMPTY, policy, now, zone);
                return reg[0].size();
            });
            time("backlog dashboard (bands, workers, weekly reply times)",
                    () -> Triage.backlog(q[0], facts, reg[0], policy, now.minusSeconds(42L * 86_400), now, zone)
                            .replyTimesByWeek().size());
        }
    }

    /**
     * Best of seven runs (the first ones warm the JIT up), as wall time and as this thread's CPU time:
     * on a machine shared with other work the CPU time says what the computation itself costs.
     */
    private static void time(String what, Supplier<Integer> task) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long best = Long.MAX_VALUE;
        long bestCpu = Long.MAX_VALUE;
        int result = 0;
        for (int i = 0; i < 7; i++) {
            long c = mx.getCurrentThreadCpuTime();
            long t = System.nanoTime();
            result = task.get();
            best = Math.min(best, System.nanoTime() - t);
            bestCpu = Math.min(bestCpu, mx.getCurrentThreadCpuTime() - c);
        }
        System.out.printf(Locale.ROOT, "  %-58s %8.1f ms  (cpu %6.1f ms)  (%,d rows)%n", what, best / 1e6, bestCpu / 1e6,
                result);
    }
}

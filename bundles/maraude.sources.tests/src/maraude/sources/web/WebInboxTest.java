package maraude.sources.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.eclipse.core.runtime.NullProgressMonitor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import maraude.core.archive.Archive;
import maraude.core.model.Conversation;
import maraude.core.model.Message;
import maraude.core.model.Platform;
import maraude.imports.ImportOptions;
import maraude.sources.Credentials;
import maraude.sources.InMemoryCredentialStore;
import maraude.sources.MutableClock;
import maraude.sources.PullResult;
import maraude.sources.Sleeper;
import maraude.sources.Source;
import maraude.sources.SourceKind;
import maraude.sources.SourceScheduler;
import maraude.sources.SourceState;
import maraude.sources.SourceStatus;
import maraude.sources.SourceStore;
import maraude.sources.TestSupport;

/** Pulling a simulated ad platform over real HTTP (Jetty on 127.0.0.1), on a test clock. */
class WebInboxTest {

    private static final Instant START = Instant.parse("2026-03-02T08:00:00Z"); //$NON-NLS-1$

    @TempDir
    Path tmp;
    private MutableClock clock;
    private SimPlatform sim;
    private InMemoryCredentialStore credentials;
    private final List<Duration> sleeps = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        clock = new MutableClock(START);
        sim = new SimPlatform(clock);
        credentials = new InMemoryCredentialStore();
        credentials.put("sim", Credentials.login(SimPlatform.USER, SimPlatform.PASSWORD)); //$NON-NLS-1$
    }

    @AfterEach
    void stop() throws Exception {
        sim.close();
    }

    private Archive archive(String name) throws Exception {
        Path dir = tmp.resolve(name);
        Files.createDirectories(dir.resolve(WebInboxPuller.PROFILES_DIR));
        Files.writeString(dir.resolve(WebInboxPuller.PROFILES_DIR).resolve("sim.json"), SimPlatform.profileJson()); //$NON-NLS-1$
        return TestSupport.archive(dir);
    }

    /** Records the waits and really waits them (only Retry-After asks for more than a few ms here). */
    private Sleeper sleeper() {
        return d -> {
            synchronized (sleeps) {
                sleeps.add(d);
            }
            Sleeper.REAL.sleep(d);
        };
    }

    private SourceScheduler scheduler(Archive archive, Duration delay) throws Exception {
        SourceStore store = SourceStore.open(archive.location());
        if (store.get("sim").isEmpty()) { //$NON-NLS-1$
            store.put(Source.create("sim", SourceKind.WEB_INBOX, Platform.AD_INBOX, "sim", sim.base().toString(), //$NON-NLS-1$ //$NON-NLS-2$
                    clock.instant()).withDelay(delay));
        }
        WebInboxPuller puller = new WebInboxPuller(credentials, ImportOptions.defaults(), sleeper(), clock, null,
                Duration.ofSeconds(30));
        return new SourceScheduler(store, Map.of(SourceKind.WEB_INBOX, puller), clock);
    }

    private void seed(int threads, int perThread) {
        for (int t = 1; t <= threads; t++) {
            for (int m = 0; m < perThread; m++) {
                sim.post(t, "Pseudo" + t, m % 2 == 0 ? "Pseudo" + t : "Maraude", "Bonjour " + t + " message " + m, //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
                        m % 2 == 1);
                clock.advance(Duration.ofMinutes(7));
            }
        }
    }

    private static long total(Archive a) {
        return a.stats().messages();
    }

    private static Set<String> texts(Archive a) {
        Set<String> out = new HashSet<>();
        for (Conversation c : a.conversations()) {
            for (Message m : a.messages(c.id())) {
                out.add(m.text());
            }
        }
        return out;
    }

    @Test
    void scheduledPullsArchiveEveryMessageBeforeThePlatformDeletesIt() throws Exception {
        try (Archive a = archive("scheduled"); Archive once = archive("once")) {
            SourceScheduler s = scheduler(a, Duration.ZERO);
            Random r = new Random(3);
            Set<String> sent = new HashSet<>();
            int pulls = 0;
            // Three simulated weeks, a look every 3 hours; new messages arrive all the time.
            for (int step = 0; step < 21 * 8; step++) {
                int thread = 1 + r.nextInt(8);
                boolean out = r.nextInt(3) == 0;
                String text = "Message " + step + " dans le fil " + thread; //$NON-NLS-1$ //$NON-NLS-2$
                sim.post(thread, "Pseudo" + thread, out ? "Maraude" : "Pseudo" + thread, text, out); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
                sent.add(text);
                clock.advance(Duration.ofHours(3));
                sim.expire();
                for (PullResult p : s.runDue(a, new NullProgressMonitor())) {
                    assertEquals(SourceState.OK, p.state(), p.error());
                    pulls++;
                }
            }
            assertTrue(sim.deleted() > 100, "the platform deleted messages older than a week: " + sim.deleted()); //$NON-NLS-1$
            Set<String> archived = texts(a);
            List<String> lost = sim.deletedTexts.stream().filter(t -> !archived.contains(t)).toList();
            assertEquals(List.of(), lost, "every message the platform deleted had been archived before"); //$NON-NLS-1$
            // What arrived since the last scheduled pull is still on the platform: a pull now gets it.
            assertEquals(SourceState.OK, s.pull("sim", a, new NullProgressMonitor()).state()); //$NON-NLS-1$
            assertEquals(sent.size(), total(a), "every message sent is archived"); //$NON-NLS-1$
            assertEquals(sent, texts(a));
            // Twice a day at most (interval 12 h, half the retention is 3.5 days).
            assertTrue(pulls >= 40 && pulls <= 43, "pulls: " + pulls); //$NON-NLS-1$

            // The control: pulling only now gets what is left on the platform, not what vanished.
            SourceScheduler late = scheduler(once, Duration.ZERO);
            PullResult p = late.pull("sim", once, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.OK, p.state());
            assertEquals(sim.visibleMessages(), total(once));
            assertTrue(total(once) < total(a));

            SourceStatus st = s.status().get(0);
            assertFalse(st.overdue());
            assertFalse(st.atRisk());
            assertNotNull(st.deadline());
        }
    }

    @Test
    void rePullAddsNothingTwiceAndFetchesOnlyPages() throws Exception {
        seed(7, 4); // 3 inbox pages of 3 threads
        try (Archive a = archive("a")) {
            SourceScheduler s = scheduler(a, Duration.ZERO);
            PullResult first = s.pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.OK, first.state(), first.error());
            assertEquals(28, first.added());
            assertEquals(28, total(a));
            assertEquals(7, a.conversations().size());
            long outbound = a.conversations().stream().flatMap(c -> a.messages(c.id()).stream())
                    .filter(Message::isOutbound).count();
            assertEquals(14, outbound, "the profile's outbound selector marks our replies"); //$NON-NLS-1$

            PullResult again = s.pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.OK, again.state());
            assertEquals(0, again.added());
            assertEquals(28, again.duplicates());
            assertEquals(28, total(a));

            assertEquals(3 * 2, sim.log.stream().filter(h -> h.path().startsWith("/inbox") && h.status() == 200).count(), //$NON-NLS-1$
                    "three inbox pages per pull"); //$NON-NLS-1$
            assertEquals(0, sim.count("GET", "/img/") + sim.count("GET", "/js/"), "no image, script or style"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$ //$NON-NLS-4$ //$NON-NLS-5$
            assertTrue(sim.log.stream().allMatch(h -> h.userAgent() != null && h.userAgent().startsWith("Maraude/"))); //$NON-NLS-1$
            assertEquals(2, sim.count("POST", "/login"), "one login per pull"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            try (var files = Files.list(a.location().resolve("sources").resolve("tmp"))) { //$NON-NLS-1$ //$NON-NLS-2$
                assertEquals(0, files.count(), "no page left on disk after the pull"); //$NON-NLS-1$
            }
            assertEquals(SourceState.OK, s.store().get("sim").orElseThrow().state()); //$NON-NLS-1$
        }
    }

    @Test
    void politeDelaySeparatesRequests() throws Exception {
        seed(4, 1);
        try (Archive a = archive("a")) {
            scheduler(a, Duration.ofMillis(120)).pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertTrue(sim.log.size() >= 7);
            for (int i = 1; i < sim.log.size(); i++) {
                long gap = sim.log.get(i).nanos() - sim.log.get(i - 1).nanos();
                assertTrue(gap >= Duration.ofMillis(120).toNanos(), "gap before request " + i + ": " + gap); //$NON-NLS-1$ //$NON-NLS-2$
            }
        }
    }

    @Test
    void retryAfterIsHonoured() throws Exception {
        seed(5, 2);
        sim.tooManyOnce.put("/inbox?page=2", 1L); //$NON-NLS-1$
        try (Archive a = archive("a")) {
            PullResult p = scheduler(a, Duration.ZERO).pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.OK, p.state(), p.error());
            assertEquals(10, p.added());
            List<SimPlatform.Hit> page2 = sim.log.stream().filter(h -> h.path().equals("/inbox?page=2")).toList(); //$NON-NLS-1$
            assertEquals(2, page2.size());
            assertEquals(429, page2.get(0).status());
            assertEquals(200, page2.get(1).status());
            assertTrue(page2.get(1).nanos() - page2.get(0).nanos() >= Duration.ofSeconds(1).toNanos(),
                    "the retry waited the second the platform asked for"); //$NON-NLS-1$
        }
    }

    @Test
    void longRetryAfterPostponesThePull() throws Exception {
        seed(2, 1);
        sim.tooManyOnce.put("/inbox", 7200L); //$NON-NLS-1$
        try (Archive a = archive("a")) {
            SourceScheduler s = scheduler(a, Duration.ZERO);
            PullResult p = s.pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.FAILING, p.state());
            assertEquals(clock.instant().plusSeconds(7200), p.retryAfter());
            assertTrue(sleeps.stream().noneMatch(d -> d.toSeconds() >= 60), "did not sit for two hours"); //$NON-NLS-1$
            Source after = s.store().get("sim").orElseThrow(); //$NON-NLS-1$
            assertEquals(clock.instant().plusSeconds(7200), SourceScheduler.nextPull(after));
            assertFalse(s.status().get(0).due());
            clock.advance(Duration.ofHours(2));
            assertTrue(s.status().get(0).due());
            assertEquals(SourceState.OK, s.pull("sim", a, new NullProgressMonitor()).state()); //$NON-NLS-1$
            assertEquals(2, total(a));
        }
    }

    @Test
    void inboxLayoutChangeIsAClearErrorNotZeroImports() throws Exception {
        seed(3, 2);
        sim.inboxLayoutChanged = true;
        try (Archive a = archive("a")) {
            SourceScheduler s = scheduler(a, Duration.ZERO);
            PullResult p = s.pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.PROFILE_MISMATCH, p.state());
            assertTrue(p.error().contains("\"sim\"") || p.error().contains("\u00absim") || p.error().contains("sim"), p.error()); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            assertTrue(p.error().contains("ul.threads"), p.error()); //$NON-NLS-1$
            assertTrue(p.error().contains("/inbox"), p.error()); //$NON-NLS-1$
            SourceStatus st = s.status().get(0);
            assertTrue(st.needsAttention());
            clock.advance(Duration.ofDays(2));
            assertFalse(s.status().get(0).due(), "a stale profile is not retried blindly"); //$NON-NLS-1$
            assertTrue(s.status().get(0).overdue(), "but reported"); //$NON-NLS-1$
        }
    }

    @Test
    void threadLayoutChangeIsAClearError() throws Exception {
        seed(3, 2);
        sim.threadLayoutChanged = true;
        try (Archive a = archive("a")) {
            PullResult p = scheduler(a, Duration.ZERO).pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.PROFILE_MISMATCH, p.state());
            assertTrue(p.error().contains("div.message"), p.error()); //$NON-NLS-1$
            assertTrue(p.error().contains("/thread/"), p.error()); //$NON-NLS-1$
            assertEquals(0, total(a));
        }
    }

    @Test
    void brokenPageIsReportedAndTheOthersArePulled() throws Exception {
        seed(4, 3);
        sim.brokenThread = 2;
        try (Archive a = archive("a")) {
            PullResult p = scheduler(a, Duration.ZERO).pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.PARTIAL, p.state());
            assertEquals(9, p.added());
            assertTrue(p.problems().stream().anyMatch(s -> s.contains("/thread/2") && s.contains("500")), //$NON-NLS-1$ //$NON-NLS-2$
                    p.problems().toString());
        }
    }

    @Test
    void refusedLoginStopsAtOnceAndIsNotRetriedBlindly() throws Exception {
        seed(2, 1);
        credentials.put("sim", Credentials.login(SimPlatform.USER, "wrong")); //$NON-NLS-1$ //$NON-NLS-2$
        try (Archive a = archive("a")) {
            SourceScheduler s = scheduler(a, Duration.ZERO);
            PullResult p = s.pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.LOGIN_FAILED, p.state());
            assertTrue(p.error().contains("127.0.0.1"), p.error()); //$NON-NLS-1$
            assertFalse(p.error().contains("wrong"), "never the password"); //$NON-NLS-1$
            assertEquals(1, sim.count("POST", "/login")); //$NON-NLS-1$ //$NON-NLS-2$
            clock.advance(Duration.ofDays(1));
            assertTrue(s.runDue(a, new NullProgressMonitor()).isEmpty());
            assertEquals(1, sim.count("POST", "/login"), "no blind retry"); //$NON-NLS-1$ //$NON-NLS-2$ //$NON-NLS-3$
            assertFalse(Files.readString(s.store().file()).contains("wrong")); //$NON-NLS-1$
        }
    }

    @Test
    void pastedSessionCookieSkipsTheLoginForm() throws Exception {
        seed(2, 2);
        credentials.put("sim", Credentials.cookie("lang=fr; sid=" + sim.openSession())); //$NON-NLS-1$ //$NON-NLS-2$
        try (Archive a = archive("a")) {
            PullResult p = scheduler(a, Duration.ZERO).pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.OK, p.state(), p.error());
            assertEquals(4, p.added());
            assertEquals(0, sim.count("POST", "/login")); //$NON-NLS-1$ //$NON-NLS-2$
        }
        credentials.put("sim", Credentials.cookie("sid=expired")); //$NON-NLS-1$ //$NON-NLS-2$
        try (Archive a = archive("b")) {
            PullResult p = scheduler(a, Duration.ZERO).pull("sim", a, new NullProgressMonitor()); //$NON-NLS-1$
            assertEquals(SourceState.LOGIN_FAILED, p.state());
        }
    }
}

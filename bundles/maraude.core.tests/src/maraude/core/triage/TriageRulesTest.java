package maraude.core.triage;

import static maraude.core.triage.Timeline.at;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import maraude.core.archive.ConversationSummary;
import maraude.core.model.Platform;

class TriageRulesTest {

    private static final TriagePolicy POLICY = TriagePolicy.defaults();

    private static PermanenceQueue queue(TriageState st, String now, Timeline... t) {
        return Triage.queue(summaries(t), st, POLICY, at(now));
    }

    private static List<ConversationSummary> summaries(Timeline... t) {
        return List.of(t).stream().map(Timeline::summary).collect(Collectors.toList());
    }

    private static TriageState withState(ConversationState... cs) {
        return new TriageState(List.of(cs).stream().collect(Collectors.toMap(ConversationState::conversationId, c -> c)),
                null, null, null);
    }

    // ------------------------------------------------------------------------- awaiting rule

    @Test
    void aThreadAwaitsAReplyWhenItsLastMeaningfulMessageIsInbound() {
        Timeline waiting = Timeline.of(Platform.SMS, "a").in("2026-05-04 09:00").out("2026-05-04 10:00")
                .in("2026-05-04 11:00").in("2026-05-04 11:30").sys("2026-05-04 12:00");
        Timeline answered = Timeline.of(Platform.SMS, "b").in("2026-05-04 09:00").out("2026-05-04 10:00")
                .sys("2026-05-04 12:00");
        Timeline onlySystem = Timeline.of(Platform.WHATSAPP, "c").sys("2026-05-04 09:00");
        PermanenceQueue q = queue(TriageState.EMPTY, "2026-05-04 13:00", waiting, answered, onlySystem);
        assertEquals(1, q.size());
        QueueItem item = q.items().get(0);
        assertEquals(waiting.id(), item.conversationId());
        assertEquals(at("2026-05-04 11:00"), item.waitingSince(), "age runs from the oldest unanswered inbound");
        assertEquals(Duration.ofHours(2), item.age());
    }

    @Test
    void springForwardShortensTheRealWait() {
        // 01:30 CET to 05:30 CEST on 29 March 2026 is 3 hours, not 4: still the youngest band.
        Timeline t = Timeline.of(Platform.SMS, "dst").in("2026-03-29 01:30");
        QueueItem item = queue(TriageState.EMPTY, "2026-03-29 05:30", t).items().get(0);
        assertEquals(Duration.ofHours(3), item.age());
        assertEquals(0, item.band());
        assertEquals("<4h", item.bandKey());
    }

    @Test
    void fallBackLengthensTheRealWait() {
        // 01:30 CEST to 05:30 CET on 25 October 2026 is 5 hours: second band.
        Timeline t = Timeline.of(Platform.SMS, "dst").in("2026-10-25 01:30");
        QueueItem item = queue(TriageState.EMPTY, "2026-10-25 05:30", t).items().get(0);
        assertEquals(Duration.ofHours(5), item.age());
        assertEquals(1, item.band());
        assertEquals("4h-1d", item.bandKey());
    }

    @Test
    void bandsHaveInclusiveLowerBoundsAndCanBeConfigured() {
        AgeBands b = AgeBands.defaults();
        assertEquals(List.of("<4h", "4h-1d", "1d-3d", ">3d"), b.keys());
        assertEquals(0, b.bandOf(Duration.ofHours(4).minusSeconds(1)));
        assertEquals(1, b.bandOf(Duration.ofHours(4)));
        assertEquals(2, b.bandOf(Duration.ofDays(1)));
        assertEquals(3, b.bandOf(Duration.ofDays(3)));
        assertEquals(0, b.bandOf(Duration.ofMinutes(-5)));
        AgeBands custom = new AgeBands(List.of(Duration.ofMinutes(30), Duration.ofHours(2)));
        assertEquals(List.of("<30min", "30min-2h", ">2h"), custom.keys());
        Timeline t = Timeline.of(Platform.SMS, "x").in("2026-05-04 09:00");
        QueueItem item = Triage.queue(List.of(t.summary()), TriageState.EMPTY, POLICY.withBands(custom),
                at("2026-05-04 10:00")).items().get(0);
        assertEquals(1, item.band());
        assertThrows(IllegalArgumentException.class, () -> new AgeBands(List.of(Duration.ofHours(2), Duration.ofHours(1))));
        assertThrows(IllegalArgumentException.class, () -> new AgeBands(List.of(Duration.ZERO)));
    }

    @Test
    void responseTargetsArePerPlatform() {
        Timeline ad = Timeline.of(Platform.AD_INBOX, "ad").in("2026-05-04 08:00");
        Timeline sms = Timeline.of(Platform.SMS, "sms").in("2026-05-04 08:00");
        Map<String, QueueItem> q = queue(TriageState.EMPTY, "2026-05-04 21:00", ad, sms).items().stream()
                .collect(Collectors.toMap(QueueItem::conversationId, i -> i));
        assertTrue(q.get(ad.id()).overdue(), "ad platforms: 12 h target");
        assertFalse(q.get(sms.id()).overdue(), "others: 24 h");
        TriagePolicy strict = POLICY.withResponseTarget(Platform.SMS, Duration.ofHours(1));
        assertTrue(Triage.queue(List.of(sms.summary()), TriageState.EMPTY, strict, at("2026-05-04 10:00")).items()
                .get(0).overdue());
    }

    // ------------------------------------------------------------------------- expiry and urgency

    @Test
    void threadsAboutToVanishComeFirstThenTheOldest() {
        Timeline adSoon = Timeline.of(Platform.AD_INBOX, "soon").in("2026-05-05 12:00"); // expires 05-12 12:00
        Timeline adSooner = Timeline.of(Platform.AD_INBOX, "sooner").in("2026-05-05 09:00"); // expires 05-12 09:00
        Timeline adLater = Timeline.of(Platform.AD_INBOX, "later").in("2026-05-10 09:00");
        Timeline smsOld = Timeline.of(Platform.SMS, "old").in("2026-05-01 09:00");
        Timeline smsNew = Timeline.of(Platform.SMS, "new").in("2026-05-11 09:00");
        Timeline adGone = Timeline.of(Platform.AD_INBOX, "gone").in("2026-05-02 09:00");
        PermanenceQueue q = queue(TriageState.EMPTY, "2026-05-11 10:00", smsNew, adLater, smsOld, adSoon, adGone,
                adSooner);
        assertEquals(List.of(adSooner.id(), adSoon.id(), smsOld.id(), adGone.id(), adLater.id(), smsNew.id()),
                q.items().stream().map(QueueItem::conversationId).collect(Collectors.toList()));
        QueueItem first = q.items().get(0);
        assertEquals(at("2026-05-12 09:00"), first.expiresAt());
        assertTrue(first.expiringSoon());
        QueueItem gone = q.items().get(3);
        assertTrue(gone.expired());
        assertFalse(gone.expiringSoon());
        assertNull(q.items().get(2).expiresAt(), "SMS keeps its messages");
        assertEquals(2, q.expiringSoon());
        assertEquals(1, q.expired());
    }

    @Test
    void expiryCountsRealDaysAcrossDaylightSaving() {
        // Seven days of 24 h after 27 March 12:00 CET is 3 April 13:00 CEST.
        assertEquals(at("2026-04-03 13:00"), Triage.expiry(Platform.AD_INBOX, at("2026-03-27 12:00")));
        assertNull(Triage.expiry(Platform.WHATSAPP, at("2026-03-27 12:00")));
    }

    // ------------------------------------------------------------------------- worker states

    @Test
    void aStateHoldsUntilANewerInboundMessage() {
        Timeline t = Timeline.of(Platform.SMS, "s").in("2026-05-04 09:00");
        ConversationState handled = new ConversationState(t.id(), WorkerState.HANDLED, at("2026-05-04 10:00"),
                "youssef", null, null);
        PermanenceQueue q = queue(withState(handled), "2026-05-04 11:00", t);
        assertEquals(0, q.size());
        assertEquals(Map.of(WorkerState.HANDLED, 1), q.hidden());
        t.in("2026-05-04 12:00");
        PermanenceQueue after = queue(withState(handled), "2026-05-04 13:00", t);
        assertEquals(1, after.size(), "a newer message brings the thread back");
        assertEquals(at("2026-05-04 09:00"), after.items().get(0).waitingSince());
    }

    @Test
    void aSnoozeEndsAtItsDate() {
        Timeline t = Timeline.of(Platform.SMS, "s").in("2026-05-04 09:00");
        ConversationState snoozed = new ConversationState(t.id(), WorkerState.SNOOZED, at("2026-05-04 10:00"), "an",
                at("2026-05-06 09:00"), null);
        assertEquals(0, queue(withState(snoozed), "2026-05-05 09:00", t).size());
        PermanenceQueue back = queue(withState(snoozed), "2026-05-06 09:00", t);
        assertEquals(1, back.size());
        assertTrue(back.items().get(0).backFromSnooze());
    }

    @Test
    void theTwoQueuesNeverShareAThread() {
        Timeline theyWrote = Timeline.of(Platform.SMS, "1").out("2026-05-01 10:00").in("2026-05-02 10:00");
        Timeline weWrote = Timeline.of(Platform.SMS, "2").in("2026-05-01 10:00").out("2026-05-02 10:00");
        Timeline never = Timeline.of(Platform.AD_INBOX, "3").out("2026-05-01 10:00");
        Timeline waitingForPerson = Timeline.of(Platform.SMS, "4").out("2026-05-01 10:00").in("2026-05-02 10:00");
        TriageState st = withState(new ConversationState(waitingForPerson.id(), WorkerState.WAITING_FOR_PERSON,
                at("2026-05-02 11:00"), "camille", null, null));
        List<ConversationSummary> sums = summaries(theyWrote, weWrote, never, waitingForPerson);
        PermanenceQueue q = Triage.queue(sums, st, POLICY, at("2026-05-03 10:00"));
        List<FollowUpItem> f = Triage.followUpSide(sums, st, at("2026-05-03 10:00"));
        assertEquals(List.of(theyWrote.id()), q.items().stream().map(QueueItem::conversationId).toList());
        assertEquals(List.of(never.id(), weWrote.id(), waitingForPerson.id()),
                f.stream().map(x -> x.summary().conversationId()).toList());
        assertTrue(f.get(0).neverAnswered());
        assertFalse(f.get(1).neverAnswered());
        assertTrue(f.get(2).waitingForPerson());
        assertEquals(Duration.ofDays(2), f.get(0).silence());
    }

    @Test
    void newSinceTheLastPermanenceIsFlagged() {
        Timeline before = Timeline.of(Platform.SMS, "before").in("2026-05-04 09:00");
        Timeline after = Timeline.of(Platform.SMS, "after").in("2026-05-04 15:00");
        TriageState st = new TriageState(null, null, null, List.of(
                new PermanenceSession("s1", "an", at("2026-05-04 10:00"), at("2026-05-04 14:00"), "voir Luna"),
                new PermanenceSession("s0", "an", at("2026-05-03 10:00"), at("2026-05-03 14:00"), ""),
                new PermanenceSession("s2", "youssef", at("2026-05-04 16:00"), null, "")));
        PermanenceQueue q = queue(st, "2026-05-04 16:30", before, after);
        assertEquals(at("2026-05-04 14:00"), q.newSince());
        Map<String, Boolean> fresh = q.items().stream()
                .collect(Collectors.toMap(QueueItem::conversationId, QueueItem::isNew));
        assertEquals(Map.of(before.id(), false, after.id(), true), fresh);
        assertEquals(1, q.fresh());
        assertEquals("voir Luna", st.lastEndedSession().orElseThrow().handoverNote());
        assertEquals("s2", st.openSession().orElseThrow().id());
    }

    @Test
    void cautionFlagsTravelWithTheContact() {
        Timeline t = Timeline.of(Platform.AD_INBOX, "suspect").in("2026-05-04 09:00");
        TriageState st = new TriageState(null,
                Map.of(t.contact.id(), new ContactFlags(t.contact.id(), false, true, "profil suspect (police ?)",
                        at("2026-05-01 10:00"), "an")),
                null, null);
        QueueItem item = queue(st, "2026-05-04 10:00", t).items().get(0);
        assertTrue(item.contact().caution());
        assertEquals("profil suspect (police ?)", item.contact().cautionNote());
    }

    // ------------------------------------------------------------------------- register and relance

    @Test
    void oneGentleFollowUpThreeCalendarMonthsAfterOurLastMessage() {
        // 29 Dec 10:00 CET + 3 months = 29 March 10:00 CEST (the clock time stays).
        Timeline t = Timeline.of(Platform.AD_INBOX, "silent").out("2025-12-29 10:00");
        List<RegisterEntry> reg = Triage.register(List.of(t.facts()), Map.of(), TriageState.EMPTY, POLICY,
                at("2026-03-25 12:00"), Timeline.BXL);
        RegisterEntry e = reg.get(0);
        assertTrue(e.initiatedByService());
        assertTrue(e.neverAnswered());
        assertEquals(at("2026-03-29 10:00"), e.nextFollowUp());
        // Wednesday 25 March: the week ends Monday 30 March 00:00, the follow-up is due this week.
        assertEquals(1, Triage.dueThisWeek(reg, at("2026-03-25 12:00"), Timeline.BXL).size());
        assertEquals(0, Triage.dueThisWeek(reg, at("2026-03-20 12:00"), Timeline.BXL).size());
        assertEquals(at("2026-03-30 00:00"), Triage.endOfWeek(at("2026-03-29 23:59"), Timeline.BXL));
    }

    @Test
    void followUpsStopAtTheMaximum() {
        Timeline t = Timeline.of(Platform.SMS, "x").out("2025-12-29 10:00").out("2026-03-30 10:00");
        ThreadFacts f = t.facts();
        assertEquals(List.of(at("2026-03-30 10:00")), f.followUps(POLICY.followUpDetectGap()));
        RegisterEntry one = Triage.register(List.of(f), Map.of(), TriageState.EMPTY, POLICY, at("2026-08-01 10:00"),
                Timeline.BXL).get(0);
        assertEquals(1, one.followUpsSent());
        assertNull(one.nextFollowUp(), "default: one follow-up at most");
        RegisterEntry two = Triage.register(List.of(f), Map.of(), TriageState.EMPTY,
                POLICY.withFollowUps(Period.ofMonths(3), 2), at("2026-08-01 10:00"), Timeline.BXL).get(0);
        assertEquals(at("2026-06-30 10:00"), two.nextFollowUp());
    }

    @Test
    void noFollowUpForDoNotContactActiveOrWaitingThreads() {
        Timeline dnc = Timeline.of(Platform.SMS, "dnc").out("2025-10-01 10:00");
        Timeline active = Timeline.of(Platform.SMS, "active").out("2025-10-01 10:00").in("2026-04-20 10:00")
                .out("2026-04-21 10:00");
        Timeline theyWroteLast = Timeline.of(Platform.SMS, "last").out("2025-10-01 10:00").in("2025-10-02 10:00");
        TriageState st = new TriageState(null, Map.of(dnc.contact.id(),
                new ContactFlags(dnc.contact.id(), true, false, "", null, "")), null, null);
        List<RegisterEntry> reg = Triage.register(List.of(dnc.facts(), active.facts(), theyWroteLast.facts()),
                Map.of(), st, POLICY, at("2026-05-01 10:00"), Timeline.BXL);
        for (RegisterEntry e : reg) {
            assertNull(e.nextFollowUp(), e.contactId());
        }
        // Silent again for three months: the active one becomes due.
        RegisterEntry later = Triage.register(List.of(active.facts()), Map.of(), st, POLICY, at("2026-07-25 10:00"),
                Timeline.BXL).get(0);
        assertEquals(at("2026-07-21 10:00"), later.nextFollowUp());
        assertFalse(later.neverAnswered());
    }

    @Test
    void threadsOfOneContactAreMergedInTheRegister() {
        Timeline a = Timeline.of(Platform.SMS, "same").out("2026-01-05 10:00");
        Timeline b = Timeline.of(Platform.SMS, "same").in("2026-02-05 10:00");
        List<RegisterEntry> reg = Triage.register(List.of(a.facts(), b.facts()), Map.of(a.contact.id(), "Luna"),
                TriageState.EMPTY, POLICY, at("2026-05-01 10:00"), Timeline.BXL);
        assertEquals(1, reg.size());
        assertEquals("Luna", reg.get(0).contactName());
        assertEquals(1, reg.get(0).replies());
        assertFalse(reg.get(0).neverAnswered());
        assertNull(reg.get(0).nextFollowUp(), "the person wrote last");
    }

    // ------------------------------------------------------------------------- campaigns

    @Test
    void repliesAreAttributedToTheCampaignThatReachedThePerson() {
        Instant c1 = at("2026-03-03 10:00");
        Instant c2 = at("2026-03-17 10:00");
        Timeline r1 = Timeline.of(Platform.SMS, "r1").out("2026-03-03 10:05").in("2026-03-10 18:00");
        Timeline late = Timeline.of(Platform.SMS, "late").out("2026-03-03 10:06").in("2026-04-20 18:00");
        Timeline silent = Timeline.of(Platform.SMS, "silent").out("2026-03-03 10:07").out("2026-03-17 10:01");
        Timeline both = Timeline.of(Platform.SMS, "both").out("2026-03-03 10:08").out("2026-03-17 10:02")
                .in("2026-03-18 09:00");
        Timeline otherPlatform = Timeline.of(Platform.WHATSAPP, "wa").out("2026-03-03 10:05").in("2026-03-04 10:00");
        Timeline workerLater = Timeline.of(Platform.SMS, "w").out("2026-03-03 15:00").in("2026-03-04 10:00");
        List<CampaignResult> res = Triage.campaigns(
                List.of(r1.facts(), late.facts(), silent.facts(), both.facts(), otherPlatform.facts(),
                        workerLater.facts()),
                List.of(new Campaign("c2", "bus avril", c2, Platform.SMS, 0),
                        new Campaign("c1", "bus mars", c1, Platform.SMS, 2000)),
                POLICY);
        assertEquals("c1", res.get(0).campaign().id());
        assertEquals(4, res.get(0).recipientsSeen());
        assertEquals(1, res.get(0).replied(), "late replies and replies to a later campaign are not counted");
        assertEquals(2000, res.get(0).denominator());
        assertEquals(1 / 2000.0, res.get(0).responseRate(), 1e-12);
        assertEquals(2, res.get(1).recipientsSeen());
        assertEquals(1, res.get(1).replied());
        assertEquals(0.5, res.get(1).responseRate(), 1e-12);
    }

    // ------------------------------------------------------------------------- reply times and backlog

    @Test
    void replyTimesGroupByLocalWeekAcrossDaylightSaving() {
        // Sunday 29 March 23:30 CEST belongs to the week of Monday 23 March; Monday 00:30 to the next.
        Timeline a = Timeline.of(Platform.SMS, "a").in("2026-03-29 23:30").out("2026-03-30 09:30");
        Timeline b = Timeline.of(Platform.SMS, "b").in("2026-03-30 00:30").in("2026-03-30 01:00")
                .out("2026-03-30 02:30").in("2026-03-30 03:00").out("2026-03-30 04:00");
        Timeline c = Timeline.of(Platform.SMS, "c").in("2026-03-31 10:00"); // not answered: no sample
        List<ReplyTimeStats> weeks = Triage.replyTimesByWeek(List.of(a.facts(), b.facts(), c.facts()),
                at("2026-03-23 00:00"), at("2026-04-06 00:00"), Timeline.BXL);
        assertEquals(2, weeks.size());
        assertEquals(LocalDate.of(2026, 3, 23), weeks.get(0).weekStart());
        assertEquals(1, weeks.get(0).count());
        assertEquals(Duration.ofHours(10), weeks.get(0).median());
        ReplyTimeStats w2 = weeks.get(1);
        assertEquals(LocalDate.of(2026, 3, 30), w2.weekStart());
        assertEquals(2, w2.count());
        assertEquals(Duration.ofHours(1), w2.median(), "nearest rank of {1 h, 2 h}");
        assertEquals(Duration.ofHours(2), w2.p90());
    }

    @Test
    void percentilesUseTheNearestRank() {
        long[] a = { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };
        assertEquals(5, Triage.percentile(a, 0.5));
        assertEquals(9, Triage.percentile(a, 0.9));
        assertEquals(7, Triage.percentile(new long[] { 7 }, 0.9));
    }

    @Test
    void backlogCountsBandsPerPlatformAndWorker() {
        Timeline a = Timeline.of(Platform.SMS, "a").out("2026-05-01 10:00", "youssef").in("2026-05-04 09:00");
        Timeline b = Timeline.of(Platform.AD_INBOX, "b").in("2026-05-04 11:00");
        Timeline c = Timeline.of(Platform.SMS, "c").out("2026-05-01 10:00", "an").in("2026-05-01 11:00");
        List<Timeline> all = List.of(a, b, c);
        Instant now = at("2026-05-04 12:00");
        PermanenceQueue q = Triage.queue(all.stream().map(Timeline::summary).toList(), TriageState.EMPTY, POLICY, now);
        Map<String, ThreadFacts> facts = all.stream().collect(Collectors.toMap(Timeline::id, Timeline::facts));
        BacklogStats s = Triage.backlog(q, facts, List.of(), POLICY, at("2026-04-27 00:00"), now, Timeline.BXL);
        assertEquals(List.of("<4h", "4h-1d", "1d-3d", ">3d"), s.bandKeys());
        assertEquals(List.of(2, 0, 0, 1), toList(s.total()));
        assertEquals(List.of(1, 0, 0, 1), toList(s.byPlatform().get(Platform.SMS)));
        assertEquals(List.of(1, 0, 0, 0), toList(s.byPlatform().get(Platform.AD_INBOX)));
        assertEquals(List.of(1, 0, 0, 0), toList(s.byWorker().get("youssef")));
        assertEquals(List.of(1, 0, 0, 0), toList(s.byWorker().get("")), "nobody wrote to b yet");
        assertEquals(List.of(0, 0, 0, 1), toList(s.byWorker().get("an")));
        assertEquals(c.id(), s.oldestWaiting().conversationId());
        assertEquals(List.of(2, 0, 0, 1), toList(q.byBand()));
    }

    private static List<Integer> toList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
